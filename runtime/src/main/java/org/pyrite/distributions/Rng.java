package org.pyrite.distributions;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.pyrite.context.ContextKey;
import org.pyrite.context.PyriteContext;

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
 * that thread, so inferences on different threads never share a stream. Work that Pyrite spreads
 * over threads ({@link PyriteContext#runWith}) must not share the caller's generator (it is not
 * thread-safe, and who draws what would depend on timing): there the generator refuses to draw
 * until the work installs its own, seeded from the caller's, as parallel importance does per chunk.
 */
public final class Rng {
    /** The generator that work run on another thread starts with: it refuses to draw. */
    private static final Rng UNSHARED = new Rng(new UnsharedProvider());
    private static final ContextKey<Rng> CURRENT = ContextKey.of("random generator", () -> new Rng(RandomSource.createLong()),
            caller -> UNSHARED);

    private final RestorableUniformRandomProvider provider;
    private final NormalizedGaussianSampler gaussian;
    private final ZigguratSampler.Exponential exponential;

    private Rng(long seed) {
        this(RandomSource.L64_X128_MIX.create(seed));
    }

    private Rng(RestorableUniformRandomProvider provider) {
        this.provider = provider;
        gaussian = ZigguratSampler.NormalizedGaussian.of(provider);
        exponential = ZigguratSampler.Exponential.of(provider);
    }

    /** This thread's generator. */
    public static Rng current() {
        return PyriteContext.current().get(CURRENT);
    }

    /** Replaces this thread's generator by one seeded with {@code seed}. */
    public static void setSeed(long seed) {
        PyriteContext.current().set(CURRENT, new Rng(seed));
    }

    /** A new generator seeded with {@code seed}, not installed on any thread. */
    public static Rng seeded(long seed) {
        return new Rng(seed);
    }

    /** Makes {@code rng} this thread's generator and returns the one it replaces. */
    public static Rng install(Rng rng) {
        return PyriteContext.current().set(CURRENT, rng);
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

    /** Stands in for the caller's generator on a thread running the caller's work: every draw is an error. */
    private static final class UnsharedProvider implements RestorableUniformRandomProvider {
        @Override
        public long nextLong() {
            throw refused();
        }

        @Override
        public RandomProviderState saveState() {
            throw refused();
        }

        @Override
        public void restoreState(RandomProviderState state) {
            throw refused();
        }

        private static IllegalStateException refused() {
            return new IllegalStateException("no random generator on this thread: it runs work that Pyrite spread from another"
                    + " thread, whose generator it may not share (not thread-safe, and the draws would depend on timing); give"
                    + " each task its own, e.g. Rng.install(Rng.seeded(seed)) with a seed drawn on the calling thread");
        }
    }
}
