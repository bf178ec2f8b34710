package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.distributions.DiscreteTestSupport.assertDrawsFit;
import static org.pyrite.distributions.DiscreteTestSupport.assertRejected;

import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.tensor.Tensor;

/**
 * Binomial counts past {@code int} and the precision of large counts (issue 13, item 2). Counts
 * were cast to {@code int}: {@code Binomial.probs(3e9, 0.5).sample(20)} averaged 1.07e9 (the exact
 * mean is 1.5e9), and {@code Binomial.probs(1e12, 0.5).logProb(5e11)} called 5e11 outside the
 * support. Counts up to 2^53 are supported now, and larger ones refused.
 *
 * <p>Precision: within 1e-12 relative (floor 1 in magnitude) of a reference, the same tolerance as
 * Poisson's and Gamma's. The reference is Commons Statistics while the count fits an {@code int};
 * beyond, {@link #normalizedFromRatios}, which needs nothing but the exact ratios of neighbouring
 * terms and that the masses sum to 1.
 */
class BinomialLargeCountTest {
    /**
     * Log-masses at {@code ks} of Binomial(n, p), for an {@code n p} and {@code n q} that are exact
     * doubles, from the ratio of neighbouring terms {@code f(j + 1) / f(j) = (n - j) p / ((j + 1) q)}:
     * its logarithm is {@code log1p(((n p - q) - j) / ((j + 1) q))}, whose numerator and denominator
     * are exact, so each term carries two roundings of its own (small) size. Summed outward from the
     * mode with compensated (Kahan) sums, they give {@code log f(j) - log f(mode)} over the mode plus
     * or minus 12 standard deviations (beyond, every term is below e^-72 of the mode's, 1e-31);
     * {@code log f(mode)} is minus the log of the sum of their exponentials. Error: a few ulps of
     * the result.
     */
    static double[] normalizedFromRatios(double n, double p, double[] ks) {
        double q = 1 - p;
        double sd = Math.sqrt(n * p * q);
        double mode = Math.floor((n + 1) * p);
        double lo = Math.max(0, Math.floor(mode - 12 * sd));
        double hi = Math.min(n, Math.ceil(mode + 12 * sd));
        double[] relative = new double[ks.length];
        KahanSum total = new KahanSum();
        total.add(1.0); // the mode itself
        // Upwards: log f(j + 1) - log f(j) for j = mode, mode + 1, ...
        KahanSum up = new KahanSum();
        for (double j = mode; j < hi; j++) {
            up.add(Math.log1p(((n * p - q) - j) / ((j + 1) * q)));
            total.add(Math.exp(up.value()));
            record(ks, relative, j + 1, up.value());
        }
        // Downwards: log f(j - 1) - log f(j) = -log of the ratio at j - 1.
        KahanSum down = new KahanSum();
        for (double j = mode; j > lo; j--) {
            down.add(-Math.log1p(((n * p - q) - (j - 1)) / (j * q)));
            total.add(Math.exp(down.value()));
            record(ks, relative, j - 1, down.value());
        }
        double logMode = -Math.log(total.value());
        double[] out = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            if (!(ks[i] >= lo && ks[i] <= hi)) {
                throw new IllegalArgumentException("k = " + ks[i] + " is outside the reference window [" + lo + ", " + hi + "]");
            }
            out[i] = (ks[i] == mode ? 0 : relative[i]) + logMode;
        }
        return out;
    }

    private static void record(double[] ks, double[] relative, double j, double value) {
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == j) {
                relative[i] = value;
            }
        }
    }

    /** A compensated (Kahan) sum: its error does not grow with the number of terms. */
    private static final class KahanSum {
        private double sum;
        private double compensation;

        void add(double x) {
            double y = x - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }

        double value() {
            return sum;
        }
    }

    private static void assertPrecise(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
    }

    /** The reference itself, where Commons Statistics applies too: they agree to 1e-13. */
    @Test
    void theRatioReferenceAgreesWithCommonsStatistics() {
        int n = 1_000_000;
        double p = 0.25;
        double[] ks = {250_000, 250_433, 249_000, 252_000, 247_500};
        double[] ref = normalizedFromRatios(n, p, ks);
        for (int i = 0; i < ks.length; i++) {
            double commons = BinomialDistribution.of(n, p).logProbability((int) ks[i]);
            assertThat(ref[i]).as("k = %s", ks[i]).isCloseTo(commons, within(1e-13 * Math.abs(commons)));
        }
    }

    /** (n, p): counts past int, with n p and n q exact doubles (what the ratio reference needs). */
    static Stream<Arguments> largeCounts() {
        return Stream.of(Arguments.of(3e9, 0.25), Arguments.of(1e10, 0.25), Arguments.of(1e12, 0.5));
    }

    @ParameterizedTest(name = "n {0}, p {1}")
    @MethodSource("largeCounts")
    void logProbPastIntMatchesTheRatioReference(double n, double p) {
        double sd = Math.sqrt(n * p * (1 - p));
        double mode = Math.floor((n + 1) * p);
        double[] ks = {mode, mode + 1, mode - 1, mode + Math.floor(sd), mode - Math.floor(sd), mode + Math.floor(5 * sd),
            mode - Math.floor(5 * sd), mode + Math.floor(11 * sd)};
        double[] expected = normalizedFromRatios(n, p, ks);
        Binomial d = Binomial.probs(n, p);
        double[] actual = d.logProb(Tensor.of(ks)).toArray();
        for (int i = 0; i < ks.length; i++) {
            assertPrecise(actual[i], expected[i], "Binomial(" + n + ", " + p + ").logProb(" + ks[i] + ")");
        }
        // The ends of the support have closed forms: n log q and n log p.
        assertPrecise(d.logProb(0.0).item(), n * Math.log1p(-p), "logProb(0)");
        assertPrecise(d.logProb(n).item(), n * Math.log(p), "logProb(n)");
    }

    @Test
    void theIssuesExampleIsInTheSupportAndExact() {
        // C(2m, m) / 4^m = (1 - 1/(8m) + ...) / sqrt(pi m); at m = 5e11 the next term is 4e-26.
        double m = 5e11;
        double expected = -0.5 * Math.log(Math.PI * m) + Math.log1p(-1 / (8 * m));
        assertPrecise(Binomial.probs(1e12, 0.5).logProb(5e11).item(), expected, "Binomial(1e12, 0.5).logProb(5e11)");
        assertThat(Binomial.probs(1e12, 0.5).support().check(Tensor.scalar(5e11)).item()).isEqualTo(1.0);
        assertThat(Binomial.probs(1e12, 0.5).support().describe()).contains("1000000000000");
    }

    /**
     * Counts that fit an int but are large, against Commons Statistics: the lgamma form was off by
     * up to 1e-7 relative at n = 2^31 - 1.
     */
    @ParameterizedTest(name = "n {0}, p {1}")
    @CsvSource({"100000, 0.3", "10000000, 0.3", "1000000000, 0.3", "2147483647, 0.5", "2147483647, 1e-6",
        "1000000000, 0.999"})
    void logProbOfLargeIntCountsMatchesCommons(int n, double p) {
        double sd = Math.sqrt(n * p * (1 - p));
        double mean = n * p;
        BinomialDistribution reference = BinomialDistribution.of(n, p);
        Binomial d = Binomial.probs(n, p);
        for (double z : new double[] {0, 0.5, -1, 3, -5, 20}) {
            double k = Math.floor(mean + z * sd);
            if (k < 0 || k > n) {
                continue;
            }
            assertPrecise(d.logProb(k).item(), reference.logProbability((int) k), "Binomial(" + n + ", " + p + ").logProb(" + k + ")");
            double logit = Math.log(p) - Math.log1p(-p);
            // From logits, p carries a rounding of its own, which the log-mass amplifies by
            // |k - n p| / (p q) (its derivative in p): allowed on top.
            double q = 1 / (1 + Math.exp(-logit));
            double lpLogits = Binomial.logits(n, logit).logProb(k).item();
            double expected = BinomialDistribution.of(n, q).logProbability((int) k);
            double amplified = 4 * 0x1p-53 * Math.abs(k - n * q) / (1 - q);
            assertThat(lpLogits).as("Binomial.logits(%s, %s).logProb(%s)", n, logit, k)
                    .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected)) + amplified));
        }
    }

    @Test
    void countsAboveTwoToThe53AreRefused() {
        assertRejected(() -> Binomial.probs(1e16, 0.5), "Binomial", "totalCount", "9007199254740992", "1.0E16");
        assertRejected(() -> Binomial.probs(Tensor.of(10, 2e16), Tensor.scalar(0.5)), "totalCount", "9007199254740992",
                "at flat index 1");
        assertThat(Binomial.probs(0x1p53, 0.5).totalCount().item()).isEqualTo(0x1p53);
    }

    /**
     * Draws for counts past int: the sample mean and variance within 5 standard errors, and the
     * standardized draws against the normal CDF by Kolmogorov-Smirnov (alpha 1e-4). The normal is
     * a valid reference here: with a continuity correction the binomial CDF differs from it by
     * O(skewness / sd) = O(|q - p| / (n p q)), below 1e-9 at these counts, and a single value's mass
     * (at most 1 / sd = 4e-5) is far below the KS critical value 0.015 of 20,000 draws.
     */
    @ParameterizedTest(name = "n {0}, p {1}")
    @CsvSource({"3e9, 0.5", "1e12, 0.3", "9e15, 0.5"})
    void drawsPastIntFollowTheLaw(double n, double p) {
        Rng.setSeed(2026);
        double[] xs = Binomial.probs(n, p).sample(20_000).toArray();
        double mean = n * p;
        double var = n * p * (1 - p);
        String what = "Binomial(" + n + ", " + p + ")";
        SampleChecks.assertMean(xs, mean, var, what);
        SampleChecks.assertVariance(xs, var, what);
        NormalDistribution normal = NormalDistribution.of(mean, Math.sqrt(var));
        SampleChecks.assertKolmogorovSmirnov(xs, x -> normal.cumulativeProbability(x + 0.5), what);
        for (double x : xs) {
            assertThat(x).isBetween(0.0, n).isEqualTo(Math.floor(x));
        }
    }

    @Test
    void theIssuesDrawsAverageTheMean() {
        // Binomial.probs(3e9, 0.5).sample(20) averaged 1.07e9; 5 standard errors of 20 draws are 3.1e4.
        Rng.setSeed(13);
        SampleChecks.assertMean(Binomial.probs(3e9, 0.5).sample(20).toArray(), 1.5e9, 3e9 * 0.25, "Binomial(3e9, 0.5)");
    }

    /**
     * A huge count with a small mean (n = 1e15, p = 1e-13, mean 100): moments and a chi-square
     * test against the distribution's own log-masses over 0..250, which also exercises logProb
     * there.
     */
    @Test
    void hugeCountWithSmallMeanFitsItsOwnLogProb() {
        Rng.setSeed(14);
        Binomial d = Binomial.probs(1e15, 1e-13);
        double[] xs = d.sample(30_000).toArray();
        assertDrawsFit(xs, d, 100, 100 * (1 - 1e-13), 250, "Binomial(1e15, 1e-13)");
    }

    /**
     * The gradient and Hessian of logProb with respect to probs and to logits, by autodiff against
     * finite differences, from small to large counts. Step scales: the spread {@code sqrt(p q / n)}
     * of the success rate (at most a tenth of p and q, so small counts are not stepped past 0 or 1)
     * and {@code 1 / sqrt(n p q)} for the logits.
     */
    @ParameterizedTest(name = "n {0}, p {1}, k {2}")
    @CsvSource({"10, 0.3, 4", "10, 0.3, 0", "10, 0.3, 10", "5000, 0.01, 61", "2147483647, 0.4, 858993000",
        "1e12, 0.5, 500000400000"})
    void logProbGradientsMatchFiniteDifferences(double n, double p, double k) {
        double q = 1 - p;
        double pScale = Math.min(Math.sqrt(p * q / n), 0.1 * Math.min(p, q));
        double lScale = Math.min(1 / Math.sqrt(n * p * q), 0.5);
        // The terms an evaluation sums, plus its sensitivity to the rounding of n p and n q (one ulp
        // of the rate moves the log-mass by |k - n p| / (n p) of it, about u |k - n p| in all).
        double magnitude = 3 * (0.5 * Math.log(2 * Math.PI * n) + 50) + 2 * Math.abs(k - n * p);
        // The gradient in p sums n (k - n p) / (n p) and its counterpart for the failures, each ratio
        // off by about u from the rounding of n p: about n u each.
        double pGradientTerms = Math.abs(k - n * p) / (p * q) + 2 * n + 1;
        LogDensityGradients.check("Binomial.probs(" + n + ", " + p + ").logProb(" + k + ")",
                args -> Binomial.probs(n, args[0]).logProb(k), new double[] {p}, new double[] {pScale}, magnitude,
                pGradientTerms);
        double logit = Math.log(p / q);
        LogDensityGradients.check("Binomial.logits(" + n + ", " + logit + ").logProb(" + k + ")",
                args -> Binomial.logits(n, args[0]).logProb(k), new double[] {logit}, new double[] {lScale},
                magnitude + n * Math.abs(logit), n);
    }

    @Test
    void logitsBeyondTheSigmoidsRangeStayFinite() {
        // sigmoid(-800) underflows; the log-mass is continued exactly as k l - n softplus(l).
        double n = 20;
        for (double l : new double[] {800, -800, 5000}) {
            for (double k : new double[] {0, 7, 20}) {
                double expected = k * l - n * (Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))))
                        + BinomialDistribution.of(20, 0.5).logProbability((int) k) + 20 * Math.log(2);
                assertPrecise(Binomial.logits(n, l).logProb(k).item(), expected, "Binomial.logits(20, " + l + ").logProb(" + k + ")");
            }
        }
    }
}
