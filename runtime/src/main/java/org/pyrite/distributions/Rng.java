package org.pyrite.distributions;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The per-thread random generator every distribution draws from (Apache Commons RNG,
 * {@code L64_X128_MIX}).
 *
 * <pre>{@code
 * Rng.setSeed(42);                       // this thread's draws are now reproducible
 * double z = Rng.current().gaussian();
 * }</pre>
 *
 * <p>Each thread has its own generator, seeded from entropy until {@link #setSeed} is called on
 * that thread, so inferences on different threads never share a stream.
 */
public final class Rng {
    private static final ThreadLocal<Rng> CURRENT = ThreadLocal.withInitial(() -> new Rng(RandomSource.createLong()));

    private final RestorableUniformRandomProvider provider;
    private final NormalizedGaussianSampler gaussian;
    private final ZigguratSampler.Exponential exponential;

    private Rng(long seed) {
        provider = RandomSource.L64_X128_MIX.create(seed);
        gaussian = ZigguratSampler.NormalizedGaussian.of(provider);
        exponential = ZigguratSampler.Exponential.of(provider);
    }

    /** This thread's generator. */
    public static Rng current() {
        return CURRENT.get();
    }

    /** Replaces this thread's generator by one seeded with {@code seed}. */
    public static void setSeed(long seed) {
        CURRENT.set(new Rng(seed));
    }

    /** A new generator seeded with {@code seed}, not installed on any thread. */
    public static Rng seeded(long seed) {
        return new Rng(seed);
    }

    /** Makes {@code rng} this thread's generator and returns the one it replaces. */
    public static Rng install(Rng rng) {
        Rng previous = CURRENT.get();
        CURRENT.set(rng);
        return previous;
    }

    /** The underlying provider, for Commons RNG samplers. */
    public UniformRandomProvider provider() {
        return provider;
    }

    /** A standard normal draw. */
    public double gaussian() {
        return gaussian.sample();
    }

    /** A uniform draw in [0, 1). */
    public double uniform() {
        return provider.nextDouble();
    }

    /** A standard exponential draw (rate 1). */
    public double exponential() {
        return exponential.sample();
    }

    /** A Gamma(shape, 1) draw. */
    public double gamma(double shape) {
        return AhrensDieterMarsagliaTsangGammaSampler.of(provider, shape, 1.0).sample();
    }

    /** The generator's state, to be given back to {@link #restoreState}. */
    public RandomProviderState saveState() {
        return provider.saveState();
    }

    /** Puts the generator back into a state {@link #saveState} returned. */
    public void restoreState(RandomProviderState state) {
        provider.restoreState(state);
    }
}
