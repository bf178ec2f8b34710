package org.pyrite.annotations.constraints;

/**
 * Values between {@link org.pyrite.annotations.Param#lower()} and {@link org.pyrite.annotations.Param#upper()}: {@code Constraints.interval(lower, upper)}.
 *
 * <pre>{@code
 * @Param(constraint = Interval.class, lower = 0, upper = 10) Tensor r = Tensor.scalar(5.0);
 * }</pre>
 */
public final class Interval implements ParamConstraint {
    private Interval() {
    }
}
