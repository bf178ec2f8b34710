package org.pyrite.infer.mcmc;

/**
 * A point of a Hamiltonian trajectory: position (unconstrained), momentum, the potential's
 * gradient at the position and the potential itself. Mutable, so trajectories reuse their arrays
 * instead of allocating one set per leapfrog step.
 */
final class PhasePoint {
    final double[] z;
    final double[] p;
    final double[] grad;
    double potential;

    PhasePoint(int dimension) {
        z = new double[dimension];
        p = new double[dimension];
        grad = new double[dimension];
    }

    void copyFrom(PhasePoint o) {
        System.arraycopy(o.z, 0, z, 0, z.length);
        System.arraycopy(o.p, 0, p, 0, p.length);
        System.arraycopy(o.grad, 0, grad, 0, grad.length);
        potential = o.potential;
    }
}
