package org.pyrite.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.handlers.Trace;

/**
 * The @Sample locals javac drops ({@code var}, a block's last local, in lambdas too) are recorded
 * by the plugin and become sites under the agent's rewrite, named after the local, with and
 * without {@code -g}, under the javac of the JVM running the tests.
 */
class RecordedLocalsTest {

    static Stream<Arguments> debugOptions() {
        return Stream.of(Arguments.of(List.of("-g")), Arguments.of(List.of()));
    }

    private static FixtureBuild build(Path dir, boolean plugin, List<String> options) {
        FixtureBuild b = FixtureBuild.compile(dir, plugin, options, "VarLocals");
        assertThat(b.success()).as("compiles: %s", b.diagnostics()).isTrue();
        return b.instrument();
    }

    @ParameterizedTest(name = "javac {0}")
    @MethodSource("debugOptions")
    void varLocalsAreSitesNamedAfterTheLocal(List<String> options, @TempDir Path dir) {
        FixtureBuild b = build(dir, true, options);

        Trace t = b.trace("fixtures.VarLocals", "vars", double.class, 8.5);

        assertThat(t.names()).containsExactly("weight", "noisy");
        assertThat(b.messages("warning")).isEmpty();
    }

    @ParameterizedTest(name = "javac {0}")
    @MethodSource("debugOptions")
    void aBlocksLastLocalIsASiteInEitherBranch(List<String> options, @TempDir Path dir) {
        FixtureBuild b = build(dir, true, options);

        Trace high = b.trace("fixtures.VarLocals", "blockFinal", boolean.class, true);
        Trace low = b.trace("fixtures.VarLocals", "blockFinal", boolean.class, false);

        assertThat(high.names()).containsExactly("up");
        assertThat(high.site("up").value().item()).isGreaterThan(4.0);
        assertThat(low.names()).containsExactly("down");
    }

    @ParameterizedTest(name = "javac {0}")
    @MethodSource("debugOptions")
    void aReassignedVarLocalIsOneSiteAndALambdasVarLocalIsASite(List<String> options, @TempDir Path dir) {
        FixtureBuild b = build(dir, true, options);

        Trace reassigned = b.trace("fixtures.VarLocals", "reassigned", double.class, 1.0);
        Trace lambda = b.trace("fixtures.VarLocals", "inLambda", double.class, 1.0);

        // the second store is no draw: an ordinary assignment, as for a @Sample Tensor local
        assertThat(reassigned.names()).containsExactly("z");
        assertThat(b.instrumentOutput()).doesNotContain("error");
        assertThat(lambda.names()).containsExactly("inner");
    }

    @Test
    void withoutThePluginTheSameLocalsAreNoSites(@TempDir Path dir) {
        FixtureBuild b = build(dir, false, List.of("-g"));

        assertThat(b.trace("fixtures.VarLocals", "vars", double.class, 8.5).names()).isEmpty();
        assertThat(b.trace("fixtures.VarLocals", "blockFinal", boolean.class, true).names()).isEmpty();
        assertThat(b.instrumentOutput()).contains("VarLocals.java:13: error: Normal.sample() in model 'vars' is not a site");
    }

    @Test
    void indexedSitesAsTheLastStatementOfALoopBody(@TempDir Path dir) {
        FixtureBuild b = FixtureBuild.compile(dir, true, List.of("-g"), "IndexedLocals");
        assertThat(b.success()).as("compiles: %s", b.diagnostics()).isTrue();

        Trace t = b.instrument().trace("fixtures.IndexedLocals", "lastInLoop", int.class, 3);

        assertThat(t.names()).containsExactly("x_0", "x_1", "x_2", "y_0", "y_1", "y_2");
    }

    @Test
    void withoutLineNumbersThePluginSaysWhatItCouldNotRecord(@TempDir Path dir) {
        FixtureBuild b = FixtureBuild.compile(dir, true, List.of("-g:none"), "VarLocals");

        assertThat(b.messages("warning")).anySatisfy(m -> assertThat(m).contains(
                "Pyrite could not find the code of @Sample local weight (line 13) in fixtures.VarLocals.class",
                "compile with line numbers"));
    }

    @Test
    void withoutAccessToJavacsFileManagerThePluginStopsAndSaysWhatToAdd(@TempDir Path dir) {
        FixtureBuild b = FixtureBuild.compile(dir, false, List.of("-processorpath", FixtureBuild.testClassPath(),
                "-Xplugin:" + PyritePlugin.NAME), "VarLocals");

        assertThat(b.success()).isFalse();
        assertThat(b.messages("error")).singleElement().satisfies(m -> assertThat(m).contains(
                "needs javac's file manager", "-Xplugin:Pyrite -XDaccessInternalAPI"));
    }
}
