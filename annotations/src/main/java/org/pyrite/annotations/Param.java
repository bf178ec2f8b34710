package org.pyrite.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.pyrite.annotations.constraints.ParamConstraint;
import org.pyrite.annotations.constraints.Real;

/**
 * Marks a {@code Tensor} field of a model or guide class as a learnable parameter. The Pyrite
 * agent rewrites every read of the field inside its class (constructors aside) into
 * {@code Pyrite.param(name, field, constraint)}: the field's value is the initial value, used
 * the first time the name is read from the current parameter store; afterwards the stored
 * (learned) value is returned. Assigning the field changes only that initial value.
 *
 * <p>The parameter's name is {@link #value()} when given, else
 * {@code SimpleClassName.fieldName}. {@link #constraint()} names the set the value must lie in,
 * as one of the marker classes of {@link org.pyrite.annotations.constraints} (stored
 * unconstrained, mapped back on read); {@link Real}, the default, means unconstrained. The
 * bounded markers take their bounds from {@link #lower()} and {@link #upper()}.
 *
 * <pre>{@code
 * @Param Tensor a = Tensor.scalar(8.5);                                 // "ScaleModels.a"
 * @Param(constraint = Positive.class) Tensor b = Tensor.scalar(1.0);    // "ScaleModels.b", b > 0
 * @Param("noise_scale") Tensor s = Tensor.scalar(0.5);                  // "noise_scale"
 * @Param(constraint = Interval.class, lower = 0, upper = 10) Tensor r = Tensor.scalar(5.0);
 * }</pre>
 *
 * @see Guide
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Param {

    /**
     * The parameter's name; empty (the default) means {@code SimpleClassName.fieldName}.
     *
     * @return the explicit parameter name, or {@code ""}
     */
    String value() default "";

    /**
     * The constraint on the parameter's value, one of the marker classes in
     * {@link org.pyrite.annotations.constraints}; {@link Real} (the default) means unconstrained.
     *
     * @return the constraint marker class
     */
    Class<? extends ParamConstraint> constraint() default Real.class;

    /**
     * The lower bound of {@link org.pyrite.annotations.constraints.GreaterThan} and
     * {@link org.pyrite.annotations.constraints.Interval}; ignored by the other constraints.
     *
     * @return the lower bound
     */
    double lower() default Double.NEGATIVE_INFINITY;

    /**
     * The upper bound of {@link org.pyrite.annotations.constraints.LessThan} and
     * {@link org.pyrite.annotations.constraints.Interval}; ignored by the other constraints.
     *
     * @return the upper bound
     */
    double upper() default Double.POSITIVE_INFINITY;
}
