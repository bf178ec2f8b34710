package org.pyrite.distributions;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Poisson log-masses (for real counts, hence Gamma log-densities too) to about 30 significant
 * digits with {@link BigDecimal}: the reference where Commons Statistics cannot serve. Its
 * {@code PoissonDistribution} takes {@code int} counts only, and the other route to counts past
 * {@code int}, the identity Poisson(k; rate) = the Gamma(k + 1, 1) density at the rate, is not
 * accurate there: Commons' {@code GammaDistribution.logDensity} at shape 1e12, ten standard
 * deviations below the mode, is off by 8.1e-5 (found while writing these tests, against this class).
 *
 * <p>The log-mass is computed from the exact identity
 * {@code log(lambda^x e^-lambda / Gamma(x + 1)) = -(x log(x / lambda) + lambda - x) - log(2 pi x) / 2 - S(x)}
 * with Stirling's error {@code S(x) = lgamma(x + 1) - (x + 1/2) log x + x - log(2 pi) / 2}. The
 * first two terms are evaluated in 50-digit decimal arithmetic (logarithms from the series of
 * {@code atanh}, pi to 60 digits); {@code S(x)} from seven terms of its asymptotic series in
 * doubles, which for {@code x >= 20} is within 1e-22 absolute (first omitted term
 * {@code 3617 / (122400 x^15)}), far below what the tests resolve.
 */
final class HighPrecision {
    private static final MathContext MC = new MathContext(50);
    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494459");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal LN2 = atanhTwice(BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC));
    /** The smallest count the asymptotic series of Stirling's error is used for. */
    static final double MIN_COUNT = 20;

    private HighPrecision() {}

    /** The Poisson log-mass at a real count {@code x >= 20} with mean {@code lambda > 0}. */
    static double logPoisson(double x, double lambda) {
        if (x < MIN_COUNT) {
            throw new IllegalArgumentException("HighPrecision.logPoisson needs x >= " + MIN_COUNT + ", got " + x);
        }
        BigDecimal bx = new BigDecimal(x);
        BigDecimal bl = new BigDecimal(lambda);
        BigDecimal deviance = bx.multiply(ln(bx.divide(bl, MC)), MC).add(bl, MC).subtract(bx, MC);
        BigDecimal halfLog = ln(TWO.multiply(PI, MC).multiply(bx, MC)).divide(TWO, MC);
        return deviance.add(halfLog, MC).negate().doubleValue() - stirlingError(x);
    }

    /** {@code log(value)} to 50 digits, for a positive double. */
    static double ln(double value) {
        return ln(new BigDecimal(value)).doubleValue();
    }

    /** {@code S(x)} from seven terms of its asymptotic series (see the class comment). */
    private static double stirlingError(double x) {
        double[] c = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156};
        double inv2 = 1 / (x * x);
        double sum = 0;
        double power = 1 / x;
        for (double ck : c) {
            sum += ck * power;
            power *= inv2;
        }
        return sum;
    }

    /** Natural logarithm of a positive number: {@code y = m 2^e} with m near 1, {@code log m = 2 atanh((m - 1) / (m + 1))}. */
    private static BigDecimal ln(BigDecimal y) {
        int e = Math.getExponent(y.doubleValue());
        BigDecimal m = e >= 0 ? y.divide(TWO.pow(e), MC) : y.multiply(TWO.pow(-e), MC);
        BigDecimal s = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        return atanhTwice(s).add(LN2.multiply(BigDecimal.valueOf(e), MC), MC);
    }

    /** {@code 2 atanh(s) = 2 (s + s^3 / 3 + s^5 / 5 + ...)} for {@code |s| <= 1/3}. */
    private static BigDecimal atanhTwice(BigDecimal s) {
        BigDecimal s2 = s.multiply(s, MC);
        BigDecimal power = s;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = new BigDecimal("1e-55");
        for (int n = 1; ; n += 2) {
            BigDecimal term = power.divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(eps) < 0) {
                return sum.multiply(TWO, MC);
            }
            power = power.multiply(s2, MC);
        }
    }
}
