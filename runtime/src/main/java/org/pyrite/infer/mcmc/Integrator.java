package org.pyrite.infer.mcmc;

/**
 * Leapfrog (velocity Verlet) steps of Hamiltonian dynamics for a potential and a mass matrix,
 * and the Hamiltonian of a point. A step that reaches a point where the potential is not finite
 * leaves that point's potential at {@code +Infinity}, which its caller sees as a divergence.
 */
final class Integrator {
    final PotentialEnergy<?> potential;
    final InverseMass inverseMass;
    private final double[] velocity;
    private int gradientEvaluations;

    Integrator(PotentialEnergy<?> potential, InverseMass inverseMass) {
        this.potential = potential;
        this.inverseMass = inverseMass;
        this.velocity = new double[potential.dimension()];
    }

    /** One leapfrog step of size {@code eps} (negative: backwards in time), in place. */
    void step(PhasePoint x, double eps) {
        double[] p = x.p;
        double[] g = x.grad;
        double half = 0.5 * eps;
        for (int i = 0; i < p.length; i++) {
            p[i] -= half * g[i];
        }
        inverseMass.velocity(p, velocity);
        double[] z = x.z;
        for (int i = 0; i < z.length; i++) {
            z[i] += eps * velocity[i];
        }
        x.potential = potential.evaluate(z, g);
        gradientEvaluations++;
        if (x.potential == Double.POSITIVE_INFINITY) {
            return;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] -= half * g[i];
        }
    }

    /** Potential plus kinetic energy; {@code +Infinity} where either is not finite. */
    double hamiltonian(PhasePoint x) {
        double h = x.potential + inverseMass.kinetic(x.p);
        return Double.isNaN(h) ? Double.POSITIVE_INFINITY : h;
    }

    /** {@code M^-1 p} of the point (Stan's {@code p_sharp}) into {@code out}. */
    void pSharp(PhasePoint x, double[] out) {
        inverseMass.velocity(x.p, out);
    }

    /** How many gradients the steps have taken so far. */
    int gradientEvaluations() {
        return gradientEvaluations;
    }
}
