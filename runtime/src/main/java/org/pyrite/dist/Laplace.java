package org.pyrite.dist;

import org.pyrite.dist.constraints.Constraint;
import org.pyrite.dist.constraints.Constraints;
import org.pyrite.tensor.Shape;
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
public final class Laplace extends Distribution {
    private static final double LOG_TWO = Math.log(2);

    private final Tensor loc;
    private final Tensor scale;
    private final int[] batchShape;

    private Laplace(Tensor loc, Tensor scale) {
        checkParam("Laplace", "loc", loc, Constraints.real());
        checkParam("Laplace", "scale", scale, Constraints.positive());
        this.loc = loc;
        this.scale = scale;
        this.batchShape = Shape.broadcast(loc.shape(), scale.shape());
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
    public int[] batchShape() {
        return batchShape.clone();
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

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        int[] shape = extendShape(sampleShape, batchShape);
        Rng rng = Rng.current();
        if (shape.length == 0) {
            return loc.add(scale.mul(rng.exponential() - rng.exponential()));
        }
        double[] eps = new double[Shape.numel(shape)];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = rng.exponential() - rng.exponential();
        }
        return loc.add(scale.mul(Tensor.fromArray(eps, shape)));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        return value.sub(loc).abs().div(scale).neg().sub(scale.log()).sub(LOG_TWO);
    }

    @Override
    public Laplace expand(int... newBatchShape) {
        return new Laplace(loc.expand(newBatchShape), scale.expand(newBatchShape));
    }
}
