package org.pyrite.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Bayesian neural network on the diabetes data: a useful fit and a calibrated predictive band on the held-out rows. */
class BnnRegressionTest {
    /**
     * On 100 held-out rows a calibrated 90% band covers Binomial(100, 0.9) / 100 of the targets:
     * 0.9 with standard error 0.03, so coverage must lie within 3 of them, [0.81, 0.99]. A band
     * from a guide that collapsed (too narrow) or kept the prior's width (far too wide, covering
     * all) falls outside. The predictive mean must explain the target: RMSE below 0.9 on a target
     * standardised to sd 1 (predicting the training mean gives about 1), and no more than 0.1 above
     * least squares on the same rows, which a 10-16-1 network with these priors has no reason to
     * lose to by more.
     */
    @Test
    void heldOutBandIsCalibratedAndTheMeanFits() throws IOException {
        BnnRegression.Data[] split = Diabetes.load(Path.of("../../shared/data/uci"), BnnRegression.TRAIN);
        assertThat(split[0].x().shape()).containsExactly(342, 10);
        assertThat(split[1].y().shape()).containsExactly(100);
        assertThat(split[0].y().mean().item()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
        BnnRegression.Result r = BnnRegression.fit(split[0], split[1], 0);
        assertThat(r.coverage90()).isBetween(0.81, 0.99);
        assertThat(r.rmse()).isLessThan(0.9).isLessThan(r.leastSquaresRmse() + 0.1);
        assertThat(r.leastSquaresRmse()).as("least squares explains about half the variance").isBetween(0.6, 0.8);
    }
}
