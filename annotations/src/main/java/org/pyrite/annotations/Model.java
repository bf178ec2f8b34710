package org.pyrite.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a probabilistic model: an ordinary Java method whose {@link Sample}
 * locals become named random sites once the Pyrite agent has rewritten the class.
 *
 * <pre>{@code
 * @Model public Tensor scale(double guess) {
 *     @Sample Tensor weight = Normal.of(guess, 1.0).sample();        // site "weight"
 *     @Sample Tensor measurement = Normal.of(weight, 0.75).sample(); // site "measurement"
 *     return measurement;
 * }
 * }</pre>
 *
 * <p>At load time the agent also records whether the model's structure is static (no branch
 * or loop condition depends on a sampled value), and reports randomness that bypasses the
 * effect handlers ({@code Math.random()}, {@code java.util.Random}, a {@code sample()} that is
 * not a site) as an error naming the source line.
 *
 * @see Guide
 * @see Sample
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Model {
}
