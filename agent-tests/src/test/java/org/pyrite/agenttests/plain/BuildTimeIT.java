package org.pyrite.agenttests.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.agenttests.buildtime.BuildTimeModel;
import org.pyrite.agenttests.fixtures.Naming;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.examples.AnnotatedTutorial;
import org.pyrite.handlers.Trace;
import org.pyrite.params.ParamStore;

/** No agent in this JVM: classes rewritten at build time (org.pyrite.agent.Instrument, see the pom) work alone. */
@SuppressWarnings("try") // ParamStore scopes are used for their effect
class BuildTimeIT {

    @Test
    void thereIsNoAgentHere() {
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).noneMatch(a -> a.startsWith("-javaagent"));
        assertThatThrownBy(() -> Class.forName("org.pyrite.agent.PyriteAgent")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void installAgentSaysWhatIsMissing() {
        assertThatThrownBy(Pyrite::installAgent).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agent is not on the class path")
                .hasMessageContaining("-javaagent:pyrite-agent.jar");
    }

    @Test
    void aClassRewrittenAtBuildTimeHasItsSitesAndParams() {
        BuildTimeModel m = new BuildTimeModel();
        assertThat(Poutine.trace(m::scale).getTrace(8.5).names()).containsExactly("weight", "measurement");
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Trace g = Poutine.trace(m::guide).getTrace(8.5);
            assertThat(g.names()).containsExactly("BuildTimeModel.a", "BuildTimeModel.b", "weight");
        }
        assertThat(store.constraint("BuildTimeModel.b").describe()).isEqualTo(Constraints.positive().describe());
    }

    @Test
    void withoutTheAgentOrBuildTimeRewritingAnnotatedModelsArePlainJava() {
        assertThat(Poutine.trace(Naming::fromLocals).getTrace(8.5).names()).isEmpty();
    }

    @Test
    void theAnnotatedTutorialRefusesToRunWithoutTheAgent() {
        assertThatThrownBy(() -> AnnotatedTutorial.main(new String[] {"target/annotated-tutorial-no-agent"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-javaagent:");
    }
}
