package org.pyrite.benchmarks;

/**
 * The round trip of a cache line between two threads (one writes a counter, the other echoes it),
 * in nanoseconds, median of five rounds. {@code benchmarks/run.sh} prints it before and after the
 * suite because the two-thread figures depend on it: on this project's virtual machines it was
 * about 60 ns in some hours and about 380 ns in others (the hypervisor placing the two vCPUs
 * closer or farther apart), and two-thread kernels on 1,000 elements only pay off in the first case.
 */
public final class CoreLatency {
    private static volatile long ping;
    private static volatile long pong;

    private CoreLatency() {}

    public static void main(String[] args) throws InterruptedException {
        Thread echo = new Thread(() -> {
            long last = 0;
            while (!Thread.currentThread().isInterrupted()) {
                long v = ping;
                if (v != last) {
                    last = v;
                    pong = v;
                } else {
                    Thread.onSpinWait();
                }
            }
        }, "echo");
        echo.setDaemon(true);
        echo.start();
        int trips = 200_000;
        double[] rounds = new double[5];
        long next = 1;
        for (int r = -1; r < rounds.length; r++) { // round -1 warms up
            long start = System.nanoTime();
            for (int i = 0; i < trips; i++, next++) {
                ping = next;
                while (pong != next) {
                    Thread.onSpinWait();
                }
            }
            if (r >= 0) {
                rounds[r] = (System.nanoTime() - start) / (double) trips;
            }
        }
        echo.interrupt();
        java.util.Arrays.sort(rounds);
        System.out.printf("%.0f%n", rounds[rounds.length / 2]);
    }
}
