package org.pyrite.annotations.constraints;

/**
 * Real vectors (event dimension 1): {@code Constraints.realVector()}.
 *
 * <pre>{@code
 * @Param(constraint = RealVector.class) Tensor locs = Tensor.of(0.0, 0.0);
 * }</pre>
 */
public final class RealVector implements ParamConstraint {
    private RealVector() {
    }
}
