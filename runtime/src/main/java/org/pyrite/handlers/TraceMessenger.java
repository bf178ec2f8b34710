package org.pyrite.handlers;

/**
 * Records every statement that reaches it into a {@link Trace} (Pyro's {@code trace}).
 *
 * <pre>{@code
 * try (TraceMessenger tracer = new TraceMessenger().enter()) {
 *     scale(8.5);
 *     Trace t = tracer.trace();
 * }
 * }</pre>
 */
public final class TraceMessenger extends Messenger {
    private Trace trace = new Trace();
    private boolean entered;
    private Thread owner;

    @Override
    protected void onEnter() {
        owner = Thread.currentThread();
        // A messenger entered again starts a new trace; the first entry uses the one it has.
        if (entered) {
            trace = new Trace();
        }
        entered = true;
    }

    @Override
    protected void postprocess(Message msg) {
        if (Thread.currentThread() != owner) {
            // A trace records one run, and is not synchronized: two threads would interleave two runs.
            throw new IllegalStateException("site '" + msg.name() + "' reached a trace handler from another thread ("
                    + Thread.currentThread().getName() + ") than the one that entered it; a trace records one run on one"
                    + " thread, so trace inside the parallel work (e.g. Poutine.trace(model)), or run it on one thread");
        }
        trace.add(msg);
    }

    /** Records what the traced model returned. */
    public void recordReturn(Object value) {
        trace.setReturnValue(value);
    }

    /** The trace recorded so far (the whole run once the scope has closed). */
    public Trace trace() {
        return trace;
    }
}
