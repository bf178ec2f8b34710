package org.pyrite.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point of the Pyrite Java agent.
 *
 * <p>Start it with {@code java -javaagent:pyrite-agent.jar ...} ({@link #premain}) or
 * attach it to a running JVM ({@link #agentmain}):
 *
 * <pre>{@code
 * Instrumentation inst = net.bytebuddy.agent.ByteBuddyAgent.install();
 * PyriteAgent.agentmain("", inst);
 * assert PyriteAgent.installed();
 * }</pre>
 *
 * <p>For now the agent only records that it was loaded. The load-time rewriting of
 * {@code @Model}/{@code @Guide} classes ({@code @Sample} locals into named sites,
 * {@code @Param} fields through the parameter store) and the load-time checks arrive with
 * the agent issue.
 */
public final class PyriteAgent {

    private static volatile boolean installed;

    private PyriteAgent() {
    }

    /**
     * Called by the JVM before {@code main} when started with {@code -javaagent}.
     *
     * @param agentArgs the text after {@code =} in {@code -javaagent:jar=args}, may be null
     * @param instrumentation the JVM's instrumentation instance
     */
    public static void premain(String agentArgs, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /**
     * Called by the JVM when the agent is attached to a running JVM.
     *
     * @param agentArgs the arguments given when attaching, may be null
     * @param instrumentation the JVM's instrumentation instance
     */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /**
     * Whether {@link #premain} or {@link #agentmain} has run in this JVM.
     *
     * @return true once the agent has been loaded
     */
    public static boolean installed() {
        return installed;
    }

    private static void install(Instrumentation instrumentation) {
        if (instrumentation == null) {
            throw new IllegalArgumentException("instrumentation must not be null");
        }
        installed = true;
    }
}
