package org.pyrite.annotations.constraints;

/**
 * Values greater than {@link org.pyrite.annotations.Param#lower()}: {@code Constraints.greaterThan(lower)}.
 *
 * <pre>{@code
 * @Param(constraint = GreaterThan.class, lower = 1) Tensor dof = Tensor.scalar(3.0);
 * }</pre>
 */
public final class GreaterThan implements ParamConstraint {
    private GreaterThan() {
    }
}
