package org.pyrite.infer.mcmc;

import java.util.Objects;
import org.pyrite.Model;
import org.pyrite.distributions.Rng;
import org.pyrite.infer.autoguide.InitStrategy;

/**
 * What {@link HMC} and {@link NUTS} share: the model, the warm-up settings (step size by dual
 * averaging toward {@link #targetAcceptProb}, a diagonal or dense mass matrix from Stan's windowed
 * variance estimates) and the init strategy. A kernel holds settings only; {@link MCMC} runs each
 * chain with its own state, so one kernel serves many chains at once.
 *
 * @param <A> the model's argument type
 * @param <K> the kernel's own type, so settings chain: {@code new NUTS<>(m).denseMass(true).maxTreeDepth(8)}
 */
public abstract class HamiltonianKernel<A, K extends HamiltonianKernel<A, K>> {
    /** A trajectory whose energy grows by more than this diverged (Stan's and NumPyro's bound). */
    public static final double MAX_ENERGY_ERROR = 1000.0;

    private final Model<A, ?> model;
    private double stepSize = 1.0;
    private boolean adaptStepSize = true;
    private boolean adaptMassMatrix = true;
    private boolean denseMass;
    private double targetAcceptProb = 0.8;
    private InitStrategy initStrategy = InitStrategy.initToUniform();

    HamiltonianKernel(Model<A, ?> model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @SuppressWarnings("unchecked")
    private K self() {
        return (K) this;
    }

    /** The model whose latent sites the kernel samples. */
    public Model<A, ?> model() {
        return model;
    }

    /** The initial step size (default 1; Stan's heuristic then refines it when the step size adapts). */
    public K stepSize(double stepSize) {
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new IllegalArgumentException("stepSize must be finite and > 0, got " + stepSize);
        }
        this.stepSize = stepSize;
        return self();
    }

    /** Whether warm-up adapts the step size by dual averaging (default true). */
    public K adaptStepSize(boolean adapt) {
        this.adaptStepSize = adapt;
        return self();
    }

    /** Whether warm-up adapts the mass matrix from windowed variance estimates (default true). */
    public K adaptMassMatrix(boolean adapt) {
        this.adaptMassMatrix = adapt;
        return self();
    }

    /** A dense mass matrix (the posterior covariance) instead of a diagonal one (default false). */
    public K denseMass(boolean dense) {
        this.denseMass = dense;
        return self();
    }

    /** The acceptance statistic step-size adaptation aims at, in (0, 1) (default 0.8, as Stan and Pyro). */
    public K targetAcceptProb(double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("targetAcceptProb must be in (0, 1), got " + target);
        }
        this.targetAcceptProb = target;
        return self();
    }

    /** How each chain picks its initial point (default {@link InitStrategy#initToUniform()}, as Pyro and Stan). */
    public K initStrategy(InitStrategy init) {
        this.initStrategy = Objects.requireNonNull(init, "init");
        return self();
    }

    double initialStepSize() {
        return stepSize;
    }

    boolean adaptsStepSize() {
        return adaptStepSize;
    }

    boolean adaptsMassMatrix() {
        return adaptMassMatrix;
    }

    boolean isDenseMass() {
        return denseMass;
    }

    double targetAccept() {
        return targetAcceptProb;
    }

    InitStrategy init() {
        return initStrategy;
    }

    /**
     * One transition from {@code current} (position, gradient and potential set), which it
     * replaces by the next state; its momentum is drawn here.
     */
    abstract Transition transition(Integrator integrator, PhasePoint current, double stepSize, Rng rng);
}
