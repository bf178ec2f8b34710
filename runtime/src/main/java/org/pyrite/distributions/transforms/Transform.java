package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * An invertible, differentiable map {@code y = f(x)} from a {@linkplain #domain() domain} to a
 * {@linkplain #codomain() codomain}, with the log absolute determinant of its Jacobian (Pyro's and
 * torch's {@code Transform}).
 *
 * <pre>{@code
 * Transform t = Transforms.bijectTo(Constraints.positive());   // exp: real line -> (0, inf)
 * Tensor x = Tensor.of(-1.0, 0.0, 2.0);
 * Tensor y = t.forward(x);                                     // [e^-1, 1, e^2]
 * Tensor back = t.inverse(y);                                  // x again
 * Tensor ladj = t.logAbsDetJacobian(x, y);                     // log|dy/dx| = x, shape [3]
 * Transform log = t.inv();                                     // (0, inf) -> real line
 * }</pre>
 *
 * <p><b>Event dimensions.</b> A transform acts on events of {@link #domainEventDim()} rightmost
 * dimensions and produces events of {@link #codomainEventDim()} rightmost dimensions; all
 * dimensions to their left are batch dimensions and are mapped independently. Element-wise
 * transforms ({@link ExpTransform}, {@link SigmoidTransform}, ...) have event dimension 0;
 * {@link StickBreakingTransform} maps vectors (event dimension 1), {@link LowerCholeskyTransform}
 * maps matrices (event dimension 2). {@link #logAbsDetJacobian} returns one value per batch
 * element: its shape is the batch shape, the event dimensions of the domain reduced.
 *
 * <p><b>Shapes.</b> Most transforms keep the shape; those that do not (stick-breaking maps
 * {@code R^(K-1)} onto the {@code K}-simplex) say so through {@link #forwardShape} and
 * {@link #inverseShape}.
 *
 * <p><b>Differentiability.</b> Every method is written with {@link Tensor} operations, so
 * gradients flow through {@code forward}, {@code inverse} and {@code logAbsDetJacobian} to the
 * input and to any parameters of the transform. No method reads tensor values except to validate
 * arguments.
 *
 * <p>Transforms are immutable and safe to share between threads.
 */
public abstract class Transform {
    private Transform inverse;

    /** The map {@code y = f(x)}; {@code x} should lie in the {@linkplain #domain() domain}. */
    public abstract Tensor forward(Tensor x);

    /** The inverse map {@code x = f^-1(y)}; {@code y} should lie in the {@linkplain #codomain() codomain}. */
    public abstract Tensor inverse(Tensor y);

    /**
     * {@code log |det J_f(x)|} for {@code y = f(x)}, of the batch shape of {@code x}: the rightmost
     * {@link #domainEventDim()} dimensions are reduced. Implementations may use either argument, so
     * {@code y} must be {@code forward(x)}.
     */
    public abstract Tensor logAbsDetJacobian(Tensor x, Tensor y);

    /** The set of valid inputs; its event dimension is {@link #domainEventDim()}. */
    public abstract Constraint domain();

    /** The set the outputs lie in; its event dimension is {@link #codomainEventDim()}. */
    public abstract Constraint codomain();

    /** How many rightmost dimensions of the input form one event (0 for element-wise maps). */
    public int domainEventDim() {
        return domain().eventDim();
    }

    /** How many rightmost dimensions of the output form one event. */
    public int codomainEventDim() {
        return codomain().eventDim();
    }

    /** The shape of {@code forward(x)} for an {@code x} of shape {@code shape}. */
    public int[] forwardShape(int[] shape) {
        return shape.clone();
    }

    /** The shape of {@code inverse(y)} for a {@code y} of shape {@code shape}. */
    public int[] inverseShape(int[] shape) {
        return shape.clone();
    }

    /**
     * The inverse transform: its {@code forward} is this one's {@code inverse}, its domain this
     * one's codomain, and its log-det-Jacobian the negative of this one's. {@code t.inv().inv()}
     * is {@code t}.
     */
    public Transform inv() {
        Transform i = inverse;
        if (i == null) {
            i = new InverseTransform(this);
            inverse = i; // a benign race: every InverseTransform of this transform behaves the same
        }
        return i;
    }

    /** The simple class name, used in messages. */
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return name() + "()";
    }

    // ------------------------------------------------------------------ helpers for subclasses

    /** {@code t} summed over its {@code n} rightmost dimensions (Pyro's {@code _sum_rightmost}). */
    protected static Tensor sumRightmost(Tensor t, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot sum over " + n + " dimensions");
        }
        if (n == 0) {
            return t;
        }
        if (t.rank() < n) {
            throw new IllegalArgumentException("cannot sum the " + n + " rightmost dimensions of shape "
                    + Shape.toString(t.shape()));
        }
        int[] dims = new int[n];
        for (int i = 0; i < n; i++) {
            dims[i] = t.rank() - n + i;
        }
        return t.sum(dims, false);
    }

    /**
     * Throws {@link IllegalArgumentException} when {@code t} has fewer than {@code eventDim}
     * dimensions: {@code what} names the argument, e.g. {@code "forward"}.
     */
    protected final void requireRank(Tensor t, int eventDim, String what) {
        if (t.rank() < eventDim) {
            throw new IllegalArgumentException(name() + "." + what + " needs a tensor with at least " + eventDim
                    + " dimension" + (eventDim == 1 ? "" : "s") + " (one event), got shape " + Shape.toString(t.shape()));
        }
    }
}
