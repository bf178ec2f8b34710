package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.tensor.Tensor;

/**
 * Posterior predictive of a Normal model: mu ~ q = N(M, S) (the guide), y_i ~ N(mu, 1) for 3
 * entries. Each y_i has predictive mean M and variance S^2 + 1; the sample mean of n draws is
 * checked within 5 standard errors sqrt((S^2 + 1) / n).
 */
class PredictiveTest {
    static final double M = 2.0;
    static final double S = 0.5;

    static Tensor model(Tensor y) {
        Tensor mu = sample("mu", Normal.of(0.0, 10.0));
        try (PlateMessenger p = plate("data", 3)) {
            return y == null ? sample("y", Normal.of(mu, 1.0)) : sample("y", Normal.of(mu, 1.0), y);
        }
    }

    static Tensor guide(Tensor y) {
        return sample("mu", Normal.of(M, S));
    }

    private static void checkPredictiveMean(Tensor draws, int n) {
        assertThat(draws.shape()).containsExactly(n, 3);
        double[] mean = draws.mean(new int[] {0}, false).toArray();
        double se = Math.sqrt((S * S + 1) / n);
        for (double m : mean) {
            assertThat(m).isCloseTo(M, within(5 * se));
        }
    }

    @Test
    void guideBasedDrawsReturnTheUnsuppliedSitesWithALeadingSampleDim() {
        Pyrite.setRngSeed(41);
        Map<String, Tensor> out = new Predictive<>(PredictiveTest::model, PredictiveTest::guide, 4000).call(null);
        assertThat(out).containsOnlyKeys("y");
        checkPredictiveMean(out.get("y"), 4000);
    }

    @Test
    void returnSitesSelectsSites() {
        Pyrite.setRngSeed(42);
        Map<String, Tensor> out = new Predictive<>(PredictiveTest::model, PredictiveTest::guide, 10).returnSites("mu", "y").call(null);
        // Pyro's shapes: mu, outside the model's one plate, gets a size-1 dimension for it.
        assertThat(out.get("mu").shape()).containsExactly(10, 1);
        assertThat(out.get("y").shape()).containsExactly(10, 3);
        assertThatThrownBy(() -> new Predictive<>(PredictiveTest::model, PredictiveTest::guide, 2).returnSites("why").call(null))
                .hasMessageContaining("no site named 'why'");
    }

    @Test
    void posteriorSamplesDriveTheLatents() {
        Pyrite.setRngSeed(43);
        int n = 4000;
        double[] mu = new double[n];
        org.pyrite.distributions.Rng rng = org.pyrite.distributions.Rng.current();
        for (int i = 0; i < n; i++) {
            mu[i] = M + S * rng.gaussian();
        }
        Map<String, Tensor> out = new Predictive<>(PredictiveTest::model, Map.of("mu", Tensor.of(mu))).call(null);
        assertThat(out).containsOnlyKeys("y");
        checkPredictiveMean(out.get("y"), n);
    }

    @Test
    void vectorizedDrawsMatchTheSequentialDistribution() {
        Pyrite.setRngSeed(44);
        Map<String, Tensor> out = new Predictive<>(PredictiveTest::model, PredictiveTest::guide, 4000).vectorized().returnSites("y", "mu").call(null);
        checkPredictiveMean(out.get("y"), 4000);
        assertThat(out.get("mu").shape()).as("the same shape as sequential draws").containsExactly(4000, 1);
    }

    @Test
    void observedSitesKeepTheirData() {
        Map<String, Tensor> out = new Predictive<>(PredictiveTest::model, PredictiveTest::guide, 5).call(Tensor.of(1, 2, 3));
        assertThat(out.get("y").toArray()).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3);
    }

    /** A 2-vector outside the model's one plate, as Pyro's Predictive shapes it: [numSamples, 1, 2]. */
    static Tensor vectorModel(Tensor y) {
        Tensor loc = sample("loc", Normal.of(Tensor.zeros(2), 1.0).toEvent(1));
        try (PlateMessenger p = plate("data", 3)) {
            return y == null ? sample("y", Normal.of(loc.sum(), 1.0)) : sample("y", Normal.of(loc.sum(), 1.0), y);
        }
    }

    static Tensor vectorGuide(Tensor y) {
        return sample("loc", Normal.of(Tensor.zeros(2), 0.5).toEvent(1));
    }

    @Test
    void aVectorSiteOutsideThePlatesGetsPyrosShapeSequentialAndVectorized() {
        Pyrite.setRngSeed(45);
        Predictive<Tensor> p = new Predictive<>(PredictiveTest::vectorModel, PredictiveTest::vectorGuide, 10).returnSites("loc", "y");
        for (Map<String, Tensor> out : java.util.List.of(p.call(null), p.vectorized().call(null))) {
            assertThat(out.get("loc").shape()).containsExactly(10, 1, 2);
            assertThat(out.get("y").shape()).containsExactly(10, 3);
        }
    }
}
