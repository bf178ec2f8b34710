package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * Statistical checks on draws, with tolerances derived from the estimators' standard errors.
 *
 * <p>Every check has a stated false-alarm rate under a correct sampler: moment and median checks
 * use 5 standard errors (two-sided normal tail about 5.7e-7; the sample variance's standard error
 * uses the fourth central moment, the sample median's the density at the median); the Kolmogorov–Smirnov check uses the asymptotic critical value at
 * alpha = 1e-4; the chi-square check uses a Wilson–Hilferty critical value at alpha = 1e-4.
 * Seeds are fixed, so a run is reproducible; the rates say how unlikely a false failure is.
 */
public final class SampleChecks {
    /** Standard errors allowed in moment checks. */
    public static final double Z = 5.0;
    /** KS critical value factor sqrt(-ln(alpha/2)/2) for alpha = 1e-4. */
    private static final double KS_FACTOR = Math.sqrt(-Math.log(1e-4 / 2) / 2);
    /** Upper 1e-4 quantile of the standard normal, for the Wilson–Hilferty chi-square quantile. */
    private static final double Z_1E4 = 3.719;

    private SampleChecks() {}

    /** The sample mean is within {@code Z} standard errors (sd / sqrt(n)) of {@code mean}. */
    public static void assertMean(double[] xs, double mean, double variance, String what) {
        double m = Arrays.stream(xs).average().orElseThrow();
        double se = Math.sqrt(variance / xs.length);
        assertThat(m).as(what + ": sample mean vs closed form (tolerance %s standard errors = %s)", Z, Z * se)
                .isCloseTo(mean, org.assertj.core.data.Offset.offset(Z * se));
    }

    /**
     * The sample variance is within {@code Z} standard errors of {@code variance}; the standard
     * error of the sample variance is sqrt((mu4 - sigma^4) / n), with mu4 estimated from the draws.
     */
    public static void assertVariance(double[] xs, double variance, String what) {
        int n = xs.length;
        double m = Arrays.stream(xs).average().orElseThrow();
        double s2 = 0;
        double m4 = 0;
        for (double x : xs) {
            double d = (x - m) * (x - m);
            s2 += d;
            m4 += d * d;
        }
        s2 /= n - 1;
        m4 /= n;
        double se = Math.sqrt(Math.max(m4 - variance * variance, 0) / n);
        assertThat(s2).as(what + ": sample variance vs closed form (tolerance %s standard errors = %s)", Z, Z * se)
                .isCloseTo(variance, org.assertj.core.data.Offset.offset(Z * se));
    }

    /**
     * The sample median is within {@code Z} standard errors of {@code median}; the sample median of
     * n draws is asymptotically normal with standard error {@code 1 / (2 f sqrt(n))}, {@code f} the
     * density at the median ({@code densityAtMedian}). Works where the mean does not exist.
     */
    public static void assertMedian(double[] xs, double median, double densityAtMedian, String what) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        double m = n % 2 == 0 ? 0.5 * (s[n / 2 - 1] + s[n / 2]) : s[n / 2];
        double se = 1 / (2 * densityAtMedian * Math.sqrt(n));
        assertThat(m).as(what + ": sample median (tolerance %s standard errors = %s)", Z, Z * se)
                .isCloseTo(median, org.assertj.core.data.Offset.offset(Z * se));
    }

    /** Kolmogorov–Smirnov test of continuous draws against a CDF at alpha = 1e-4. */
    public static void assertKolmogorovSmirnov(double[] xs, DoubleUnaryOperator cdf, String what) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        double critical = KS_FACTOR / Math.sqrt(n);
        assertThat(d).as(what + ": KS statistic vs critical value at alpha 1e-4").isLessThan(critical);
    }

    /**
     * Chi-square goodness of fit of integer draws against a probability mass function, over the
     * values {@code 0..maxValue} with everything above pooled, cells with expected count &lt; 5
     * pooled into their neighbour; alpha = 1e-4.
     */
    public static void assertChiSquare(double[] xs, IntToDoubleFunction pmf, int maxValue, String what) {
        int n = xs.length;
        double[] observed = new double[maxValue + 2];
        for (double x : xs) {
            int k = (int) x;
            assertThat((double) k).as(what + ": draws are integers").isEqualTo(x);
            observed[Math.min(k, maxValue + 1)]++;
        }
        double[] expected = new double[maxValue + 2];
        double total = 0;
        for (int k = 0; k <= maxValue; k++) {
            expected[k] = n * pmf.applyAsDouble(k);
            total += expected[k];
        }
        expected[maxValue + 1] = Math.max(n - total, 0);
        double stat = 0;
        int cells = 0;
        double o = 0;
        double e = 0;
        for (int k = 0; k < expected.length; k++) {
            o += observed[k];
            e += expected[k];
            if (e >= 5 || k == expected.length - 1) {
                if (e > 0) {
                    stat += (o - e) * (o - e) / e;
                    cells++;
                } else {
                    assertThat(o).as(what + ": draws where the pmf is 0").isZero();
                }
                o = 0;
                e = 0;
            }
        }
        int dof = Math.max(cells - 1, 1);
        double h = 2.0 / (9 * dof);
        double critical = dof * Math.pow(1 - h + Z_1E4 * Math.sqrt(h), 3);
        assertThat(stat).as(what + ": chi-square statistic vs critical value at alpha 1e-4 (%s dof)", dof)
                .isLessThan(critical);
    }
}
