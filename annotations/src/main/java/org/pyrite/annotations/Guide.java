package org.pyrite.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the guide (variational distribution or proposal) of a {@link Model}
 * method declared in the same class. The guide takes the same arguments as its model and
 * should have a {@link Sample} site for every latent site of the model.
 *
 * <pre>{@code
 * @Param Tensor a = Tensor.scalar(8.5);
 * @Param(constraint = Positive.class) Tensor b = Tensor.scalar(1.0);
 *
 * @Guide(model = "scale", observed = "measurement")
 * public Tensor guide(double guess) {
 *     @Sample Tensor weight = Normal.of(a, b).sample();
 *     return weight;
 * }
 * }</pre>
 *
 * <p>The Pyrite agent checks at load time that the guide's parameter list is its model's, that
 * every latent site of the model that it can name statically has a site in the guide (a
 * warning: the prior is used for a missing one), and that the guide samples no site the model
 * lacks (an error).
 *
 * @see Model
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Guide {

    /**
     * The name of the {@link Model} method, in the same class, that this method guides.
     *
     * @return the model method's name, for example {@code "scale"}
     */
    String model();

    /**
     * Latent sites of the model that are observed whenever this guide is used (for example
     * through {@code Pyrite.condition(model, Map.of("measurement", 9.5))}), so the guide does
     * not sample them; the agent's check that every latent model site has a guide site skips
     * them.
     *
     * @return names of model sites conditioned at run time; empty (the default) for none
     */
    String[] observed() default {};
}
