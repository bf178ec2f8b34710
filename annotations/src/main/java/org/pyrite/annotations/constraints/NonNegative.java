package org.pyrite.annotations.constraints;

/**
 * Values greater than or equal to 0: {@code Constraints.nonnegative()}.
 *
 * <pre>{@code
 * @Param(constraint = NonNegative.class) Tensor rate = Tensor.scalar(0.0);
 * }</pre>
 */
public final class NonNegative implements ParamConstraint {
    private NonNegative() {
    }
}
