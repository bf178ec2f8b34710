package org.pyrite.agenttests.selfattach;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.ModelRegistry;
import org.pyrite.agent.PyriteAgent;
import org.pyrite.agenttests.fixtures.GuideChecks;
import org.pyrite.agenttests.fixtures.Loops;
import org.pyrite.agenttests.fixtures.Naming;
import org.pyrite.agenttests.fixtures.Observed;
import org.pyrite.agenttests.fixtures.Params;
import org.pyrite.agenttests.fixtures.Preloaded;
import org.pyrite.agenttests.fixtures.StructureChecks;
import org.pyrite.agenttests.support.Support;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.handlers.Trace;
import org.pyrite.params.ParamStore;

/** The agent attached from inside a running JVM with Pyrite.installAgent() (no -javaagent). */
@SuppressWarnings("try") // ParamStore scopes are used for their effect
class SelfAttachIT {

    @BeforeAll
    static void attach() throws ClassNotFoundException {
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).noneMatch(a -> a.startsWith("-javaagent"));
        assertThat(PyriteAgent.installed()).isFalse();
        // Loaded (not initialized) before the agent exists: install must rewrite it by retransformation.
        Class.forName("org.pyrite.agenttests.fixtures.Preloaded", false, SelfAttachIT.class.getClassLoader());

        Pyrite.installAgent();

        assertThat(PyriteAgent.installed()).isTrue();
    }

    @Test
    void installingAgainIsHarmless() {
        Pyrite.installAgent();
        PyriteAgent.install();
        assertThat(PyriteAgent.installed()).isTrue();
    }

    @Test
    void aClassLoadedBeforeTheAgentIsRewrittenToo() {
        assertThat(Poutine.trace(Preloaded::model).getTrace(1.0).names()).containsExactly("early");
    }

    @Test
    void sitesAreNamedFromLocalsAndExplicitNames() {
        assertThat(Poutine.trace(Naming::fromLocals).getTrace(8.5).names()).containsExactly("weight", "noisy");
        assertThat(Poutine.trace(Naming::reassigned).getTrace(8.5).names()).containsExactly("x", "y");
        assertThat(Poutine.trace(Pyrite.condition(Naming::fromLocals, Map.of("noisy", 9.5))).getTrace(8.5)
                .site("noisy").isObserved()).isTrue();
    }

    @Test
    void loopsAndObservedSites() {
        assertThat(Poutine.trace(Loops::indexed).getTrace(2).names()).containsExactly("x_0", "x_1");
        Trace data = Poutine.trace(Loops::observedData).getTrace(new double[] {4.0, 5.0});
        assertThat(data.names()).containsExactly("mu", "obs_0", "obs_1");
        assertThat(data.site("obs_1").value().item()).isEqualTo(5.0);
        assertThat(Poutine.trace(new Observed()::fromField).getTrace(8.5).site("measurement").value().item()).isEqualTo(9.5);
    }

    @Test
    void paramsWithConstraints() {
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Poutine.trace(new Params()::guide).getTrace(8.5);
        }
        assertThat(store.names()).contains("Params.loc", "Params.scale", "coin.p");
        assertThat(store.constraint("Params.scale").describe()).isEqualTo(Constraints.positive().describe());
    }

    @Test
    void checksFireWithFileAndLine() {
        new GuideChecks();
        assertThat(Support.findings(GuideChecks.class, Check.EXTRA_IN_GUIDE)).extracting(Diagnostic::location)
                .containsExactly("GuideChecks.java:35");
        new StructureChecks();
        assertThat(ModelRegistry.find(StructureChecks.class, "branchOnSample").orElseThrow().dynamicReasons())
                .containsExactly("StructureChecks.java:26: a branch depends on a sampled value");
    }
}
