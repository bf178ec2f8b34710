package org.pyrite.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a model or guide class as a learnable parameter. The Pyrite agent routes
 * reads of the field through the parameter store; the field's initializer gives the initial
 * value.
 *
 * <p>The parameter's name is {@link #value()} when given, else
 * {@code SimpleClassName.fieldName}. {@link #constraint()} names the constraint the value
 * must satisfy (stored unconstrained, mapped back on read); {@code Void.class}, the
 * default, means unconstrained.
 *
 * <pre>{@code
 * @Param Tensor a = Tensor.scalar(8.5);                               // "ScaleModels.a"
 * @Param(constraint = Positive.class) Tensor b = Tensor.scalar(1.0);  // "ScaleModels.b", b > 0
 * @Param("noise_scale") Tensor s = Tensor.scalar(0.5);                // "noise_scale"
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
     * The constraint on the parameter's value; {@code Void.class} (the default) means
     * unconstrained.
     *
     * @return the constraint class, or {@code Void.class}
     */
    Class<?> constraint() default Void.class;
}
