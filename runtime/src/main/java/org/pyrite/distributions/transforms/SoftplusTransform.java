package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * {@code y = log(1 + exp(x))}, element-wise: the real line onto {@code (0, inf)}, growing linearly
 * rather than exponentially (an alternative to {@link ExpTransform} for positive parameters).
 *
 * <pre>{@code
 * Transform sp = new SoftplusTransform();
 * Tensor x = Tensor.of(-1.0, 0.0, 3.0);
 * Tensor y = sp.forward(x);                  // [0.3133, 0.6931, 3.0486]
 * Tensor back = sp.inverse(y);               // y + log(-expm1(-y)) = x
 * }</pre>
 */
public final class SoftplusTransform extends Transform {
    /** The softplus map. */
    public SoftplusTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.softplus();
    }

    /** {@code log(exp(y) - 1)}, computed as {@code y + log(-expm1(-y))} so that it stays finite for large {@code y}. */
    @Override
    public Tensor inverse(Tensor y) {
        return y.neg().expm1().neg().log().add(y);
    }

    /** {@code log softplus'(x) = log sigmoid(x) = -softplus(-x)}. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.logSigmoid();
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
