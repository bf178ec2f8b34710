package org.pyrite.handlers;

import java.util.ArrayList;
import java.util.List;
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
            // Closing out of order would leave inner handlers active on this thread forever, and a
            // plate's dimension taken: close them here, innermost first, and say which they were.
            List<Messenger> leaked = new ArrayList<>(stack.subList(at + 1, stack.size()));
            stack.subList(at, stack.size()).clear();
            List<String> names = new ArrayList<>();
            RuntimeException failure = null;
            for (int i = leaked.size() - 1; i >= 0; i--) {
                names.add(leaked.get(i).describe());
                try {
                    leaked.get(i).abandon();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            IllegalStateException error = new IllegalStateException(m.describe() + " was closed while inner handlers were still active: "
                    + String.join(", ", names) + ", entered inside it and never closed (closed now, so the next run starts clean)."
                    + " Close handlers in reverse order of entering, best with try-with-resources, e.g."
                    + " try (PlateMessenger p = plate(\"data\", n)) { ... }");
            if (failure != null) {
                error.addSuppressed(failure);
            }
            throw error;
        }
        stack.remove(top);
    }

    /** The active vectorized or sequential plate of this name on this thread, or {@code null}. */
    static PlateMessenger activePlate(String name, PlateMessenger except) {
        ArrayList<Messenger> stack = stack();
        for (int i = stack.size() - 1; i >= 0; i--) {
            Messenger h = stack.get(i);
            if (h != except && h instanceof PlateMessenger && ((PlateMessenger) h).name().equals(name)) {
                return (PlateMessenger) h;
            }
        }
        return null;
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
