package org.pyrite.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The discrete-latent examples against the bounds: the Gaussian mixture's MAP assignments
 * agree with the iris species (adjusted Rand index at least 0.7; Pyro 0.818), and the HMM recovers
 * its transition matrix (largest error at most 0.05) and its hidden path (Viterbi accuracy at
 * least 0.9).
 */
class DiscreteLatentExamplesTest {
    @Test
    void gaussianMixtureFindsTheSpecies() throws Exception {
        GaussianMixture.Iris iris = GaussianMixture.readIris(Path.of("../../shared/data/uci/iris.csv"));
        GaussianMixture.Fit fit = GaussianMixture.fit(iris.x(), 0, GaussianMixture.STEPS);
        assertThat(GaussianMixture.adjustedRandIndex(fit.assignment(), iris.species())).isGreaterThanOrEqualTo(0.7);
        // Pyro's final loss on the same model and data is 465.7 (float32).
        assertThat(fit.finalLoss()).isBetween(460.0, 472.0);
    }

    @Test
    void adjustedRandIndexIsOneForARelabellingAndLowForAnUnrelatedSplit() {
        assertThat(GaussianMixture.adjustedRandIndex(new int[] {0, 0, 1, 1, 2, 2}, new int[] {2, 2, 0, 0, 1, 1})).isEqualTo(1.0);
        assertThat(GaussianMixture.adjustedRandIndex(new int[] {0, 1, 0, 1, 0, 1}, new int[] {0, 0, 0, 1, 1, 1})).isLessThan(0.1);
    }

    @Test
    void hiddenMarkovRecoversTransitionsAndPath() {
        HiddenMarkov.Sequence seq = HiddenMarkov.simulate(1000, 0);
        // 150 steps rather than the example's 300: the loss has levelled off by step 100.
        HiddenMarkov.Fit fit = HiddenMarkov.fit(seq.obs(), 0, 150);
        double[][] truth = HiddenMarkov.trueTransition();
        double error = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                error = Math.max(error, Math.abs(fit.transition()[i][j] - truth[i][j]));
            }
        }
        assertThat(error).isLessThanOrEqualTo(0.05);
        int correct = 0;
        for (int t = 0; t < 1000; t++) {
            correct += fit.viterbi()[t] == seq.states()[t] ? 1 : 0;
        }
        assertThat(correct / 1000.0).isGreaterThanOrEqualTo(0.9);
    }
}
