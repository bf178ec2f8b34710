package org.pyrite.handlers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.pyrite.tensor.Tensor;

/**
 * The shared part of {@link ConditionMessenger} and {@link InterveneMessenger}: a map from site
 * names to values, and the check, when the scope closes after a normal run, that every name
 * matched a site.
 */
public abstract class DataMessenger extends Messenger {
    /** Each key's position, shared by copies: one hash look-up per site finds value and slot. */
    private final Map<String, Integer> index;
    private final Tensor[] values;
    /** Which keys matched a site; written by every thread that runs the scope's work. */
    private final AtomicIntegerArray matched;
    /**
     * The first names looked up on the thread that entered the scope, for the "did you mean" of an
     * unmatched key: bounded, since one scope may hold millions of runs.
     */
    private final String[] seen = new String[SEEN_LIMIT];
    private int seenCount;
    private Thread owner;
    private boolean checkOnClose = true;
    private static final int SEEN_LIMIT = 256;

    DataMessenger(Map<String, Tensor> data) {
        Map<String, Integer> idx = new java.util.LinkedHashMap<>();
        this.values = new Tensor[data.size()];
        int i = 0;
        for (Map.Entry<String, Tensor> e : data.entrySet()) {
            idx.put(e.getKey(), i);
            values[i++] = e.getValue();
        }
        this.index = idx;
        this.matched = new AtomicIntegerArray(values.length);
    }

    /** A fresh messenger over the same (already converted) data. */
    DataMessenger(DataMessenger template) {
        this.index = template.index;
        this.values = template.values;
        this.matched = new AtomicIntegerArray(values.length);
    }

    /** Converts user data ({@code Double}, other {@code Number}s or {@code Tensor}) to tensors, naming a bad entry. */
    static Map<String, Tensor> toTensors(String handler, Map<String, ?> data) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : data.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Tensor) {
                out.put(e.getKey(), (Tensor) v);
            } else if (v instanceof Number) {
                out.put(e.getKey(), Tensor.scalar(((Number) v).doubleValue()));
            } else {
                throw new IllegalArgumentException(handler + ": the value for site '" + e.getKey() + "' is "
                        + (v == null ? "null" : "a " + v.getClass().getName()) + "; pass a Double or a Tensor");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The value for this sample message, or {@code null}; records the name as seen (and used). */
    final Tensor lookup(Message msg) {
        if (seenCount < SEEN_LIMIT && Thread.currentThread() == owner) {
            seen[seenCount++] = msg.name();
        }
        Integer i = index.get(msg.name());
        if (i == null) {
            return null;
        }
        if (matched.get(i) == 0) {
            matched.set(i, 1);
        }
        return values[i];
    }

    @Override
    protected void onEnter() {
        owner = Thread.currentThread();
    }

    /**
     * Closes the scope without the unmatched-name check: for when the body threw, so the original
     * exception is not hidden behind a complaint about names the run never reached.
     */
    public final void closeAfterFailure() {
        checkOnClose = false;
        close();
    }

    @Override
    protected void onExit() {
        if (!checkOnClose) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            if (matched.get(e.getValue()) == 0) {
                problems.add("'" + e.getKey() + "'" + Names.didYouMean(e.getKey(), seenNames()));
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        throw new IllegalArgumentException(handlerName() + ": no sample site matched " + String.join(", ", problems)
                + "; sites of this run: " + new java.util.TreeSet<>(seenNames()));
    }

    private List<String> seenNames() {
        return java.util.Arrays.asList(java.util.Arrays.copyOf(seen, seenCount));
    }

    abstract String handlerName();
}
