package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The Cauchy (Lorentz) distribution with location (median) {@code loc} and half-width
 * {@code scale}; parameters broadcast to the batch shape.
 *
 * <pre>{@code
 * Cauchy noise = Cauchy.of(0.0, 1.0);
 * Tensor x = noise.sample(1000);          // heavy-tailed draws
 * Tensor lp = noise.logProb(x);           // -log(pi scale (1 + ((x - loc) / scale)^2))
 * }</pre>
 *
 * <p>The log-density stays finite however far in the tails the value lies (where
 * {@code ((x - loc) / scale)^2} overflows, beyond 1.3e154 scales, torch gives {@code -Infinity}).
 *
 * <p>The Cauchy distribution has no mean and no finite variance. As in torch, {@link #mean()}
 * returns a tensor of NaN and {@link #variance()} a tensor of {@code +Infinity}, both of the
 * batch shape. Reparameterized: {@code loc + scale * tan(pi (u - 1/2))} with {@code u ~ U[0, 1)}.
 */
public final class Cauchy extends LocationScaleDistribution {
    private static final double LOG_PI = Math.log(Math.PI);

    private Cauchy(Tensor loc, Tensor scale) {
        super("Cauchy", loc, scale);
    }

    /** Cauchy with the given location (median) and scale (half-width at half-maximum, &gt; 0). */
    public static Cauchy of(Tensor loc, Tensor scale) {
        return new Cauchy(loc, scale);
    }

    /** Cauchy with the given location (median) and scale (half-width at half-maximum, &gt; 0). */
    public static Cauchy of(Tensor loc, double scale) {
        return new Cauchy(loc, Tensor.scalar(scale));
    }

    /** Cauchy with the given location (median) and scale (half-width at half-maximum, &gt; 0). */
    public static Cauchy of(double loc, Tensor scale) {
        return new Cauchy(Tensor.scalar(loc), scale);
    }

    /** Cauchy with the given location (median) and scale (half-width at half-maximum, &gt; 0). */
    public static Cauchy of(double loc, double scale) {
        return new Cauchy(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The location (median). */
    public Tensor loc() {
        return loc;
    }

    /** The scale (half-width at half-maximum). */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Constraint support() {
        return Constraints.real();
    }

    /** Undefined: a tensor of NaN of the batch shape (as torch). */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.NaN, batchShape);
    }

    /** Infinite: a tensor of {@code +Infinity} of the batch shape (as torch). */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.POSITIVE_INFINITY, batchShape);
    }

    /** A standard Cauchy draw by inversion; finite, since {@code fl(pi/2)} is below pi/2. */
    @Override
    double standard(Rng rng) {
        return Math.tan(Math.PI * (rng.uniform() - 0.5));
    }

    @Override
    void fillStandard(Rng rng, double[] eps) {
        for (int i = 0; i < eps.length; i++) {
            eps[i] = standard(rng);
        }
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        // log(1 + z^2) in a form that does not overflow beyond |z| = 1.3e154 (see LogOnePlusSquare).
        return LogOnePlusSquare.of(standardize(value)).neg().sub(scale.log()).sub(LOG_PI);
    }

    @Override
    public Cauchy expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Cauchy(loc.expand(newBatchShape), scale.expand(newBatchShape));
    }
}
