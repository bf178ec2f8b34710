package org.pyrite.distributions;

import org.apache.commons.numbers.gamma.LogGamma;
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
 * <p>The support is the integers {@code 0..totalCount}; with a tensor {@code totalCount} the bound
 * is checked element by element. {@code logProb} is
 * {@code lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1) + k log p + (n-k) log1p(-p)}, where a zero count
 * contributes 0 (not {@code 0 * log 0}), or from logits {@code k * logits - n * softplus(logits)}.
 *
 * <p>Sampling: for {@code totalCount < 2^16} and at least 64 draws per
 * parameter set, Commons RNG's {@link MarsagliaTsangWangDiscreteSampler.Binomial} look-up table
 * (probabilities quantized to multiples of 2^-30); otherwise exact inversion of the CDF searched
 * outward from the mode (expected cost proportional to the standard deviation).
 */
public final class Binomial extends Distribution {
    /** Draws per parameter set from which building a look-up table pays off. */
    static final int TABLE_MIN_DRAWS = 64;
    private static final int TABLE_MAX_TRIALS = 1 << 16;

    private final Tensor totalCount;
    private final Tensor probs;   // null when parametrized by logits
    private final Tensor logits;  // null when parametrized by probs
    private final int[] batchShape;

    private Binomial(Tensor totalCount, Tensor probs, Tensor logits) {
        checkParam("Binomial", "totalCount", totalCount, Constraints.nonnegativeInteger());
        ProbsOrLogits.check("Binomial", probs, logits, Constraints.unitInterval());
        this.totalCount = totalCount;
        this.probs = probs;
        this.logits = logits;
        this.batchShape = Shape.broadcast(totalCount.shape(), (probs != null ? probs : logits).shape()).clone();
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
            return Constraints.integerInterval(0, (int) totalCount.item());
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
            int trials = (int) n[b];
            DiscreteSampler table = null;
            // trials > 0: Commons RNG 1.7 builds an empty table for 0 trials, whose sample() fails.
            if (draws >= TABLE_MIN_DRAWS && trials > 0 && trials < TABLE_MAX_TRIALS && p[b] > 0 && p[b] < 1) {
                try {
                    table = MarsagliaTsangWangDiscreteSampler.Binomial.of(rng, trials, p[b]);
                } catch (IllegalArgumentException tooSpreadForTable) {
                    table = null; // the pmf at the table's origin underflows: fall back to inversion
                }
            }
            for (int s = 0; s < draws; s++) {
                out[s * n.length + b] = table != null ? table.sample() : invert(rng, trials, p[b]);
            }
        }
        return shape.length == 0 ? Tensor.scalar(out[0]) : Tensor.fromArray(out, shape);
    }

    /**
     * One exact draw by inversion: the uniform is spent on the pmf in the order mode, mode+1,
     * mode-1, mode+2, ... (any fixed order gives the right law), with the pmf updated by its
     * ratio recurrence.
     */
    static int invert(UniformRandomProvider rng, int n, double p) {
        if (n == 0 || p == 0.0) {
            return 0;
        }
        if (p == 1.0) {
            return n;
        }
        int mode = (int) Math.min(n, Math.floor((n + 1.0) * p));
        double fMode = Math.exp(LogGamma.value(n + 1.0) - LogGamma.value(mode + 1.0) - LogGamma.value(n - mode + 1.0)
                + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
        double odds = p / (1.0 - p);
        double u = rng.nextDouble() - fMode;
        if (u < 0) {
            return mode;
        }
        double fHi = fMode;
        double fLo = fMode;
        int hi = mode;
        int lo = mode;
        // The pmf falls monotonically away from the mode, so once a side underflows to 0 it is done.
        while ((hi < n && fHi > 0) || (lo > 0 && fLo > 0)) {
            if (hi < n && fHi > 0) {
                fHi *= (double) (n - hi) / (hi + 1) * odds;
                hi++;
                u -= fHi;
                if (u < 0) {
                    return hi;
                }
            }
            if (lo > 0 && fLo > 0) {
                fLo *= (double) lo / (n - lo + 1) / odds;
                lo--;
                u -= fLo;
                if (u < 0) {
                    return lo;
                }
            }
        }
        return mode; // u fell in the rounding deficit of the summed pmf (below 1e-12)
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor n = totalCount;
        Tensor logChoose = n.add(1.0).lgamma().sub(value.add(1.0).lgamma()).sub(n.sub(value).add(1.0).lgamma());
        if (logits != null) {
            return logChoose.add(value.mul(logits)).sub(n.mul(logits.softplus()));
        }
        // k log p and (n-k) log1p(-p), each with a neutral argument where its count is 0 (see Bernoulli).
        Tensor failures = n.sub(value);
        Tensor logP = Tensor.where(value.eq(0.0), Tensor.scalar(1.0), probs).log();
        Tensor logQ = Tensor.where(failures.eq(0.0), Tensor.scalar(0.0), probs).neg().log1p();
        return logChoose.add(value.mul(logP)).add(failures.mul(logQ));
    }

    @Override
    public Binomial expand(int... newBatchShape) {
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
