package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadlessTest {

    @Test
    void plotsSwitchAwtToHeadlessUnlessTheUserChose() {
        String before = System.getProperty(Headless.PROPERTY);
        Histogram.of(1.0); // runs the static initializer

        String after = System.getProperty(Headless.PROPERTY);
        assertThat(after).isEqualTo(before == null ? "true" : before);
    }
}
