package org.pyrite.handlers;

import java.util.ArrayList;
import org.pyrite.context.ContextKey;
import org.pyrite.context.PyriteContext;

/**
 * The current thread's stack of active {@link Messenger}s and the routine that sends a
 * {@link Message} through it (Pyro's {@code apply_stack}).
 *
 * <p>Each thread has its own stack (held in its {@link PyriteContext}), so inferences on different
 * threads never see each other's handlers; work Pyrite spreads over threads runs under a copy of
 * the caller's stack, with the same handlers in it.
 */
public final class HandlerStack {
    private static final ContextKey<ArrayList<Messenger>> STACK = ContextKey.of("handler stack", ArrayList::new, ArrayList::new);

    private HandlerStack() {}

    private static ArrayList<Messenger> stack() {
        return PyriteContext.current().get(STACK);
    }

    /** Whether no handler is active on this thread (statements then just draw or read). */
    public static boolean isEmpty() {
        return stack().isEmpty();
    }

    /** How many handlers are active on this thread. */
    public static int depth() {
        return stack().size();
    }

    static void push(Messenger m) {
        stack().add(m);
    }

    static void pop(Messenger m) {
        ArrayList<Messenger> stack = stack();
        int top = stack.size() - 1;
        if (top < 0 || stack.get(top) != m) {
            int at = stack.lastIndexOf(m);
            if (at < 0) {
                return; // already discarded by an out-of-order close, which reported it
            }
            // Closing out of order would leave inner handlers active on this thread forever.
            stack.subList(at, stack.size()).clear();
            throw new IllegalStateException(m.getClass().getSimpleName()
                    + " was closed while inner handlers were still active; close handlers in reverse order of entering");
        }
        stack.remove(top);
    }

    /**
     * Sends {@code msg} through the stack: {@link Messenger#process} from the innermost handler
     * outwards until one stops the message, then the default (draw or param lookup) unless a value
     * was set, then {@link Messenger#postprocess} from the outermost handler reached back in.
     */
    public static void apply(Message msg) {
        ArrayList<Messenger> stack = stack();
        int n = stack.size();
        int reached = n;
        for (int i = n - 1; i >= 0; i--) {
            reached = i;
            stack.get(i).process(msg);
            if (msg.isStopped()) {
                break;
            }
        }
        if (!msg.isDone()) {
            msg.applyDefault();
        }
        for (int i = reached; i < n; i++) {
            stack.get(i).postprocess(msg);
        }
    }
}
