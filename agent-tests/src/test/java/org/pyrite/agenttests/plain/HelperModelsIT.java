package org.pyrite.agenttests.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.agenttests.support.Support;

/**
 * The HelperModels example (var locals, a site at the end of a loop body, sites in a helper
 * method; compiled with -Xplugin:Pyrite) gives the same trace under the agent and, without any
 * agent, rewritten at build time by the Maven plugin's instrument goal (see the pom).
 */
class HelperModelsIT {
    private static final String MAIN = "org.pyrite.examples.HelperModels";

    @Test
    void theSameTraceUnderTheAgentAndRewrittenByTheMavenPlugin(@TempDir Path work) {
        Path instrumented = Path.of(System.getProperty("pyrite.instrumented.examples"));
        assertThat(instrumented.resolve("org/pyrite/examples/HelperModels.class")).exists();

        Support.Exit agent = Support.java(List.of("-javaagent:" + Support.agentJar(), "-cp", Support.testClassPath(), MAIN),
                work);
        Support.Exit buildTime = Support.java(List.of("-cp", instrumented + File.pathSeparator + Support.testClassPath(), MAIN),
                work);
        Support.Exit neither = Support.java(List.of("-cp", Support.testClassPath(), MAIN), work);

        assertThat(agent.code()).as(agent.err()).isZero();
        assertThat(buildTime.code()).as(buildTime.err()).isZero();
        assertThat(agent.out().lines().map(l -> l.split(" ")[0]).toList())
                .containsExactly("mu", "theta_0", "y_0", "theta_1", "y_1", "theta_2", "y_2", "logProb");
        assertThat(agent.out().lines().filter(l -> l.startsWith("y_1 "))).containsExactly("y_1 0.400000000000");
        assertThat(buildTime.out()).isEqualTo(agent.out());
        // the control: the class as compiled, with neither the agent nor the build-time rewrite, has no sites
        assertThat(neither.code()).isNotZero();
        assertThat(neither.err()).contains("HelperModels' sites were not rewritten");
    }

    @Test
    void theMavenPluginLeftItsRecordOfTheRun() throws Exception {
        Path record = Path.of(System.getProperty("pyrite.instrumented.examples")).getParent()
                .resolve("pyrite/instrument-instrumented-examples.properties");
        assertThat(Files.readString(record)).contains("org/pyrite/examples/HelperModels.class=");
    }
}
