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
 * @Guide(model = "scale") public Tensor guide(double guess) {
 *     @Sample Tensor weight = Normal.of(a, b).sample();
 *     return weight;
 * }
 * }</pre>
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
}
