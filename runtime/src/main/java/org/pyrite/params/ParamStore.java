package org.pyrite.params;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.pyrite.context.ContextKey;
import org.pyrite.context.PyriteContext;
import org.pyrite.diagnostics.Names;
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
 * for a block, so two models in one process never share parameters by accident.
 *
 * <p><b>Threads.</b> A store may be read from any thread at any time ({@link #get}, {@link #values},
 * {@link #save}, a model run that only reads its params): each param is replaced whole, so a
 * reader sees its old or its new value. A store is <em>changed</em> by one thread at a time: while
 * one thread runs an SVI step on it (a {@link ParamTransaction}) or creates, sets, removes or loads
 * params, another thread that tries to change it gets an {@link IllegalStateException} saying so;
 * nothing is changed by the refused call, and the first thread's step is unaffected. Two threads
 * training one store at once would otherwise interleave their updates in an order that varies run
 * to run. To train on several threads, give each thread its own store:
 * <pre>{@code
 * executor.submit(() -> ParamStore.scope(new ParamStore(), () -> svi.run(2000, args)));
 * }</pre>
 * Threads that take turns (one step, then the other's) share a store safely. Work that Pyrite
 * spreads over threads reads the caller's store there and creates no params in it.
 */
public final class ParamStore {
    private static final ContextKey<ParamStore[]> CURRENT = ContextKey.of("param store", () -> new ParamStore[] {new ParamStore()},
            ParamStore[]::clone);
    /** DataOutput.writeUTF's limit, which the file format inherits. */
    static final int MAX_NAME_BYTES = 65535;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** The thread changing the store, or null: one at a time (see the class comment). */
    private final AtomicReference<Thread> writer = new AtomicReference<>();
    /** Creation order; read and written only by the {@link #writer}. */
    private long nextSeq;

    /** One parameter: its unconstrained leaf tensor, its constraint and the bijection between them. */
    static final class Entry {
        final String name;
        final long seq;
        final Constraint constraint;
        final Transform transform;
        /** Replaced whole by an update; readers on other threads see the old or the new leaf. */
        volatile Tensor unconstrained;

        Entry(String name, long seq, Tensor unconstrained, Constraint constraint, Transform transform) {
            this.name = name;
            this.seq = seq;
            this.unconstrained = unconstrained;
            this.constraint = constraint;
            this.transform = transform;
        }

        /** The first problem of {@code u} as this param's unconstrained value, or null. */
        ParamCheck.Violation check(Tensor u) {
            return ParamCheck.find(constraint, transform, u);
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
                throw new IllegalStateException("param '" + name + "' does not exist yet, and this run is on a thread that Pyrite"
                        + " spread the caller's work to (parallel importance, a chain), which reads the caller's param store but"
                        + " adds nothing to it; create the param on the calling thread first (run the model or guide once there,"
                        + " e.g. one SVI step)");
            }
            e = changing("create param '" + name + "'", () -> {
                Entry existing = entries.get(name);
                if (existing != null) {
                    return existing;
                }
                Entry created = create(name, init.get(), constraint, nextSeq++);
                entries.put(name, created);
                return created;
            });
        } else if (constraint != null && constraint != e.constraint && !constraint.describe().equals(e.constraint.describe())) {
            throw new IllegalArgumentException("param '" + name + "' was created with constraint " + e.constraint.describe()
                    + " and is now requested with " + constraint.describe() + "; use one constraint per name, or clear the store");
        }
        return e.transform.forward(e.unconstrained);
    }

    private Entry create(String name, Tensor init, Constraint constraint, long seq) {
        if (init == null) {
            throw new IllegalArgumentException("param '" + name + "' does not exist yet and no initial value was given: the first"
                    + " call for a name must say where it starts, e.g. param(\"" + name + "\", Tensor.scalar(0.0)), or"
                    + " param(\"" + name + "\", Tensor.scalar(1.0), Constraints.positive()) for a constrained one (or load a saved"
                    + " store first); param(name) alone only reads an existing param; params: " + names()
                    + Names.didYouMean(name, entries.keySet()));
        }
        int bytes = modifiedUtf8Length(name);
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("param '" + name.substring(0, 40) + "...': its name is " + bytes + " bytes long"
                    + " (modified UTF-8), longer than the " + MAX_NAME_BYTES + " bytes a param-store file can record; give it a"
                    + " shorter name");
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
        Tensor u = t.inverse(init.detach()).detach();
        ParamCheck.Violation v = ParamCheck.find(c, t, u);
        if (v != null) {
            // Inside the constraint, but too close to its edge for the bijection in doubles (exp(log(1e-320))).
            throw new IllegalArgumentException("param '" + name + "': initial value " + init + " is stored as " + v.describe()
                    + "; pass an initial value further inside the constraint");
        }
        return new Entry(name, seq, u.requiringGrad(), c, t);
    }

    /** The length of {@code s} as DataOutput.writeUTF encodes it. */
    static int modifiedUtf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            n += ch >= 0x0001 && ch <= 0x007F ? 1 : ch <= 0x07FF ? 2 : 3;
        }
        return n;
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

    /**
     * Replaces a parameter's unconstrained value (what optimizers do). The value must have the
     * param's unconstrained shape, be finite, and map to a finite value inside the constraint
     * ({@code exp} of {@code -1e300} is {@code 0.0}, not positive).
     */
    public void setUnconstrained(String name, Tensor value) {
        changing("set param '" + name + "'", () -> {
            Entry e = entry(name);
            Tensor u = value.detach();
            requireShape(e, u);
            ParamCheck.Violation v = e.check(u);
            if (v != null) {
                throw new IllegalArgumentException("param '" + name + "' cannot be set to " + v.describe()
                        + "; the param was not changed");
            }
            e.unconstrained = u.requiringGrad();
            return null;
        });
    }

    static void requireShape(Entry e, Tensor u) {
        if (!Arrays.equals(u.shape(), e.unconstrained.shape())) {
            throw new IllegalArgumentException("param '" + e.name + "' has unconstrained shape "
                    + Arrays.toString(e.unconstrained.shape()) + ", got " + Arrays.toString(u.shape()));
        }
    }

    /** Sets a parameter to a constrained value, creating it (with {@code constraint}) if needed. */
    public void set(String name, Tensor value, Constraint constraint) {
        changing("set param '" + name + "'", () -> {
            Entry old = entries.get(name);
            entries.put(name, create(name, value, constraint, old == null ? nextSeq++ : old.seq));
            return null;
        });
    }

    /** Whether a parameter of this name exists. */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** Names in creation order. */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (Entry e : ordered()) {
            out.add(e.name);
        }
        return Collections.unmodifiableSet(out);
    }

    /** How many parameters there are. */
    public int size() {
        return entries.size();
    }

    /** Removes one parameter (no error if absent). */
    public void remove(String name) {
        changing("remove param '" + name + "'", () -> entries.remove(name));
    }

    /** Removes every parameter. */
    public void clear() {
        changing("clear the store", () -> {
            entries.clear();
            return null;
        });
    }

    /** Constrained values by name, in creation order. */
    public Map<String, Tensor> values() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : ordered()) {
            out.put(e.name, e.transform.forward(e.unconstrained).detach());
        }
        return out;
    }

    /**
     * Writes every parameter to {@code file} in the format {@link ParamFile} documents, atomically:
     * a temporary file in the same folder is written and flushed, then renamed over {@code file}.
     * Temporary files that a save killed before (a crash, {@code kill -9}) left next to
     * {@code file} are removed. A failure names {@code file} and says why (a folder that cannot be
     * written, a parent that is a file, a folder given as the file).
     */
    public void save(Path file) throws IOException {
        List<ParamFile.Param> params = new ArrayList<>();
        for (Entry e : ordered()) {
            params.add(new ParamFile.Param(e.name, e.constraint, e.unconstrained.detach()));
        }
        ParamFile.write(file, params);
    }

    /**
     * Reads parameters saved by {@link #save} into this store, replacing those with the same names
     * and keeping the others. The whole file is read and verified (magic, version, checksum, and
     * each value finite and inside its param's constraint) before anything changes: a truncated
     * or corrupt file throws {@link IOException} naming the problem and leaves the store as it was.
     */
    public void load(Path file) throws IOException {
        List<ParamFile.Param> loaded = ParamFile.read(file);
        List<Entry> checked = new ArrayList<>(loaded.size());
        for (ParamFile.Param p : loaded) {
            Transform t = Transforms.bijectTo(p.constraint());
            ParamCheck.Violation v = ParamCheck.find(p.constraint(), t, p.unconstrained());
            if (v != null) {
                throw new IOException(file + ": param '" + p.name() + "' has the value " + v.describe() + "; the param store"
                        + " was not changed. The file was written by something other than ParamStore.save, or changed after;"
                        + " save the params again from a store that holds valid values");
            }
            checked.add(new Entry(p.name(), 0, p.unconstrained().requiringGrad(), p.constraint(), t));
        }
        changing("load " + file, () -> {
            for (Entry e : checked) {
                Entry old = entries.get(e.name);
                entries.put(e.name, new Entry(e.name, old == null ? nextSeq++ : old.seq, e.unconstrained, e.constraint, e.transform));
            }
            return null;
        });
    }

    /**
     * Starts a change of this store that is applied whole or not at all (what an SVI step is):
     * until the transaction is closed only this thread may change the store, params this thread
     * creates meanwhile are removed again unless the transaction {@linkplain ParamTransaction#update
     * updates} them, and the update itself checks every new value first.
     *
     * @param what what the change is, for the error another thread gets meanwhile, e.g. "run an SVI step"
     * @throws IllegalStateException when another thread is changing the store
     */
    public ParamTransaction begin(String what) {
        Thread me = Thread.currentThread();
        Thread current = writer.get();
        boolean nested = current == me;
        if (!nested && !writer.compareAndSet(null, me)) {
            throw conflict(what, me);
        }
        return new ParamTransaction(this, nested, nextSeq);
    }

    /** Ends a transaction: removes what it created unless it was committed, and lets other threads change the store again. */
    void end(boolean nested, long mark, boolean committed) {
        try {
            if (!committed) {
                entries.values().removeIf(e -> e.seq >= mark);
            }
        } finally {
            if (!nested) {
                writer.set(null);
            }
        }
    }

    Entry entryForUpdate(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalStateException("param '" + name + "' was removed from the store during this SVI step (by the model,"
                    + " the guide or a callback); no parameter was changed");
        }
        return e;
    }

    /** Runs {@code body} as the only thread changing the store, or throws when another thread is changing it. */
    private <T> T changing(String what, Supplier<T> body) {
        Thread me = Thread.currentThread();
        if (writer.get() == me) {
            return body.get();
        }
        if (!writer.compareAndSet(null, me)) {
            throw conflict(what, me);
        }
        try {
            return body.get();
        } finally {
            writer.set(null);
        }
    }

    private IllegalStateException conflict(String what, Thread me) {
        Thread other = writer.get();
        return new IllegalStateException("param store: thread '" + me.getName() + "' cannot " + what + " while thread '"
                + (other == null ? "(another)" : other.getName()) + "' is changing the same store (an SVI step, or a param"
                + " being created, set, removed or loaded). A store is changed by one thread at a time (reading it from other"
                + " threads is fine): to train on several threads, give each thread its own store, e.g."
                + " ParamStore.scope(new ParamStore(), () -> svi.run(steps, args)) on that thread, or run the steps one after"
                + " another");
    }

    private List<Entry> ordered() {
        List<Entry> out = new ArrayList<>(entries.values());
        out.sort(Comparator.comparingLong(e -> e.seq));
        return out;
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no param named '" + name + "' in the store; params: " + names()
                    + Names.didYouMean(name, entries.keySet()));
        }
        return e;
    }

    /** A try-with-resources scope whose {@code close} does not throw. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
