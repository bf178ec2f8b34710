package org.pyrite.concurrent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.pyrite.context.PyriteContext;

/**
 * Runs the chunks of a loop on the calling thread and on helper threads: the CPU backend's large
 * kernels (a matrix-vector product over thousands of rows, the likelihood of thousands of
 * observations), as torch's intra-op threads do, and {@code Importance}'s samples. Infrastructure
 * of the library rather than a user API.
 *
 * <pre>{@code
 * ChunkPool.KERNELS.forEachChunk(n, 512, (chunk, from, to) -> {
 *     for (int i = from; i < to; i++) out[i] = f(in[i]);
 * });
 * }</pre>
 *
 * <p>Chunk boundaries depend only on the length and the grain, never on the number of threads or
 * on who ran what; a caller that combines per-chunk results in chunk order gets the same bits on
 * one thread as on eight.
 *
 * <p>Why spinning helpers: a parked thread takes tens of microseconds to wake on this project's
 * machines, as long as most jobs it would share (a 10,000 x 20 matrix-vector product; figures in
 * benchmarks/RESULTS.md), so
 * helpers poll for {@link #SPIN_NANOS} after each job before they park, and within an SVI loop or
 * a run of importance samplers the next job comes long before that. A helper parked for
 * {@link #IDLE_EXIT_NANOS} ends, and the next job starts a new one, so a pool that is dropped
 * leaves no thread behind. The caller never waits for a helper that has not started: it claims
 * chunks itself, and waits only for chunks a helper has already claimed. The caller claims from
 * the front and helpers from the back, so on two cores each keeps to its end of the data from one
 * job to the next: a 1.6 MB design matrix does not fit one core's 1 MB cache, but its two halves
 * fit the two. A pool busy with another caller's job (or with the job whose chunk is calling)
 * does not queue the second caller: that caller runs its loop alone.
 *
 * <p>When a second thread pays: a loop given as a {@link Work} is split only when its time on one
 * thread, learned from its earlier runs, is several times what a hand-off costs on this machine:
 * first as measured once per JVM ({@link #handoffNanos}), then as the pool's own split loops find
 * it (the caller's wait for a helper's last chunk), re-measured by one split loop after a second
 * without any. Below that the caller runs it alone.
 *
 * <p>Helpers run each job in the caller's {@link PyriteContext} (captured when the job starts), so
 * a chunk sees the caller's handlers, plates, param store and settings on any thread.
 */
public final class ChunkPool {
    /**
     * The pool of the CPU backend's kernels, shared by every thread (kernels are pure functions of
     * their arrays, so nothing leaks between callers). Its size, the caller included, is the system
     * property {@code pyrite.cpu.threads}, read once (default: the available processors; 1 turns
     * helpers off).
     */
    public static final ChunkPool KERNELS = new ChunkPool(threads(System.getProperty("pyrite.cpu.threads")), "pyrite-cpu-kernel");

    /** How long an idle helper spins flat out: the gaps between kernels within an SVI step. */
    private static final long BUSY_SPIN_NANOS = 20_000;
    /**
     * How long an idle helper keeps polling, yielding the core between polls after
     * {@link #BUSY_SPIN_NANOS}, before it parks: a few SVI steps of a mid-sized model. Yielding lets
     * the JIT compiler and the GC run on a two-core machine while the helper waits.
     */
    private static final long SPIN_NANOS = 200_000;
    /** How long a parked helper waits for a job before it ends. */
    private static final long IDLE_EXIT_NANOS = 1_000_000_000L;

    /** One chunk of a loop: indices [from, to) of chunk number {@code chunk}. */
    @FunctionalInterface
    public interface Chunks {
        /** Runs indices [from, to), chunk number {@code chunk}. */
        void run(int chunk, int from, int to);
    }

    /**
     * A kind of loop (one kernel, or one sampler's model) whose cost per unit of work the pool
     * learns from the runs it times, to decide whether the next run is worth a hand-off. Units
     * are indices for {@link #forEachChunk(Work, int, int, Chunks)} and what the bounds count
     * (samples, say) for {@link #forEachChunk(Work, int[], Chunks)}.
     */
    public static final class Work {
        private final String name;
        /** Nanoseconds per unit on one thread: NaN until a run has been timed. */
        private volatile double nanosPerUnit = Double.NaN;

        /** A loop known by {@code name} in messages. */
        public Work(String name) {
            this.name = name;
        }

        /** The learned cost of one unit, in nanoseconds (NaN before the first timed run). */
        public double nanosPerUnit() {
            return nanosPerUnit;
        }

        void observe(long nanos, long units) {
            if (units <= 0 || nanos <= 0) {
                return;
            }
            double v = nanos / (double) units;
            double old = nanosPerUnit;
            // A moving average: the first runs (interpreted, or before the caches warm) fade quickly.
            nanosPerUnit = Double.isNaN(old) ? v : 0.75 * old + 0.25 * v;
        }

        @Override
        public String toString() {
            return name + " (" + nanosPerUnit + " ns per unit)";
        }
    }

    /**
     * A loop is split only when its learned time alone is at least this many hand-offs: two
     * threads then take about half of it plus one hand-off, so even a hand-off measured at a
     * third of its real cost leaves two threads no slower than one.
     */
    static final double SPLIT_MARGIN = 4.0;
    /** How long a pool goes without splitting before it splits one worthwhile loop to re-measure. */
    static final long PROBE_NANOS = 1_000_000_000L;
    /** The cheapest hand-off a probe assumes: a loop not worth splitting even at this is never probed with. */
    static final long PROBE_FLOOR_NANOS = 500;

    private final String name;
    private final long idleExitNanos;
    /**
     * What this pool's callers waited, after their own chunks, for a helper's last chunk: a
     * moving average over split loops, and this pool's hand-off estimate once it has one. It
     * replaces the start-up measurement ({@link HandoffCost}) because that measurement is taken
     * once, at a moment that may be unrepresentative: while the JVM starts and compiles, a helper
     * may answer late and the measurement come out high (then nothing would ever be split), and on
     * a machine whose cores other processes take a helper can be descheduled holding a chunk for
     * milliseconds (then every split loop would pay that).
     */
    private volatile double waited;
    /** Whether {@link #waited} holds an observation yet. */
    private volatile boolean waitedKnown;
    /** When a loop was last split, or this pool was made. */
    private volatile long lastSplit = System.nanoTime();
    private final Helper[] helpers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile ChunkJob job;

    /**
     * A pool of {@code threads} threads, the caller included: {@code threads - 1} helpers, named
     * {@code name-1}, {@code name-2}, ..., started on the first job that needs them.
     */
    public ChunkPool(int threads, String name) {
        this(threads, name, IDLE_EXIT_NANOS);
    }

    ChunkPool(int threads, String name, long idleExitNanos) {
        if (threads < 1) {
            throw new IllegalArgumentException("ChunkPool: threads must be >= 1 (the caller included), got " + threads);
        }
        this.name = name;
        this.idleExitNanos = idleExitNanos;
        this.helpers = new Helper[threads - 1];
    }

    /**
     * What handing work to a helper costs on this machine, in nanoseconds: measured once per JVM
     * ({@link HandoffCost}), the first time a loop could be split. Each pool then learns from its
     * own split loops what its callers wait for a helper ({@code handoffEstimate}).
     */
    public static long handoffNanos() {
        return HandoffCost.nanos();
    }

    /**
     * This pool's hand-off estimate in nanoseconds: the waits its split loops have seen, or the
     * start-up measurement before it has split any.
     */
    double handoffEstimate() {
        return waitedKnown ? waited : HandoffCost.nanos();
    }

    /** The number of threads, the caller included. */
    public int threads() {
        return helpers.length + 1;
    }

    /** How many helper threads are running now (spinning, working or parked). */
    int liveHelpers() {
        int live = 0;
        for (Helper h : helpers) {
            if (h != null && h.thread.isAlive()) {
                live++;
            }
        }
        return live;
    }

    /** The thread count a value of {@code pyrite.cpu.threads} asks for ({@code null}: the available processors). */
    static int threads(String value) {
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException("system property pyrite.cpu.threads must be a whole number >= 1 (threads for CPU kernels,"
                + " the caller included), got '" + value + "'");
    }

    /** The number of chunks {@link #forEachChunk} splits {@code n} indices into. */
    public static int chunkCount(int n, int grain) {
        if (grain < 1) {
            throw new IllegalArgumentException("ChunkPool: grain must be >= 1, got " + grain);
        }
        return n <= 0 ? 0 : (int) ((n + (long) grain - 1) / grain);
    }

    /**
     * Runs {@code body} on chunks {@code [c * grain, min(n, (c + 1) * grain))} for every chunk
     * {@code c}, on this thread and on any helper that is awake, and returns when all have run.
     * An exception thrown by a chunk is rethrown here, once the chunks already running have
     * finished; the chunks not yet started are then not run.
     */
    public void forEachChunk(int n, int grain, Chunks body) {
        int count = chunkCount(n, grain);
        if (count <= 1 || helpers.length == 0 || !busy.compareAndSet(false, true)) {
            for (int c = 0; c < count; c++) {
                int from = c * grain;
                body.run(c, from, Math.min(n, from + grain));
            }
            return;
        }
        try {
            ChunkJob j = new ChunkJob(body, n, grain, 0, count, PyriteContext.capture());
            job = j;
            wakeHelpers();
            j.work(true, null);
            while (j.finished.get() < count) {
                Thread.onSpinWait();
            }
            job = null;
            j.rethrowFailure();
        } finally {
            busy.set(false);
        }
    }

    /**
     * As {@link #forEachChunk(int, int, Chunks)}, but split over threads only when the loop is
     * worth it: when its time on one thread, learned from earlier runs of {@code work}, exceeds
     * the hand-off's cost ({@link #handoffNanos}) by {@link #SPLIT_MARGIN}. A loop that is not
     * split runs its chunks in order on this thread, exactly as a split one would compute them.
     */
    public void forEachChunk(Work work, int n, int grain, Chunks body) {
        run(work, 1, null, n, grain, body);
    }

    /**
     * As {@link #forEachChunk(Work, int, int, Chunks)} for a loop whose every index is
     * {@code unitsPerIndex} units of work (a row of k multiply-adds, say), so that {@code work}
     * learns one cost per unit across loops of different shapes.
     */
    public void forEachChunk(Work work, long unitsPerIndex, int n, int grain, Chunks body) {
        run(work, unitsPerIndex, null, n, grain, body);
    }

    /**
     * Runs chunk {@code c} as {@code body.run(c, c, c + 1)} for the {@code bounds.length - 1}
     * chunks of uneven size {@code bounds[c + 1] - bounds[c]} units (samples, say), split over
     * threads only when worth it, as {@link #forEachChunk(Work, int, int, Chunks)}.
     */
    public void forEachChunk(Work work, int[] bounds, Chunks body) {
        run(work, 1, bounds, bounds.length - 1, 1, body);
    }

    /** Units are {@code unitsPerIndex} per index, or, with {@code bounds}, chunk c's {@code bounds[c + 1] - bounds[c]}. */
    private void run(Work work, long unitsPerIndex, int[] bounds, int n, int grain, Chunks body) {
        int count = chunkCount(n, grain);
        if (count <= 1) {
            // One chunk can never be split, so there is nothing to learn from it: untimed, because
            // two clock reads (about 50 ns here) cost as much as a small kernel's whole work.
            if (count == 1) {
                body.run(0, 0, n);
            }
            return;
        }
        long units = bounds == null ? n * unitsPerIndex : bounds[bounds.length - 1] - bounds[0];
        int first = 0;
        if (helpers.length > 0 && Double.isNaN(work.nanosPerUnit)) {
            // Never timed: the first chunk runs here and is timed, and the rest is split or not by
            // what it cost, so even a loop's first run (a new sampler's) can use the helpers.
            long start = System.nanoTime();
            body.run(0, 0, Math.min(n, grain));
            long done = chunkUnits(bounds, unitsPerIndex, n, grain, 0);
            work.observe(System.nanoTime() - start, done);
            units -= done;
            first = 1;
        }
        boolean could = count - first > 1 && helpers.length > 0;
        boolean split = could && worthSplitting(work.nanosPerUnit, units, (long) handoffEstimate());
        boolean probe = false;
        if (could && !split && worthSplitting(work.nanosPerUnit, units, PROBE_FLOOR_NANOS) && System.nanoTime() - lastSplit > PROBE_NANOS) {
            // Nothing split for a second though this loop would pay at a cheap hand-off: split it
            // once to see what a hand-off costs now (at most one such loop a second).
            split = true;
            probe = true;
        }
        if (!split || !busy.compareAndSet(false, true)) {
            long start = System.nanoTime();
            for (int c = first; c < count; c++) {
                int from = c * grain;
                body.run(c, from, Math.min(n, from + grain));
            }
            work.observe(System.nanoTime() - start, units);
            return;
        }
        try {
            ChunkJob j = new ChunkJob(body, n, grain, first, count, PyriteContext.capture());
            job = j;
            wakeHelpers();
            // Learn from this thread's share only: its chunks' units against its time in them.
            long start = System.nanoTime();
            long[] mine = j.work(true, bounds);
            long ownDone = System.nanoTime();
            while (j.finished.get() < count) {
                Thread.onSpinWait();
            }
            long now = System.nanoTime();
            double wait = now - ownDone;
            // A probe's wait replaces the estimate: it is the news the probe was for.
            waited = waitedKnown && !probe ? 0.9 * waited + 0.1 * wait : wait;
            waitedKnown = true;
            lastSplit = now;
            job = null;
            j.rethrowFailure();
            work.observe(ownDone - start, mine[0] * unitsPerIndex);
        } finally {
            busy.set(false);
        }
    }

    /** The units of chunk {@code c}: its indices times {@code unitsPerIndex}, or what {@code bounds} gives it. */
    private static long chunkUnits(int[] bounds, long unitsPerIndex, int n, int grain, int c) {
        if (bounds != null) {
            return bounds[c + 1] - bounds[c];
        }
        int from = c * grain;
        return (Math.min(n, from + grain) - from) * unitsPerIndex;
    }

    /** Whether {@code units} at {@code nanosPerUnit} (NaN: not yet timed) are worth a hand-off of {@code handoffNanos}. */
    static boolean worthSplitting(double nanosPerUnit, long units, long handoffNanos) {
        return nanosPerUnit * units >= SPLIT_MARGIN * handoffNanos;
    }

    /** Unparks parked helpers and replaces ended ones; only the caller holding {@code busy} gets here. */
    private void wakeHelpers() {
        for (int i = 0; i < helpers.length; i++) {
            Helper h = helpers[i];
            if (h == null || h.ended) {
                h = new Helper(name + "-" + (i + 1));
                helpers[i] = h;
                h.thread.start();
            } else if (h.parked) {
                LockSupport.unpark(h.thread);
            }
        }
    }

    private final class Helper implements Runnable {
        final Thread thread;
        volatile boolean parked;
        volatile boolean ended;

        Helper(String threadName) {
            thread = new Thread(this, threadName);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            ChunkJob last = null;
            long idleSince = System.nanoTime();
            while (true) {
                ChunkJob j = job;
                if (j != null && j != last) {
                    last = j;
                    ChunkJob claimed = j;
                    PyriteContext.runWith(j.context, () -> claimed.work(false, null));
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < BUSY_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.yield();
                } else {
                    // Publish "parked" before the last look at the job; the caller publishes the job
                    // before it looks at "parked" (both volatile), so one of the two sees the other.
                    parked = true;
                    j = job;
                    if (j == null || j == last) {
                        LockSupport.parkNanos(this, idleExitNanos);
                    }
                    parked = false;
                    if (System.nanoTime() - idleSince >= idleExitNanos && (job == null || job == last)) {
                        // A caller that still saw this helper alive only loses its help for one job:
                        // it never waits for chunks nobody claimed, and the next job starts a new helper.
                        ended = true;
                        return;
                    }
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
