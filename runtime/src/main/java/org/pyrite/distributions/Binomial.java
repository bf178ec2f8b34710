package org.pyrite.distributions;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.MarsagliaTsangWangDiscreteSampler;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The binomial distribution: the number of successes in {@code totalCount} independent trials
 * that each succeed with probability {@code probs} (or {@code sigmoid(logits)}); parameters
 * broadcast to the batch shape.
 *
 * <pre>{@code
 * Binomial b = Binomial.probs(10, 0.3);
 * Tensor k = b.sample();                                  // an integer in [0, 10]
 * Tensor lp = b.logProb(3.0);                             // log C(10, 3) + 3 log 0.3 + 7 log 0.7
 * Binomial batch = Binomial.logits(Tensor.of(5, 20), Tensor.of(0.0, 1.0)); // batchShape [2]
 * }</pre>
 *
 * <p>{@code totalCount} is any integer up to {@link #MAX_TOTAL_COUNT} = 2^53 (validation refuses
 * larger ones). The support is the integers {@code 0..totalCount}; with a tensor {@code totalCount}
 * the bound is checked element by element. {@code logProb} is
 * {@code log C(n, k) + k log p + (n - k) log(1 - p)} (from logits, {@code p = sigmoid(logits)}),
 * where a zero count contributes 0 (not {@code 0 * log 0}); it is evaluated in Loader's
 * saddle-point form (as R's {@code dbinom}), which keeps full precision for large counts, where the
 * terms of the formula above cancel.
 *
 * <p>Sampling ({@link BinomialSampler}): for {@code totalCount < 2^16} and at least 64 draws per
 * parameter set, Commons RNG's {@link MarsagliaTsangWangDiscreteSampler.Binomial} look-up table
 * (probabilities quantized to multiples of 2^-30); otherwise exact inversion of the CDF searched
 * outward from the mode, after counts above 2^20 are split in halves by Beta-distributed order
 * statistics.
 */
public final class Binomial extends Distribution {
    /**
     * The largest count, 2^53: above it doubles do not hold every integer, so neither counts nor
     * values could be told apart from their neighbours.
     */
    public static final double MAX_TOTAL_COUNT = 0x1p53;
    /** Logits beyond which {@code sigmoid} of minus them is no longer a normal double; see logProbUnchecked. */
    private static final double LOGIT_LIMIT = 700;

    private final Tensor totalCount;
    private final Tensor probs;   // null when parametrized by logits
    private final Tensor logits;  // null when parametrized by probs
    private final int[] batchShape;
    private static final String[] WITH_PROBS = {"totalCount", "probs"};
    private static final String[] WITH_LOGITS = {"totalCount", "logits"};

    private Binomial(Tensor totalCount, Tensor probs, Tensor logits) {
        checkParam("Binomial", "totalCount", totalCount, Constraints.integerInterval(0, (long) MAX_TOTAL_COUNT));
        ProbsOrLogits.check("Binomial", probs, logits, Constraints.unitInterval());
        this.totalCount = totalCount;
        this.probs = probs;
        this.logits = logits;
        this.batchShape = broadcastParameters("Binomial", probs != null ? WITH_PROBS : WITH_LOGITS, totalCount,
                probs != null ? probs : logits);
    }

    /** Binomial with {@code totalCount} trials (a non-negative integer) of success probability {@code probs} in [0, 1]. */
    public static Binomial probs(Tensor totalCount, Tensor probs) {
        return new Binomial(totalCount, probs, null);
    }

    /** Binomial with {@code totalCount} trials of success probability {@code probs} in [0, 1]. */
    public static Binomial probs(double totalCount, Tensor probs) {
        return new Binomial(Tensor.scalar(totalCount), probs, null);
    }

    /** Binomial with {@code totalCount} trials of success probability {@code probs} in [0, 1]. */
    public static Binomial probs(double totalCount, double probs) {
        return new Binomial(Tensor.scalar(totalCount), Tensor.scalar(probs), null);
    }

    /** Binomial with {@code totalCount} trials of success log-odds {@code logits}. */
    public static Binomial logits(Tensor totalCount, Tensor logits) {
        return new Binomial(totalCount, null, logits);
    }

    /** Binomial with {@code totalCount} trials of success log-odds {@code logits}. */
    public static Binomial logits(double totalCount, Tensor logits) {
        return new Binomial(Tensor.scalar(totalCount), null, logits);
    }

    /** Binomial with {@code totalCount} trials of success log-odds {@code logits}. */
    public static Binomial logits(double totalCount, double logits) {
        return new Binomial(Tensor.scalar(totalCount), null, Tensor.scalar(logits));
    }

    /** The number of trials. */
    public Tensor totalCount() {
        return totalCount;
    }

    /** The success probability of one trial (computed as {@code sigmoid(logits)} when built from logits). */
    public Tensor probs() {
        return ProbsOrLogits.probs(probs, logits);
    }

    /** The log-odds of one trial (computed as {@code log p - log1p(-p)} when built from probs). */
    public Tensor logits() {
        return ProbsOrLogits.logits(probs, logits);
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public Constraint support() {
        if (totalCount.isScalar()) {
            return Constraints.integerInterval(0, (long) totalCount.item());
        }
        return new CountSupport(totalCount);
    }

    @Override
    public Tensor mean() {
        return totalCount.mul(probs()).expand(batchShape);
    }

    @Override
    public Tensor variance() {
        Tensor p = probs();
        return totalCount.mul(p).mul(p.rsub(1.0)).expand(batchShape);
    }

    @Override
    public Tensor sample(int... sampleShape) {
        int[] shape = extendShape(sampleShape, batchShape);
        int draws = Shape.numel(sampleShape);
        double[] n = totalCount.expand(batchShape).toArray();
        double[] p = probs().detach().expand(batchShape).toArray();
        UniformRandomProvider rng = Rng.current().provider();
        double[] out = new double[Shape.numel(shape)];
        for (int b = 0; b < n.length; b++) {
            DiscreteSampler table = BinomialSampler.table(rng, n[b], p[b], draws);
            for (int s = 0; s < draws; s++) {
                out[s * n.length + b] = table != null ? table.sample() : BinomialSampler.draw(rng, n[b], p[b]);
            }
        }
        return shape.length == 0 ? Tensor.scalar(out[0]) : Tensor.fromArray(out, shape);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        if (logits == null) {
            return logMass(value, probs, probs.rsub(1.0));
        }
        // sigmoid(+-logits) are normal doubles for |logits| <= 700; beyond, the log-mass goes on
        // exactly as k dl - n d softplus(l) (the binomial coefficient does not depend on the logits).
        Tensor clamped = logits.clamp(-LOGIT_LIMIT, LOGIT_LIMIT);
        Tensor inside = logMass(value, clamped.sigmoid(), clamped.neg().sigmoid());
        return inside.add(value.mul(logits.sub(clamped))).sub(totalCount.mul(logits.softplus().sub(clamped.softplus())));
    }

    /**
     * {@code log(C(n, k) p^k q^(n - k))} as {@code Poisson(k; n p) Poisson(n - k; n q) / Poisson(n; n)}
     * ({@code n^n e^-n} cancels), each log-mass in the saddle-point form of
     * {@link Tensor#poissonLogProb}: the lgamma form loses to cancellation what a large count needs
     * (at n = 1e12 its terms are 2.6e13 and the result -14). A zero count contributes 0, not
     * {@code 0 * log 0}, and its gradient stays finite.
     */
    private Tensor logMass(Tensor k, Tensor p, Tensor q) {
        Tensor n = totalCount;
        return k.poissonLogProb(n.mul(p)).add(n.sub(k).poissonLogProb(n.mul(q))).sub(n.poissonLogProb(n));
    }

    @Override
    public Binomial expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Binomial(totalCount.expand(newBatchShape), probs == null ? null : probs.expand(newBatchShape),
                logits == null ? null : logits.expand(newBatchShape));
    }

    /** Integers in {@code [0, totalCount]} with a tensor {@code totalCount}, checked element-wise (broadcast). */
    private static final class CountSupport implements Constraint {
        private final Tensor totalCount;

        CountSupport(Tensor totalCount) {
            this.totalCount = totalCount;
        }

        @Override
        public Tensor check(Tensor v) {
            return v.floor().eq(v).mul(v.ge(0.0)).mul(v.le(totalCount));
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public String describe() {
            return "integer in [0, totalCount] with totalCount " + totalCount;
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
