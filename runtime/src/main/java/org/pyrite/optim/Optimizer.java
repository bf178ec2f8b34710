package org.pyrite.optim;

import java.util.HashMap;
import java.util.Map;
import org.pyrite.tensor.Tensor;

/**
 * A gradient-based optimizer with per-parameter state (moments, step counts), created lazily the
 * first time a parameter name appears.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(0.01);
 * SVI<Double> svi = new SVI<>(model, guide, adam, new TraceELBO());
 * }</pre>
 *
 * <p>{@link #step} is all-or-nothing: new values and new states are computed for every
 * parameter first, and the states are stored only when all succeeded.
 *
 * @param <S> the per-parameter state (immutable)
 */
public abstract class Optimizer<S> {
    private final Map<String, S> states = new HashMap<>();

    /** One parameter's new value and state. */
    protected static final class Update<S> {
        final Tensor value;
        final S state;

        /** The new value and the state to keep for the next step. */
        public Update(Tensor value, S state) {
            this.value = value;
            this.state = state;
        }
    }

    /**
     * The new values of the named parameters given their gradients (of a loss to minimize).
     * Values and gradients carry no gradient record of their own.
     */
    public final Tensor[] step(String[] names, Tensor[] values, Tensor[] grads) {
        int n = names.length;
        if (values.length != n || grads.length != n) {
            throw new IllegalArgumentException("step: " + n + " names, " + values.length + " values, " + grads.length + " gradients");
        }
        @SuppressWarnings("unchecked")
        S[] newStates = (S[]) new Object[n];
        Tensor[] out = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Update<S> u = update(values[i].detach(), grads[i].detach(), states.get(names[i]));
            out[i] = u.value;
            newStates[i] = u.state;
        }
        for (int i = 0; i < n; i++) {
            states.put(names[i], newStates[i]);
        }
        return out;
    }

    /** The state kept for a parameter, or {@code null} before its first step. */
    public final S state(String name) {
        return states.get(name);
    }

    /** Forgets all per-parameter state. */
    public final void reset() {
        states.clear();
    }

    /** One update of one parameter; {@code state} is {@code null} at its first step. */
    protected abstract Update<S> update(Tensor value, Tensor grad, S state);

    static double requirePositive(String optimizer, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be finite and > 0, got " + v);
        }
        return v;
    }

    static double requireUnit(String optimizer, String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be in [0, 1), got " + v);
        }
        return v;
    }
}
