package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/**
 * Importance sampling on a conjugate model: mu ~ N(0, 1), 50 observations y_i = 0 ~ N(mu, 1).
 * The posterior is N(0, 1/51); the evidence is N(0; 0, I + 11^T) = (2 pi)^-25 51^-1/2.
 *
 * <p>Tolerances come from the self-normalized estimator's standard errors with the effective
 * sample size ESS: se(mean) = sd / sqrt(ESS), se(sd) = sd / sqrt(2 ESS), and
 * se(log normalizer) = sqrt((N / ESS - 1) / N) (delta method on the mean weight; N / ESS
 * estimates E[w^2] / E[w]^2). Each check allows 5 standard errors (two-sided normal tail 6e-7).
 */
class ImportanceTest {
    static final int N_OBS = 50;
    static final double POST_SD = Math.sqrt(1.0 / (N_OBS + 1));
    static final double LOG_EVIDENCE = -N_OBS / 2.0 * Math.log(2 * Math.PI) - 0.5 * Math.log(N_OBS + 1);

    static Tensor model(Tensor data) {
        Tensor mu = sample("mu", Normal.of(0.0, 1.0));
        sample("obs", Normal.of(mu, 1.0).expand(N_OBS).toEvent(1), data);
        return mu;
    }

    static Tensor guide(Tensor data) {
        return sample("mu", Normal.of(0.02, 0.2));
    }

    private static void check(TracePosterior posterior, int n) {
        EmpiricalMarginal mu = new EmpiricalMarginal(posterior, "mu");
        double ess = posterior.effectiveSampleSize();
        double mean = mu.mean().item();
        double sd = mu.stddev().item();
        assertThat(mean).as("posterior mean, ESS %.0f", ess).isCloseTo(0.0, within(5 * POST_SD / Math.sqrt(ess)));
        assertThat(sd).as("posterior sd, ESS %.0f", ess).isCloseTo(POST_SD, within(5 * POST_SD / Math.sqrt(2 * ess)));
        double seLogZ = Math.sqrt((n / ess - 1) / n);
        assertThat(posterior.logNormalizer()).isCloseTo(LOG_EVIDENCE, within(5 * seLogZ));
        // The fixed bound: |mean| < 0.01, about 3 standard errors at the prior's ESS (~2,000).
        assertThat(Math.abs(mean)).isLessThan(0.01);
    }

    @Test
    void priorAsProposal() {
        Pyrite.setRngSeed(11);
        TracePosterior posterior = new Importance<>(ImportanceTest::model, 10_000).run(Tensor.zeros(N_OBS));
        assertThat(posterior.size()).isEqualTo(10_000);
        check(posterior, 10_000);
    }

    @Test
    void guideAsProposal() {
        Pyrite.setRngSeed(12);
        TracePosterior posterior = new Importance<>(ImportanceTest::model, ImportanceTest::guide, 5_000).run(Tensor.zeros(N_OBS));
        check(posterior, 5_000);
        assertThat(posterior.effectiveSampleSize()).as("a guide near the posterior beats the prior").isGreaterThan(2_500);
    }

    @Test
    void weightsAreNormalizedAndTheExactGuideGivesEqualWeights() {
        Pyrite.setRngSeed(13);
        Model<Tensor, Tensor> exactGuide = d -> sample("mu", Normal.of(0.0, POST_SD));
        TracePosterior posterior = new Importance<>(ImportanceTest::model, exactGuide, 200).run(Tensor.zeros(N_OBS));
        double sum = 0;
        for (double w : posterior.normalizedWeights()) {
            sum += w;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        assertThat(posterior.effectiveSampleSize()).isCloseTo(200.0, within(1e-6));
        double[] lw = posterior.logWeights();
        for (double w : lw) {
            assertThat(w).isCloseTo(LOG_EVIDENCE, within(1e-9));
        }
    }

    @Test
    void marginalOverReturnValuesNeedsTensors() {
        Model<Double, String> words = g -> {
            sample("x", Normal.of(g, 1.0));
            return "not a tensor";
        };
        TracePosterior posterior = new Importance<>(words, 3).run(0.0);
        assertThatThrownBy(() -> new EmpiricalMarginal(posterior))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returns a Tensor").hasMessageContaining("\"x\"");
    }

    @Test
    void histogramSumsTheNormalizedWeights() {
        Pyrite.setRngSeed(14);
        TracePosterior posterior = new Importance<>(ImportanceTest::model, 500).run(Tensor.zeros(N_OBS));
        double[] h = new EmpiricalMarginal(posterior, "mu").histogram(20, -10, 10);
        double total = 0;
        for (double c : h) {
            total += c;
        }
        assertThat(total).as("every prior draw lies in [-10, 10]").isCloseTo(1.0, within(1e-12));
    }

    @Test
    void parallelRunsAreReproducibleAndCorrect() {
        Pyrite.setRngSeed(15);
        TracePosterior a = new Importance<>(ImportanceTest::model, 10_000).parallelism(2).run(Tensor.zeros(N_OBS));
        Pyrite.setRngSeed(15);
        TracePosterior b = new Importance<>(ImportanceTest::model, 10_000).parallelism(2).run(Tensor.zeros(N_OBS));
        assertThat(a.size()).isEqualTo(10_000);
        assertThat(a.logWeights()).containsExactly(b.logWeights());
        Pyrite.setRngSeed(15);
        TracePosterior c = new Importance<>(ImportanceTest::model, 10_000).parallelism(3).run(Tensor.zeros(N_OBS));
        assertThat(c.logWeights()).as("the same chunks and seeds on three threads").containsExactly(a.logWeights());
        check(a, 10_000);
        assertThatThrownBy(() -> new Importance<>(ImportanceTest::model, 10).parallelism(0)).hasMessageContaining("parallelism must be >= 1");
    }

    @Test
    void numSamplesMustBePositive() {
        assertThatThrownBy(() -> new Importance<>(ImportanceTest::model, 0)).hasMessageContaining("numSamples must be >= 1");
    }

    /**
     * Parallel chunks cover the samples once, in order; no chunk but the last of each end is
     * smaller than 64 samples, and chunk sizes shrink from both ends towards the middle, where
     * the caller (from the front) and the workers (from the back) meet.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 63, 64, 129, 1000, 10_000, 1_000_003})
    void parallelChunksCoverTheSamplesAndShrinkTowardsTheMiddle(int n) {
        int[] bounds = Importance.chunkBounds(n);
        assertThat(bounds[0]).isZero();
        assertThat(bounds[bounds.length - 1]).isEqualTo(n);
        int[] sizes = new int[bounds.length - 1];
        for (int c = 0; c < sizes.length; c++) {
            sizes[c] = bounds[c + 1] - bounds[c];
            assertThat(sizes[c]).as("chunk %d", c).isPositive();
        }
        int middle = java.util.Arrays.binarySearch(bounds, n / 2);
        assertThat(middle).as("the two ends meet at n / 2").isGreaterThanOrEqualTo(0);
        for (int c = 0; c + 1 < middle; c++) {
            assertThat(sizes[c]).as("front chunk %d", c).isGreaterThanOrEqualTo(sizes[c + 1]).isGreaterThanOrEqualTo(64);
        }
        for (int c = sizes.length - 1; c - 1 > middle; c--) {
            assertThat(sizes[c]).as("back chunk %d", c).isGreaterThanOrEqualTo(sizes[c - 1]).isGreaterThanOrEqualTo(64);
        }
        assertThat(sizes.length).as("few chunks: fixed costs stay small").isLessThanOrEqualTo(2 * (4 + (int) Math.ceil(Math.log(n) / Math.log(4.0 / 3))));
    }
}
