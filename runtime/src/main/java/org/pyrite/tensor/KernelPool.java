package org.pyrite.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Spreads the chunks of a large CPU kernel (a matrix-vector product over thousands of rows, the
 * likelihood of thousands of observations) over the calling thread and helper threads, as torch's
 * intra-op threads do.
 *
 * <p>Chunk boundaries depend only on the length and the kernel's grain, never on the number of
 * threads or on who ran what, and every partial result is combined in chunk order: a kernel gives
 * the same bits on one thread as on eight.
 *
 * <p>Why spinning helpers: a parked thread takes 40 to 60 us to wake on this project's machines,
 * longer than the kernels it would share (a 10,000 x 20 matrix-vector product takes about 40 us),
 * so helpers spin for {@link #SPIN_NANOS} after each job before they park. Within an SVI loop the
 * next job comes long before that. The caller never waits for a helper that has not started: it
 * claims chunks itself, and waits only for chunks a helper has already claimed. A pool busy with
 * another caller's job does not queue the second caller; that caller runs its kernel alone.
 *
 * <p>The number of threads, the caller included, is the system property
 * {@code pyrite.cpu.threads} (read once, default: the available processors); 1 turns helpers off.
 */
final class KernelPool {
    /** Shared by every thread: kernels are pure functions of their arrays, so no state leaks between callers. */
    static final KernelPool SHARED = new KernelPool(threads(System.getProperty("pyrite.cpu.threads")) - 1);

    /** How long an idle helper spins before it parks: a few SVI steps of a mid-sized model. */
    private static final long SPIN_NANOS = 200_000;

    /** One chunk of a kernel: indices [from, to) of chunk number {@code chunk}. */
    @FunctionalInterface
    interface Chunks {
        void run(int chunk, int from, int to);
    }

    private final int helperCount;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job job;
    private volatile Helper[] helpers;

    KernelPool(int helperCount) {
        this.helperCount = Math.max(0, helperCount);
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
    static int chunkCount(int n, int grain) {
        return n == 0 ? 0 : (int) ((n + (long) grain - 1) / grain);
    }

    /**
     * Runs {@code body} on chunks {@code [c * grain, min(n, (c + 1) * grain))} for every chunk
     * {@code c}, on this thread and on any helper that is awake, and returns when all have run.
     * An exception thrown by a chunk is rethrown here, after every chunk has finished.
     */
    void forEachChunk(int n, int grain, Chunks body) {
        int count = chunkCount(n, grain);
        if (count <= 1 || helperCount == 0 || !busy.compareAndSet(false, true)) {
            for (int c = 0; c < count; c++) {
                int from = c * grain;
                body.run(c, from, Math.min(n, from + grain));
            }
            return;
        }
        try {
            Job j = new Job(body, n, grain, count);
            job = j;
            for (Helper h : helpers()) {
                if (h.parked) {
                    LockSupport.unpark(h.thread);
                }
            }
            j.work();
            while (j.finished.get() < count) {
                Thread.onSpinWait();
            }
            job = null;
            j.rethrowFailure();
        } finally {
            busy.set(false);
        }
    }

    private Helper[] helpers() {
        Helper[] hs = helpers;
        if (hs == null) {
            synchronized (this) {
                hs = helpers;
                if (hs == null) {
                    hs = new Helper[helperCount];
                    for (int i = 0; i < hs.length; i++) {
                        hs[i] = new Helper(i + 1);
                        hs[i].thread.start();
                    }
                    helpers = hs;
                }
            }
        }
        return hs;
    }

    private final class Helper implements Runnable {
        final Thread thread;
        volatile boolean parked;

        Helper(int index) {
            thread = new Thread(this, "pyrite-cpu-kernel-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            Job last = null;
            long idleSince = System.nanoTime();
            while (true) {
                Job j = job;
                if (j != null && j != last) {
                    last = j;
                    j.work();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    // Publish "parked" before the last look at the job; the caller publishes the job
                    // before it looks at "parked" (both volatile), so one of the two sees the other.
                    parked = true;
                    j = job;
                    if (j == null || j == last) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    private static final class Job {
        private final Chunks body;
        private final int n;
        private final int grain;
        private final int count;
        private final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        private volatile Throwable failure;

        Job(Chunks body, int n, int grain, int count) {
            this.body = body;
            this.n = n;
            this.grain = grain;
            this.count = count;
        }

        /** Claims and runs chunks until none is left. */
        void work() {
            int c;
            while ((c = next.getAndIncrement()) < count) {
                try {
                    int from = c * grain;
                    body.run(c, from, Math.min(n, from + grain));
                } catch (Throwable t) {
                    // Kept for the caller, which rethrows it once every chunk has finished: a helper
                    // has no one else to tell, and must stay alive for the next job.
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    finished.incrementAndGet();
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
                throw new IllegalStateException("a CPU kernel chunk failed", t);
            }
        }
    }
}
