package org.pyrite.distributions;

import org.pyrite.context.Validation;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The categorical distribution over the indices {@code 0..K-1}, parametrized along the last
 * dimension by probabilities {@code probs} (a simplex) or unnormalized log-probabilities
 * {@code logits}. The other dimensions are the batch shape; a draw is one index (event shape
 * {@code []}), as in torch and Pyro.
 *
 * <pre>{@code
 * Categorical die = Categorical.probs(0.1, 0.2, 0.7);   // K = 3, batchShape []
 * Tensor k = die.sample();                              // 0.0, 1.0 or 2.0
 * Tensor lp = die.logProb(2.0);                         // log 0.7
 * Categorical rows = Categorical.logits(Tensor.zeros(4, 5)); // batchShape [4], K = 5
 * }</pre>
 *
 * <p>{@code logProb(value)} broadcasts {@code value} against the batch shape and picks the entry of
 * {@code log softmax(logits)} (or {@code log probs}) the index names, through
 * {@link Tensor#oneHot}. Probabilities are normalized by their sum (which validation requires to
 * be 1 within 1e-6); logits must be finite (to rule a category out, give it probability 0).
 * {@link #mean()} and {@link #variance()} are NaN, as in torch: the indices are
 * labels, not quantities. There is no reparameterized sampler; {@link #sample} inverts the CDF.
 */
public final class Categorical extends Distribution implements Enumerable {
    private final Tensor probs;   // normalized; null when parametrized by logits
    private final Tensor logits;  // as given; null when parametrized by probs
    private final int numCategories;
    private final int[] batchShape;

    private Categorical(Tensor probs, Tensor logits) {
        Tensor param = probs != null ? probs : logits;
        String name = probs != null ? "probs" : "logits";
        if (param.rank() == 0 || param.size(-1) == 0) {
            throw new IllegalArgumentException("Categorical: parameter '" + name + "' needs at least one category in its"
                    + " last dimension, got shape " + Shape.toString(param.shape()));
        }
        if (probs != null) {
            checkParam("Categorical", "probs", probs, Constraints.simplex());
            this.probs = probs.div(probs.sum(new int[] {-1}, true));
            this.logits = null;
        } else {
            checkParam("Categorical", "logits", logits, Constraints.realVector());
            this.probs = null;
            this.logits = logits;
        }
        int[] s = param.shape();
        this.numCategories = s[s.length - 1];
        this.batchShape = Shape.slice(s, 0, s.length - 1);
    }

    /** Categorical with probabilities {@code probs} along the last dimension (non-negative, summing to 1). */
    public static Categorical probs(Tensor probs) {
        return new Categorical(probs, null);
    }

    /** Categorical over {@code probs.length} categories with these probabilities. */
    public static Categorical probs(double... probs) {
        return new Categorical(Tensor.of(probs), null);
    }

    /** Categorical with unnormalized log-probabilities {@code logits} along the last dimension. */
    public static Categorical logits(Tensor logits) {
        return new Categorical(null, logits);
    }

    /** Categorical over {@code logits.length} categories with these unnormalized log-probabilities. */
    public static Categorical logits(double... logits) {
        return new Categorical(null, Tensor.of(logits));
    }

    /** The (normalized) probabilities, shape {@code batchShape + [K]}. */
    public Tensor probs() {
        return probs != null ? probs : logits.softmax(-1);
    }

    /** The normalized log-probabilities {@code log softmax(logits)}, shape {@code batchShape + [K]}. */
    public Tensor logits() {
        return logits != null ? logits.logSoftmax(-1) : probs.log();
    }

    /** The number of categories K. */
    public int numCategories() {
        return numCategories;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.integerInterval(0, numCategories - 1);
    }

    /** NaN of the batch shape, as torch: category indices have no meaningful mean. */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.NaN, batchShape);
    }

    /** NaN of the batch shape, as torch: category indices have no meaningful variance. */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.NaN, batchShape);
    }

    @Override
    public Tensor sample(int... sampleShape) {
        int[] shape = extendShape(sampleShape, batchShape);
        int k = numCategories;
        double[] p = probs().detach().expand(Shape.concat(batchShape, new int[] {k})).toArray();
        int batch = p.length / k;
        // Cumulative sums per batch entry.
        double[] cdf = new double[p.length];
        for (int b = 0; b < batch; b++) {
            double acc = 0;
            for (int j = 0; j < k; j++) {
                acc += p[b * k + j];
                cdf[b * k + j] = acc;
            }
        }
        Rng rng = Rng.current();
        double[] out = new double[Shape.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int b = i % batch;
            out[i] = searchCdf(cdf, p, b * k, k, rng.uniform() * cdf[b * k + k - 1]);
        }
        return shape.length == 0 ? Tensor.scalar(out[0]) : Tensor.fromArray(out, shape);
    }

    /**
     * Inverse-CDF lookup in {@code cdf[from .. from+k)}: the first index j (relative to
     * {@code from}) with {@code u < cdf[from + j]}; an entry of probability 0 is never returned,
     * even when rounding leaves {@code u} at the total.
     */
    static int searchCdf(double[] cdf, double[] p, int from, int k, double u) {
        int lo = 0;
        int hi = k - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u < cdf[from + mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        while (lo > 0 && p[from + lo] == 0.0) {
            lo--;
        }
        return lo;
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        // With validation off, the caller masks values outside the support with -inf afterwards;
        // replace them by a valid index here so that oneHot accepts them.
        Tensor index = value;
        if (!Validation.isEnabled()) {
            index = Tensor.where(support().check(value), value, Tensor.scalar(0.0));
        }
        Tensor pick = Tensor.oneHot(index.detach(), numCategories);
        if (probs != null) {
            return pick.mul(probs).sum(-1).log();
        }
        // where, not a product: 0 * (-inf) would be NaN for a logit of -inf that is not picked.
        Tensor logp = logits.logSoftmax(-1);
        return Tensor.where(pick, logp, Tensor.scalar(0.0)).sum(-1);
    }

    @Override
    public Categorical expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        int[] full = Shape.concat(newBatchShape, new int[] {numCategories});
        return probs != null ? new Categorical(probs.expand(full), null) : new Categorical(null, logits.expand(full));
    }

    /** The support {@code [0, 1, ..., K-1]}. */
    @Override
    public Tensor enumerateSupport() {
        return Tensor.arange(numCategories);
    }
}
