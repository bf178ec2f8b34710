package org.pyrite.infer;

/**
 * A sequential model, or its guide, for {@link SMCFilter} (Pyro's objects with {@code init} and
 * {@code step} methods): {@code init} draws the initial state, each {@code step} one time step.
 * Both run inside a vectorized plate of the particles, so each site's batch dimension
 * {@code -1 - maxPlateNesting} holds the particles, and every tensor that depends on a sampled
 * value is kept in the {@link SMCState} (leading dimension: the particles), which the filter
 * resamples. The model may write the state; the guide may only read it.
 *
 * <pre>{@code
 * final class Tracker implements SMCProgram<Void, Double> {
 *     public void init(SMCState state, Void none) {
 *         state.put("x", sample("x_0", Normal.of(0.0, 1.0)));            // shape [numParticles]
 *     }
 *     public void step(SMCState state, Double y) {
 *         Tensor x = sample("x", Normal.of(state.get("x"), 0.5));
 *         sample("y", Normal.of(x, 1.0), y);
 *         state.put("x", x);
 *     }
 * }
 * }</pre>
 *
 * @param <I> the argument type of {@code init}
 * @param <S> the argument type of {@code step} (typically the time step's observation)
 */
public interface SMCProgram<I, S> {
    /** Draws the initial state into {@code state}. */
    void init(SMCState state, I args);

    /** One time step: draws the next state from the one in {@code state}, and observes. */
    void step(SMCState state, S args);
}
