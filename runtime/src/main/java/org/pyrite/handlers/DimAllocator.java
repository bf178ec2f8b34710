package org.pyrite.handlers;

import java.util.ArrayList;
import org.pyrite.context.ContextKey;
import org.pyrite.context.PyriteContext;

/**
 * Which batch dimensions the vectorized plates around the current code hold (Pyro's
 * {@code _DimAllocator} in {@code runtime.py}): a plate without an explicit dimension takes the
 * rightmost free one, and gives it back when it closes.
 *
 * <pre>{@code
 * int dim = DimAllocator.allocate("data", null);   // -1 outermost, -2 inside it, ...
 * ...
 * DimAllocator.free(dim);
 * }</pre>
 *
 * <p>The state is per thread, in the {@link PyriteContext}: a model that Pyrite runs on another
 * thread inside the caller's plates sees their dimensions taken.
 */
final class DimAllocator {
    /** Entry {@code k} names the plate holding dim {@code -k-1}, or is {@code null} when that dim is free. */
    private static final ContextKey<ArrayList<String>> DIMS = ContextKey.of("plate dimensions", ArrayList::new, ArrayList::new);

    private DimAllocator() {}

    /**
     * Takes {@code requested} (a negative dim) for plate {@code name}, or, when {@code null}, the
     * rightmost free dim; returns the dim taken.
     */
    static int allocate(String name, Integer requested) {
        ArrayList<String> dims = PyriteContext.current().get(DIMS);
        int slot;
        if (requested != null) {
            slot = -requested - 1;
            if (slot < dims.size() && dims.get(slot) != null) {
                throw new IllegalArgumentException("plate '" + name + "' asks for dim " + requested + ", which plate '"
                        + dims.get(slot) + "' already holds; nest plates on different dims");
            }
        } else {
            slot = 0;
            while (slot < dims.size() && dims.get(slot) != null) {
                slot++;
            }
        }
        while (dims.size() <= slot) {
            dims.add(null);
        }
        dims.set(slot, name);
        return -slot - 1;
    }

    /** Gives {@code dim} back. */
    static void free(int dim) {
        ArrayList<String> dims = PyriteContext.current().get(DIMS);
        dims.set(-dim - 1, null);
        while (!dims.isEmpty() && dims.get(dims.size() - 1) == null) {
            dims.remove(dims.size() - 1);
        }
    }
}
