package org.pyrite.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a local variable, inside a {@link Model} or {@link Guide} method, whose value is
 * drawn with {@code dist.sample()} as a named random site. The Pyrite agent rewrites the
 * draw into {@code Pyrite.sample(name, dist)} so that effect handlers (conditioning,
 * tracing, replay, ...) see it.
 *
 * <p>The site's name is {@link #value()} when given, else the local variable's name (the
 * class must then be compiled with local variable tables, {@code javac -g}).
 *
 * <pre>{@code
 * @Sample Tensor weight = Normal.of(guess, 1.0).sample();               // site "weight"
 * @Sample("noisy") Tensor measurement = Normal.of(weight, 0.75).sample(); // site "noisy"
 * }</pre>
 *
 * <p>Retention is {@link RetentionPolicy#CLASS}: the agent reads the annotation from the
 * class file, so it need not be visible to reflection.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE_USE, ElementType.LOCAL_VARIABLE})
public @interface Sample {

    /**
     * The site's name; empty (the default) means the local variable's name.
     *
     * @return the explicit site name, or {@code ""}
     */
    String value() default "";
}
