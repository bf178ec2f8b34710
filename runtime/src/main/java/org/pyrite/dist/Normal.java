package org.pyrite.dist;

import org.pyrite.dist.constraints.Constraint;
import org.pyrite.dist.constraints.Constraints;
import org.pyrite.tensor.Shape;
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
public final class Normal extends Distribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Tensor loc;
    private final Tensor scale;
    private final int[] batchShape;

    private Normal(Tensor loc, Tensor scale) {
        checkParam("Normal", "loc", loc, Constraints.real());
        checkParam("Normal", "scale", scale, Constraints.positive());
        this.loc = loc;
        this.scale = scale;
        this.batchShape = Shape.broadcast(loc.shape(), scale.shape());
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
        return scale.square().expand(batchShape);
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
            return loc.add(scale.mul(rng.gaussian()));
        }
        double[] eps = new double[Shape.numel(shape)];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = rng.gaussian();
        }
        return loc.add(scale.mul(Tensor.fromArray(eps, shape)));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor z = value.sub(loc).div(scale);
        return z.square().mul(-0.5).sub(scale.log()).sub(HALF_LOG_TWO_PI);
    }

    @Override
    public Normal expand(int... newBatchShape) {
        return new Normal(loc.expand(newBatchShape), scale.expand(newBatchShape));
    }
}
