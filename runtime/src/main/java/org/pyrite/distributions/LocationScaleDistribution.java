package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * What the location-scale families ({@link Normal}, {@link Laplace}, {@link Cauchy}),
 * {@link LogNormal} (the exponential of a normal) and the half families ({@link HalfNormal},
 * {@link HalfCauchy}, whose location is fixed at 0) have in common: a real {@code loc} and a
 * positive {@code scale}, validated at construction and broadcast to the batch shape, and the
 * reparameterized draw {@code loc + scale * eps} with {@code eps} a draw of the family's standard
 * member ({@code loc = 0}, {@code scale = 1}).
 *
 * <p>The half families have no {@code loc} parameter: their {@link #loc} is {@code null}, and
 * draws and {@link #standardize} skip it (no addition of 0).
 *
 * <p>Each subclass keeps its own factories, documented accessors, support, moments, log-density
 * and {@code expand} (whose return type is the subclass).
 */
abstract class LocationScaleDistribution extends Distribution {
    /** The location, or {@code null} for the half families (location fixed at 0). */
    final Tensor loc;
    final Tensor scale;
    final int[] batchShape;
    private static final String[] PARAMETERS = {"loc", "scale"};

    /** Checks {@code loc} (real) and then {@code scale} (positive) under the name {@code distribution}. */
    LocationScaleDistribution(String distribution, Tensor loc, Tensor scale) {
        checkParam(distribution, "loc", loc, Constraints.real());
        checkParam(distribution, "scale", scale, Constraints.positive());
        this.loc = loc;
        this.scale = scale;
        this.batchShape = broadcastParameters(distribution, PARAMETERS, loc, scale);
    }

    /** A half family: location fixed at 0; checks {@code scale} (positive) under the name {@code distribution}. */
    LocationScaleDistribution(String distribution, Tensor scale) {
        checkParam(distribution, "scale", scale, Constraints.positive());
        this.loc = null;
        this.scale = scale;
        this.batchShape = scale.shape();
    }

    /**
     * One draw of {@code eps} in {@code loc + scale * eps}: of the family's standard member
     * ({@code loc = 0}, {@code scale = 1}), or for LogNormal of the standard normal.
     */
    abstract double standard(Rng rng);

    /**
     * Fills {@code eps} with independent {@link #standard} draws, in order. Each subclass has its
     * own loop, so the JIT inlines that subclass's draw into it; one loop here, shared by every
     * family, would cost a virtual call per element once several families have been sampled.
     */
    abstract void fillStandard(Rng rng, double[] eps);

    /** {@code (value - loc) / scale} ({@code value / scale} for a half family). */
    final Tensor standardize(Tensor value) {
        return (loc == null ? value : value.sub(loc)).div(scale);
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    // loc + scale * eps, with one standard() draw eps per element. (A line comment, not Javadoc, so
    // the public subclasses keep Distribution's documentation of rsample.)
    @Override
    public Tensor rsample(int... sampleShape) {
        int[] shape = extendShape(sampleShape, batchShape);
        Rng rng = Rng.current();
        if (shape.length == 0) {
            return shift(scale.mul(standard(rng)));
        }
        double[] eps = new double[Shape.numel(shape)];
        fillStandard(rng, eps);
        return shift(scale.mul(Tensor.fromArray(eps, shape)));
    }

    private Tensor shift(Tensor scaled) {
        return loc == null ? scaled : loc.add(scaled);
    }
}
