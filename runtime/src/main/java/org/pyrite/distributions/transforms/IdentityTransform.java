package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * {@code y = x}: the bijection for {@link Constraints#real()} (torch's {@code identity_transform}).
 *
 * <pre>{@code
 * Transform id = Transforms.bijectTo(Constraints.real());
 * Tensor y = id.forward(x);                     // x itself
 * Tensor ladj = id.logAbsDetJacobian(x, y);     // zeros shaped like x
 * }</pre>
 */
public final class IdentityTransform extends Transform {
    /** The identity map. */
    public IdentityTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y;
    }

    /** Zero, shaped like {@code x}. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return Tensor.zerosLike(x);
    }

    @Override
    public Constraint domain() {
        return Constraints.real();
    }

    @Override
    public Constraint codomain() {
        return Constraints.real();
    }
}
