package org.pyrite;

/**
 * A stochastic function: an ordinary method that draws named random values with
 * {@link Pyrite#sample} and may read parameters with {@link Pyrite#param}. Models with several
 * arguments take a record.
 *
 * <pre>{@code
 * static Tensor scale(double guess) {
 *     Tensor weight = sample("weight", Normal.of(guess, 1.0));
 *     return sample("measurement", Normal.of(weight, 0.75));
 * }
 * Model<Double, Tensor> model = Tutorial::scale;
 * Model<Double, Tensor> conditioned = Pyrite.condition(model, Map.of("measurement", 9.5));
 * }</pre>
 *
 * @param <A> the argument type
 * @param <R> the return type
 */
@FunctionalInterface
public interface Model<A, R> {
    /** Runs the model once. */
    R call(A args);
}
