package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

    /** Standard normal draws (Box-Muller on a seeded SplittableRandom, independent of Pyrite's generators). */
    private static double[] gaussians(SplittableRandom rng, int n) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = STD_NORMAL.inverseCumulativeProbability(rng.nextDouble(Double.MIN_VALUE, 1.0));
        }
        return z;
    }

    /** A stationary AR(1) chain {@code x_t = rho x_{t-1} + sqrt(1 - rho^2) e_t}, started in its stationary law N(0, 1). */
    private static double[] ar1(SplittableRandom rng, int n, double rho) {
        double[] e = gaussians(rng, n);
        double[] x = new double[n];
        x[0] = e[0];
        double s = Math.sqrt(1 - rho * rho);
        for (int t = 1; t < n; t++) {
            x[t] = rho * x[t - 1] + s * e[t];
        }
        return x;
    }

    @Test
    void geyerEssOfALinearTrendMatchesTheHandComputation() {
        // One chain 1..8: mean 4.5, autocovariances (divided by n = 8): acov0 = 42/8, acov1 = 26.25/8,
        // acov2 = 11.5/8, acov3 = -1.25/8. W = acov0 * 8/7 = 6, var+ = W * 7/8 = 21/4.
        // rho_t = 1 - (W - acov_t) / var+: rho1 = 27/56, rho2 = 11/84, rho3 = -29/168.
        // rho2 + rho3 < 0 ends the positive sequence after lag 1 (maxT = 1); rho2 > 0 is kept as the
        // final even term: tau = -1 + 2 (1 + 27/56) + 11/84 = 44/21, ESS = 8 / tau = 42/11.
        double[][] chain = {{1, 2, 3, 4, 5, 6, 7, 8}};
        assertThat(Diagnostics.geyerEss(chain)).isCloseTo(42.0 / 11.0, within(1e-12));
    }

    @Test
    void fftAutocovarianceEqualsTheDirectSums() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : new int[] {2, 5, 8, 1000}) {
            double[][] x = {ar1(rng, n, 0.7), ar1(rng, n, 0.7)};
            double[] acov = Autocovariance.meanOverChains(x);
            for (int t = 0; t < n; t++) {
                double direct = 0;
                for (double[] chain : x) {
                    double mu = Diagnostics.mean(chain);
                    for (int i = 0; i + t < n; i++) {
                        direct += (chain[i] - mu) * (chain[i + t] - mu) / n / x.length;
                    }
                }
                assertThat(acov[t]).as("n %d, lag %d", n, t).isCloseTo(direct, within(1e-12));
            }
        }
    }

    @Test
    void splitRHatMatchesTheHandComputation() {
        // Halves [1,2] [3,4] [5,6] [7,8]: each variance 1/2, so W = 1/2; half means 1.5, 3.5, 5.5, 7.5
        // have variance 20/3. pooled = (n-1)/n W + var(means) = 1/4 + 20/3 = 83/12 (n = 2 per half);
        // R-hat = sqrt(pooled / W) = sqrt(83/6).
        double[][] chains = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        assertThat(Diagnostics.splitRHat(chains)).isCloseTo(Math.sqrt(83.0 / 6.0), within(1e-12));
    }

    @Test
    void splitLeavesOutTheMiddleDrawOfAnOddChain() {
        double[][] halves = Diagnostics.split(new double[][] {{1, 2, 3, 4, 5}});
        assertThat(halves).isDeepEqualTo(new double[][] {{1, 2}, {4, 5}});
    }

    @Test
    void rankNormalizationGivesBlomScoresWithAverageRanksForTies() {
        // Pooled values 3, 1, 2, 2: ranks 4, 1, 2.5, 2.5 of S = 4; score = Phi^-1((r - 3/8) / (S + 1/4)).
        double[][] z = Diagnostics.rankNormalize(new double[][] {{3, 1}, {2, 2}});
        double s = 4.25;
        assertThat(z[0][0]).isCloseTo(STD_NORMAL.inverseCumulativeProbability((4 - 0.375) / s), within(1e-12));
        assertThat(z[0][1]).isCloseTo(STD_NORMAL.inverseCumulativeProbability((1 - 0.375) / s), within(1e-12));
        assertThat(z[1][0]).isCloseTo(STD_NORMAL.inverseCumulativeProbability((2.5 - 0.375) / s), within(1e-12));
        assertThat(z[1][1]).isEqualTo(z[1][0]);
    }

    /**
     * The bulk ESS of AR(1) chains against {@code N (1 - rho) / (1 + rho)}, the exact asymptotic ESS
     * (integrated autocorrelation time {@code tau = (1 + rho) / (1 - rho)}). Rank normalisation of
     * Gaussian draws is close to the identity, so it leaves tau nearly unchanged. The estimator's
     * relative standard error is Sokal's {@code sqrt(2 (2M + 1) / N)} for a summation window of
     * {@code M} lags; Geyer's sequence stops where {@code |rho|^t} sinks into the noise
     * {@code 1/sqrt(N)} (about lag 8 for rho = 0.5, 5 for -0.3), and we take {@code M = 16}, an upper
     * bound. With N = 100,000 that is 2.6 %; the test allows 4 standard errors.
     */
    @Test
    void bulkEssOfAr1ChainsIsNearTheClosedForm() {
        int chains = 4;
        int draws = 25_000;
        double total = chains * draws;
        double relSe = Math.sqrt(2.0 * (2 * 16 + 1) / total);
        for (double rho : new double[] {0.5, -0.3}) {
            SplittableRandom rng = new SplittableRandom(20261204L);
            double[][] x = new double[chains][];
            for (int c = 0; c < chains; c++) {
                x[c] = ar1(rng, draws, rho);
            }
            double expected = total * (1 - rho) / (1 + rho);
            assertThat(Diagnostics.effectiveSampleSize(x)).as("rho = %s", rho)
                    .isCloseTo(expected, within(4 * relSe * expected));
        }
    }

    /**
     * Four chains of N(0, 1) draws, the last shifted by 2. Over the 8 half chains of n = 500: W is
     * about 1, the half means about 0 (6 of them) and 2 (2 of them), whose variance is 6/7, so
     * R-hat is about sqrt(499/500 + 6/7 + 1/500) = 1.362 (the last term: the half means' own noise,
     * variance 1/500). The standard error, from W's relative error sqrt(2 / (8 * 499)) = 0.022 and the
     * half means' noise (sd 0.045) in the between term, is about 0.019 on R-hat; 4 of them allowed.
     */
    @Test
    void shiftedChainsHaveALargeSplitRHat() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] x = new double[4][];
        for (int c = 0; c < 4; c++) {
            x[c] = gaussians(rng, 1000);
        }
        for (int i = 0; i < 1000; i++) {
            x[3][i] += 2.0;
        }
        double rHat = Diagnostics.splitRHat(x);
        assertThat(rHat).isGreaterThan(1.1).isCloseTo(Math.sqrt(499.0 / 500 + 6.0 / 7 + 1.0 / 500), within(4 * 0.019));
        assertThat(Diagnostics.rankNormalizedSplitRHat(x)).isGreaterThan(1.1);
    }

    /**
     * Four copies of one chain of 1,000 N(0, 1) draws: full-chain means agree exactly, and the two
     * distinct half means a, b differ by d ~ N(0, 2/500); the variance of the 8 half means is
     * 2 d^2 / 7, so R-hat^2 = 499/500 + 2 d^2 / 7. Even at |d| = 4 sd = 0.25, R-hat is within 0.01 of 1.
     */
    @Test
    void identicalChainsHaveRHatNearOne() {
        double[] one = gaussians(new SplittableRandom(11), 1000);
        double[][] x = {one, one.clone(), one.clone(), one.clone()};
        assertThat(Diagnostics.splitRHat(x)).isCloseTo(1.0, within(0.01));
        assertThat(Diagnostics.rankNormalizedSplitRHat(x)).isCloseTo(1.0, within(0.01));
    }

    @Test
    void chainsStuckAtDifferentValuesHaveInfiniteRHatAndConstantDrawsHaveNaN() {
        assertThat(Diagnostics.splitRHat(new double[][] {{1, 1, 1, 1}, {2, 2, 2, 2}})).isInfinite();
        assertThat(Diagnostics.splitRHat(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}})).isNaN();
        assertThat(Diagnostics.effectiveSampleSize(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}})).isEqualTo(8.0);
    }

    @Test
    void badChainsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Diagnostics.effectiveSampleSize(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain 1 has 3 draws, chain 0 has 4");
        assertThatThrownBy(() -> Diagnostics.splitRHat(new double[][] {{1, 2, Double.NaN, 4}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("draw 2 of chain 0 is NaN");
        assertThatThrownBy(() -> Diagnostics.splitRHat(new double[][] {{1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> Diagnostics.splitRHat(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one chain");
    }
}
