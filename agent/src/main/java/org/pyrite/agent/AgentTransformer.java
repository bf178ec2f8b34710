package org.pyrite.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.pyrite.agent.core.ClassRewriter;
import org.pyrite.agent.core.Prefilter;
import org.pyrite.agent.core.TypeHierarchy;

/**
 * The agent's class file transformer. A byte-level test first keeps every class that does not
 * name Pyrite's annotations untouched (the JVM keeps its bytes, identical) without loading
 * ByteBuddy at all; the candidates go through a ByteBuddy {@link AgentBuilder} transformer,
 * built on first need, whose {@link AsmVisitorWrapper} hands the class to
 * {@link ClassRewriter} as an ASM tree.
 *
 * <p>On retransformation (self-attach after a class was loaded) the JVM's reconstituted bytes
 * lack the type annotations that mark {@code @Sample} locals, so the original class file is read
 * from the class's loader instead.
 */
final class AgentTransformer implements ClassFileTransformer {
    private static final ThreadLocal<ClassRewriter.Result> LAST = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private final AgentOptions options;
    private volatile ClassFileTransformer byteBuddy;

    AgentTransformer(AgentOptions options) {
        this.options = options;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] buffer) {
        if (className == null || buffer == null || ignored(className) || BUSY.get() != null) {
            return null;
        }
        byte[] input = buffer;
        if (redefined != null) {
            byte[] original = Prefilter.resource(loader, className);
            if (original != null && Prefilter.mentionsAnnotations(original)) {
                input = original;
            }
        }
        if (!Prefilter.mentionsAnnotations(input)) {
            return null;
        }
        BUSY.set(Boolean.TRUE);
        try {
            LAST.remove();
            byte[] out = byteBuddy().transform(loader, className, redefined, pd, input);
            ClassRewriter.Result r = LAST.get();
            if (r == null) {
                return null; // ByteBuddy reported an error through the listener, which was loud
            }
            ModelRegistry.register(r.report());
            Loud.tell(r.report(), options.verbose(), System.err);
            if (!r.changed()) {
                return null;
            }
            if (out == null) {
                System.err.println("[pyrite-agent] ERROR: " + className.replace('/', '.')
                        + " was NOT transformed: ByteBuddy produced no class file for it");
            }
            return out;
        } catch (Throwable t) {
            failed(className, t);
            return null;
        } finally {
            LAST.remove();
            BUSY.remove();
        }
    }

    static boolean ignored(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/")
                || internalName.startsWith("org/pyrite/agent/") || internalName.startsWith("org/pyrite/annotations/");
    }

    static void failed(String className, Throwable t) {
        String name = className.replace('/', '.');
        ModelRegistry.register(new ClassReport(name, ClassReport.Outcome.NOT_TRANSFORMED, java.util.List.of(),
                java.util.List.of(new Diagnostic(Diagnostic.Severity.ERROR, Diagnostic.Check.INTERNAL, name, "",
                        name.substring(name.lastIndexOf('.') + 1) + ".java", -1, "the agent failed on this class: " + t))));
        System.err.println("[pyrite-agent] ERROR: " + name + " was NOT transformed: the agent failed on it: " + t);
        t.printStackTrace();
    }

    private ClassFileTransformer byteBuddy() {
        ClassFileTransformer t = byteBuddy;
        if (t == null) {
            synchronized (this) {
                t = byteBuddy;
                if (t == null) {
                    t = build(options);
                    byteBuddy = t;
                }
            }
        }
        return t;
    }

    private static ClassFileTransformer build(AgentOptions options) {
        // Validation off and pool-only descriptions: the rewrite is checked by the core, and this keeps
        // ByteBuddy from loading or describing more than the class at hand (start-up cost).
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE_FROZEN)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
                        failed(typeName, throwable);
                    }
                })
                .ignore(ElementMatchers.nameStartsWith("org.pyrite.agent."))
                .type(ElementMatchers.any())
                .transform((builder, type, loader, module, pd) -> builder.visit(new Rewrite(loader, options)))
                .makeRaw();
    }

    /** Buffers the class as an ASM tree, rewrites it with the core, and writes it on. */
    private static final class Rewrite extends AsmVisitorWrapper.AbstractBase {
        private final ClassLoader loader;
        private final AgentOptions options;

        Rewrite(ClassLoader loader, AgentOptions options) {
            this.loader = loader;
            this.options = options;
        }

        @Override
        public int mergeWriter(int flags) {
            return flags | ClassWriter.COMPUTE_MAXS;
        }

        @Override
        public ClassVisitor wrap(TypeDescription type, ClassVisitor next, Implementation.Context context, TypePool pool,
                FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods, int writerFlags, int readerFlags) {
            return new ClassNode(Opcodes.ASM9) {
                @Override
                public void visitEnd() {
                    super.visitEnd();
                    LAST.set(ClassRewriter.rewrite(this, TypeHierarchy.of(loader), options.fatal()));
                    accept(next);
                }
            };
        }
    }
}
