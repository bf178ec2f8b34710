package org.pyrite.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples' SVI parts with {@code --backend tensorflow}: the Done-when bounds. */
class TensorFlowExamplesTest {
    @TempDir
    Path dir;

    @Test
    void compiledTutorialLandsOnTheExactPosterior() throws Exception {
        Map<String, Double> json = ExamplesTest.runMain(() -> Tutorial.main(new String[] {dir.toString(), "--backend", "tensorflow"}));
        assertThat(json.get("svi_a")).isCloseTo(9.14, within(0.05));
        assertThat(json.get("svi_b")).isCloseTo(0.6, within(0.05));
    }

    @Test
    void compiledLogisticRegressionIsWithinOnePercentOfPyro() throws Exception {
        Path data = Path.of("../../shared/data/logreg_n10000_d20_seed0.csv");
        Map<String, Double> json = ExamplesTest.runMain(() -> LogisticRegression.main(new String[] {"--backend", "tensorflow", data.toString()}));
        assertThat(json.get("loss_final")).isCloseTo(2292.0, within(0.01 * 2292.0));
        assertThat(json.get("l2_loc_minus_true")).isLessThanOrEqualTo(0.3);
        assertThat(json.get("subsample_loss_final")).isCloseTo(2293.9, within(0.01 * 2293.9));
    }
}
