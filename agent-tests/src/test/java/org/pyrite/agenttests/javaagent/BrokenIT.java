package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.ModelRegistry;
import org.pyrite.agenttests.support.Support;
import org.pyrite.tensor.Tensor;

/** Classes the agent cannot transform: a loud error naming class and reason, and, with the switch, fatal. */
class BrokenIT {
    private static final String SHAPE = "org.pyrite.agenttests.fixtures.BrokenShape";
    private static final String REFERENCE = "org.pyrite.agenttests.fixtures.BrokenReference";

    private static Support.Captured<Class<?>> load(String name) {
        return Support.captureErr(() -> {
            try {
                return Class.forName(name, false, Support.isolated(name));
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aSiteWithASampleShapeLeavesTheClassUntransformedWithALoudError() throws Exception {
        Support.Captured<Class<?>> loaded = load(SHAPE);

        assertThat(loaded.text()).contains("[pyrite-agent] ERROR: " + SHAPE + " was NOT transformed",
                "BrokenShape.java:13: error: @Sample site 'many' draws Normal.sample(shape) with a sample shape");
        ClassReport r = Support.report(SHAPE);
        assertThat(r.outcome()).isEqualTo(ClassReport.Outcome.NOT_TRANSFORMED);
        assertThat(r.errors()).extracting(Diagnostic::check).containsExactly(Check.SAMPLE_SHAPE);
        // all or nothing: even the good site stays a plain draw
        Object instance = loaded.value().getConstructor().newInstance();
        Model<Object, Object> model = x -> {
            try {
                return loaded.value().getMethod("model").invoke(instance);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        };
        assertThat(Poutine.trace(model).getTrace(null).names()).isEmpty();
    }

    @Test
    void namesThatResolveToNothingAreEachReportedAtTheirLine() {
        Support.Captured<Class<?>> loaded = load(REFERENCE);

        ClassReport r = Support.report(REFERENCE);
        assertThat(r.outcome()).isEqualTo(ClassReport.Outcome.NOT_TRANSFORMED);
        assertThat(r.errors()).extracting(Diagnostic::location, Diagnostic::check).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("BrokenReference.java:11", Check.BAD_PARAM),
                org.assertj.core.groups.Tuple.tuple("BrokenReference.java:15", Check.BAD_REFERENCE),
                org.assertj.core.groups.Tuple.tuple("BrokenReference.java:16", Check.BAD_REFERENCE),
                org.assertj.core.groups.Tuple.tuple("BrokenReference.java:17", Check.NOT_A_DRAW));
        assertThat(loaded.text()).contains("obs 'nowhere' is no local variable", "indexedBy names 'j'",
                "@Sample local 'c' is not assigned a draw", "@Param field 'notATensor' has type double");
    }

    @Test
    void theFatalSwitchMakesTheBrokenClassThrowNamingItsProblems() {
        System.setProperty("pyrite.agent.fatal", "true");
        Support.Captured<Class<?>> loaded;
        try {
            loaded = load(SHAPE);
        } finally {
            System.clearProperty("pyrite.agent.fatal");
        }

        assertThat(loaded.text()).contains("[pyrite-agent] FATAL: " + SHAPE);
        assertThat(Support.report(SHAPE).outcome()).isEqualTo(ClassReport.Outcome.POISONED);
        assertThatThrownBy(() -> loaded.value().getConstructor().newInstance())
                .isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOf(LinkageError.class)
                .hasMessageContaining(SHAPE + " cannot be used")
                .hasMessageContaining("BrokenShape.java:13: error:");
    }

    @Test
    void aClassCompiledWithoutLocalNamesGetsTheNamingError(@TempDir Path dir) throws IOException, ReflectiveOperationException {
        Path src = dir.resolve("src/demo/NoNames.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, String.join("\n",
                "package demo;",
                "import org.pyrite.annotations.Model;",
                "import org.pyrite.annotations.Sample;",
                "import org.pyrite.distributions.Normal;",
                "import org.pyrite.tensor.Tensor;",
                "public class NoNames {",
                "    @Model public static Tensor model(double guess) {",
                "        @Sample Tensor weight = Normal.of(guess, 1.0).sample();",
                "        @Sample(\"named\") Tensor other = Normal.of(weight, 1.0).sample();",
                "        return other;",
                "    }",
                "}", ""));
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-g:source,lines", "-d", classes.toString(), "-cp", Support.testClassPath(),
                src.toString());
        assertThat(status).isZero();

        Support.Captured<Class<?>> loaded;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, BrokenIT.class.getClassLoader())) {
            loaded = Support.captureErr(() -> {
                try {
                    return Class.forName("demo.NoNames", false, loader);
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            });
            ClassReport r = ModelRegistry.forClass("demo.NoNames").orElseThrow();
            assertThat(r.outcome()).isEqualTo(ClassReport.Outcome.NOT_TRANSFORMED);
            Diagnostic d = r.errors().get(0);
            assertThat(r.errors()).hasSize(1);
            assertThat(d.check()).isEqualTo(Check.UNNAMED_SITE);
            assertThat(d.location()).isEqualTo("NoNames.java:8");
            assertThat(d.message()).contains("@Sample(\"name\")", "compile with -g");
            assertThat(loaded.text()).contains("demo.NoNames was NOT transformed", "NoNames.java:8: error: cannot name");
            Object value = loaded.value().getMethod("model", double.class).invoke(null, 1.0);
            assertThat(value).isInstanceOf(Tensor.class);
        }
        assertThat(List.of(loaded.value().getDeclaredMethods())).isNotEmpty();
    }
}
