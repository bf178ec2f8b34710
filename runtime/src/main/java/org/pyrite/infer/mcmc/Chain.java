package org.pyrite.infer.mcmc;

import java.util.concurrent.CancellationException;
import org.pyrite.distributions.Rng;

/**
 * One Markov chain run start to end on the current thread: its initial point, Stan's warm-up
 * (the step-size heuristic, dual averaging, windowed mass-matrix estimates) and its draws, stored
 * constrained, one flat row per draw. Its randomness is the thread's generator, which
 * {@link MCMC} seeds per chain.
 */
final class Chain<A> {
    private final HamiltonianKernel<A, ?> kernel;
    private final PotentialEnergy<A> potential;
    private final int numSamples;
    private final int warmupSteps;

    /** The draws, {@code numSamples} rows of {@link PotentialEnergy#constrainedSize()} numbers. */
    double[] draws;
    int divergences;
    int warmupDivergences;
    double meanAcceptance;
    double stepSize;
    InverseMass inverseMass;
    long gradientEvaluations;
    private Progress progress;
    private int index;

    Chain(HamiltonianKernel<A, ?> kernel, PotentialEnergy<A> potential, int numSamples, int warmupSteps) {
        this.kernel = kernel;
        this.potential = potential;
        this.numSamples = numSamples;
        this.warmupSteps = warmupSteps;
    }

    /** Reports each transition to {@code progress} as chain {@code index}. */
    void reportTo(Progress progress, int index) {
        this.progress = progress;
        this.index = index;
    }

    private void tick() {
        if (progress != null) {
            progress.tick(index);
        }
        // MCMC interrupts the chains when one fails or the caller is interrupted: stop, do not burn the cores.
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("MCMC chain " + index + " stopped: another chain failed or the caller was interrupted");
        }
    }

    int index() {
        return index;
    }

    PotentialEnergy<A> potential() {
        return potential;
    }

    void run() {
        Rng rng = Rng.current();
        int d = potential.dimension();
        inverseMass = InverseMass.identity(d, kernel.isDenseMass());
        Integrator integrator = new Integrator(potential, inverseMass);
        PhasePoint current = new PhasePoint(d);
        double[] z0 = potential.findInitialPoint(current.grad);
        System.arraycopy(z0, 0, current.z, 0, d);
        current.potential = potential.evaluate(current.z, current.grad);

        double eps = kernel.initialStepSize();
        DualAveraging dual = new DualAveraging(kernel.targetAccept());
        boolean adaptStep = kernel.adaptsStepSize() && warmupSteps > 0;
        if (adaptStep) {
            eps = reasonableStepSize(integrator, current, eps, rng);
            dual.restart(eps);
        }
        WindowedAdaptation windows = kernel.adaptsMassMatrix() ? new WindowedAdaptation(warmupSteps, d, kernel.isDenseMass()) : null;
        for (int i = 0; i < warmupSteps; i++) {
            Transition t = kernel.transition(integrator, current, eps, rng);
            tick();
            if (t.divergent) {
                warmupDivergences++;
            }
            if (adaptStep) {
                eps = dual.update(t.acceptStat);
            }
            if (windows != null && windows.learn(current.z, inverseMass)) {
                // The gradient is unchanged by a new metric; the step size must be found again (as Stan).
                if (adaptStep) {
                    eps = reasonableStepSize(integrator, current, eps, rng);
                    dual.restart(eps);
                }
            }
        }
        if (adaptStep) {
            eps = dual.finalStepSize();
        }
        stepSize = eps;

        int rowSize = potential.constrainedSize();
        draws = new double[numSamples * rowSize];
        double acceptSum = 0;
        for (int i = 0; i < numSamples; i++) {
            Transition t = kernel.transition(integrator, current, eps, rng);
            tick();
            if (t.divergent) {
                divergences++;
            }
            acceptSum += t.acceptStat;
            potential.constrainInto(current.z, draws, i * rowSize);
        }
        meanAcceptance = acceptSum / numSamples;
        gradientEvaluations = integrator.gradientEvaluations();
    }

    /**
     * Stan's {@code init_stepsize}: doubles or halves {@code eps} until one leapfrog step's
     * acceptance probability crosses 0.8.
     */
    private static double reasonableStepSize(Integrator integrator, PhasePoint current, double eps, Rng rng) {
        PhasePoint x = new PhasePoint(current.z.length);
        double logTarget = Math.log(0.8);
        int direction = 0;
        while (true) {
            x.copyFrom(current);
            integrator.inverseMass.sampleMomentum(rng, x.p);
            double h0 = integrator.hamiltonian(x);
            integrator.step(x, eps);
            double deltaH = h0 - integrator.hamiltonian(x);
            if (direction == 0) {
                // Stan tries the first size once more with a fresh momentum before it moves.
                direction = deltaH > logTarget ? 1 : -1;
                continue;
            }
            if (direction == 1 && !(deltaH > logTarget) || direction == -1 && !(deltaH < logTarget)) {
                return eps;
            }
            eps = direction == 1 ? 2 * eps : 0.5 * eps;
            if (eps > 1e7) {
                throw new IllegalStateException("MCMC: the step size grew past 1e7 while searching for one; the posterior"
                        + " is probably improper (a latent site with a flat prior and no data constraining it)");
            }
            if (eps == 0) {
                throw new IllegalStateException("MCMC: no step size keeps one leapfrog step's energy error acceptable; the"
                        + " model's log-density or its gradient is probably not finite near the initial point");
            }
        }
    }
}
