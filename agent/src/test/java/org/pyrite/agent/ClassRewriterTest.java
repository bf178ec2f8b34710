package org.pyrite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.pyrite.Poutine;
import org.pyrite.agent.core.ClassRewriter;
import org.pyrite.agent.core.TypeHierarchy;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/** The transformation core on its own, without an agent: the rewritten bytecode, and running it. */
class ClassRewriterTest {

    private static byte[] bytes(String className) throws IOException {
        try (InputStream in = ClassRewriterTest.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static ClassNode node(byte[] b) {
        ClassNode cn = new ClassNode();
        new ClassReader(b).accept(cn, 0);
        return cn;
    }

    private static List<String> calls(MethodNode mn) {
        List<String> out = new ArrayList<>();
        for (AbstractInsnNode n : mn.instructions) {
            if (n instanceof MethodInsnNode m) {
                out.add(m.owner + "." + m.name + m.desc);
            } else if (n instanceof LdcInsnNode l && l.cst instanceof String s) {
                out.add("ldc " + s);
            }
        }
        return out;
    }

    private static MethodNode method(ClassNode cn, String namePrefix) {
        return cn.methods.stream().filter(m -> m.name.startsWith(namePrefix)).findFirst().orElseThrow();
    }

    @Test
    void theCoreRewritesDrawsParamReadsAndLambdaBodies() throws Exception {
        ClassNode cn = node(bytes("org.pyrite.agent.fixtures.Tiny"));
        ClassRewriter.Result r = ClassRewriter.rewrite(cn, TypeHierarchy.of(getClass().getClassLoader()), false);

        assertThat(r.changed()).isTrue();
        assertThat(r.report().outcome()).isEqualTo(ClassReport.Outcome.TRANSFORMED);
        assertThat(r.report().diagnostics()).noneMatch(d -> d.severity() != Diagnostic.Severity.INFO);
        List<String> model = calls(method(cn, "model"));
        assertThat(model).containsSubsequence("ldc Tiny.s",
                "org/pyrite/distributions/constraints/Constraints.positive()Lorg/pyrite/distributions/constraints/Constraint;",
                "org/pyrite/Pyrite.param(Ljava/lang/String;Lorg/pyrite/tensor/Tensor;Lorg/pyrite/distributions/constraints/Constraint;)"
                        + "Lorg/pyrite/tensor/Tensor;",
                "ldc weight",
                "org/pyrite/Pyrite.sample(Ljava/lang/String;Lorg/pyrite/distributions/Distribution;)Lorg/pyrite/tensor/Tensor;");
        assertThat(model).noneMatch(c -> c.contains(".sample([I)"));
        assertThat(calls(method(cn, "lambda$model$"))).contains("ldc nested").noneMatch(c -> c.contains(".sample([I)"));
        ModelInfo info = r.report().models().get(0);
        assertThat(info.siteNames()).containsExactly("weight", "nested");
        assertThat(info.params()).containsExactly("Tiny.s");
        assertThat(info.sites().get(0).location()).isEqualTo("Tiny.java:17");
        assertThat(info.sites().get(1).location()).isEqualTo("Tiny.java:19");
        assertThat(info.staticStructure()).isTrue();
    }

    @Test
    void theRewrittenClassLoadsVerifiesAndRuns() throws Exception {
        ClassNode cn = node(bytes("org.pyrite.agent.fixtures.Tiny"));
        ClassRewriter.rewrite(cn, TypeHierarchy.of(getClass().getClassLoader()), false);
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(w);
        byte[] rewritten = w.toByteArray();
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals("org.pyrite.agent.fixtures.Tiny")) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : defineClass(name, rewritten, 0, rewritten.length);
                }
                return super.loadClass(name, resolve);
            }
        };
        Class<?> tiny = loader.loadClass("org.pyrite.agent.fixtures.Tiny");
        Object instance = tiny.getConstructor().newInstance();
        Trace t = Poutine.trace((Double g) -> {
            try {
                return (Tensor) tiny.getMethod("model", double.class).invoke(instance, g);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }).getTrace(8.5);

        assertThat(t.names()).containsExactly("Tiny.s", "weight", "nested");
        assertThat(new ClassReader(rewritten).getAccess() & Opcodes.ACC_FINAL).isNotZero();
    }

    @Test
    void aClassWithoutAnnotationsIsNotEvenParsed() throws Exception {
        assertThat(ClassRewriter.mentionsAnnotations(bytes("org.pyrite.agent.fixtures.Untouched"))).isFalse();
        assertThat(ClassRewriter.mentionsAnnotations(bytes("org.pyrite.agent.fixtures.Tiny"))).isTrue();
    }

    @Test
    void aRewrittenClassIsMarkedAndNotRewrittenAgain() throws Exception {
        ClassNode cn = node(bytes("org.pyrite.agent.fixtures.Tiny"));
        ClassRewriter.rewrite(cn, TypeHierarchy.of(getClass().getClassLoader()), false);
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(w);

        ClassRewriter.Result again = ClassRewriter.rewrite(node(w.toByteArray()), TypeHierarchy.of(getClass().getClassLoader()), false);

        assertThat(again.changed()).isFalse();
        assertThat(again.report().outcome()).isEqualTo(ClassReport.Outcome.ALREADY_INSTRUMENTED);
    }

    @Test
    void theReportIsATable() {
        ModelInfo m = new ModelInfo("org.x.Scale", "scale", "(D)V", ModelInfo.Kind.MODEL, "",
                List.of(new SiteInfo("weight", false, List.of(), true, "Scale.java", 3),
                        new SiteInfo("obs_{i}", true, List.of("i"), true, "Scale.java", 5)),
                List.of("Scale.a"), false, List.of("Scale.java:4: a branch depends on a sampled value"), true, null, List.of());
        String report = Report.format(List.of(new ClassReport("org.x.Scale", ClassReport.Outcome.TRANSFORMED, List.of(m), List.of())));

        assertThat(report).startsWith("Pyrite agent report: 1 model, 0 guides in 1 class\n")
                .contains("model  Scale.scale  weight, obs_{i} (obs)  Scale.a  dynamic    -")
                .contains("dynamic Scale.scale: Scale.java:4: a branch depends on a sampled value");
    }
}
