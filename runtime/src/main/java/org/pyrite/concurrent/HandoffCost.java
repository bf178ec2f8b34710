package org.pyrite.concurrent;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What handing work to a second thread costs on the machine this JVM runs on, measured once, the
 * first time a pool with helpers asks: the median time, seen by the caller, from publishing a
 * two-chunk job to seeing a spinning helper's chunk finished. It takes well under a millisecond
 * (a thread start and some dozens of rounds). On this project's virtual machines it ranges from
 * about a microsecond (the two vCPUs close) to several (far apart, or the host busy), which is
 * why {@link ChunkPool} does not take it as a constant.
 */
final class HandoffCost {
    private HandoffCost() {}

    /** Rounds measured after the helper has started. */
    private static final int ROUNDS = 48;
    /** How long the measurement may take in all, thread start included. */
    private static final long BUDGET_NANOS = 5_000_000;
    /**
     * The cost assumed when the helper did not answer often enough within the budget (the other
     * core busy elsewhere): about what waking a parked thread took on this machine kind.
     */
    static final long UNANSWERED_NANOS = 50_000;

    private static volatile long measured = -1;

    /** The hand-off cost in nanoseconds, measured on the first call. */
    static long nanos() {
        long h = measured;
        if (h < 0) {
            synchronized (HandoffCost.class) {
                if (measured < 0) {
                    measured = measure();
                }
                h = measured;
            }
        }
        return h;
    }

    /** One measurement, on a pool of its own whose helper ends soon after. */
    static long measure() {
        ChunkPool probe = new ChunkPool(2, "pyrite-handoff-probe", 50_000_000L);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        long[] rounds = new long[ROUNDS];
        int done = 0;
        while (done < ROUNDS && System.nanoTime() < deadline) {
            AtomicBoolean helped = new AtomicBoolean();
            Thread caller = Thread.currentThread();
            long start = System.nanoTime();
            // Chunk 0 (the caller's) waits for chunk 1 to start, so the helper, not the caller, runs it.
            probe.forEachChunk(2, 1, (c, from, to) -> {
                if (c == 1) {
                    helped.set(Thread.currentThread() != caller);
                    return;
                }
                while (!helped.get() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            });
            long t = System.nanoTime() - start;
            if (helped.get()) {
                rounds[done++] = t;
            }
        }
        if (done < ROUNDS / 4) {
            return UNANSWERED_NANOS;
        }
        // The first rounds include the helper's start and its compilation: the median of the rest.
        long[] kept = Arrays.copyOfRange(rounds, done / 4, done);
        Arrays.sort(kept);
        return kept[kept.length / 2];
    }
}
