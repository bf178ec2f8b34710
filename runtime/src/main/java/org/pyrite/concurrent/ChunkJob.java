package org.pyrite.concurrent;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pyrite.context.PyriteContext;

/**
 * One split loop of a {@link ChunkPool}: its chunks, claimed by the caller from the front and by
 * the helpers from the back until none is left, and the first failure of any of them.
 */
final class ChunkJob {
    private final ChunkPool.Chunks body;
    private final int n;
    private final int grain;
    /**
     * The unclaimed chunks [front, back), packed as {@code front << 32 | back}: the caller claims
     * from the front and helpers from the back, so each thread keeps working on the same end of
     * the data job after job (a matrix split between two cores stays in two private caches).
     */
    private final AtomicLong unclaimed;
    final PyriteContext context;
    final AtomicInteger finished = new AtomicInteger();
    private volatile Throwable failure;

    /** Chunks [first, count) to run; those before {@code first} already ran, and count as finished. */
    ChunkJob(ChunkPool.Chunks body, int n, int grain, int first, int count, PyriteContext context) {
        this.body = body;
        this.context = context;
        this.n = n;
        this.grain = grain;
        this.unclaimed = new AtomicLong(((long) first << 32) | count);
        this.finished.set(first);
    }

    /**
     * Claims and runs chunks, from the front or from the back, until none is left; returns the
     * units this thread ran (indices, or what {@code bounds} counts), in a one-element array.
     */
    long[] work(boolean fromFront, int[] bounds) {
        long[] units = new long[1];
        int c;
        while ((c = claim(fromFront)) >= 0) {
            try {
                int from = c * grain;
                int to = Math.min(n, from + grain);
                body.run(c, from, to);
                units[0] += bounds == null ? to - from : bounds[c + 1] - bounds[c];
            } catch (Throwable t) {
                // Kept for the caller, which rethrows it once the running chunks have finished: a
                // helper has no one else to tell, and must stay alive for the next job. The chunks
                // nobody has claimed are dropped, so the caller hears of it after its current chunk
                // rather than after the whole loop (a worker out of memory, say).
                if (failure == null) {
                    failure = t;
                }
                dropUnclaimed();
            } finally {
                finished.incrementAndGet();
            }
        }
        return units;
    }

    /** Takes every unclaimed chunk off the list and counts it as finished (it will never run). */
    private void dropUnclaimed() {
        while (true) {
            long state = unclaimed.get();
            int front = (int) (state >>> 32);
            int back = (int) state;
            if (front >= back) {
                return;
            }
            if (unclaimed.compareAndSet(state, ((long) front << 32) | front)) {
                finished.addAndGet(back - front);
                return;
            }
        }
    }

    private int claim(boolean fromFront) {
        while (true) {
            long state = unclaimed.get();
            int front = (int) (state >>> 32);
            int back = (int) state;
            if (front >= back) {
                return -1;
            }
            long next = fromFront ? ((long) (front + 1) << 32) | back : ((long) front << 32) | (back - 1);
            if (unclaimed.compareAndSet(state, next)) {
                return fromFront ? front : back - 1;
            }
        }
    }

    void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException("a chunk failed", t);
        }
    }
}
