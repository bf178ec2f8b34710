package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/**
 * Rejection sampling on z ~ N(0, 1), y ~ N(z, 1) with y = 1 observed: the posterior is
 * N(1/2, 1/2) and the evidence N(1; 0, sqrt 2). The draws are exact and independent, so a
 * Kolmogorov-Smirnov test applies: D below 1.949 / sqrt(n) (the asymptotic 0.1 % level). The mean
 * is checked within 5 standard errors sd / sqrt(n); the acceptance rate p within 5 binomial
 * standard errors sqrt(p (1 - p) / proposals), and the log evidence within 5 of its standard error
 * sqrt((1 - p) / accepted) (delta method on the log of the rate).
 */
class RejectionSamplingTest {
    private static final double Y = 1.0;
    private static final NormalDistribution POSTERIOR = NormalDistribution.of(0.5, Math.sqrt(0.5));
    private static final double LOG_EVIDENCE = NormalDistribution.of(0, Math.sqrt(2)).logDensity(Y);
    /** The likelihood N(y; z, 1) is largest at z = y. */
    private static final double LOG_LIKELIHOOD_BOUND = -0.5 * Math.log(2 * Math.PI);
    private static final int N = 4000;

    static Tensor model(Double y) {
        Tensor z = sample("z", Normal.of(0.0, 1.0));
        sample("y", Normal.of(z, 1.0), y);
        return z;
    }

    static Tensor guide(Double y) {
        return sample("z", Normal.of(0.4, 1.0));
    }

    private static void checkExactPosterior(RejectionSampling.Result result, double logBound) {
        double[] z = result.posterior().values("z").toArray();
        assertThat(z).hasSize(N);
        double[] sorted = z.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double f = POSTERIOR.cumulativeProbability(sorted[i]);
            d = Math.max(d, Math.max((i + 1.0) / N - f, f - (double) i / N));
        }
        assertThat(d).as("Kolmogorov-Smirnov statistic").isLessThan(1.949 / Math.sqrt(N));
        double mean = Arrays.stream(z).average().orElseThrow();
        assertThat(mean).isCloseTo(0.5, within(5 * Math.sqrt(0.5 / N)));

        double p = Math.exp(LOG_EVIDENCE - logBound);
        assertThat(result.acceptanceRate()).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / result.proposals())));
        assertThat(result.logEvidence()).isCloseTo(LOG_EVIDENCE, within(5 * Math.sqrt((1 - p) / N)));
        assertThat(result.posterior().logNormalizer()).isCloseTo(result.logEvidence(), within(1e-12));
    }

    @Test
    void priorProposalGivesExactPosteriorDraws() {
        Pyrite.setRngSeed(3);
        RejectionSampling.Result result = new RejectionSampling<>(RejectionSamplingTest::model, LOG_LIKELIHOOD_BOUND, N).run(Y);
        checkExactPosterior(result, LOG_LIKELIHOOD_BOUND);
    }

    @Test
    void guideProposalGivesExactPosteriorDraws() {
        // log p(y, z) - log q(z) = -log(2 pi) / 2 + (-z^2 + 1.2 z - 0.84) / 2 with q = N(0.4, 1): largest at z = 0.6.
        double bound = -0.5 * Math.log(2 * Math.PI) - 0.24;
        Pyrite.setRngSeed(4);
        RejectionSampling.Result result = new RejectionSampling<>(RejectionSamplingTest::model, RejectionSamplingTest::guide, bound, N)
                .run(Y);
        checkExactPosterior(result, bound);
    }

    @Test
    void aBoundThatDoesNotHoldIsAnError() {
        Pyrite.setRngSeed(5);
        assertThatThrownBy(() -> new RejectionSampling<>(RejectionSamplingTest::model, -5.0, 10).run(Y))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above the bound -5.00000000")
                .hasMessageContaining("log-likelihood").hasMessageContaining("z=");
    }

    @Test
    void runningOutOfProposalsIsAnError() {
        Pyrite.setRngSeed(6);
        // A bound 20 nats too loose accepts about one proposal in 1e9.
        assertThatThrownBy(() -> new RejectionSampling<>(RejectionSamplingTest::model, LOG_LIKELIHOOD_BOUND + 20, 10)
                .maxProposals(1000).run(Y))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after 1000 proposals")
                .hasMessageContaining("tighten the bound");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new RejectionSampling<>(RejectionSamplingTest::model, 0.0, 0))
                .hasMessageContaining("numSamples must be >= 1");
        assertThatThrownBy(() -> new RejectionSampling<>(RejectionSamplingTest::model, Double.POSITIVE_INFINITY, 10))
                .hasMessageContaining("must be finite");
    }
}
