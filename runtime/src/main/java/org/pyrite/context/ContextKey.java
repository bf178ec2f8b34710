package org.pyrite.context;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One piece of Pyrite's per-thread state held in the {@link PyriteContext}: the handler stack, the
 * plate dimensions, the gradient mode, the generator, the validation switch, the current param
 * store. The layer that owns the state declares its key, so the context (the lowest layer) never
 * needs to know the types above it.
 *
 * <pre>{@code
 * static final ContextKey<boolean[]> ENABLED =
 *         ContextKey.of("validation", () -> new boolean[] {true}, flag -> flag.clone());
 * boolean on = PyriteContext.current().get(ENABLED)[0];
 * }</pre>
 *
 * @param <T> the type of the state; mutable holders (an array of one, a list) are the usual choice,
 *     so a scope can change the state without going through the context again
 */
public final class ContextKey<T> {
    /** How many keys may exist: the runtime declares six. */
    static final int MAX = 16;
    private static final Object LOCK = new Object();
    private static volatile ContextKey<?>[] all = new ContextKey<?>[0];

    final int index;
    private final String name;
    private final Supplier<T> initial;
    private final UnaryOperator<T> forOtherThread;

    private ContextKey(int index, String name, Supplier<T> initial, UnaryOperator<T> forOtherThread) {
        this.index = index;
        this.name = name;
        this.initial = initial;
        this.forOtherThread = forOtherThread;
    }

    /**
     * A new key. {@code initial} makes a fresh thread's state; {@code forOtherThread} makes, from
     * the state captured on one thread, the state another thread starts with when it runs the first
     * thread's work ({@link PyriteContext#runWith}): a copy of a mutable holder, so the two threads
     * never write one object, or something that refuses to be shared.
     */
    public static <T> ContextKey<T> of(String name, Supplier<T> initial, UnaryOperator<T> forOtherThread) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(forOtherThread, "forOtherThread");
        synchronized (LOCK) {
            ContextKey<?>[] keys = all;
            if (keys.length == MAX) {
                throw new IllegalStateException("ContextKey: at most " + MAX + " keys, asked for one more ('" + name + "')");
            }
            ContextKey<T> key = new ContextKey<>(keys.length, name, initial, forOtherThread);
            ContextKey<?>[] grown = java.util.Arrays.copyOf(keys, keys.length + 1);
            grown[keys.length] = key;
            all = grown;
            return key;
        }
    }

    /** Every key declared so far. */
    static ContextKey<?>[] all() {
        return all;
    }

    T initial() {
        return initial.get();
    }

    @SuppressWarnings("unchecked")
    Object forOtherThread(Object captured) {
        return forOtherThread.apply((T) captured);
    }

    @Override
    public String toString() {
        return "ContextKey[" + name + "]";
    }
}
