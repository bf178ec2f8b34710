package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.agenttests.support.Support;

/**
 * A program run with the agent prints nothing of the agent's own when all is well: no line with
 * {@code WARNING}, by any way in, on the JDK that runs these tests (Java 24 and later warn about
 * {@code sun.misc.Unsafe}, which the agent must not call; Java 21 and later about an agent loaded
 * into a running JVM, which self-attach avoids with {@code -XX:+EnableDynamicAgentLoading}).
 */
class QuietIT {

    private static String fixture(String simpleName) {
        return "org.pyrite.agenttests.fixtures." + simpleName;
    }

    private static void assertQuiet(Support.Exit exit) {
        assertThat(exit.code()).as(exit.err()).isZero();
        assertThat(exit.warnings()).as("lines with WARNING, on Java %s", Runtime.version()).isEmpty();
    }

    @Test
    void theAnnotatedTutorialUnderJavaagent(@TempDir Path dir) {
        Support.Exit exit = Support.java(List.of("-javaagent:" + Support.agentJar(), "-cp", Support.testClassPath(),
                "org.pyrite.examples.AnnotatedTutorial", dir.toString()), dir);

        assertQuiet(exit);
        assertThat(exit.lastOutLine()).startsWith("{\"prior_measurement_mean\"").endsWith("}");
        assertThat(exit.err()).isEmpty();
    }

    @Test
    void anExecutableJarWithLauncherAgentClass(@TempDir Path dir) {
        Support.Exit exit = Support.java(List.of("-jar", Support.launcherJar(dir, fixture("LauncherMain")).toString()), dir);

        assertQuiet(exit);
        assertThat(exit.out()).contains("sites=[weight, noisy]", "self=[own]");
    }

    @Test
    void selfAttachWithDynamicAgentLoadingEnabled(@TempDir Path dir) {
        Support.Exit exit = Support.java(List.of("-XX:+EnableDynamicAgentLoading",
                "-cp", Support.testClassPath() + File.pathSeparator + Support.agentJar(), fixture("SelfAttachMain")), dir);

        assertQuiet(exit);
        assertThat(exit.out()).contains("sites=[weight, noisy]");
    }

    @Test
    void theBuildTimeTool(@TempDir Path dir) throws IOException {
        Path classes = Path.of(Support.testClassPath().split(File.pathSeparator)[0]);
        Path copy = dir.resolve("classes/org/pyrite/agenttests/fixtures");
        Files.createDirectories(copy);
        Files.copy(classes.resolve("org/pyrite/agenttests/fixtures/Naming.class"), copy.resolve("Naming.class"));

        Support.Exit exit = Support.java(List.of("-cp", Support.agentJar().toString(), "org.pyrite.agent.Instrument",
                dir.resolve("classes").toString()), dir);

        assertQuiet(exit);
        assertThat(exit.out()).contains("1 of 1 classes using Pyrite's annotations rewritten");
    }
}
