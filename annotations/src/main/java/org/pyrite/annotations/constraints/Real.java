package org.pyrite.annotations.constraints;

/**
 * Any real value (unconstrained); the default of {@link org.pyrite.annotations.Param#constraint()}: {@code Constraints.real()}.
 *
 * <pre>{@code
 * @Param(constraint = Real.class) Tensor loc = Tensor.scalar(0.0);
 * }</pre>
 */
public final class Real implements ParamConstraint {
    private Real() {
    }
}
