package org.pyrite.infer.mcmc;

import org.pyrite.Model;
import org.pyrite.distributions.Rng;

/**
 * Hamiltonian Monte Carlo with a fixed trajectory length (Pyro's {@code HMC}): each transition
 * draws a momentum, takes {@code max(1, trajectoryLength / stepSize)} leapfrog steps (or a fixed
 * {@link #numSteps}), and accepts the end point with the Metropolis probability
 * {@code min(1, exp(H0 - H))}. A trajectory whose energy error exceeds
 * {@value HamiltonianKernel#MAX_ENERGY_ERROR}, or reaches a non-finite density, is a divergence
 * and is rejected.
 *
 * <pre>{@code
 * MCMC<Data> mcmc = new MCMC<>(new HMC<>(model).trajectoryLength(2.0), 1000, 500);
 * }</pre>
 *
 * @param <A> the model's argument type
 */
public final class HMC<A> extends HamiltonianKernel<A, HMC<A>> {
    private double trajectoryLength = 2 * Math.PI;
    private int numSteps;

    /** HMC on the latent sites of {@code model}. */
    public HMC(Model<A, ?> model) {
        super(model);
    }

    /**
     * The integration time of one trajectory (default {@code 2 pi}, as Pyro); the steps follow from
     * the step size. On a near-Gaussian posterior whose covariance the adapted mass matrix matches,
     * {@code 2 pi} is one full period of the dynamics and trajectories end near where they began:
     * choose a shorter length there (or use {@link NUTS}, which needs none).
     */
    public HMC<A> trajectoryLength(double length) {
        if (!(length > 0) || Double.isInfinite(length)) {
            throw new IllegalArgumentException("trajectoryLength must be finite and > 0, got " + length);
        }
        this.trajectoryLength = length;
        this.numSteps = 0;
        return this;
    }

    /** A fixed number of leapfrog steps per trajectory, at least 1, whatever the step size. */
    public HMC<A> numSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("numSteps must be >= 1, got " + steps);
        }
        this.numSteps = steps;
        return this;
    }

    @Override
    Transition transition(Integrator integrator, PhasePoint current, double stepSize, Rng rng) {
        int steps = numSteps > 0 ? numSteps : (int) Math.max(1, Math.min(Integer.MAX_VALUE, trajectoryLength / stepSize));
        integrator.inverseMass.sampleMomentum(rng, current.p);
        double h0 = integrator.hamiltonian(current);
        PhasePoint x = new PhasePoint(current.z.length);
        x.copyFrom(current);
        int taken = 0;
        while (taken < steps) {
            integrator.step(x, stepSize);
            taken++;
            if (x.potential == Double.POSITIVE_INFINITY) {
                break;
            }
        }
        double h = integrator.hamiltonian(x);
        boolean divergent = h - h0 > MAX_ENERGY_ERROR;
        double accept = divergent ? 0.0 : Math.min(1.0, Math.exp(h0 - h));
        if (rng.uniform() < accept) {
            current.copyFrom(x);
        }
        return new Transition(accept, divergent, taken, 0);
    }
}
