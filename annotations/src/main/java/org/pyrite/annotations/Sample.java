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
 * <h2>Naming</h2>
 * The site's name is {@link #value()} when given, else the local variable's name (the class
 * must then be compiled with local variable tables, {@code javac -g}, which Maven does by
 * default). A site the agent cannot name is a load-time error that says how to name it.
 *
 * <pre>{@code
 * @Sample Tensor weight = Normal.of(guess, 1.0).sample();                 // site "weight"
 * @Sample("noisy") Tensor measurement = Normal.of(weight, 0.75).sample(); // site "noisy"
 * }</pre>
 *
 * <p>Every {@code dist.sample()} (or {@code rsample()}) stored into the local is a site of that
 * name, so a local assigned in both branches of an {@code if} is one site either way; a store
 * of any other value (for example {@code weight = weight.exp();}) stays an ordinary
 * assignment.
 *
 * <h2>Observed sites: {@link #obs()}</h2>
 * {@code obs} names the observed value: a local variable or parameter of the method, or a
 * field of the class, optionally indexed by an {@code int} local as {@code "name[i]"}
 * ({@code double[]}, {@code int[]}, {@code Tensor[]}, or a {@code Tensor}, whose element
 * {@code i} along dimension 0 is used). The draw becomes
 * {@code Pyrite.sample(name, dist, value)} (Pyro's {@code obs=}) and the local holds the
 * observed value.
 *
 * <pre>{@code
 * @Sample(obs = "measured") Tensor measurement = Normal.of(weight, 0.75).sample();
 * }</pre>
 *
 * <h2>Sites inside loops: {@link #indexedBy()}</h2>
 * A site drawn on every iteration of a loop needs a different name each time: {@code indexedBy}
 * names {@code int} (or {@code long}) locals whose values are appended to the name, each after
 * an underscore: {@code "obs_0"}, {@code "obs_1"}, ... (and {@code "z_2_0"} for two indices). A
 * {@code @Sample} site inside a loop without {@code indexedBy} is a load-time error.
 *
 * <pre>{@code
 * @Sample(value = "obs", indexedBy = "i", obs = "data[i]") Tensor obs;   // declared before the loop
 * for (int i = 0; i < data.length; i++) {
 *     obs = Normal.of(mu, 1.0).sample();                                 // sites obs_0, obs_1, ...
 * }
 * }</pre>
 *
 * <h2>Where the annotation must go</h2>
 * <ul>
 *   <li>On a local declared with its type's simple name ({@code Tensor}, imported): javac drops
 *       a type annotation on {@code var} or on a qualified name such as
 *       {@code org.pyrite.tensor.Tensor}.</li>
 *   <li>javac records nothing about a local whose scope ends right after its assignment, as
 *       when {@code @Sample Tensor x = d.sample();} is the last statement of a loop body or of
 *       an {@code if} block. Declare such a local before the block and assign it inside (as
 *       above), or use its value afterwards. The agent reports the unrecorded draw as an error
 *       with this advice.</li>
 * </ul>
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

    /**
     * The observed value, by name: a local variable, a parameter or a field of the class, with
     * an optional index {@code "data[i]"}; empty (the default) means a latent site.
     *
     * @return the name of the observed value, or {@code ""}
     */
    String obs() default "";

    /**
     * Names of {@code int} or {@code long} locals whose values are appended to the site's name,
     * each after an underscore, so that a site in a loop has one name per iteration.
     *
     * @return the index variables, outermost first; empty (the default) for none
     */
    String[] indexedBy() default {};
}
