package org.pyrite.dist.constraints;

import org.pyrite.tensor.Tensor;

/**
 * A region of values: the support of a distribution or the domain of a parameter.
 *
 * <pre>{@code
 * Tensor ok = Constraints.positive().check(Tensor.of(1.0, -1.0)); // [1.0, 0.0]
 * }</pre>
 */
public interface Constraint {
    /**
     * 1.0 where {@code value} satisfies the constraint and 0.0 elsewhere, with the constraint's
     * {@link #eventDim()} rightmost dimensions reduced away.
     */
    Tensor check(Tensor value);

    /** How many rightmost dimensions one constrained event spans (0 for element-wise constraints, 1 for a simplex). */
    default int eventDim() {
        return 0;
    }

    /** Whether the constrained values are integers (or booleans). */
    default boolean isDiscrete() {
        return false;
    }

    /** A short description for error messages, e.g. {@code "positive (x > 0)"}. */
    String describe();
}
