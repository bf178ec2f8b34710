package org.pyrite.dist;

import org.pyrite.dist.constraints.Constraint;
import org.pyrite.dist.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The normal (Gaussian) distribution with location {@code loc} and standard deviation
 * {@code scale}; parameters broadcast to the batch shape.
 *
 * <pre>{@code
 * Normal prior = Normal.of(8.5, 1.0);
 * Tensor w = prior.sample();
 * Tensor lp = prior.logProb(w);
 * }</pre>
 *
 * <p>Reparameterized: {@code loc + scale * eps} with {@code eps ~ N(0, 1)}.
 */
public final class Normal extends LocationScaleDistribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    // Shared constants: the log-density runs once per site per run, and tensors are immutable.
    private static final Tensor MINUS_HALF = Tensor.scalar(-0.5);
    private static final Tensor HALF_LOG_TWO_PI_TENSOR = Tensor.scalar(HALF_LOG_TWO_PI);

    private Normal(Tensor loc, Tensor scale) {
        super("Normal", loc, scale);
    }

    /** Normal with the given location and scale (standard deviation &gt; 0). */
    public static Normal of(Tensor loc, Tensor scale) {
        return new Normal(loc, scale);
    }

    /** Normal with the given location and scale (standard deviation &gt; 0). */
    public static Normal of(Tensor loc, double scale) {
        return new Normal(loc, Tensor.scalar(scale));
    }

    /** Normal with the given location and scale (standard deviation &gt; 0). */
    public static Normal of(double loc, Tensor scale) {
        return new Normal(Tensor.scalar(loc), scale);
    }

    /** Normal with the given location and scale (standard deviation &gt; 0). */
    public static Normal of(double loc, double scale) {
        return new Normal(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The location (mean). */
    public Tensor loc() {
        return loc;
    }

    /** The scale (standard deviation). */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Constraint support() {
        return Constraints.real();
    }

    @Override
    public Tensor mean() {
        return loc.expand(batchShape);
    }

    @Override
    public Tensor variance() {
        return scale.square().expand(batchShape);
    }

    @Override
    double standard(Rng rng) {
        return rng.gaussian();
    }

    @Override
    void fillStandard(Rng rng, double[] eps) {
        for (int i = 0; i < eps.length; i++) {
            eps[i] = standard(rng);
        }
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        if (isPlainScalar(value) && isPlainScalar(loc) && isPlainScalar(scale)) {
            // Nothing to differentiate (importance sampling, predictive draws): one double
            // expression instead of seven tensor operations.
            double sigma = scale.item();
            double z = (value.item() - loc.item()) / sigma;
            return Tensor.scalar(-0.5 * z * z - Math.log(sigma) - HALF_LOG_TWO_PI);
        }
        Tensor z = standardize(value);
        return z.square().mul(MINUS_HALF).sub(scale.log()).sub(HALF_LOG_TWO_PI_TENSOR);
    }

    /** A CPU scalar that no gradient flows through. */
    private static boolean isPlainScalar(Tensor t) {
        return t.isScalar() && t.handle() == null && !t.requiresGrad();
    }

    @Override
    public Normal expand(int... newBatchShape) {
        return new Normal(loc.expand(newBatchShape), scale.expand(newBatchShape));
    }
}
