package org.pyrite.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * The unconstrained values of a param store's params, in a form Spark ships to executors (a
 * trained guide's params, or the current params of a data-parallel SVI step). Constraints are not
 * shipped: an executor creates the params as the driver did (by running the guide once), then
 * takes these values.
 */
public final class ParamSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;
    private final LinkedHashMap<String, int[]> shapes = new LinkedHashMap<>();
    private final LinkedHashMap<String, double[]> values = new LinkedHashMap<>();

    private ParamSnapshot() {}

    /** Every param of {@code store}. */
    public static ParamSnapshot of(ParamStore store) {
        return of(store, store.names());
    }

    /** The params {@code names} of {@code store}. */
    public static ParamSnapshot of(ParamStore store, java.util.Collection<String> names) {
        ParamSnapshot s = new ParamSnapshot();
        for (String name : names) {
            Tensor u = store.unconstrained(name);
            s.shapes.put(name, u.shape());
            s.values.put(name, u.toArray());
        }
        return s;
    }

    /** Whether there are no params. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The unconstrained values by name, as tensors. */
    public Map<String, Tensor> unconstrained() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, Tensor.fromArray(v, shapes.get(name))));
        return out;
    }

    /**
     * Sets every param of this snapshot in {@code store}, where each must already exist (with its
     * constraint, as the guide creates it at its first call).
     */
    public void applyTo(ParamStore store) {
        for (Map.Entry<String, Tensor> e : unconstrained().entrySet()) {
            if (!store.contains(e.getKey())) {
                throw new IllegalStateException("param '" + e.getKey() + "' was shipped to the executor but the guide did not create it "
                        + "there (its params: " + store.names() + "); the guide must create the same params from the same arguments "
                        + "on every machine");
            }
            store.setUnconstrained(e.getKey(), e.getValue());
        }
    }
}
