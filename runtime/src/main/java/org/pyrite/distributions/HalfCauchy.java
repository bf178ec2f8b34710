package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The half-Cauchy distribution: {@code |Y|} for {@code Y ~ Cauchy(0, scale)}, on {@code x >= 0};
 * the parameter broadcasts to the batch shape. A common weakly informative prior on scales.
 *
 * <pre>{@code
 * HalfCauchy prior = HalfCauchy.of(1.0);
 * Tensor tau = prior.sample();            // >= 0
 * Tensor lp = prior.logProb(tau);         // log 2 + Cauchy(0, 1) log-density
 * }</pre>
 *
 * <p>The log-density stays finite however far in the tail the value lies (where
 * {@code (x / scale)^2} overflows, beyond 1.3e154 scales, torch gives {@code -Infinity}).
 *
 * <p>The half-Cauchy has infinite mean and variance. As in torch, {@link #mean()} and
 * {@link #variance()} return tensors of {@code +Infinity} of the batch shape. Reparameterized:
 * {@code scale * tan(pi u / 2)} with {@code u ~ U[0, 1)}.
 */
public final class HalfCauchy extends LocationScaleDistribution {
    private static final double LOG_TWO_OVER_PI = Math.log(2 / Math.PI);

    private HalfCauchy(Tensor scale) {
        super("HalfCauchy", scale);
    }

    /** HalfCauchy with the given scale (of the Cauchy folded, &gt; 0). */
    public static HalfCauchy of(Tensor scale) {
        return new HalfCauchy(scale);
    }

    /** HalfCauchy with the given scale (of the Cauchy folded, &gt; 0). */
    public static HalfCauchy of(double scale) {
        return new HalfCauchy(Tensor.scalar(scale));
    }

    /** The scale of the folded Cauchy (also the median). */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Constraint support() {
        return Constraints.nonnegative();
    }

    /** Infinite: a tensor of {@code +Infinity} of the batch shape (as torch). */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.POSITIVE_INFINITY, batchShape);
    }

    /** Infinite: a tensor of {@code +Infinity} of the batch shape (as torch). */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.POSITIVE_INFINITY, batchShape);
    }

    /** A standard half-Cauchy draw by inversion; finite, as {@code u < 1}. */
    @Override
    double standard(Rng rng) {
        return Math.tan(0.5 * Math.PI * rng.uniform());
    }

    @Override
    void fillStandard(Rng rng, double[] eps) {
        for (int i = 0; i < eps.length; i++) {
            eps[i] = standard(rng);
        }
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        // log(1 + z^2) in a form that does not overflow beyond z = 1.3e154 (see LogOnePlusSquare).
        return LogOnePlusSquare.of(standardize(value)).neg().sub(scale.log()).add(LOG_TWO_OVER_PI);
    }

    @Override
    public HalfCauchy expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new HalfCauchy(scale.expand(newBatchShape));
    }
}
