package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.tensor.Tensor;

/**
 * The inverse of a transform, made by {@link Transform#inv()} (torch's {@code _InverseTransform}):
 * {@code forward} is the base's {@code inverse} and vice versa, domain and codomain swap, and the
 * log-det-Jacobian is the negative of the base's at the corresponding point.
 *
 * <pre>{@code
 * Transform log = new ExpTransform().inv();
 * Tensor y = Tensor.of(1.0, Math.E);
 * Tensor x = log.forward(y);                  // [0, 1]
 * Tensor ladj = log.logAbsDetJacobian(y, x);  // log|d log(y)/dy| = -log y = [0, -1]
 * }</pre>
 */
public final class InverseTransform extends Transform {
    private final Transform base;

    InverseTransform(Transform base) {
        this.base = base;
    }

    /** The transform this one inverts. */
    public Transform base() {
        return base;
    }

    @Override
    public Tensor forward(Tensor x) {
        return base.inverse(x);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return base.forward(y);
    }

    /** {@code -base.logAbsDetJacobian(y, x)}: here {@code x} is in the base's codomain. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return base.logAbsDetJacobian(y, x).neg();
    }

    @Override
    public Constraint domain() {
        return base.codomain();
    }

    @Override
    public Constraint codomain() {
        return base.domain();
    }

    @Override
    public int domainEventDim() {
        return base.codomainEventDim();
    }

    @Override
    public int codomainEventDim() {
        return base.domainEventDim();
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return base.inverseShape(shape);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return base.forwardShape(shape);
    }

    @Override
    public Transform inv() {
        return base;
    }

    @Override
    public String name() {
        return "Inverse(" + base + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
