package org.pyrite.annotations.constraints;

/**
 * Values less than {@link org.pyrite.annotations.Param#upper()}: {@code Constraints.lessThan(upper)}.
 *
 * <pre>{@code
 * @Param(constraint = LessThan.class, upper = 0) Tensor logit = Tensor.scalar(-1.0);
 * }</pre>
 */
public final class LessThan implements ParamConstraint {
    private LessThan() {
    }
}
