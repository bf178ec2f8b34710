package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/**
 * Stan's warm-up on a Normal target with very different scales per coordinate (sds 0.5, 3, 10).
 */
class AdaptationTest {
    static final Tensor SD = Tensor.of(0.5, 3.0, 10.0);

    static Tensor model(Void v) {
        return sample("x", Normal.of(Tensor.zeros(3), SD).toEvent(1));
    }

    /**
     * The realised acceptance statistic after warm-up (mean over 2,000 draws, Monte Carlo error
     * about 0.005) is at least the target less 0.05, rises with the target, and is at most 0.15 above
     * it. Not within 0.05 both ways: Stan's final step size is the dual-averaged {@code exp(x_bar)},
     * smaller than the noisy iterates whose acceptance the averaging drives to the target, so the
     * realised acceptance runs above the target, as CmdStan reports for its own examples (about 0.9
     * for 0.8). Measured here (2026-12-04, seeds 3 and 4, sds spread over e^-1..e^2) for a target of
     * 0.8: 0.90-0.91 in 3 dimensions, 0.88-0.89 in 10, 0.85-0.88 in 50, 0.87-0.89 in 100; for 0.6:
     * 0.67-0.79; for 0.95: 0.94-0.96. That dual averaging itself reaches its target is
     * {@link #dualAveragingReachesItsTarget}.
     */
    @Test
    void realisedAcceptanceFollowsTheTarget() {
        double previous = 0;
        for (double target : new double[] {0.6, 0.8, 0.95}) {
            Pyrite.setRngSeed(3);
            MCMC<Void> mcmc = new MCMC<>(new NUTS<>(AdaptationTest::model).targetAcceptProb(target), 2000, 1000);
            mcmc.run(null);
            double acceptance = mcmc.acceptance()[0];
            assertThat(acceptance).as("acceptance with target %s", target).isBetween(target - 0.05, Math.min(1.0, target + 0.15));
            assertThat(acceptance).as("acceptance rises with the target").isGreaterThan(previous);
            previous = acceptance;
        }
    }

    /**
     * Dual averaging on a known, noisy acceptance curve {@code a(eps) = exp(-eps^2 / 2)} (plus
     * uniform noise of +-0.1): after 2,000 updates the averaged step size's acceptance is within
     * 0.02 of the target, for targets 0.65 and 0.8.
     */
    @Test
    void dualAveragingReachesItsTarget() {
        java.util.Random noise = new java.util.Random(1);
        for (double target : new double[] {0.65, 0.8}) {
            DualAveraging dual = new DualAveraging(target);
            dual.restart(1.0);
            double eps = 1.0;
            for (int i = 0; i < 2000; i++) {
                double a = Math.exp(-eps * eps / 2) + 0.2 * (noise.nextDouble() - 0.5);
                eps = dual.update(Math.max(0, a));
            }
            double last = dual.finalStepSize();
            assertThat(Math.exp(-last * last / 2)).as("acceptance at the final step size, target %s", target)
                    .isCloseTo(target, within(0.02));
        }
    }

    /**
     * The adapted diagonal inverse mass matrix estimates the posterior variances (0.25, 9, 100)
     * from Stan's last window of 500 draws: within 20 % (the estimate's relative sd with a few
     * hundred effective draws is under 10 %; the regularisation shifts it by about 1 %).
     */
    @Test
    void diagonalMassMatrixMatchesPosteriorVariances() {
        Pyrite.setRngSeed(5);
        MCMC<Void> mcmc = new MCMC<>(new NUTS<>(AdaptationTest::model), 100, 1000);
        mcmc.run(null);
        double[][] m = mcmc.inverseMassMatrix(0);
        double[] sd = SD.toArray();
        for (int i = 0; i < 3; i++) {
            double variance = sd[i] * sd[i];
            assertThat(m[i][i]).as("inverse mass [%s]", i).isCloseTo(variance, within(0.2 * variance));
            for (int k = 0; k < 3; k++) {
                if (k != i) {
                    assertThat(m[i][k]).isZero();
                }
            }
        }
    }

    /** The dense estimate also finds the variances, and the step size stays O(1) once the metric whitens the target. */
    @Test
    void denseMassMatrixMatchesPosteriorCovariance() {
        Pyrite.setRngSeed(5);
        MCMC<Void> mcmc = new MCMC<>(new NUTS<>(AdaptationTest::model).denseMass(true), 100, 1000);
        mcmc.run(null);
        double[][] m = mcmc.inverseMassMatrix(0);
        double[] sd = SD.toArray();
        for (int i = 0; i < 3; i++) {
            double variance = sd[i] * sd[i];
            assertThat(m[i][i]).as("inverse mass [%s][%s]", i, i).isCloseTo(variance, within(0.2 * variance));
            for (int k = 0; k < i; k++) {
                // Correlation estimate of independent coordinates from ~500 draws: |r| < 0.2 (about 4 sds).
                assertThat(Math.abs(m[i][k] / Math.sqrt(m[i][i] * m[k][k]))).as("correlation [%s][%s]", i, k).isLessThan(0.2);
            }
        }
        assertThat(mcmc.stepSizes()[0]).isBetween(0.3, 2.0);
    }
}
