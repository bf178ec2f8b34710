package org.pyrite.tensor;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The Poisson log-mass {@code log(lambda^x e^-lambda / Gamma(x + 1))}, for real {@code x >= 0},
 * computed without cancellation (Loader, "Fast and accurate computation of binomial
 * probabilities", 2000; the form behind R's {@code dpois}).
 *
 * <p>Why: written as {@code x log(lambda) - lambda - lgamma(x + 1)}, the three terms are of the
 * order of {@code lambda} while their sum, near the mode, is about {@code -log(2 pi lambda) / 2}:
 * at {@code lambda = 1e10} the terms are 2e11 and the sum -12, so the result keeps only about six
 * of its sixteen digits. The saddle-point form
 * {@code -stirlingError(x) - deviance(x, lambda) - log(2 pi x) / 2} has no such cancellation: the
 * deviance {@code x log(x / lambda) + lambda - x >= 0} is summed from a series where {@code x} is
 * close to {@code lambda}, and Stirling's error {@code lgamma(x + 1) - (x + 1/2) log x + x - log(2 pi) / 2}
 * from its asymptotic series. Each term is then within a few ulps of its own (small) size.
 *
 * <p>Below {@code x = 16} the direct form is used: there {@code lgamma(x + 1)} is below 31, so the
 * cancellation costs at most a few ulps of {@code 31 + |x log lambda|} where {@code lambda} is near
 * {@code x} (and nothing where {@code lambda} dominates), while the asymptotic series would need
 * more terms.
 *
 * <pre>{@code
 * double lp = LogPoisson.value(1e10, 1e10);   // -12.431863998183234; the direct form gives -12.431854248046875
 * }</pre>
 */
final class LogPoisson {
    /** From this {@code x} on, the saddle-point form (see the class comment). */
    static final double SADDLE_POINT_FROM = 16;
    private static final double TWO_PI = 2 * Math.PI;
    /**
     * Coefficients {@code B_2k / (2k (2k - 1))} of Stirling's series in {@code 1/x}, from the
     * Bernoulli numbers: 1/12, -1/360, 1/1260, -1/1680, 1/1188, -691/360360, 1/156. At
     * {@code x = 16} the first omitted term is below 3e-20, far under an ulp of the result.
     */
    private static final double[] STIRLING = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
        -691.0 / 360360, 1.0 / 156};

    private LogPoisson() {}

    /**
     * The log-mass at {@code x} of the Poisson law with mean {@code lambda}, {@code x} real: 0 at
     * {@code x = lambda = 0}, {@code -lambda} at {@code x = 0}, {@code -Infinity} at {@code lambda = 0}
     * or infinite arguments otherwise, NaN for a negative or NaN argument.
     */
    static double value(double x, double lambda) {
        if (!(x >= 0) || !(lambda >= 0)) {
            return Double.NaN;
        }
        if (x == 0) {
            return -lambda;
        }
        if (lambda == 0 || x == Double.POSITIVE_INFINITY || lambda == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x < SADDLE_POINT_FROM) {
            return x * Math.log(lambda) - lambda - LogGamma.value(x + 1);
        }
        return -stirlingError(x) - deviance(x, lambda) - 0.5 * Math.log(TWO_PI * x);
    }

    /** {@code lgamma(x + 1) - (x + 1/2) log x + x - log(2 pi) / 2} for {@code x >= 16}, from Stirling's series. */
    static double stirlingError(double x) {
        double inverseSquare = 1 / (x * x);
        double sum = STIRLING[STIRLING.length - 1];
        for (int k = STIRLING.length - 2; k >= 0; k--) {
            sum = STIRLING[k] + sum * inverseSquare;
        }
        return sum / x;
    }

    /**
     * {@code x log(x / m) + m - x} (Loader's {@code bd0}) for {@code x, m > 0}, which is {@code >= 0}
     * and small where {@code x} is near {@code m}: there, from the series
     * {@code (x - m) v + 2 x (v^3 / 3 + v^5 / 5 + ...)} with {@code v = (x - m) / (x + m)}, whose
     * leading difference {@code x - m} is exact (x and m within a factor 2) and whose terms fall
     * by {@code v^2 < 1/100} each.
     */
    static double deviance(double x, double m) {
        double difference = x - m;
        if (Math.abs(difference) < 0.1 * (x + m)) {
            double v = difference / (x + m);
            double sum = difference * v;
            double term = 2 * x * v;
            double v2 = v * v;
            for (int j = 3; ; j += 2) {
                term *= v2;
                double next = sum + term / j;
                if (next == sum) {
                    return sum;
                }
                sum = next;
            }
        }
        double ratio = x / m;
        // x / m can overflow or underflow for extreme arguments, where log x - log m loses nothing that matters.
        double logRatio = ratio > 0 && ratio < Double.POSITIVE_INFINITY ? Math.log(ratio) : Math.log(x) - Math.log(m);
        return x * logRatio + m - x;
    }
}
