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
 * parameter first, and the states are stored only when all succeeded; {@link #propose} leaves the
 * storing to its caller. The states are keyed by param name, so an optimizer belongs to one SVI
 * and is used by one thread at a time: give each thread's SVI its own.
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
     * The new values of the named parameters given their gradients (of a loss to minimize), with
     * the new states stored at once. Values and gradients carry no gradient record of their own.
     */
    public final Tensor[] step(String[] names, Tensor[] values, Tensor[] grads) {
        Proposal p = propose(names, values, grads);
        p.commit();
        return p.values();
    }

    /**
     * The new values of the named parameters, as {@link #step}, but with the new states kept aside
     * until {@link Proposal#commit}: a caller that refuses the values (SVI, when one overflows)
     * leaves the optimizer as it was.
     */
    public final Proposal propose(String[] names, Tensor[] values, Tensor[] grads) {
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
        return new Proposal(names, out, newStates);
    }

    /** New parameter values whose optimizer states are stored only on {@link #commit}. */
    public final class Proposal {
        private final String[] names;
        private final Tensor[] values;
        private final S[] newStates;

        private Proposal(String[] names, Tensor[] values, S[] newStates) {
            this.names = names;
            this.values = values;
            this.newStates = newStates;
        }

        /** The new values, in the order of the names given (the proposal's own array: read it, do not change it). */
        public Tensor[] values() {
            return values;
        }

        /** Stores the new per-parameter states: the values were taken. */
        public void commit() {
            for (int i = 0; i < names.length; i++) {
                states.put(names[i], newStates[i]);
            }
        }
    }

    /** The learning rate this optimizer was made with (before any decay). */
    public abstract double learningRate();

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
