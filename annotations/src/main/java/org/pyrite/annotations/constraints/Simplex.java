package org.pyrite.annotations.constraints;

/**
 * Non-negative vectors summing to 1: {@code Constraints.simplex()}.
 *
 * <pre>{@code
 * @Param(constraint = Simplex.class) Tensor probs = Tensor.of(0.2, 0.3, 0.5);
 * }</pre>
 */
public final class Simplex implements ParamConstraint {
    private Simplex() {
    }
}
