package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.tensor.Tensor;

/**
 * Pyro's {@code test_nuts.py} logistic regression: 1,000 labels from known weights
 * (1, -0.5, 2, 0) through a logistic link; NUTS recovers them. Each weight's posterior must be
 * concentrated (sd below 0.15: with 1,000 observations it is about 0.1) and hold the true value
 * within 4 posterior sds plus 4 Monte Carlo standard errors (ESS from {@link PosteriorCheck}).
 */
class LogisticRegressionTest {
    static final double[] TRUE_W = {1.0, -0.5, 2.0, 0.0};

    record Data(Tensor x, Tensor y) {}

    static Tensor model(Data d) {
        Tensor w = sample("w", Normal.of(Tensor.zeros(TRUE_W.length), 1.0).toEvent(1));
        try (PlateMessenger p = plate("data", d.x().size(0))) {
            return sample("y", Bernoulli.logits(d.x().matmul(w)), d.y());
        }
    }

    @Test
    void nutsRecoversTheTrueWeights() {
        Random random = new Random(0);
        int n = 1000;
        int dim = TRUE_W.length;
        double[] x = new double[n * dim];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double logit = 0;
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = random.nextGaussian();
                logit += x[i * dim + j] * TRUE_W[j];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        Pyrite.setRngSeed(1);
        MCMC<Data> mcmc = new MCMC<>(new NUTS<>(LogisticRegressionTest::model), 500, 300);
        mcmc.run(new Data(Tensor.fromArray(x, n, dim), Tensor.of(y)));
        Tensor w = mcmc.getSamples().get("w");
        for (int j = 0; j < dim; j++) {
            double[] draws = w.select(1, j).toArray();
            java.util.List<double[]> chain = java.util.List.of(draws);
            double mean = PosteriorCheck.mean(chain);
            double sd = PosteriorCheck.sd(chain);
            double se = sd / Math.sqrt(PosteriorCheck.ess(chain));
            assertThat(sd).as("posterior sd of w[%s]", j).isLessThan(0.15);
            assertThat(Math.abs(mean - TRUE_W[j])).as("|mean - true| of w[%s], mean %s sd %s", j, mean, sd)
                    .isLessThan(4 * sd + 4 * se);
        }
        assertThat(mcmc.divergences()[0]).isZero();
    }
}
