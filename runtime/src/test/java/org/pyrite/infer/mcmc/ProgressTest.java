package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void drawsOneBarPerChainWithPhase() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(2, 10, 10, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            p.tick(0);
        }
        for (int i = 0; i < 15; i++) {
            p.tick(1);
        }
        p.finish();
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertThat(line).startsWith("\r").endsWith(System.lineSeparator())
                .contains("chain 1 [#####...............]  25% warmup")
                .contains("chain 2 [###############.....]  75% sample");
    }
}
