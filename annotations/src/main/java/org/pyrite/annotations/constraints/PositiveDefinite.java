package org.pyrite.annotations.constraints;

/**
 * Symmetric positive-definite matrices: {@code Constraints.positiveDefinite()}.
 *
 * <pre>{@code
 * @Param(constraint = PositiveDefinite.class) Tensor cov = Tensor.eye(2);
 * }</pre>
 */
public final class PositiveDefinite implements ParamConstraint {
    private PositiveDefinite() {
    }
}
