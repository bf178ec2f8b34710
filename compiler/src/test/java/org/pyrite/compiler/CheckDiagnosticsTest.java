package org.pyrite.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.core.ClassFileChecks;
import org.pyrite.agent.core.TypeHierarchy;

/**
 * Each of the agent's checks, run by the plugin on the class file javac writes, is a javac
 * diagnostic at the line and column of the tree it is about, with the agent's own text; errors
 * fail the compilation, warnings do not. One fixture per check (fixtures/checks).
 */
class CheckDiagnosticsTest {

    /** A javac diagnostic as {@code -XDrawDiagnostics} prints it. */
    private record Raw(String location, String kind, String message) {
        static Raw parse(String line) {
            String[] parts = line.split(": ", 3);
            String location = parts[0].substring(parts[0].indexOf(':') + 1);
            String kind = parts[1].contains(".err.") ? "error" : parts[1].contains(".warn.") ? "warning" : parts[1];
            return new Raw(location, kind, parts[2]);
        }
    }

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of("NotADraw", "error", "14:24", "@Sample local 'x' is not assigned a draw"),
                Arguments.of("SampleShape", "error", "14:56", "@Sample site 'x' draws Normal.sample(shape) with a sample shape"),
                Arguments.of("BadReference", "error", "14:73",
                        "@Sample site 'x': obs 'nothing' is no local variable, parameter or field in scope here"),
                Arguments.of("BadParam", "error", "12:19", "@Param field 'a' has type double; a param must be a Tensor"),
                Arguments.of("SiteInLoop", "error", "16:43", "@Sample site 'x' is inside a loop"),
                Arguments.of("SampleOutsideModel", "error", "13:24",
                        "@Sample local 'lost' is in method 'plain', which is neither @Model nor @Guide"),
                Arguments.of("UnknownModel", "error", "19:19",
                        "guide 'guide' names model 'scael', but UnknownModel has no @Model method of that name (its models: scale)"),
                Arguments.of("GuideSignature", "error", "19:19", "guide 'guide' takes (int) but its model 'scale' takes (double)"),
                Arguments.of("MissingInGuide", "warning", "15:57",
                        "latent site 'bias' of model 'scale' has no site in guide 'guide' (MissingInGuide.java:21)"),
                Arguments.of("ExtraInGuide", "error", "20:61", "guide 'guide' samples 'wieght', which its model 'scale' does not "
                        + "(did you mean 'weight'?)"),
                Arguments.of("Randomness", "error", "14:31", "Math.random() inside model 'model' bypasses Pyrite's handlers"),
                Arguments.of("UnnamedDraw", "error", "14:48", "Normal.sample() in model 'model' is not a site"));
    }

    private static final List<String> FIXTURES = List.of("NotADraw", "SampleShape", "BadReference", "BadParam",
            "SiteInLoop", "SampleOutsideModel", "UnknownModel", "GuideSignature", "MissingInGuide", "ExtraInGuide",
            "Randomness", "UnnamedDraw");

    @TempDir
    static Path shared;
    private static FixtureBuild withPlugin;
    private static FixtureBuild alone;

    /** One javac run with the plugin and one without, over every fixture (a javac process costs seconds). */
    @BeforeAll
    static void compileAll() {
        String[] sources = FIXTURES.stream().map(f -> "checks/" + f).toArray(String[]::new);
        withPlugin = FixtureBuild.compile(shared.resolve("plugin"), true, List.of("-g"), sources);
        alone = FixtureBuild.compile(shared.resolve("alone"), false, List.of("-g"), sources);
        assertThat(alone.success()).as(alone.diagnostics()).isTrue();
        assertThat(withPlugin.success()).as("errors fail the build").isFalse();
    }

    /** The plugin's diagnostics about one fixture's file. */
    private static List<Raw> pyriteDiagnostics(FixtureBuild b, String fixture) {
        return b.diagnostics().lines().filter(l -> l.contains(".proc.messager: ") && l.startsWith(fixture + ".java:"))
                .map(Raw::parse).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void eachCheckIsAJavacDiagnosticWithTheAgentsText(String fixture, String kind, String location, String text) {
        List<Raw> found = pyriteDiagnostics(withPlugin, fixture);
        Raw d = found.stream().filter(r -> r.message().startsWith(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no diagnostic '" + text + "' in:\n" + withPlugin.diagnostics()));
        assertThat(d.location()).isEqualTo(location);
        assertThat(d.kind()).isEqualTo(kind);
        // the same findings, word for word, as the agent's checks on the class compiled without the plugin
        List<Diagnostic> agent = ClassFileChecks.run(alone.classFile("checks." + fixture),
                TypeHierarchy.of(CheckDiagnosticsTest.class.getClassLoader()));
        assertThat(found).extracting(Raw::message).containsExactlyInAnyOrderElementsOf(agent.stream()
                .filter(a -> a.severity() != Diagnostic.Severity.INFO).map(Diagnostic::message).toList());
    }

    @Test
    void aWarningAloneDoesNotFailTheBuild(@TempDir Path dir) {
        FixtureBuild b = FixtureBuild.compile(dir, true, List.of("-g"), "checks/MissingInGuide");

        assertThat(b.success()).as(b.diagnostics()).isTrue();
        assertThat(b.messages("warning")).anySatisfy(m -> assertThat(m).contains("latent site 'bias'"));
    }

    @Test
    void withoutDashGThePluginNamesTheSiteTheAgentAloneCannot(@TempDir Path dir) {
        FixtureBuild named = FixtureBuild.compile(dir.resolve("plugin"), true, List.of(), "checks/UnnamedSite");
        FixtureBuild unnamed = FixtureBuild.compile(dir.resolve("alone"), false, List.of(), "checks/UnnamedSite");

        assertThat(named.success()).as(named.diagnostics()).isTrue();
        assertThat(pyriteDiagnostics(named, "UnnamedSite")).isEmpty();
        assertThat(named.instrument().trace("checks.UnnamedSite", "model", double.class, 1.0).names())
                .containsExactly("unnamed");
        assertThat(ClassFileChecks.run(unnamed.classFile("checks.UnnamedSite"), TypeHierarchy.of(getClass().getClassLoader())))
                .extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).startsWith("cannot name the @Sample site"));
    }
}
