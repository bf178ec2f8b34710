package org.pyrite.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Wall and process CPU time of repeated runs: the first run's (what a user's fresh JVM sees) and
 * the medians over the last ten (the JIT warm by then, when the harness was given enough runs; a
 * NUTS run of the scale model lasts a few milliseconds, so it needs a few hundred). CPU time (all the JVM's threads) is the steadier figure on a shared machine,
 * where wall time includes waiting for a core. A sampler's runs also record their minimum bulk
 * effective sample size, so that the effective samples per wall second can be set beside Stan's.
 */
final class RunTimes {
    private final double[] wallMillis;
    private final double[] cpuMillis;
    private final double[] minEss;
    private long wallStart;
    private long cpuStart;

    RunTimes(int runs) {
        wallMillis = new double[runs];
        cpuMillis = new double[runs];
        minEss = new double[runs];
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

    /** Records run {@code r}'s minimum bulk effective sample size over all coordinates. */
    void ess(int r, double minBulkEss) {
        minEss[r] = minBulkEss;
    }

    String medians() {
        int n = wallMillis.length;
        String line = String.format(Locale.ROOT, "first run %.1f ms wall; median of the last %d runs: %.1f ms wall, %.1f ms cpu",
                wallMillis[0], Math.min(n, LAST), median(wallMillis), median(cpuMillis));
        if (minEss[n - 1] == 0.0) {
            return line;
        }
        double[] perSecond = new double[n];
        for (int r = 0; r < n; r++) {
            perSecond[r] = minEss[r] / (wallMillis[r] / 1e3);
        }
        // Each run's ratio, then the median: a slow run with a high ESS is not paired with a fast one's.
        return line + String.format(Locale.ROOT, ", min bulk ESS %.0f, min ESS per wall second %.0f", median(minEss),
                median(perSecond));
    }

    private static final int LAST = 10;

    private static double median(double[] all) {
        double[] late = Arrays.copyOfRange(all, Math.max(0, all.length - LAST), all.length);
        Arrays.sort(late);
        return late[late.length / 2];
    }
}
