package org.pyrite.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.pyrite.agent.core.Prefilter;
import org.pyrite.agent.core.TypeHierarchy;

/**
 * The agent's class file transformer. A byte-level test first keeps every class that does not
 * name Pyrite's annotations untouched (the JVM keeps its bytes, identical) without loading ASM;
 * the candidates go through {@link RewrittenClass}, the same rewrite as build-time
 * {@link Instrument}.
 *
 * <p>On retransformation (self-attach after a class was loaded) the JVM's reconstituted bytes
 * lack the type annotations that mark {@code @Sample} locals, so the original class file is read
 * from the class's loader instead.
 */
final class AgentTransformer implements ClassFileTransformer {
    /** Set while this thread transforms a class: a class loaded meanwhile is not looked at. */
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private final AgentOptions options;

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
            RewrittenClass r = RewrittenClass.of(input, TypeHierarchy.of(loader), options.fatal());
            ModelRegistry.register(r.report());
            Loud.tell(r.report(), options.verbose(), System.err);
            return r.classFile();
        } catch (Throwable t) {
            // The JVM would drop anything thrown here without a word; the class keeps its bytes.
            failed(className, t);
            return null;
        } finally {
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
}
