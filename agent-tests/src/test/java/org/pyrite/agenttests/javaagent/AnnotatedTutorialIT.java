package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pyrite.examples.AnnotatedTutorial;
import org.pyrite.examples.Tutorial;

/** The annotated tutorial under the agent: its last line is Tutorial's JSON, within Tutorial's tolerances. */
class AnnotatedTutorialIT {

    private static Map<String, Double> lastJsonLine(String out) {
        String[] lines = out.strip().split("\\R");
        String last = lines[lines.length - 1];
        assertThat(last).startsWith("{").endsWith("}");
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\": ([-0-9.eE+]+)").matcher(last);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return values;
    }

    private static String run(ThrowingMain main) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void printsTheTutorialsJsonKeysWithinItsTolerances() throws Exception {
        Map<String, Double> annotated = lastJsonLine(run(() -> AnnotatedTutorial.main(new String[] {"target/annotated-tutorial"})));
        Map<String, Double> plain = lastJsonLine(run(() -> Tutorial.main(new String[] {"target/tutorial"})));

        assertThat(annotated.keySet()).containsExactlyElementsOf(plain.keySet());
        assertThat(annotated.get("importance_weight_mean")).isCloseTo(9.14, within(0.03));
        assertThat(annotated.get("importance_weight_sd")).isCloseTo(0.6, within(0.03));
        assertThat(annotated.get("svi_a")).isCloseTo(9.14, within(0.05));
        assertThat(annotated.get("svi_b")).isCloseTo(0.6, within(0.05));
        // Same sites, same seed, same draws up to In [12]; In [13] initializes a differently (once, outside the guide).
        for (String key : java.util.List.of("prior_measurement_mean", "prior_measurement_sd", "importance_weight_mean",
                "importance_weight_sd", "log_evidence", "log_evidence_exact")) {
            assertThat(annotated.get(key)).as(key).isEqualTo(plain.get(key));
        }
    }
}
