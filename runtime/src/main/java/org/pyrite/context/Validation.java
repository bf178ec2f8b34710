package org.pyrite.context;

/**
 * The per-thread switch for argument validation, on by default (DESIGN §6).
 *
 * <p>With validation on, constructing a distribution with invalid parameters (a scale &le; 0, a
 * probability outside [0, 1]) throws {@link IllegalArgumentException}, and
 * {@code Distribution.logProb} of a value outside the support throws too. With validation off,
 * neither is checked and {@code logProb} returns {@code -Infinity} outside the support.
 *
 * <pre>{@code
 * try (Validation.Scope fast = Validation.disabled()) {
 *     Tensor lp = Exponential.of(1.0).logProb(Tensor.scalar(-1.0)); // -Infinity, no exception
 * }
 * }</pre>
 *
 * <p>The switch is per thread, so an inference on another thread is not affected; work Pyrite
 * spreads over threads runs with the caller's setting. It lives with the {@link PyriteContext}
 * because every layer checks against it (tensors' transforms as well as distributions).
 */
public final class Validation {
    private static final ContextKey<boolean[]> ENABLED = ContextKey.of("validation", () -> new boolean[] {true}, boolean[]::clone);

    private Validation() {}

    private static boolean[] flag() {
        return PyriteContext.current().get(ENABLED);
    }

    /** Whether validation is on for this thread. */
    public static boolean isEnabled() {
        return flag()[0];
    }

    /** Switches validation on or off for this thread. */
    public static void setEnabled(boolean enabled) {
        flag()[0] = enabled;
    }

    /** Switches validation off on this thread until the scope closes, then restores the previous setting. */
    public static Scope disabled() {
        boolean[] flag = flag();
        boolean previous = flag[0];
        flag[0] = false;
        return () -> flag[0] = previous;
    }

    /** A try-with-resources scope whose {@code close} does not throw. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
