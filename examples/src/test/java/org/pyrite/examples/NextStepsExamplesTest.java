package org.pyrite.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples of the tutorial's next steps (rejection sampling, independent Metropolis-Hastings,
 * SMC) end to end, each against its exact answer, which the example prints beside its estimate.
 */
class NextStepsExamplesTest {
    private static Map<String, Double> lastJsonLine(Runnable main) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String[] lines = buffer.toString(StandardCharsets.UTF_8).strip().split("\n");
        String last = lines[lines.length - 1];
        assertThat(last).startsWith("{").endsWith("}");
        Map<String, Double> values = new HashMap<>();
        Matcher m = Pattern.compile("\"([a-z_0-9]+)\": ([-0-9.eE+]+)").matcher(last);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return values;
    }

    /**
     * 10,000 exact, independent draws: the mean within 5 standard errors 0.6 / sqrt(n), the sd within
     * 5 of 0.6 / sqrt(2 n); the log evidence within 5 of sqrt((1 - rate) / n) (delta method on the rate).
     */
    @Test
    void rejectionSamplingDrawsTheExactPosterior() {
        Map<String, Double> json = lastJsonLine(() -> RejectionSamplingScale.main(new String[0]));
        double n = json.get("samples");
        assertThat(json.get("weight_mean")).isCloseTo(json.get("exact_mean"), within(5 * 0.6 / Math.sqrt(n)));
        assertThat(json.get("weight_sd")).isCloseTo(json.get("exact_sd"), within(5 * 0.6 / Math.sqrt(2 * n)));
        double rate = json.get("acceptance_rate");
        assertThat(json.get("log_evidence")).isCloseTo(json.get("exact_log_evidence"), within(5 * Math.sqrt((1 - rate) / n)));
    }

    /** The chain's mean within 5 standard errors 0.6 / sqrt(n_eff), with the chain's own bulk ESS. */
    @Test
    void independentMHFindsThePosterior() {
        Map<String, Double> json = lastJsonLine(() -> IndependentMHScale.main(new String[0]));
        assertThat(json.get("weight_mean")).isCloseTo(json.get("exact_mean"), within(5 * 0.6 / Math.sqrt(json.get("n_eff"))));
        assertThat(json.get("acceptance_rate")).isBetween(0.3, 1.0);
    }

    /**
     * The seeded run's estimates against the Kalman filter's exact answer: position and velocity
     * within a tenth of their posterior sds (seen: 0.003 of 0.35 and 0.002 of 0.18), the log
     * evidence within 0.5 (seen: 0.17; the runtime's SMCFilterTest checks the evidence
     * statistically over replicates).
     */
    @Test
    void smcTracksAsTheKalmanFilter() {
        Map<String, Double> json = lastJsonLine(() -> SMCTracking.main(new String[0]));
        assertThat(json.get("smc_position")).isCloseTo(json.get("kalman_position"), within(0.1 * json.get("kalman_position_sd")));
        assertThat(json.get("smc_velocity")).isCloseTo(json.get("kalman_velocity"), within(0.1 * json.get("kalman_velocity_sd")));
        assertThat(json.get("smc_log_evidence")).isCloseTo(json.get("kalman_log_evidence"), within(0.5));
        assertThat(json.get("resamplings")).isPositive();
    }
}
