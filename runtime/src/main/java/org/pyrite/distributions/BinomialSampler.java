package org.pyrite.distributions;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.MarsagliaTsangWangDiscreteSampler;

/**
 * Exact draws from Binomial(n, p) for every count a double holds exactly ({@code n <= 2^53}), for
 * {@link Binomial}.
 *
 * <ul>
 *   <li>{@code n < 2^16} with many draws of one parameter set: Commons RNG's
 *       {@link MarsagliaTsangWangDiscreteSampler.Binomial} look-up table (probabilities quantized
 *       to multiples of 2^-30), built once per parameter set ({@link #table});</li>
 *   <li>otherwise, up to {@link #INVERSION_MAX_TRIALS} trials, inversion of the CDF searched outward
 *       from the mode (expected cost proportional to the standard deviation);</li>
 *   <li>above that, the count is split first (Knuth, TAOCP vol. 2, 3.4.1): the {@code a}-th
 *       smallest of {@code n} uniforms, {@code a = 1 + floor(n/2)}, is a Beta(a, n + 1 - a) draw
 *       {@code u}; if {@code u >= p}, the successes are those of the {@code a - 1} uniforms below
 *       {@code u}, uniform on {@code (0, u)}: Binomial(a - 1, p / u); otherwise all {@code a} up to
 *       {@code u} succeed and the other {@code n - a} are uniform on {@code (u, 1)}: {@code a} plus
 *       Binomial(n - a, (p - u) / (1 - u)). Each split halves the count, so 1e12 trials take about
 *       twenty splits (two Gamma draws each, Commons RNG) before inversion.</li>
 * </ul>
 * Before, counts were cast to {@code int}, which stops at 2^31 - 1: 3e9 trials were drawn as if they
 * were 2,147,483,647 (a mean of 1.07e9 at p = 1/2).
 */
final class BinomialSampler {
    /** Draws per parameter set from which building a look-up table pays off. */
    static final int TABLE_MIN_DRAWS = 64;
    private static final int TABLE_MAX_TRIALS = 1 << 16;
    /**
     * Largest count drawn by inversion; above it the count is split. The inversion's pmf at the
     * mode comes from {@code lgamma} differences, whose rounding (about {@code 1e-16 n log n}
     * absolute) stays below 3e-9 here, and its cost (about the standard deviation, at most 512
     * steps) below that of the splits it saves.
     */
    static final double INVERSION_MAX_TRIALS = 1 << 20;

    private BinomialSampler() {}

    /**
     * A look-up-table sampler for {@code draws} draws of Binomial(n, p), or {@code null} where one
     * does not pay off or does not apply (then {@link #draw} is used).
     */
    static DiscreteSampler table(UniformRandomProvider rng, double n, double p, int draws) {
        // n > 0: Commons RNG 1.7 builds an empty table for 0 trials, whose sample() fails.
        if (draws < TABLE_MIN_DRAWS || !(n > 0) || n >= TABLE_MAX_TRIALS || !(p > 0) || !(p < 1)) {
            return null;
        }
        try {
            return MarsagliaTsangWangDiscreteSampler.Binomial.of(rng, (int) n, p);
        } catch (IllegalArgumentException tooSpreadForTable) {
            return null; // the pmf at the table's origin underflows: inversion instead
        }
    }

    /** One exact draw from Binomial(n, p), {@code n} a non-negative integer up to 2^53, {@code p} in [0, 1]. */
    static double draw(UniformRandomProvider rng, double n, double p) {
        double below = 0; // successes already settled by splits
        while (n > INVERSION_MAX_TRIALS && p > 0 && p < 1) {
            double a = Math.floor(n / 2) + 1;
            double u = beta(rng, a, n + 1 - a);
            if (u >= p) {
                n = a - 1;
                p = p / u;
            } else {
                below += a;
                n = n - a;
                p = (p - u) / (1 - u);
            }
        }
        if (p <= 0) {
            return below;
        }
        if (p >= 1) {
            return below + n;
        }
        return below + invert(rng, (int) n, p);
    }

    /** A Beta(a, b) draw for {@code a, b >= 1}, as {@code X / (X + Y)} of independent Gamma(a) and Gamma(b) draws. */
    private static double beta(UniformRandomProvider rng, double a, double b) {
        double x = AhrensDieterMarsagliaTsangGammaSampler.of(rng, a, 1.0).sample();
        double y = AhrensDieterMarsagliaTsangGammaSampler.of(rng, b, 1.0).sample();
        return x / (x + y);
    }

    /**
     * One exact draw by inversion: the uniform is spent on the pmf in the order mode, mode+1,
     * mode-1, mode+2, ... (any fixed order gives the right law), with the pmf updated by its
     * ratio recurrence.
     */
    static int invert(UniformRandomProvider rng, int n, double p) {
        if (n == 0 || p == 0.0) {
            return 0;
        }
        if (p == 1.0) {
            return n;
        }
        int mode = (int) Math.min(n, Math.floor((n + 1.0) * p));
        double fMode = Math.exp(LogGamma.value(n + 1.0) - LogGamma.value(mode + 1.0) - LogGamma.value(n - mode + 1.0)
                + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
        double odds = p / (1.0 - p);
        double u = rng.nextDouble() - fMode;
        if (u < 0) {
            return mode;
        }
        double fHi = fMode;
        double fLo = fMode;
        int hi = mode;
        int lo = mode;
        // The pmf falls monotonically away from the mode, so once a side underflows to 0 it is done.
        while ((hi < n && fHi > 0) || (lo > 0 && fLo > 0)) {
            if (hi < n && fHi > 0) {
                fHi *= (double) (n - hi) / (hi + 1) * odds;
                hi++;
                u -= fHi;
                if (u < 0) {
                    return hi;
                }
            }
            if (lo > 0 && fLo > 0) {
                fLo *= (double) lo / (n - lo + 1) / odds;
                lo--;
                u -= fLo;
                if (u < 0) {
                    return lo;
                }
            }
        }
        return mode; // u fell in the rounding deficit of the summed pmf (below 1e-12)
    }
}
