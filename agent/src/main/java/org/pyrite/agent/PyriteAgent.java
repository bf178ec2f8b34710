package org.pyrite.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import org.pyrite.agent.core.Prefilter;

/**
 * Entry point of the Pyrite Java agent: it rewrites classes that use Pyrite's annotations as
 * they load ({@code @Sample} locals into named sites, {@code @Param} fields through the parameter
 * store) and checks them, printing every problem with its {@code File.java:line}.
 *
 * <p>Four ways in, one transformation ({@link org.pyrite.agent.core.ClassRewriter}):
 * <ul>
 *   <li>{@code java -javaagent:pyrite-agent.jar[=report,fatal,verbose] ...} ({@link #premain});
 *   <li>an executable jar whose manifest says {@code Launcher-Agent-Class: org.pyrite.agent.PyriteAgent}
 *       ({@link #agentmain}, run by the launcher before {@code main});
 *   <li>self-attach from a running program, a test or JShell: {@link #install()} (or
 *       {@code Pyrite.installAgent()}), which also rewrites annotated classes loaded before it;
 *   <li>build-time rewriting of compiled classes, where no agent may run: {@link Instrument}.
 * </ul>
 *
 * <pre>{@code
 * PyriteAgent.install();                                   // self-attach
 * ModelInfo m = ModelRegistry.find(ScaleModels.class, "scale").orElseThrow();
 * }</pre>
 *
 * <p>Switches: {@code report} prints a table of every model and guide at exit; {@code fatal}
 * makes a class with errors unusable instead of leaving it as it was; {@code verbose} says more
 * (see {@code AgentOptions}). Each is also a system property: {@code -Dpyrite.agent.fatal=true}.
 */
public final class PyriteAgent {

    private static volatile boolean installed;
    private static volatile Instrumentation instrumentation;
    private static boolean reportHook;

    private PyriteAgent() {
    }

    /**
     * Called by the JVM before {@code main} when started with {@code -javaagent}.
     *
     * @param agentArgs the text after {@code =} in {@code -javaagent:jar=args}, may be null
     * @param instrumentation the JVM's instrumentation instance
     */
    public static void premain(String agentArgs, Instrumentation instrumentation) {
        install(agentArgs, instrumentation, false);
    }

    /**
     * Called by the JVM when the agent is attached to a running JVM, or by the launcher for an
     * executable jar's {@code Launcher-Agent-Class}. Classes already loaded are rewritten too.
     *
     * @param agentArgs the arguments given when attaching, may be null
     * @param instrumentation the JVM's instrumentation instance
     */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        if (SelfAttach.HANDOFF.equals(agentArgs)) {
            // Loaded by install() below: it takes the instrumentation and installs its own copy of the agent.
            SelfAttach.receive(instrumentation);
            return;
        }
        install(agentArgs, instrumentation, true);
    }

    /**
     * Attaches the agent to this JVM unless it is already installed (self-attach through the JDK's
     * attach API, from a short-lived helper JVM unless this one allows attaching to itself).
     * Options come from system properties ({@code pyrite.agent.fatal}, ...).
     *
     * <p>On Java 21 and later, start a JVM that self-attaches with
     * {@code -XX:+EnableDynamicAgentLoading}: without it the JVM prints a warning when the agent
     * loads (and a later Java release will refuse). {@code -javaagent} needs no flag.
     *
     * @throws IllegalStateException when this JVM cannot attach an agent (for example a runtime
     *     without the {@code jdk.attach} module, or {@code -XX:-EnableDynamicAgentLoading}): then
     *     start it with {@code -javaagent}
     */
    public static void install() {
        install("");
    }

    /**
     * Like {@link #install()}, with agent options ({@code "report,fatal"}).
     *
     * @param agentArgs the options, comma-separated
     */
    public static synchronized void install(String agentArgs) {
        if (installed) {
            return;
        }
        install(agentArgs, SelfAttach.attach(), true);
    }

    /**
     * Whether the agent is active in this JVM.
     *
     * @return true once {@link #premain}, {@link #agentmain} or {@link #install()} has run
     */
    public static boolean installed() {
        return installed;
    }

    /**
     * The instrumentation the agent was given, for tools that want to add their own transformers.
     *
     * @return the instrumentation, or null before the agent is installed
     */
    public static Instrumentation instrumentation() {
        return instrumentation;
    }

    private static synchronized void install(String agentArgs, Instrumentation inst, boolean classesMayBeLoaded) {
        if (inst == null) {
            throw new IllegalArgumentException("instrumentation must not be null");
        }
        if (installed) {
            return;
        }
        AgentOptions options = AgentOptions.parse(agentArgs);
        // Load what the transformer runs for every class before it is registered.
        Prefilter.mentionsAnnotations(new byte[0]);
        AgentTransformer.ignored("");
        inst.addTransformer(new AgentTransformer(options), inst.isRetransformClassesSupported());
        instrumentation = inst;
        installed = true;
        if (options.report() && !reportHook) {
            reportHook = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.print(ModelRegistry.report()), "pyrite-agent-report"));
        }
        if (classesMayBeLoaded) {
            retransformLoaded(inst);
        }
    }

    /** Rewrites annotated classes that were loaded before the agent (self-attach, Launcher-Agent-Class). */
    private static void retransformLoaded(Instrumentation inst) {
        if (!inst.isRetransformClassesSupported()) {
            return;
        }
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            ClassLoader loader;
            try {
                if (c.isArray() || c.isPrimitive() || c.isHidden() || !inst.isModifiableClass(c)) {
                    continue;
                }
                loader = c.getClassLoader();
            } catch (Throwable t) {
                continue;
            }
            String internal = c.getName().replace('.', '/');
            if (loader == null || AgentTransformer.ignored(internal)) {
                continue;
            }
            byte[] bytes = Prefilter.resource(loader, internal);
            if (bytes != null && Prefilter.mentionsAnnotations(bytes)) {
                candidates.add(c);
            }
        }
        for (Class<?> c : candidates) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                AgentTransformer.failed(c.getName().replace('.', '/'), t);
            }
        }
    }
}
