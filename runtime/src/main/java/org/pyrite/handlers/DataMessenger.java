package org.pyrite.handlers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pyrite.tensor.Tensor;

/**
 * The shared part of {@link ConditionMessenger} and {@link InterveneMessenger}: a map from site
 * names to values, and the check, when the scope closes after a normal run, that every name
 * matched a site.
 */
public abstract class DataMessenger extends Messenger {
    private final Map<String, Tensor> data;
    private final Set<String> used = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private boolean checkOnClose = true;

    DataMessenger(Map<String, Tensor> data) {
        this.data = data;
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
        seen.add(msg.name());
        Tensor v = data.get(msg.name());
        if (v != null) {
            used.add(msg.name());
        }
        return v;
    }

    /**
     * Closes the scope without the unmatched-name check: for when the body threw, so the original
     * exception is not hidden behind a complaint about names the run never reached.
     */
    public final void closeAfterFailure() {
        checkOnClose = false;
        close();
    }

    /** The data, converted to tensors. */
    final Map<String, Tensor> data() {
        return data;
    }

    @Override
    protected void onExit() {
        if (!checkOnClose || used.size() == data.size()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String key : data.keySet()) {
            if (!used.contains(key)) {
                problems.add("'" + key + "'" + Names.didYouMean(key, seen));
            }
        }
        throw new IllegalArgumentException(handlerName() + ": no sample site matched " + String.join(", ", problems)
                + "; sites of this run: " + new java.util.TreeSet<>(seen));
    }

    abstract String handlerName();
}
