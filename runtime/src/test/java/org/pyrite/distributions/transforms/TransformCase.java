package org.pyrite.distributions.transforms;

import java.util.Random;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.tensor.Tensor;

/**
 * A transform under test: the smallest input shape it takes ({@code suffix}; batch dimensions are
 * prepended), the free coordinates of its input and output events, and samplers of inputs and outputs.
 */
final class TransformCase {
    /** Draws a point of a given shape. */
    interface Sampler {
        Tensor draw(int[] shape, Random rng);
    }

    final String name;
    final Transform transform;
    final int[] suffix;
    final Coordinates in;
    final Coordinates out;
    final Sampler inSampler;
    final Sampler outSampler;
    /** The length over which inputs (outputs) vary appreciably: finite-difference steps are this times {@code H}. */
    final double inScale;
    final double outScale;

    private TransformCase(String name, Transform transform, int[] suffix, Coordinates in, Coordinates out,
                          Sampler inSampler, Sampler outSampler) {
        this(name, transform, suffix, in, out, inSampler, outSampler, 1.0, 1.0);
    }

    private TransformCase(String name, Transform transform, int[] suffix, Coordinates in, Coordinates out,
                          Sampler inSampler, Sampler outSampler, double inScale, double outScale) {
        this.name = name;
        this.transform = transform;
        this.suffix = suffix;
        this.in = in;
        this.out = out;
        this.inSampler = inSampler;
        this.outSampler = outSampler;
        this.inScale = inScale;
        this.outScale = outScale;
    }

    /** Inputs drawn from the domain, outputs from the codomain. */
    static TransformCase of(String name, Transform t, int[] suffix, Coordinates in, Coordinates out) {
        return new TransformCase(name, t, suffix, in, out,
                (s, r) -> Points.inside(t.domain(), s, r), (s, r) -> Points.inside(t.codomain(), s, r));
    }

    /** Element-wise (or all-coordinates-free) transform. */
    static TransformCase of(String name, Transform t, int... suffix) {
        return of(name, t, suffix, Coordinates.ALL, Coordinates.ALL);
    }

    /** Outputs drawn from {@code image} (for composites whose stated codomain is wider than their image). */
    TransformCase withImage(Constraint image) {
        return new TransformCase(name, transform, suffix, in, out, inSampler, (s, r) -> Points.inside(image, s, r),
                inScale, outScale);
    }

    /** Inputs vary on the length {@code inScale}, outputs on {@code outScale} (e.g. a narrow interval). */
    TransformCase withScales(double inScale, double outScale) {
        return new TransformCase(name, transform, suffix, in, out, inSampler, outSampler, inScale, outScale);
    }

    /** The same case for {@code transform.inv()}. */
    TransformCase inverse() {
        return new TransformCase("inv " + name, transform.inv(), transform.forwardShape(suffix), out, in, outSampler,
                inSampler, outScale, inScale);
    }

    @Override
    public String toString() {
        return name;
    }
}
