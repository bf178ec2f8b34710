package org.pyrite.agent;

import java.io.PrintStream;

/** How the agent tells the user about a class: errors and warnings always, the rest when verbose. */
final class Loud {
    private Loud() {
    }

    static void tell(ClassReport r, boolean verbose, PrintStream err) {
        StringBuilder sb = new StringBuilder();
        switch (r.outcome()) {
            case NOT_TRANSFORMED -> sb.append("[pyrite-agent] ERROR: ").append(r.className())
                    .append(" was NOT transformed: its @Sample locals are plain draws and its @Param fields plain fields "
                            + "until these are fixed (run with -Dpyrite.agent.fatal=true or -javaagent:pyrite-agent.jar=fatal "
                            + "to stop instead):\n");
            case POISONED -> sb.append("[pyrite-agent] FATAL: ").append(r.className())
                    .append(" has errors; with the fatal switch on, every method of it now throws LinkageError:\n");
            case TRANSFORMED -> {
                if (verbose) {
                    sb.append("[pyrite-agent] transformed ").append(r.className()).append('\n');
                }
            }
            default -> {
                if (verbose) {
                    sb.append("[pyrite-agent] ").append(r.className()).append(": ")
                            .append(r.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append('\n');
                }
            }
        }
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() != Diagnostic.Severity.INFO || verbose) {
                sb.append("[pyrite-agent] ").append(d).append('\n');
            }
        }
        if (sb.length() > 0) {
            err.print(sb);
            err.flush();
        }
    }
}
