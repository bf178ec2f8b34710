package org.pyrite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

class PyriteAgentTest {

    @Test
    void agentmainWithRealInstrumentationMarksTheAgentInstalled() {
        Instrumentation instrumentation = ByteBuddyAgent.install();

        PyriteAgent.agentmain("", instrumentation);

        assertThat(PyriteAgent.installed()).isTrue();
    }

    @Test
    void nullInstrumentationIsRejected() {
        assertThatThrownBy(() -> PyriteAgent.premain(null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instrumentation");
    }
}
