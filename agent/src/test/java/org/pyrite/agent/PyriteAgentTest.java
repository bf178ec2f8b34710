package org.pyrite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PyriteAgentTest {

    @Test
    void selfAttachFromAFolderOfClassesGivesTheAgentRealInstrumentation() {
        PyriteAgent.install();

        assertThat(PyriteAgent.installed()).isTrue();
        assertThat(PyriteAgent.instrumentation()).isNotNull();
        assertThat(PyriteAgent.instrumentation().isRetransformClassesSupported()).isTrue();
    }

    @Test
    void nullInstrumentationIsRejected() {
        assertThatThrownBy(() -> PyriteAgent.premain(null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instrumentation");
    }
}
