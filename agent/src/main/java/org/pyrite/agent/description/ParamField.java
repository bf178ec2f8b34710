package org.pyrite.agent.description;

/**
 * A {@code @Param} field: of the class described, or of another class whose field the class reads
 * (a superclass's, or an enclosing class's through {@code Outer.this}).
 *
 * @param declaringClass the class that declares the field, dotted
 * @param field the field's name
 * @param type the field's type as written in source ({@code org.pyrite.tensor.Tensor}, {@code double})
 * @param isStatic whether the field is static
 * @param name the param's name in the param store: {@code @Param("...")}, else
 *     {@code SimpleName.field} of the declaring class
 * @param constraint the constraint marker's simple name when it is one of
 *     {@code org.pyrite.annotations.constraints} ({@code Positive}), else the class named, dotted
 * @param lower the {@code lower} bound given (negative infinity when none)
 * @param upper the {@code upper} bound given (positive infinity when none)
 * @param line the line that initializes the field, else the class's first line; -1 when unknown
 */
public record ParamField(String declaringClass, String field, String type, boolean isStatic, String name, String constraint,
        double lower, double upper, int line) {

    /** The type a param field must have. */
    public static final String TENSOR = "org.pyrite.tensor.Tensor";
}
