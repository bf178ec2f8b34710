package org.pyrite.params;

import org.pyrite.tensor.Tensor;

/**
 * A change of a {@link ParamStore} applied whole or not at all: how an SVI step keeps "a failed
 * step leaves every parameter as it was" when an update overflows, when the model throws, and
 * when other threads use the store.
 *
 * <pre>{@code
 * try (ParamTransaction tx = store.begin("run an SVI step")) {
 *     ... run the model and guide, compute new unconstrained values ...
 *     tx.update(names, newValues, optimizer);   // checks every value, then sets them all
 * }                                             // not updated: the params it created are removed
 * }</pre>
 *
 * <p>While it is open, only the thread that began it may change the store; other threads may read.
 * Transactions on one thread nest: an inner one that fails removes only what it created.
 */
public final class ParamTransaction implements AutoCloseable {
    private final ParamStore store;
    private final boolean nested;
    private final long mark;
    private boolean committed;

    ParamTransaction(ParamStore store, boolean nested, long mark) {
        this.store = store;
        this.nested = nested;
        this.mark = mark;
    }

    /**
     * Sets the unconstrained values of {@code names} to {@code values}, all or none, and commits the
     * transaction. Each value must have its param's shape, be finite, and map to a finite value
     * inside the param's constraint; otherwise nothing is set and the error names the param, the
     * value it would have had, the value it keeps and {@code source} (the optimizer, whose learning
     * rate is the usual cause).
     *
     * @param source what computed the values, named in the error (its {@code toString})
     * @throws IllegalStateException naming the first param whose new value is refused
     */
    public void update(String[] names, Tensor[] values, Object source) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("update: " + names.length + " names and " + values.length + " values");
        }
        ParamStore.Entry[] entries = new ParamStore.Entry[names.length];
        Tensor[] checked = new Tensor[names.length];
        for (int i = 0; i < names.length; i++) {
            ParamStore.Entry e = store.entryForUpdate(names[i]);
            Tensor u = values[i].detach();
            ParamStore.requireShape(e, u);
            ParamCheck.Violation v = e.check(u);
            if (v != null) {
                throw new IllegalStateException("the update by " + source + " would take param '" + names[i] + "' from "
                        + ParamCheck.show(e.transform.forward(e.unconstrained)) + " to " + v.describe() + "; no parameter was changed."
                        + " Lower the learning rate, or check the model for a gradient that is too large here"
                        + " (ClippedAdam clips gradients)");
            }
            entries[i] = e;
            checked[i] = u;
        }
        for (int i = 0; i < names.length; i++) {
            entries[i].unconstrained = checked[i].requiringGrad();
        }
        committed = true;
    }

    /** Whether {@link #update} succeeded. */
    public boolean committed() {
        return committed;
    }

    /**
     * Ends the transaction. Unless it was committed, the params created on this thread since it
     * began are removed (params that existed before keep their values: nothing changed them).
     */
    @Override
    public void close() {
        store.end(nested, mark, committed);
    }
}
