package org.pyrite.infer.mcmc;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A progress bar per chain on one console line, redrawn by the calling thread while the chains
 * run (the chains only count, so they never write to the console themselves). Shown only when
 * the JVM has a console, so logs and test output stay clean.
 */
final class Progress {
    private static final int WIDTH = 20;

    private final AtomicIntegerArray done;
    private final int warmupSteps;
    private final int total;
    private final PrintStream out;

    Progress(int chains, int warmupSteps, int numSamples, PrintStream out) {
        this.done = new AtomicIntegerArray(chains);
        this.warmupSteps = warmupSteps;
        this.total = warmupSteps + numSamples;
        this.out = out;
    }

    /** The progress of a run on the console, or {@code null} when there is no console to show it on. */
    static Progress onConsole(int chains, int warmupSteps, int numSamples) {
        return System.console() == null ? null : new Progress(chains, warmupSteps, numSamples, System.err);
    }

    /** Counts one transition of chain {@code chain}. */
    void tick(int chain) {
        done.incrementAndGet(chain);
    }

    /** Redraws the line. */
    void draw() {
        StringBuilder line = new StringBuilder("\r");
        for (int c = 0; c < done.length(); c++) {
            int n = done.get(c);
            int filled = (int) ((long) n * WIDTH / total);
            line.append(c == 0 ? "" : "  ").append("chain ").append(c + 1).append(" [");
            for (int i = 0; i < WIDTH; i++) {
                line.append(i < filled ? '#' : '.');
            }
            line.append(String.format(Locale.ROOT, "] %3d%% %s", n * 100L / total, n < warmupSteps ? "warmup" : "sample"));
        }
        out.print(line);
        out.flush();
    }

    /** Draws the final state and ends the line. */
    void finish() {
        draw();
        out.println();
    }
}
