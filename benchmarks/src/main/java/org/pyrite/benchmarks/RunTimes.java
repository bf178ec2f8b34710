package org.pyrite.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Wall and process CPU time of repeated runs, and their medians over the second half (the JIT
 * warm by then). CPU time (all the JVM's threads) is the steadier figure on a shared machine,
 * where wall time includes waiting for a core.
 */
final class RunTimes {
    private final double[] wallMillis;
    private final double[] cpuMillis;
    private long wallStart;
    private long cpuStart;

    RunTimes(int runs) {
        wallMillis = new double[runs];
        cpuMillis = new double[runs];
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    void start() {
        cpuStart = processCpuNanos();
        wallStart = System.nanoTime();
    }

    /** Ends run {@code r} and returns its description. */
    String stop(int r) {
        wallMillis[r] = (System.nanoTime() - wallStart) / 1e6;
        cpuMillis[r] = (processCpuNanos() - cpuStart) / 1e6;
        return String.format(Locale.ROOT, "%.1f ms wall, %.1f ms cpu", wallMillis[r], cpuMillis[r]);
    }

    String medians() {
        int n = wallMillis.length;
        return String.format(Locale.ROOT, "median of the last %d runs: %.1f ms wall, %.1f ms cpu", n - n / 2,
                median(wallMillis), median(cpuMillis));
    }

    private static double median(double[] all) {
        double[] late = Arrays.copyOfRange(all, all.length / 2, all.length);
        Arrays.sort(late);
        return late[late.length / 2];
    }
}
