package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The Laplace (double exponential) distribution with location {@code loc} and scale
 * {@code scale}; parameters broadcast to the batch shape.
 *
 * <pre>{@code
 * Laplace prior = Laplace.of(0.0, 0.5);   // a sparsity-inducing prior
 * Tensor w = prior.sample(10);
 * Tensor lp = prior.logProb(w);           // -|w - loc| / scale - log(2 scale)
 * }</pre>
 *
 * <p>Mean {@code loc}, variance {@code 2 scale^2}. Reparameterized: {@code loc + scale * eps}
 * with {@code eps = E1 - E2}, the difference of two independent standard exponential draws
 * (a standard Laplace variate, finite with probability one, unlike inversion of a uniform).
 */
public final class Laplace extends LocationScaleDistribution {
    private static final double LOG_TWO = Math.log(2);

    private Laplace(Tensor loc, Tensor scale) {
        super("Laplace", loc, scale);
    }

    /** Laplace with the given location and scale (&gt; 0). */
    public static Laplace of(Tensor loc, Tensor scale) {
        return new Laplace(loc, scale);
    }

    /** Laplace with the given location and scale (&gt; 0). */
    public static Laplace of(Tensor loc, double scale) {
        return new Laplace(loc, Tensor.scalar(scale));
    }

    /** Laplace with the given location and scale (&gt; 0). */
    public static Laplace of(double loc, Tensor scale) {
        return new Laplace(Tensor.scalar(loc), scale);
    }

    /** Laplace with the given location and scale (&gt; 0). */
    public static Laplace of(double loc, double scale) {
        return new Laplace(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The location (mean and median). */
    public Tensor loc() {
        return loc;
    }

    /** The scale (mean absolute deviation from {@code loc}). */
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
        return scale.square().mul(2.0).expand(batchShape);
    }

    /** A standard Laplace draw: the difference of two standard exponential draws. */
    @Override
    double standard(Rng rng) {
        return rng.exponential() - rng.exponential();
    }

    @Override
    void fillStandard(Rng rng, double[] eps) {
        for (int i = 0; i < eps.length; i++) {
            eps[i] = standard(rng);
        }
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        return value.sub(loc).abs().div(scale).neg().sub(scale.log()).sub(LOG_TWO);
    }

    @Override
    public Laplace expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Laplace(loc.expand(newBatchShape), scale.expand(newBatchShape));
    }
}
