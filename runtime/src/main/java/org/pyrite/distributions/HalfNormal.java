package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The half-normal distribution: {@code |Y|} for {@code Y ~ Normal(0, scale)}, on {@code x >= 0};
 * the parameter broadcasts to the batch shape.
 *
 * <pre>{@code
 * HalfNormal prior = HalfNormal.of(2.0);
 * Tensor sigma = prior.sample();          // >= 0
 * Tensor lp = prior.logProb(sigma);       // log 2 + Normal(0, 2) log-density
 * }</pre>
 *
 * <p>Mean {@code scale sqrt(2 / pi)}, variance {@code scale^2 (1 - 2 / pi)}. Reparameterized:
 * {@code scale * |eps|} with {@code eps ~ N(0, 1)}.
 */
public final class HalfNormal extends LocationScaleDistribution {
    private static final double LOG_TWO_MINUS_HALF_LOG_TWO_PI = Math.log(2) - 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double ONE_MINUS_TWO_OVER_PI = 1 - 2 / Math.PI;

    private HalfNormal(Tensor scale) {
        super("HalfNormal", scale);
    }

    /** HalfNormal with the given scale (the standard deviation of the normal folded, &gt; 0). */
    public static HalfNormal of(Tensor scale) {
        return new HalfNormal(scale);
    }

    /** HalfNormal with the given scale (the standard deviation of the normal folded, &gt; 0). */
    public static HalfNormal of(double scale) {
        return new HalfNormal(Tensor.scalar(scale));
    }

    /** The scale of the folded normal. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Constraint support() {
        return Constraints.nonnegative();
    }

    @Override
    public Tensor mean() {
        return scale.mul(SQRT_TWO_OVER_PI);
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(ONE_MINUS_TWO_OVER_PI);
    }

    /** A standard half-normal draw: the absolute value of a standard normal draw. */
    @Override
    double standard(Rng rng) {
        return Math.abs(rng.gaussian());
    }

    @Override
    void fillStandard(Rng rng, double[] eps) {
        for (int i = 0; i < eps.length; i++) {
            eps[i] = standard(rng);
        }
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor z = standardize(value);
        return z.square().mul(-0.5).sub(scale.log()).add(LOG_TWO_MINUS_HALF_LOG_TWO_PI);
    }

    @Override
    public HalfNormal expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new HalfNormal(scale.expand(newBatchShape));
    }
}
