package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.Poutine;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Instrument;
import org.pyrite.agenttests.buildtime.BuildTimeModel;
import org.pyrite.agenttests.support.Support;
import org.pyrite.handlers.Trace;
import org.pyrite.params.ParamStore;

/**
 * The ways in besides this JVM's own -javaagent: an executable jar's Launcher-Agent-Class, the
 * report and fatal switches of the agent argument, and build-time instrumentation.
 */
@SuppressWarnings("try") // ParamStore scopes are used for their effect
class WaysInIT {

    private static String fixtures(String simpleName) {
        return "org.pyrite.agenttests.fixtures." + simpleName;
    }

    @Test
    void theAgentJarDeclaresEveryEntryPointAndRelocatesAsm() throws IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Support.agentJar().toFile())) {
            Attributes a = jar.getManifest().getMainAttributes();
            for (String key : List.of("Premain-Class", "Agent-Class", "Launcher-Agent-Class")) {
                assertThat(a.getValue(key)).as(key).isEqualTo("org.pyrite.agent.PyriteAgent");
            }
            assertThat(a.getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(a.getValue("Can-Redefine-Classes")).isEqualTo("true");
            List<String> classes = jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).allMatch(n -> n.startsWith("org/pyrite/agent/"), "every class under org/pyrite/agent/");
            assertThat(classes).anyMatch(n -> n.startsWith("org/pyrite/agent/shaded/org/objectweb/asm/tree/analysis/"))
                    .noneMatch(n -> n.startsWith("org/pyrite/tensor/") || n.startsWith("org/pyrite/annotations/"))
                    // No ByteBuddy: its class injection calls sun.misc.Unsafe, which Java 24+ warns about.
                    .noneMatch(n -> n.contains("bytebuddy"));
        }
    }

    @Test
    void anExecutableJarStartsTheAgentThroughLauncherAgentClass(@TempDir Path dir) throws IOException {
        Path jar = Support.launcherJar(dir, fixtures("LauncherMain"));

        Support.Exit exit = Support.java(List.of("-jar", jar.toString()), dir);

        assertThat(exit.code()).as(exit.err()).isZero();
        assertThat(exit.out()).contains("sites=[weight, noisy]", "self=[own]");
        assertThat(exit.err()).doesNotContain("-javaagent");
    }

    @Test
    void selfAttachInAJvmThatRefusesAgentsSaysWhatToDo(@TempDir Path dir) {
        Support.Exit exit = Support.java(List.of("-XX:-EnableDynamicAgentLoading",
                "-cp", Support.testClassPath() + File.pathSeparator + Support.agentJar(), fixtures("SelfAttachMain")), dir);

        assertThat(exit.code()).isNotZero();
        assertThat(exit.out()).doesNotContain("sites=");
        assertThat(exit.err()).contains("java.lang.IllegalStateException: the Pyrite agent could not attach itself to this JVM",
                "start the JVM with -javaagent:pyrite-agent.jar instead", "-XX:+EnableDynamicAgentLoading");
    }

    @Test
    void theReportOptionPrintsATableOfModelsAndGuidesAtExit(@TempDir Path dir) {
        Support.Exit exit = Support.java(List.of("-javaagent:" + Support.agentJar() + "=report", "-cp", Support.testClassPath(),
                fixtures("ReportMain"), "GuideChecks", "StructureChecks", "Params"), dir);

        assertThat(exit.code()).as(exit.err()).isZero();
        String err = exit.err();
        assertThat(err).contains("Pyrite agent report: 5 models, 5 guides in 3 classes");
        assertThat(err).containsPattern("kind +method +sites +params +structure +problems");
        assertThat(err).containsPattern("model +GuideChecks\\.scale +weight, tolerance, measurement +- +static +3 warnings");
        assertThat(err).containsPattern("guide of scale +GuideChecks\\.extraSite +weight, tolerance, wieght +- +static +1 error");
        assertThat(err).containsPattern("model +StructureChecks\\.branchOnSample +weight, high +- +dynamic");
        assertThat(err).containsPattern("guide of model +Params\\.guide +weight, flip +Params\\.loc, Params\\.scale, coin\\.p, "
                + "Params\\.bounded, Params\\.shared +static +-");
        assertThat(err).contains("findings:", "GuideChecks.java:35: error: guide 'extraSite' samples 'wieght'",
                "dynamic StructureChecks.branchOnSample: StructureChecks.java:26: a branch depends on a sampled value");
    }

    @Test
    void theFatalOptionStopsAProgramThatUsesABrokenClass(@TempDir Path dir) {
        Support.Exit lenient = Support.java(List.of("-javaagent:" + Support.agentJar(), "-cp", Support.testClassPath(),
                fixtures("FatalMain")), dir);
        Support.Exit fatal = Support.java(List.of("-javaagent:" + Support.agentJar() + "=fatal", "-cp", Support.testClassPath(),
                fixtures("FatalMain")), dir);

        assertThat(lenient.code()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains("BrokenShape was NOT transformed", "BrokenShape.java:13: error:");
        assertThat(fatal.code()).isNotZero();
        assertThat(fatal.err()).contains("[pyrite-agent] FATAL: " + fixtures("BrokenShape"),
                "java.lang.LinkageError: [pyrite-agent] " + fixtures("BrokenShape") + " cannot be used",
                "BrokenShape.java:13: error:");
    }

    @Test
    void classesRewrittenAtBuildTimeAreLeftAloneByTheAgentAndWork() {
        BuildTimeModel m = new BuildTimeModel();

        assertThat(Support.report(BuildTimeModel.class).outcome()).isEqualTo(ClassReport.Outcome.ALREADY_INSTRUMENTED);
        assertThat(Poutine.trace(m::scale).getTrace(8.5).names()).containsExactly("weight", "measurement");
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            Trace g = Poutine.trace(m::guide).getTrace(8.5);
            assertThat(g.names()).containsExactly("BuildTimeModel.a", "BuildTimeModel.b", "weight");
        }
    }

    @Test
    void theBuildTimeToolRewritesOnceAndFailsOnABrokenClass(@TempDir Path dir) throws IOException {
        Path fixtures = Path.of(Support.testClassPath().split(File.pathSeparator)[0]);
        assertThat(fixtures.resolve("org/pyrite/agenttests/fixtures/Naming.class")).exists();
        Path copy = dir.resolve("classes/org/pyrite/agenttests/fixtures");
        Files.createDirectories(copy);
        for (String c : List.of("Naming", "Loops", "Plain", "BrokenShape")) {
            Files.copy(fixtures.resolve("org/pyrite/agenttests/fixtures/" + c + ".class"), copy.resolve(c + ".class"));
        }
        byte[] plain = Files.readAllBytes(copy.resolve("Plain.class"));
        byte[] broken = Files.readAllBytes(copy.resolve("BrokenShape.class"));
        String root = dir.resolve("classes").toString();

        Run first = run(root);
        Run second = run(root);

        assertThat(first.status).isEqualTo(1);
        assertThat(first.out).contains("2 of 3 classes using Pyrite's annotations rewritten, 1 failed");
        assertThat(first.err).contains("BrokenShape was NOT transformed", "BrokenShape.java:13: error:");
        assertThat(Files.readAllBytes(copy.resolve("Plain.class"))).isEqualTo(plain);
        assertThat(Files.readAllBytes(copy.resolve("BrokenShape.class"))).isEqualTo(broken);
        assertThat(second.out).contains("0 of 3 classes using Pyrite's annotations rewritten");

        Files.delete(copy.resolve("BrokenShape.class"));
        assertThat(run(root).status).isZero();
        assertThat(run("--fatal", root).status).isZero();
        try (Stream<Path> files = Files.list(copy)) {
            assertThat(files.count()).isEqualTo(3);
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Instrument.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
