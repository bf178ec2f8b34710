package org.pyrite.handlers;

/**
 * An effect handler (Pyro's {@code Messenger}): it sees every message sent while it is on this
 * thread's {@link HandlerStack}, before the value is set ({@link #process}) and after
 * ({@link #postprocess}).
 *
 * <p>Messengers are used in a try-with-resources block:
 * <pre>{@code
 * try (TraceMessenger tracer = new TraceMessenger().enter()) {
 *     model.call(args);
 *     Trace trace = tracer.trace();
 * }
 * }</pre>
 * and, as higher-order functions on models, through {@code org.pyrite.Poutine}.
 */
public abstract class Messenger implements AutoCloseable {
    private boolean active;

    /** Called innermost handler first, before a value exists (unless an inner handler set one). */
    protected void process(Message msg) {
    }

    /** Called after the value is set, from the outermost handler that saw the message back in. */
    protected void postprocess(Message msg) {
    }

    /** Called when the handler is pushed. */
    protected void onEnter() {
    }

    /** Called when the handler is popped, after the body ran (normally or not). */
    protected void onExit() {
    }

    /**
     * What to undo when this handler was left open inside an outer one that closed first: by
     * default what {@link #onExit} does; a handler whose exit checks the run (did every name
     * match?) skips the check, as the run did not end normally.
     */
    protected void onAbandon() {
        onExit();
    }

    /** The handler as error messages name it: its kind, and for a plate its name. */
    protected String describe() {
        return getClass().getSimpleName();
    }

    /** Closes this handler left open inside an outer one that has closed: see {@link #onAbandon}. */
    final void abandon() {
        if (active) {
            active = false;
            onAbandon();
        }
    }

    /** Pushes this handler on the current thread's stack; returns {@code this} for try-with-resources. */
    @SuppressWarnings("unchecked")
    public <M extends Messenger> M enter() {
        if (active) {
            throw new IllegalStateException(getClass().getSimpleName() + " is already active; create a new one for a nested scope");
        }
        HandlerStack.push(this);
        active = true;
        try {
            onEnter();
        } catch (RuntimeException | Error e) {
            active = false;
            HandlerStack.pop(this);
            throw e;
        }
        return (M) this;
    }

    /** Pops this handler; it must be the innermost one. */
    @Override
    public void close() {
        if (!active) {
            return;
        }
        active = false;
        try {
            onExit();
        } finally {
            HandlerStack.pop(this);
        }
    }
}
