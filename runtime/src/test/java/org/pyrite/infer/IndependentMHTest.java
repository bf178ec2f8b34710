package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.infer.mcmc.Diagnostics;
import org.pyrite.tensor.Tensor;

/**
 * Independent Metropolis-Hastings on the model of {@link RejectionSamplingTest}: posterior
 * N(1/2, 1/2). A chain's draws are correlated, so the mean is checked within 5 standard errors
 * {@code sd / sqrt(ESS)} with the chain's own bulk ESS ({@link Diagnostics}), and the acceptance rate
 * p against its stationary value, computed by quadrature, within 5 of {@code sqrt(p (1 - p) / ESS)}
 * with the ESS of the chain of accept indicators.
 */
class IndependentMHTest {
    private static final double POST_SD = Math.sqrt(0.5);

    /**
     * The stationary acceptance rate of independent MH with proposal q: the double integral of
     * {@code pi(z) q(z') min(1, w(z') / w(z))} with {@code w = pi / q}, on a grid of step 0.02 over
     * [-8, 8] (the integrands are Gaussian, so the midpoint rule's error is far below 1e-6).
     */
    private static double stationaryAcceptance(NormalDistribution proposal) {
        NormalDistribution posterior = NormalDistribution.of(0.5, POST_SD);
        double h = 0.02;
        int n = (int) Math.round(16 / h);
        double[] pi = new double[n];
        double[] q = new double[n];
        double[] logW = new double[n];
        for (int i = 0; i < n; i++) {
            double z = -8 + (i + 0.5) * h;
            pi[i] = posterior.density(z) * h;
            q[i] = proposal.density(z) * h;
            logW[i] = posterior.logDensity(z) - proposal.logDensity(z);
        }
        double rate = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rate += pi[i] * q[j] * Math.min(1.0, Math.exp(logW[j] - logW[i]));
            }
        }
        return rate;
    }

    private static void check(IndependentMH.Result chain, NormalDistribution proposal) {
        double[] z = chain.posterior().values("z").toArray();
        double ess = Diagnostics.effectiveSampleSize(new double[][] {z});
        double mean = java.util.Arrays.stream(z).average().orElseThrow();
        assertThat(mean).as("mean, ESS %.0f", ess).isCloseTo(0.5, within(5 * POST_SD / Math.sqrt(ess)));

        boolean[] moved = chain.accepted();
        double[] indicator = new double[moved.length];
        for (int i = 0; i < moved.length; i++) {
            indicator[i] = moved[i] ? 1 : 0;
        }
        double p = stationaryAcceptance(proposal);
        double essAccept = Diagnostics.geyerEss(new double[][] {indicator});
        assertThat(chain.acceptanceRate()).as("acceptance rate; stationary %.4f, ESS %.0f", p, essAccept)
                .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / essAccept)));
    }

    @Test
    void priorProposal() {
        Pyrite.setRngSeed(21);
        IndependentMH.Result chain = new IndependentMH<>(RejectionSamplingTest::model, 20_000, 200).run(1.0);
        assertThat(chain.posterior().size()).isEqualTo(20_000);
        check(chain, NormalDistribution.of(0, 1));
    }

    @Test
    void guideProposal() {
        Pyrite.setRngSeed(22);
        IndependentMH.Result chain = new IndependentMH<>(RejectionSamplingTest::model, RejectionSamplingTest::guide, 20_000, 200)
                .run(1.0);
        check(chain, NormalDistribution.of(0.4, 1));
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new IndependentMH<Double, Tensor>(RejectionSamplingTest::model, 0, 10))
                .hasMessageContaining("numSamples must be >= 1");
        assertThatThrownBy(() -> new IndependentMH<Double, Tensor>(RejectionSamplingTest::model, 10, -1))
                .hasMessageContaining("warmupSteps must be >= 0");
    }
}
