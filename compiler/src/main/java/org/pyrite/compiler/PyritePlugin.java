package org.pyrite.compiler;

import com.sun.source.util.JavacTask;
import com.sun.source.util.Plugin;

/**
 * Pyrite's javac plugin, {@code -Xplugin:Pyrite}: keeps in the class file what javac would lose
 * of {@code @Sample} locals (see {@link org.pyrite.annotations.CompiledSample}), and reports the
 * agent's checks as compiler diagnostics.
 *
 * <pre>
 * javac -processorpath pyrite-compiler.jar:pyrite-agent.jar -Xplugin:Pyrite -XDaccessInternalAPI ...
 * </pre>
 *
 * In Maven: both jars in {@code maven-compiler-plugin}'s {@code <annotationProcessorPaths>}
 * (the compiler's dependencies come along), {@code -Xplugin:Pyrite} and
 * {@code -XDaccessInternalAPI} in its {@code <compilerArgs>}.
 */
public final class PyritePlugin implements Plugin {
    /** The name {@code -Xplugin:} takes. */
    public static final String NAME = "Pyrite";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void init(JavacTask task, String... args) {
        task.addTaskListener(new PluginListener(task));
    }
}
