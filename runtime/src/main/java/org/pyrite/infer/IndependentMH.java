package org.pyrite.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pyrite.Model;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Autograd;

/**
 * Independent Metropolis-Hastings over whole traces: each step proposes a fresh trace from the
 * model's prior (or from a guide), independently of the current one, and moves to it with
 * probability {@code min(1, w' / w)}, where {@code w} is the importance weight
 * ({@code p(x, z) / q(z)}; the likelihood of the observed sites under a prior proposal). The chain
 * leaves the posterior invariant; it mixes well when the proposal covers the posterior, and sticks
 * where the weight is much larger than typical (watch {@link Result#acceptanceRate()}).
 *
 * <pre>{@code
 * IndependentMH<Double, Tensor> mh = new IndependentMH<>(conditioned, Tutorial::scalePriorGuide, 5000, 500);
 * IndependentMH.Result chain = mh.run(8.5);
 * double rate = chain.acceptanceRate();
 * Tensor weights = chain.posterior().values("weight");   // shape [5000]
 * }</pre>
 *
 * @param <A> the model's argument type
 * @param <R> the model's return type
 */
public final class IndependentMH<A, R> {
    private final Model<A, R> model;
    private final Model<A, ?> guide;
    private final int numSamples;
    private final int warmupSteps;

    /** A chain of {@code numSamples} traces after {@code warmupSteps} discarded steps, proposing from the prior. */
    public IndependentMH(Model<A, R> model, int numSamples, int warmupSteps) {
        this(model, numSamples, warmupSteps, null);
    }

    /**
     * A chain of {@code numSamples} traces after {@code warmupSteps} discarded steps, proposing from
     * {@code guide} (same arguments as the model).
     */
    public IndependentMH(Model<A, R> model, Model<A, ?> guide, int numSamples, int warmupSteps) {
        this(model, numSamples, warmupSteps, Objects.requireNonNull(guide, "guide"));
    }

    private IndependentMH(Model<A, R> model, int numSamples, int warmupSteps, Model<A, ?> guide) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        if (numSamples < 1) {
            throw new IllegalArgumentException("IndependentMH: numSamples must be >= 1, got " + numSamples);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("IndependentMH: warmupSteps must be >= 0, got " + warmupSteps);
        }
        this.numSamples = numSamples;
        this.warmupSteps = warmupSteps;
    }

    /**
     * Runs the chain from this thread's generator. It starts at the first proposal with a finite
     * log weight; a NaN log weight is an error naming the sites whose log-density is not finite.
     */
    public Result run(A args) {
        Proposal<A> proposal = new Proposal<>(model, guide);
        Rng rng = Rng.current();
        int steps = warmupSteps + numSamples;
        List<Trace> kept = new ArrayList<>(numSamples);
        boolean[] accepted = new boolean[numSamples];
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            Proposal.Weighted current = start(proposal, args);
            for (int step = 0; step < steps; step++) {
                Proposal.Weighted next = proposal.draw(args);
                check(next);
                boolean move = Math.log(rng.uniform()) < next.logWeight - current.logWeight;
                if (move) {
                    current = next;
                }
                if (step >= warmupSteps) {
                    kept.add(current.trace);
                    accepted[step - warmupSteps] = move;
                }
            }
        }
        return new Result(kept, accepted);
    }

    /** The first proposal of positive weight; a model whose proposals all have weight 0 gets an error. */
    private static <A> Proposal.Weighted start(Proposal<A> proposal, A args) {
        int tries = 100;
        for (int i = 0; i < tries; i++) {
            Proposal.Weighted w = proposal.draw(args);
            check(w);
            if (w.logWeight > Double.NEGATIVE_INFINITY) {
                return w;
            }
        }
        throw new IllegalStateException("IndependentMH: " + tries + " proposals all had weight 0 (log weight -infinity);"
                + " the proposal does not reach where the observations have positive density: use a guide that does");
    }

    private static void check(Proposal.Weighted w) {
        if (Double.isNaN(w.logWeight) || w.logWeight == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("IndependentMH: a proposal's log weight is " + w.logWeight
                    + "; sites whose log-density is not finite: " + w.trace.nonFiniteSites());
        }
    }

    /** The kept states of a chain and which steps moved. */
    public static final class Result {
        private final TracePosterior posterior;
        private final boolean[] accepted;

        private Result(List<Trace> kept, boolean[] accepted) {
            double[] zeros = new double[kept.size()];
            this.posterior = new TracePosterior(kept, zeros);
            this.accepted = accepted;
        }

        /**
         * The chain's states after warm-up, one trace per step (a repeated trace where a proposal was
         * rejected), equally weighted: {@link EmpiricalMarginal} of it is the chain's marginal. Its
         * {@link TracePosterior#logNormalizer()} is 0, not an estimate of the evidence.
         */
        public TracePosterior posterior() {
            return posterior;
        }

        /** The fraction of kept steps that moved to their proposal. */
        public double acceptanceRate() {
            int n = 0;
            for (boolean a : accepted) {
                n += a ? 1 : 0;
            }
            return n / (double) accepted.length;
        }

        /** Whether each kept step moved to its proposal (a copy). */
        public boolean[] accepted() {
            return Arrays.copyOf(accepted, accepted.length);
        }
    }
}
