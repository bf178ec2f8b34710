package org.pyrite.distributions.transforms;

import org.pyrite.context.Validation;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * {@code y = loc + scale * x}, element-wise with broadcasting (torch's {@code AffineTransform}).
 *
 * <pre>{@code
 * Transform t = new AffineTransform(2.0, 3.0);        // y = 2 + 3 x
 * Tensor x = Tensor.of(0.0, 1.0);
 * Tensor y = t.forward(x);                            // [2, 5]
 * Tensor ladj = t.logAbsDetJacobian(x, y);            // log 3, shaped like x
 *
 * // a learnable scale: gradients flow to loc and scale
 * Tensor scale = Tensor.of(1.0, 2.0).requiringGrad();
 * Transform u = new AffineTransform(Tensor.zeros(2), scale);
 * }</pre>
 *
 * <p>With {@code eventDim > 0} the rightmost {@code eventDim} dimensions form one event and
 * {@link #logAbsDetJacobian} sums {@code log|scale|} over them, as torch's {@code event_dim} does.
 * The scale must not be zero (checked when it is a {@code double}, and when validation is on for a
 * tensor); a negative scale reverses orientation and is allowed.
 */
public final class AffineTransform extends Transform {
    private final Tensor loc;
    private final Tensor scale;
    private final int eventDim;

    /** {@code y = loc + scale * x} on events of {@code eventDim} rightmost dimensions. */
    public AffineTransform(Tensor loc, Tensor scale, int eventDim) {
        if (eventDim < 0) {
            throw new IllegalArgumentException("AffineTransform: eventDim must be >= 0, got " + eventDim);
        }
        if (Validation.isEnabled() && scale.eq(0.0).max().item() != 0.0) {
            throw new IllegalArgumentException("AffineTransform: scale must be nonzero (a zero scale is not invertible), got "
                    + scale);
        }
        this.loc = loc;
        this.scale = scale;
        this.eventDim = eventDim;
    }

    /** {@code y = loc + scale * x}, element-wise. */
    public AffineTransform(Tensor loc, Tensor scale) {
        this(loc, scale, 0);
    }

    /** {@code y = loc + scale * x}, element-wise. */
    public AffineTransform(Tensor loc, double scale) {
        this(loc, checkedScalar(scale), 0);
    }

    /** {@code y = loc + scale * x}, element-wise. */
    public AffineTransform(double loc, Tensor scale) {
        this(Tensor.scalar(loc), scale, 0);
    }

    /** {@code y = loc + scale * x}, element-wise. */
    public AffineTransform(double loc, double scale) {
        this(Tensor.scalar(loc), checkedScalar(scale), 0);
    }

    private static Tensor checkedScalar(double scale) {
        if (scale == 0.0 || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("AffineTransform: scale must be finite and nonzero, got " + scale);
        }
        return Tensor.scalar(scale);
    }

    /** The shift. */
    public Tensor loc() {
        return loc;
    }

    /** The factor. */
    public Tensor scale() {
        return scale;
    }

    /** How many rightmost dimensions form one event. */
    public int eventDim() {
        return eventDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return loc.add(scale.mul(x));
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.sub(loc).div(scale);
    }

    /**
     * {@code log|scale|} broadcast to the shape of {@code y} (the shape of {@code x} broadcast with
     * {@code loc} and {@code scale}), then summed over the {@code eventDim} rightmost dimensions.
     */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor perElement = scale.abs().log().expand(forwardShape(x.shape()));
        return sumRightmost(perElement, eventDim);
    }

    @Override
    public Constraint domain() {
        return Constraints.independent(Constraints.real(), eventDim);
    }

    @Override
    public Constraint codomain() {
        return Constraints.independent(Constraints.real(), eventDim);
    }

    @Override
    public int domainEventDim() {
        return eventDim;
    }

    @Override
    public int codomainEventDim() {
        return eventDim;
    }

    /** {@code shape} broadcast with the shapes of {@code loc} and {@code scale}. */
    @Override
    public int[] forwardShape(int[] shape) {
        return Shape.broadcast(shape, loc.shape(), scale.shape());
    }

    /** {@code shape} broadcast with the shapes of {@code loc} and {@code scale}. */
    @Override
    public int[] inverseShape(int[] shape) {
        return Shape.broadcast(shape, loc.shape(), scale.shape());
    }

    @Override
    public String toString() {
        String l = loc.isScalar() ? Double.toString(loc.item()) : loc.toString();
        String s = scale.isScalar() ? Double.toString(scale.item()) : scale.toString();
        return "AffineTransform(loc=" + l + ", scale=" + s + (eventDim == 0 ? "" : ", eventDim=" + eventDim) + ")";
    }
}
