package org.pyrite.annotations.constraints;

/**
 * Values greater than 0: {@code Constraints.positive()}.
 *
 * <pre>{@code
 * @Param(constraint = Positive.class) Tensor scale = Tensor.scalar(1.0);
 * }</pre>
 */
public final class Positive implements ParamConstraint {
    private Positive() {
    }
}
