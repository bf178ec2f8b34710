package org.pyrite.context;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * All of Pyrite's per-thread state in one object: the handler stack, the plate dimensions, the
 * gradient mode, the random generator, the validation switch and the current param store (each
 * declared by its layer as a {@link ContextKey}). It is the only thread-local of the library.
 *
 * <p>Work that Pyrite spreads over threads (parallel importance, the CPU kernels' chunks, MCMC
 * chains) runs in the caller's context: the caller {@link #capture()}s it, and each thread runs
 * its share with {@link #runWith}. So a model run on a worker sees the caller's {@code condition},
 * {@code block}, {@code plate}, param store and settings, by construction rather than by a list of
 * things to copy that a new path could forget.
 *
 * <pre>{@code
 * PyriteContext caller = PyriteContext.capture();
 * long seed = Rng.current().provider().nextLong();      // drawn on the calling thread
 * executor.submit(() -> PyriteContext.runWith(caller, () -> {
 *     Rng.install(Rng.seeded(seed));                    // the work's own generator
 *     return model.call(args);                          // under the caller's handlers
 * }));
 * }</pre>
 *
 * <p>A thread running captured work gets its own copy of each mutable holder (so it can enter and
 * leave scopes without disturbing the caller) and shares what the caller's state refers to: the
 * same handlers and the same param store. What must not be shared refuses: the generator on such a
 * thread throws until the work installs one of its own, and the param store accepts no new params
 * there.
 */
public final class PyriteContext {
    private static final ThreadLocal<PyriteContext> CURRENT = ThreadLocal.withInitial(() -> new PyriteContext(false));

    private final Object[] slots = new Object[ContextKey.MAX];
    private final boolean capturedWork;

    private PyriteContext(boolean capturedWork) {
        this.capturedWork = capturedWork;
    }

    /** This thread's context. */
    public static PyriteContext current() {
        return CURRENT.get();
    }

    /** This thread's state for {@code key}, made by the key's initial supplier on first use. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextKey<T> key) {
        Object v = slots[key.index];
        if (v == null) {
            // In captured work, a key declared after the capture stands for the caller's initial state.
            v = capturedWork ? key.forOtherThread(key.initial()) : key.initial();
            slots[key.index] = v;
        }
        return (T) v;
    }

    /** Replaces this context's state for {@code key} and returns the previous state. */
    public <T> T set(ContextKey<T> key, T value) {
        T previous = get(key);
        slots[key.index] = Objects.requireNonNull(value, "value");
        return previous;
    }

    /**
     * Whether this context runs work captured on another thread ({@link #runWith}); the param
     * store, for one, creates no params there.
     */
    public boolean isCapturedWork() {
        return capturedWork;
    }

    /**
     * A snapshot of this thread's context, to run work in on other threads with {@link #runWith}.
     * Later changes on this thread (a scope entered or left) do not reach the snapshot.
     */
    public static PyriteContext capture() {
        return current().forOtherThread();
    }

    /**
     * Runs {@code body} on this thread in (a copy of) {@code captured}, then puts this thread's
     * own context back, also when {@code body} throws. Several threads may run in one snapshot at
     * once: each gets its own copy.
     */
    public static void runWith(PyriteContext captured, Runnable body) {
        runWith(captured, () -> {
            body.run();
            return null;
        });
    }

    /** As {@link #runWith(PyriteContext, Runnable)}, returning what {@code body} returns. */
    public static <T> T runWith(PyriteContext captured, Supplier<T> body) {
        Objects.requireNonNull(captured, "captured");
        PyriteContext own = CURRENT.get();
        CURRENT.set(captured.forOtherThread());
        try {
            return body.get();
        } finally {
            CURRENT.set(own);
        }
    }

    private PyriteContext forOtherThread() {
        PyriteContext copy = new PyriteContext(true);
        ContextKey<?>[] keys = ContextKey.all();
        for (ContextKey<?> key : keys) {
            // Every key, also one this thread never used: its initial state may differ from what
            // another thread must start with (a fresh generator would silently break seeding).
            copy.slots[key.index] = key.forOtherThread(get(key));
        }
        return copy;
    }
}
