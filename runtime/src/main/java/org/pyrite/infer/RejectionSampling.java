package org.pyrite.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.pyrite.Model;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Autograd;

/**
 * Rejection sampling: exact, independent draws from the posterior of a conditioned model. A trace
 * is proposed from the model's prior (or from a guide) and accepted with probability
 * {@code exp(logWeight - logBound)}, where the log weight is the log-likelihood of the observed
 * sites (or {@code log p(x, z) - log q(z)} with a guide) and {@code logBound} an upper bound of it
 * over all latent values. The accepted traces are draws from {@code p(z | x)}, whatever the bound,
 * as long as it is one; a loose bound only costs proposals. A proposal whose log weight exceeds the
 * bound is an error: the bound is wrong, and the draws would not be exact.
 *
 * <pre>{@code
 * // y ~ N(z, 1) observed: the likelihood is at most N(0; 0, 1), so log(1 / sqrt(2 pi)) bounds it.
 * RejectionSampling<Double, Tensor> rs = new RejectionSampling<>(conditioned, -0.5 * Math.log(2 * Math.PI), 1000);
 * RejectionSampling.Result result = rs.run(8.5);
 * EmpiricalMarginal z = new EmpiricalMarginal(result.posterior(), "z");
 * double rate = result.acceptanceRate();
 * }</pre>
 *
 * @param <A> the model's argument type
 * @param <R> the model's return type
 */
public final class RejectionSampling<A, R> {
    /** Slack for round-off when checking a log weight against the bound. */
    private static final double BOUND_SLACK = 1e-9;

    private final Model<A, R> model;
    private final Model<A, ?> guide;
    private final double logBound;
    private final int numSamples;
    private final long maxProposals;

    /**
     * Draws {@code numSamples} traces from the posterior, proposing from the prior.
     *
     * @param logLikelihoodBound an upper bound of the log-likelihood of the observed sites (and
     *     factors) over every value of the latent sites
     */
    public RejectionSampling(Model<A, R> model, double logLikelihoodBound, int numSamples) {
        this(model, null, logLikelihoodBound, numSamples, defaultBudget(numSamples));
    }

    /**
     * Draws {@code numSamples} traces from the posterior, proposing from {@code guide} (same
     * arguments as the model).
     *
     * @param logWeightBound an upper bound of {@code log p(x, z) - log q(z)} over every {@code z}
     */
    public RejectionSampling(Model<A, R> model, Model<A, ?> guide, double logWeightBound, int numSamples) {
        this(model, Objects.requireNonNull(guide, "guide"), logWeightBound, numSamples, defaultBudget(numSamples));
    }

    private RejectionSampling(Model<A, R> model, Model<A, ?> guide, double logBound, int numSamples, long maxProposals) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        if (!Double.isFinite(logBound)) {
            throw new IllegalArgumentException("RejectionSampling: the log bound must be finite, got " + logBound);
        }
        if (numSamples < 1) {
            throw new IllegalArgumentException("RejectionSampling: numSamples must be >= 1, got " + numSamples);
        }
        if (maxProposals < numSamples) {
            throw new IllegalArgumentException("RejectionSampling: maxProposals (" + maxProposals + ") must be at least numSamples ("
                    + numSamples + ")");
        }
        this.logBound = logBound;
        this.numSamples = numSamples;
        this.maxProposals = maxProposals;
    }

    private static long defaultBudget(int numSamples) {
        return Math.max(1_000_000L, 1_000L * numSamples);
    }

    /**
     * The same sampler giving up after {@code proposals} proposals (by default a thousand per
     * requested sample, at least a million): with a loose bound or a likelihood that is small
     * almost everywhere, rejection sampling may need more than anyone can wait for.
     */
    public RejectionSampling<A, R> maxProposals(long proposals) {
        return new RejectionSampling<>(model, guide, logBound, numSamples, proposals);
    }

    /** Proposes until {@code numSamples} traces are accepted, from this thread's generator. */
    public Result run(A args) {
        Proposal<A> proposal = new Proposal<>(model, guide);
        Rng rng = Rng.current();
        List<Trace> accepted = new ArrayList<>(numSamples);
        long proposals = 0;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            while (accepted.size() < numSamples) {
                if (proposals == maxProposals) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "RejectionSampling: %d of %d samples accepted after %d proposals (acceptance rate %.3g); tighten the"
                                    + " bound (now %.6g), propose from a guide closer to the posterior, or raise maxProposals",
                            accepted.size(), numSamples, proposals, accepted.size() / (double) proposals, logBound));
                }
                Proposal.Weighted w = proposal.draw(args);
                proposals++;
                double excess = w.logWeight - logBound;
                if (Double.isNaN(excess)) {
                    throw new IllegalArgumentException("RejectionSampling: a proposal's log weight is NaN; sites whose log-density is not"
                            + " finite: " + w.trace.nonFiniteSites());
                }
                if (excess > BOUND_SLACK * Math.max(1.0, Math.abs(logBound))) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "RejectionSampling: a proposal has log %s %.9g, above the bound %.9g; the bound must hold for every"
                                    + " latent value (or the draws are not exact): raise it to at least the maximum of the %s; latent"
                                    + " values: %s",
                            proposal.fromPrior() ? "likelihood" : "weight", w.logWeight, logBound,
                            proposal.fromPrior() ? "log-likelihood" : "log p(x, z) - log q(z)", w.trace.latentSites().stream()
                                    .map(s -> s.name() + "=" + s.value()).toList()));
                }
                if (Math.log(rng.uniform()) < excess) {
                    accepted.add(w.trace);
                }
            }
        }
        return new Result(accepted, proposals, logBound);
    }

    /** The accepted traces of a run, the number of proposals it took, and what they tell of the evidence. */
    public static final class Result {
        private final TracePosterior posterior;
        private final long proposals;
        private final double logEvidence;

        private Result(List<Trace> accepted, long proposals, double logBound) {
            this.proposals = proposals;
            // P(accept) = E_q[p(x, z) / q(z)] / exp(bound) = p(x) / exp(bound).
            this.logEvidence = logBound + Math.log(accepted.size() / (double) proposals);
            double[] logWeights = new double[accepted.size()];
            Arrays.fill(logWeights, logEvidence);
            this.posterior = new TracePosterior(accepted, logWeights);
        }

        /**
         * The accepted traces, equally weighted (each log weight is {@link #logEvidence()}, so the
         * posterior's {@link TracePosterior#logNormalizer()} is that estimate too).
         */
        public TracePosterior posterior() {
            return posterior;
        }

        /** How many traces were proposed. */
        public long proposals() {
            return proposals;
        }

        /** The fraction of proposals accepted. */
        public double acceptanceRate() {
            return posterior.size() / (double) proposals;
        }

        /**
         * An estimate of {@code log p(x)}: the bound plus the log acceptance rate, since a proposal is
         * accepted with probability {@code p(x) / exp(bound)}. Its standard error is about
         * {@code sqrt((1 - rate) / accepted)}.
         */
        public double logEvidence() {
            return logEvidence;
        }
    }
}
