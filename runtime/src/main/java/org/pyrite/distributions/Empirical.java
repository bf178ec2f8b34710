package org.pyrite.distributions;

import java.util.Arrays;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * Pyro's {@code Empirical}: a weighted collection of samples treated as a discrete distribution,
 * e.g. the output of importance sampling.
 *
 * <pre>{@code
 * Empirical e = Empirical.of(new double[] {1.0, 2.0, 2.0, 5.0}, new double[] {0.0, 0.0, Math.log(2), 0.0});
 * Tensor x = e.sample(1000);                 // shape [1000], values among 1, 2, 5
 * double lp = e.logProb(2.0).item();         // log((1 + 2) / 5)
 * double m = e.mean().item();                // (1 + 2 + 4 + 5) / 5
 * }</pre>
 *
 * <p>{@code samples} has a leading sample dimension of size N and then the event shape;
 * {@code logWeights} has shape {@code [N]} and need not be normalized (a weight of
 * {@code -Infinity} drops a sample). The batch shape is {@code []} (and what {@link #expand} makes
 * it). {@link #sample} draws sample indices with probability proportional to their weights, by
 * inverting the cumulative weights. {@code logProb(x)} is the log of the total normalized weight
 * of the samples equal to {@code x} over the whole event, {@code -Infinity} if there are none:
 * as in Pyro the support is the real numbers, so with validation on a finite value that is not
 * among the samples is not an error. {@link #mean()} and {@link #variance()} are the weighted
 * mean and the weighted (population) variance of the samples.
 */
public final class Empirical extends Distribution {
    private static final Constraint LOG_WEIGHT = new Constraint() {
        @Override
        public Tensor check(Tensor v) {
            return v.lt(Double.POSITIVE_INFINITY); // false for NaN and +inf; -inf (weight 0) allowed
        }

        @Override
        public String describe() {
            return "a log-weight (not NaN, below +Infinity; -Infinity is a zero weight)";
        }

        @Override
        public String toString() {
            return describe();
        }
    };

    private final Tensor samples;
    private final Tensor logWeights;
    private final int[] batchShape;
    private final int[] eventShape;

    private Empirical(Tensor samples, Tensor logWeights, int[] batchShape) {
        if (samples.rank() < 1 || samples.size(0) == 0) {
            throw new IllegalArgumentException("Empirical: parameter 'samples' needs a leading sample dimension of size"
                    + " >= 1, got shape " + Shape.toString(samples.shape()));
        }
        int n = samples.size(0);
        if (logWeights.rank() != 1 || logWeights.size(0) != n) {
            throw new IllegalArgumentException("Empirical: parameter 'logWeights' must have shape [" + n
                    + "] (one per sample), got " + Shape.toString(logWeights.shape()));
        }
        checkParam("Empirical", "samples", samples, Constraints.real());
        checkParam("Empirical", "logWeights", logWeights, LOG_WEIGHT);
        if (logWeights.max().item() == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("Empirical: parameter 'logWeights' gives every sample weight 0"
                    + " (all -Infinity); at least one must be finite");
        }
        int[] s = samples.shape();
        this.samples = samples;
        this.logWeights = logWeights;
        this.batchShape = batchShape;
        this.eventShape = Shape.slice(s, 1, s.length);
    }

    /** Samples of shape {@code [N] + eventShape} with unnormalized log-weights of shape {@code [N]}. */
    public static Empirical of(Tensor samples, Tensor logWeights) {
        return new Empirical(samples, logWeights, new int[0]);
    }

    /** Equally weighted samples of shape {@code [N] + eventShape}. */
    public static Empirical of(Tensor samples) {
        return new Empirical(samples, Tensor.zeros(samples.rank() == 0 ? 1 : samples.size(0)), new int[0]);
    }

    /** Scalar samples with unnormalized log-weights, one per sample. */
    public static Empirical of(double[] values, double[] logWeights) {
        return new Empirical(Tensor.of(values), Tensor.of(logWeights), new int[0]);
    }

    /** Equally weighted scalar samples. */
    public static Empirical of(double... values) {
        return new Empirical(Tensor.of(values), Tensor.zeros(values.length), new int[0]);
    }

    /** The samples, {@code [N] + eventShape}. */
    public Tensor samples() {
        return samples;
    }

    /** The log-weights as given (unnormalized), {@code [N]}. */
    public Tensor logWeights() {
        return logWeights;
    }

    /** The weights normalized to sum to 1, {@code [N]}. */
    public Tensor weights() {
        return logWeights.softmax(0);
    }

    /** The number of samples N. */
    public int sampleSize() {
        return samples.size(0);
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return eventShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.independent(Constraints.real(), eventShape.length);
    }

    /** Weights shaped to multiply {@code samples}: {@code [N, 1, ..., 1]}. */
    private Tensor weightsAlongSamples() {
        int[] s = new int[samples.rank()];
        Arrays.fill(s, 1);
        s[0] = samples.size(0);
        return weights().reshape(s);
    }

    /** The weighted mean of the samples, of shape {@code batchShape + eventShape}. */
    @Override
    public Tensor mean() {
        return samples.mul(weightsAlongSamples()).sum(0).expand(shape());
    }

    /** The weighted population variance {@code sum_i w_i (x_i - mean)^2}, of shape {@code batchShape + eventShape}. */
    @Override
    public Tensor variance() {
        Tensor w = weightsAlongSamples();
        Tensor m = samples.mul(w).sum(new int[] {0}, true);
        return samples.sub(m).square().mul(w).sum(0).expand(shape());
    }

    @Override
    public Tensor sample(int... sampleShape) {
        int[] drawShape = extendShape(sampleShape, Shape.concat(batchShape, eventShape));
        int[] outer = Shape.slice(drawShape, 0, sampleShape.length + batchShape.length);
        double[] w = weights().detach().toArray();
        double[] cdf = new double[w.length];
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i];
            cdf[i] = acc;
        }
        Rng rng = Rng.current();
        int[] idx = new int[Shape.numel(outer)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = Categorical.searchCdf(cdf, w, 0, w.length, rng.uniform() * acc);
        }
        Tensor picked = samples.detach().index(0, idx);       // [count] + eventShape
        return picked.reshape(drawShape);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        int e = eventShape.length;
        int[] vs = value.shape();
        // value: V + E  ->  V + [1] + E, compared with samples [N] + E  ->  V + [N] after reducing E.
        Tensor v = value.unsqueeze(vs.length - e);
        Tensor equal = v.eq(samples);
        for (int i = 0; i < e; i++) {
            equal = equal.min(new int[] {-1}, false);
        }
        Tensor logW = logWeights.logSoftmax(0);
        Tensor selected = Tensor.where(equal, logW, Tensor.scalar(Double.NEGATIVE_INFINITY));
        Tensor lp = selected.logsumexp(new int[] {-1}, false);
        return lp.expand(Shape.broadcast(lp.shape(), batchShape));
    }

    /** This distribution with independent draws for each entry of {@code newBatchShape} (same samples and weights). */
    @Override
    public Empirical expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Empirical(samples, logWeights, newBatchShape.clone());
    }
}
