package org.pyrite.distributions.constraints;

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

    /**
     * Whether {@link #test} decides a single value without tensors: true for element-wise
     * constraints that do not depend on other tensors (the scalar fast path of validation).
     */
    default boolean hasScalarTest() {
        return false;
    }

    /** Whether one value satisfies the constraint (the same answer {@link #check} gives for it). */
    default boolean test(double value) {
        return check(Tensor.scalar(value)).item() != 0.0;
    }

    /**
     * The index of the first value that fails {@link #test}, or -1 when all pass. Constraints with
     * a scalar test override it with a loop the JIT can inline (a call through this interface per
     * value would not be).
     */
    default int firstViolation(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!test(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** A short description for error messages, e.g. {@code "positive (x > 0)"}. */
    String describe();
}
