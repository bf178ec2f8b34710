package org.pyrite.handlers;

import org.pyrite.distributions.Rng;

/**
 * Runs its body with this thread's generator seeded (Pyro's {@code seed}), then puts the previous
 * generator back, so a seeded block does not disturb the draws around it.
 *
 * <pre>{@code
 * try (SeedMessenger s = new SeedMessenger(0).enter()) {
 *     Tensor w = sample("w", Normal.of(0, 1));   // the same value on every run
 * }
 * }</pre>
 */
public final class SeedMessenger extends Messenger {
    private final long seed;
    private Rng previous;

    /** Seeds with {@code seed}. */
    public SeedMessenger(long seed) {
        this.seed = seed;
    }

    @Override
    protected void onEnter() {
        previous = Rng.install(Rng.seeded(seed));
    }

    @Override
    protected void onExit() {
        Rng.install(previous);
    }
}
