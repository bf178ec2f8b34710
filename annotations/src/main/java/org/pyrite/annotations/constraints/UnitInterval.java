package org.pyrite.annotations.constraints;

/**
 * Values in [0, 1]: {@code Constraints.unitInterval()}.
 *
 * <pre>{@code
 * @Param(constraint = UnitInterval.class) Tensor p = Tensor.scalar(0.5);
 * }</pre>
 */
public final class UnitInterval implements ParamConstraint {
    private UnitInterval() {
    }
}
