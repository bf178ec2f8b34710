package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.Pyrite.sample;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/**
 * Simulation-based calibration (Talts et al. 2018) of NUTS on mu ~ N(0, 1), y_i ~ N(mu, 1), three
 * observations: for each of 200 replications, mu* and y are drawn from the joint, NUTS draws 90
 * values of mu given y (after 100 warm-up), every 10th is kept, and the rank of mu* among the 9 kept
 * draws is recorded. A sampler that preserves the posterior makes the ranks uniform on 0..9; the
 * chi-square statistic of the 10 bins (expected 20 each) must stay below 27.88, the 0.999 quantile
 * with 9 degrees of freedom (a correct sampler fails with probability 0.001; thinning by 10 leaves
 * draws close to independent on this posterior, which NUTS samples with an ESS near the draw count).
 */
class CalibrationTest {
    static Tensor model(Tensor y) {
        Tensor mu = sample("mu", Normal.of(0.0, 1.0));
        return sample("y", Normal.of(mu, 1.0).expand(3).toEvent(1), y);
    }

    @Test
    void ranksOfThePriorDrawAreUniform() {
        Random truth = new Random(2024);
        int replications = 200;
        int kept = 9;
        int[] bins = new int[kept + 1];
        for (int r = 0; r < replications; r++) {
            double mu = truth.nextGaussian();
            Tensor y = Tensor.of(mu + truth.nextGaussian(), mu + truth.nextGaussian(), mu + truth.nextGaussian());
            Pyrite.setRngSeed(r);
            MCMC<Tensor> mcmc = new MCMC<>(new NUTS<>(CalibrationTest::model), 90, 100);
            mcmc.run(y);
            double[] draws = mcmc.getSamples().get("mu").toArray();
            int rank = 0;
            for (int i = 9; i < draws.length; i += 10) {
                if (draws[i] < mu) {
                    rank++;
                }
            }
            bins[rank]++;
        }
        double expected = (double) replications / bins.length;
        double chiSquare = 0;
        for (int b : bins) {
            chiSquare += (b - expected) * (b - expected) / expected;
        }
        assertThat(chiSquare).as("chi-square of the rank histogram %s", java.util.Arrays.toString(bins)).isLessThan(27.88);
    }
}
