package org.pyrite.handlers;

import org.pyrite.diagnostics.Names;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * Names of sites that matched no key, seen by this messenger or any copy of it, for the "did
     * you mean" of an unmatched key: shared by copies (the model wrappers make a copy per call) and
     * bounded, since one scope may hold millions of runs; safe for threads that run the scope's work.
     */
    private final Set<String> otherNames;
    /** Which of the first 64 keys matched a site; set atomically, as several threads may run the scope's work. */
    private volatile long matchedBits;
    /** Which of the keys past the first 64 matched, or {@code null} with 64 keys or fewer. */
    private final AtomicIntegerArray matchedBeyond;
    private boolean checkOnClose = true;
    private static final int OTHER_NAMES_LIMIT = 256;
    private static final VarHandle MATCHED_BITS;

    static {
        try {
            MATCHED_BITS = MethodHandles.lookup().findVarHandle(DataMessenger.class, "matchedBits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    DataMessenger(Map<String, Tensor> data) {
        Map<String, Integer> idx = new LinkedHashMap<>();
        this.values = new Tensor[data.size()];
        int i = 0;
        for (Map.Entry<String, Tensor> e : data.entrySet()) {
            idx.put(e.getKey(), i);
            values[i++] = e.getValue();
        }
        this.index = idx;
        this.otherNames = ConcurrentHashMap.newKeySet();
        this.matchedBeyond = values.length > 64 ? new AtomicIntegerArray(values.length - 64) : null;
    }

    /** A fresh messenger over the same (already converted) data. */
    DataMessenger(DataMessenger template) {
        this.index = template.index;
        this.values = template.values;
        this.otherNames = template.otherNames;
        this.matchedBeyond = values.length > 64 ? new AtomicIntegerArray(values.length - 64) : null;
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

    /** The value for this sample message, or {@code null}; records the key as matched, or the name as seen. */
    final Tensor lookup(Message msg) {
        String name = msg.name();
        Integer i = index.get(name);
        if (i == null) {
            if (!otherNames.contains(name) && otherNames.size() < OTHER_NAMES_LIMIT) {
                otherNames.add(name);
            }
            return null;
        }
        markMatched(i);
        return values[i];
    }

    private void markMatched(int i) {
        if (i < 64) {
            long bit = 1L << i;
            if ((matchedBits & bit) == 0) {
                MATCHED_BITS.getAndBitwiseOr(this, bit);
            }
        } else if (matchedBeyond.get(i - 64) == 0) {
            matchedBeyond.set(i - 64, 1);
        }
    }

    private boolean isMatched(int i) {
        return i < 64 ? (matchedBits & (1L << i)) != 0 : matchedBeyond.get(i - 64) != 0;
    }

    /**
     * Closes the scope without the unmatched-name check: for when the body threw, so the original
     * exception is not hidden behind a complaint about names the run never reached.
     */
    public final void closeAfterFailure() {
        checkOnClose = false;
        close();
    }

    /** Left open inside a run that ended early: no check that every name matched. */
    @Override
    protected void onAbandon() {
    }

    @Override
    protected String describe() {
        return handlerName() + " " + index.keySet();
    }

    @Override
    protected void onExit() {
        if (!checkOnClose) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            if (!isMatched(e.getValue())) {
                problems.add("'" + e.getKey() + "'" + Names.didYouMean(e.getKey(), seenNames()));
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        throw new IllegalArgumentException(handlerName() + ": no sample site matched " + String.join(", ", problems)
                + "; sites seen: " + new java.util.TreeSet<>(seenNames()));
    }

    /** The site names seen: the keys that matched and the other names recorded. */
    private List<String> seenNames() {
        List<String> names = new ArrayList<>(otherNames);
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            if (isMatched(e.getValue())) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    abstract String handlerName();
}
