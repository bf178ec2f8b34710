package org.pyrite.agent.check;

import java.util.Optional;

/**
 * What {@code @Sample(obs = ...)} may observe, and how the value reaches {@code Pyrite.sample}: a
 * {@code Tensor} as it is, a number as a {@code double}. Indexed ({@code name[i]}), an array gives
 * its element and a {@code Tensor} its row {@code i}.
 */
public enum ObservedValue {
    /** A {@code Tensor}, passed as it is. */
    TENSOR,
    /** A {@code double}, passed as it is. */
    DOUBLE,
    /** An {@code int}, {@code short}, {@code byte} or {@code char}, widened to {@code double}. */
    INT,
    /** A {@code long}, widened to {@code double}. */
    LONG,
    /** A {@code float}, widened to {@code double}. */
    FLOAT,
    /** A {@code Double}, unboxed. */
    BOXED_DOUBLE;

    private static final String TENSOR_TYPE = "org.pyrite.tensor.Tensor";

    /**
     * How a value of {@code type} is observed, read as a whole or at an index.
     *
     * @param type the type as written in source ({@code double[]}, {@code org.pyrite.tensor.Tensor})
     * @param indexed whether the annotation indexes it ({@code name[i]})
     * @return the form of the observed value, or empty when that type cannot be observed that way
     */
    public static Optional<ObservedValue> of(String type, boolean indexed) {
        String element = type;
        if (indexed) {
            if (type.endsWith("[]") && !type.endsWith("[][]")) {
                element = type.substring(0, type.length() - 2);
            } else if (!type.equals(TENSOR_TYPE)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(switch (element) {
            case TENSOR_TYPE -> TENSOR;
            case "double" -> DOUBLE;
            case "int", "short", "byte", "char" -> INT;
            case "long" -> LONG;
            case "float" -> FLOAT;
            case "java.lang.Double" -> BOXED_DOUBLE;
            default -> null;
        });
    }

    /**
     * Whether {@code type} is an {@code int} in the JVM's sense ({@code int}, {@code short},
     * {@code byte}, {@code char}): an array index.
     *
     * @param type a source type name
     * @return true for the int types
     */
    public static boolean isInt(String type) {
        return type.equals("int") || type.equals("short") || type.equals("byte") || type.equals("char");
    }
}
