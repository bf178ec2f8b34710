package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * {@code y = exp(x)}, element-wise: the real line onto {@code (0, inf)}. The bijection for
 * {@link Constraints#positive()}.
 *
 * <pre>{@code
 * Transform exp = new ExpTransform();
 * Tensor x = Tensor.of(0.0, 1.0);
 * Tensor y = exp.forward(x);                        // [1, e]
 * Tensor ladj = exp.logAbsDetJacobian(x, y);        // log|dy/dx| = x
 * }</pre>
 */
public final class ExpTransform extends Transform {
    /** The exponential map. */
    public ExpTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.exp();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.log();
    }

    /** {@code log |d exp(x) / dx| = x}. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x;
    }

    @Override
    public Constraint domain() {
        return Constraints.real();
    }

    @Override
    public Constraint codomain() {
        return Constraints.positive();
    }
}
