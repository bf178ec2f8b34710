package org.pyrite.annotations.constraints;

/**
 * Lower-triangular matrices with a positive diagonal: {@code Constraints.lowerCholesky()}.
 *
 * <pre>{@code
 * @Param(constraint = LowerCholesky.class) Tensor scaleTril = Tensor.eye(2);
 * }</pre>
 */
public final class LowerCholesky implements ParamConstraint {
    private LowerCholesky() {
    }
}
