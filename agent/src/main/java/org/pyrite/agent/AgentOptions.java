package org.pyrite.agent;

import java.util.Locale;

/**
 * The agent's switches, from the agent argument ({@code -javaagent:pyrite-agent.jar=report,fatal})
 * or from system properties ({@code -Dpyrite.agent.fatal=true}):
 * <ul>
 *   <li>{@code report}: print a table of every model and guide seen when the JVM exits;
 *   <li>{@code fatal}: a class with an error is not left as it was: every method of it throws a
 *       {@link LinkageError} naming the problems (the property is read at every class load);
 *   <li>{@code verbose}: also print each class rewritten, and why a structure is dynamic.
 * </ul>
 */
final class AgentOptions {
    static final String FATAL = "pyrite.agent.fatal";
    static final String REPORT = "pyrite.agent.report";
    static final String VERBOSE = "pyrite.agent.verbose";

    private final boolean fatal;
    private final boolean report;
    private final boolean verbose;

    private AgentOptions(boolean fatal, boolean report, boolean verbose) {
        this.fatal = fatal;
        this.report = report;
        this.verbose = verbose;
    }

    static AgentOptions parse(String args) {
        boolean fatal = false;
        boolean report = false;
        boolean verbose = false;
        if (args != null) {
            for (String raw : args.split("[,;]")) {
                String a = raw.trim().toLowerCase(Locale.ROOT);
                switch (a) {
                    case "" -> { }
                    case "fatal" -> fatal = true;
                    case "report" -> report = true;
                    case "verbose" -> verbose = true;
                    default -> System.err.println("[pyrite-agent] warning: unknown agent option '" + raw.trim()
                            + "' ignored; the options are report, fatal and verbose (comma-separated)");
                }
            }
        }
        return new AgentOptions(fatal, report, verbose);
    }

    /** Whether errors are fatal: the agent argument, or the system property at this moment. */
    boolean fatal() {
        return fatal || Boolean.getBoolean(FATAL);
    }

    boolean report() {
        return report || Boolean.getBoolean(REPORT);
    }

    boolean verbose() {
        return verbose || Boolean.getBoolean(VERBOSE);
    }
}
