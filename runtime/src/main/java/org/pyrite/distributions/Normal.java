package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
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
        return value.normalLogProb(loc, scale);
    }

    @Override
    public Normal expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Normal(loc.expand(newBatchShape), scale.expand(newBatchShape));
    }
}
