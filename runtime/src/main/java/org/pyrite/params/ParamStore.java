package org.pyrite.params;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.pyrite.context.ContextKey;
import org.pyrite.context.PyriteContext;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.distributions.transforms.Transform;
import org.pyrite.distributions.transforms.Transforms;
import org.pyrite.tensor.Tensor;

/**
 * Named learnable parameters (Pyro's param store). A constrained parameter is stored as an
 * unconstrained tensor and read back through the constraint's bijection, so an optimizer can move
 * it freely.
 *
 * <pre>{@code
 * ParamStore store = new ParamStore();
 * ParamStore.scope(store, () -> svi.run(2000, 8.5));   // the model's params live in store
 * Tensor b = store.get("b");                            // constrained value
 * store.save(Path.of("params.bin"));
 * }</pre>
 *
 * <p>Each thread has a default store, and {@link #scope}/{@link #use} make another store current
 * for a block, so two models in one process never share parameters by accident. A store itself is
 * not synchronized: use it from one thread at a time. Work that Pyrite spreads over threads reads the
 * caller's store there and creates no params in it.
 */
public final class ParamStore {
    private static final ContextKey<ParamStore[]> CURRENT = ContextKey.of("param store", () -> new ParamStore[] {new ParamStore()},
            ParamStore[]::clone);

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    /** One parameter: its unconstrained leaf tensor, its constraint and the bijection between them. */
    static final class Entry {
        final Tensor unconstrained;
        final Constraint constraint;
        final Transform transform;

        Entry(Tensor unconstrained, Constraint constraint, Transform transform) {
            this.unconstrained = unconstrained;
            this.constraint = constraint;
            this.transform = transform;
        }

        Entry with(Tensor newUnconstrained) {
            return new Entry(newUnconstrained, constraint, transform);
        }
    }

    private static ParamStore[] holder() {
        return PyriteContext.current().get(CURRENT);
    }

    /** This thread's current store. */
    public static ParamStore current() {
        return holder()[0];
    }

    /** Runs {@code body} with {@code store} current on this thread, then restores the previous one. */
    public static <T> T scope(ParamStore store, Supplier<T> body) {
        try (Scope s = use(store)) {
            return body.get();
        }
    }

    /** Makes {@code store} current on this thread until the returned scope is closed. */
    public static Scope use(ParamStore store) {
        ParamStore[] holder = holder();
        ParamStore previous = holder[0];
        holder[0] = store;
        return () -> holder[0] = previous;
    }

    /**
     * The constrained value of {@code name}, initializing it from {@code init} on first use (Pyro's
     * {@code param}): later calls return the stored value whatever {@code init} says.
     */
    public Tensor getOrInit(String name, Supplier<Tensor> init, Constraint constraint) {
        Entry e = entries.get(name);
        if (e == null) {
            if (PyriteContext.current().isCapturedWork()) {
                // Another thread may be reading the map: a store is not synchronized.
                throw new IllegalStateException("param '" + name + "' does not exist yet, and this run is on a thread that Pyrite"
                        + " spread the caller's work to (parallel importance, a chain), which reads the caller's param store but"
                        + " adds nothing to it; create the param on the calling thread first (run the model or guide once there,"
                        + " e.g. one SVI step)");
            }
            e = create(name, init.get(), constraint);
            entries.put(name, e);
        } else if (constraint != null && constraint != e.constraint && !constraint.describe().equals(e.constraint.describe())) {
            throw new IllegalArgumentException("param '" + name + "' was created with constraint " + e.constraint.describe()
                    + " and is now requested with " + constraint.describe() + "; use one constraint per name, or clear the store");
        }
        return e.transform.forward(e.unconstrained);
    }

    private static Entry create(String name, Tensor init, Constraint constraint) {
        if (init == null) {
            throw new IllegalArgumentException("param '" + name + "' does not exist yet and no initial value was given");
        }
        Constraint c = constraint == null ? Constraints.real() : constraint;
        Tensor ok = c.check(init.detach());
        for (double flag : ok.toArray()) {
            if (flag == 0.0) {
                throw new IllegalArgumentException("param '" + name + "': initial value " + init + " violates its constraint "
                        + c.describe() + "; pass an initial value inside it");
            }
        }
        Transform t = Transforms.bijectTo(c);
        Tensor u = t.inverse(init.detach()).detach().requiringGrad();
        return new Entry(u, c, t);
    }

    /** The constrained value of an existing parameter. */
    public Tensor get(String name) {
        Entry e = entry(name);
        return e.transform.forward(e.unconstrained);
    }

    /** The unconstrained leaf tensor the optimizer moves. */
    public Tensor unconstrained(String name) {
        return entry(name).unconstrained;
    }

    /** The constraint a parameter was created with. */
    public Constraint constraint(String name) {
        return entry(name).constraint;
    }

    /** Replaces a parameter's unconstrained value (what optimizers do). */
    public void setUnconstrained(String name, Tensor value) {
        Entry e = entry(name);
        if (!java.util.Arrays.equals(value.shape(), e.unconstrained.shape())) {
            throw new IllegalArgumentException("param '" + name + "' has unconstrained shape "
                    + java.util.Arrays.toString(e.unconstrained.shape()) + ", got " + java.util.Arrays.toString(value.shape()));
        }
        entries.put(name, e.with(value.detach().requiringGrad()));
    }

    /** Sets a parameter to a constrained value, creating it (with {@code constraint}) if needed. */
    public void set(String name, Tensor value, Constraint constraint) {
        entries.put(name, create(name, value, constraint));
    }

    /** Whether a parameter of this name exists. */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** Names in creation order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(entries.keySet()));
    }

    /** How many parameters there are. */
    public int size() {
        return entries.size();
    }

    /** Removes one parameter (no error if absent). */
    public void remove(String name) {
        entries.remove(name);
    }

    /**
     * Keeps the first {@code count} parameters (in creation order) and removes the rest: how a
     * failed SVI step removes the params it created.
     */
    public void truncate(int count) {
        if (entries.size() <= count) {
            return;
        }
        java.util.Iterator<String> it = entries.keySet().iterator();
        for (int i = 0; i < count; i++) {
            it.next();
        }
        while (it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** Removes every parameter. */
    public void clear() {
        entries.clear();
    }

    /** Constrained values by name, in creation order. */
    public Map<String, Tensor> values() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String n : entries.keySet()) {
            out.put(n, get(n).detach());
        }
        return out;
    }

    /**
     * Writes every parameter to {@code file} in the format {@link ParamFile} documents, atomically:
     * a temporary file in the same folder is written and flushed, then renamed over {@code file}.
     */
    public void save(Path file) throws IOException {
        ParamFile.write(file, entries);
    }

    /**
     * Reads parameters saved by {@link #save} into this store, replacing those with the same names
     * and keeping the others. The whole file is read and verified (magic, version, checksum,
     * constraints) before anything changes: a truncated or corrupt file throws
     * {@link IOException} and leaves the store as it was.
     */
    public void load(Path file) throws IOException {
        Map<String, Entry> loaded = ParamFile.read(file);
        entries.putAll(loaded);
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no param named '" + name + "' in the store; params: " + entries.keySet()
                    + org.pyrite.diagnostics.Names.didYouMean(name, entries.keySet()));
        }
        return e;
    }

    static Entry entryFromFile(Tensor unconstrained, Constraint constraint) {
        return new Entry(unconstrained.requiringGrad(), constraint, Transforms.bijectTo(constraint));
    }

    /** A try-with-resources scope whose {@code close} does not throw. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
