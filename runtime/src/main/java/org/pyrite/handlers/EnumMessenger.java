package org.pyrite.handlers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Enumerable;
import org.pyrite.tensor.Tensor;

/**
 * Parallel enumeration (Pyro's {@code EnumMessenger}): a latent sample site marked
 * {@code Map.of("enumerate", "parallel")} takes its whole support as its value, laid along a fresh
 * batch dimension to the left of the plates, and every later site broadcasts against it. An
 * ELBO or {@code inferDiscrete} then sums (or maximizes) over those dimensions exactly.
 *
 * <pre>{@code
 * try (EnumMessenger e = new EnumMessenger(-2).enter()) {   // max plate nesting 1
 *     Tensor z = sample("z", Bernoulli.probs(0.3), Map.of("enumerate", "parallel"));   // shape [2, 1]
 * }
 * }</pre>
 *
 * <p>Dimensions: a site outside any {@link MarkovMessenger} takes a dimension left of every one
 * used so far; a site inside one takes the rightmost dimension from {@code firstAvailableDim}
 * leftwards that no site of its Markov window (and no site outside a window) holds, so a chain
 * reuses a few dimensions. Each enumerated site is an enumeration variable with an id; each sample
 * site records, under {@value #DIMS_KEY}, which variable each enumeration dimension of its
 * log-density belongs to ({@code Map<Integer, Integer>}, dimension to id), and an enumerated site
 * its own id under {@value #VAR_KEY}.
 */
public final class EnumMessenger extends Messenger {
    /** Infer key: the enumeration dimensions of a site's log-density, dimension to variable id. */
    public static final String DIMS_KEY = "_enum_dims";
    /** Infer key: the variable id of an enumerated site. */
    public static final String VAR_KEY = "_enum_var";

    private final int firstAvailableDim;
    private int nextId;
    /** Which variable holds each enumeration dimension now (the latest to take it). */
    private final Map<Integer, Integer> holder = new HashMap<>();
    private final Map<Integer, String> nameOf = new HashMap<>();
    private final Map<String, Integer> dimOf = new HashMap<>();
    private final Set<Integer> globalDims = new HashSet<>();
    private int leftmostUsed;

    /** Enumeration from {@code firstAvailableDim} (negative: {@code -1 - maxPlateNesting}) leftwards. */
    public EnumMessenger(int firstAvailableDim) {
        this(firstAvailableDim, Map.of(), Map.of(), 0);
    }

    /**
     * Enumeration that continues another run's: {@code heldDims} (dimension to variable id) and
     * {@code names} (id to site name) are the variables already laid out (a guide's enumerated
     * sites, replayed into the model), and new variables get ids from {@code firstId}.
     */
    public EnumMessenger(int firstAvailableDim, Map<Integer, Integer> heldDims, Map<Integer, String> names, int firstId) {
        if (firstAvailableDim >= 0) {
            throw new IllegalArgumentException("enumeration: firstAvailableDim must be negative (-1 - maxPlateNesting), got "
                    + firstAvailableDim);
        }
        this.firstAvailableDim = firstAvailableDim;
        this.nextId = firstId;
        this.leftmostUsed = firstAvailableDim + 1;
        for (Map.Entry<Integer, Integer> e : heldDims.entrySet()) {
            holder.put(e.getKey(), e.getValue());
            globalDims.add(e.getKey());
            String name = names.get(e.getValue());
            nameOf.put(e.getValue(), name);
            dimOf.put(name, e.getKey());
            leftmostUsed = Math.min(leftmostUsed, e.getKey());
        }
    }

    /** The dimensions enumerated sites hold now, dimension to variable id (a copy). */
    public Map<Integer, Integer> heldDims() {
        return new HashMap<>(holder);
    }

    /** The site name of each variable id (a copy). */
    public Map<Integer, String> variableNames() {
        return new HashMap<>(nameOf);
    }

    /** The next variable id this run would give (ids of later runs start here). */
    public int nextId() {
        return nextId;
    }

    /** Whether a message asks for parallel enumeration. */
    public static boolean isMarked(Message msg) {
        Map<String, Object> infer = msg.inferOrNull();
        return infer != null && "parallel".equals(infer.get("enumerate"));
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE) {
            return;
        }
        checkPlates(msg);
        Map<Integer, Integer> dims = upstreamDims(msg);
        if (isMarked(msg) && !msg.isObserved() && msg.value() == null) {
            Distribution d = msg.distribution();
            if (!(d instanceof Enumerable) || d.eventShape().length != 0) {
                throw new IllegalArgumentException("site '" + msg.name() + "' is marked enumerate=parallel, but its distribution "
                        + d.getClass().getSimpleName() + " has no finite support to enumerate; the distributions that can be"
                        + " enumerated are " + Enumerable.implementations() + " (remove the mark, or use Poutine.configEnumerate,"
                        + " which marks only those)");
            }
            int dim = allocate(msg);
            int id = nextId++;
            holder.put(dim, id);
            nameOf.put(id, msg.name());
            dimOf.put(msg.name(), dim);
            if (dims == null) {
                dims = new HashMap<>(4);
            }
            dims.put(dim, id);
            Tensor support = ((Enumerable) d).enumerateSupport();
            int[] shape = new int[-dim];
            Arrays.fill(shape, 1);
            shape[0] = support.numel();
            msg.setValue(support.reshape(shape));
            msg.setDone(true);
            msg.infer().put(VAR_KEY, id);
        }
        if (dims != null) {
            msg.infer().put(DIMS_KEY, dims);
        }
    }

    /** A plate on or left of {@code firstAvailableDim} would share a dimension with enumeration. */
    private void checkPlates(Message msg) {
        int deepest = 0;
        PlateFrame culprit = null;
        for (PlateFrame f : msg.frames()) {
            if (f.isVectorized() && f.dim() <= firstAvailableDim && -f.dim() > deepest) {
                deepest = -f.dim();
                culprit = f;
            }
        }
        if (culprit != null) {
            int maxPlateNesting = -firstAvailableDim - 1;
            throw new IllegalArgumentException("site '" + msg.name() + "' sits in plate '" + culprit.name() + "' at dim "
                    + culprit.dim() + ", but with maxPlateNesting " + maxPlateNesting + " enumeration uses the dims from "
                    + firstAvailableDim + " leftwards; use maxPlateNesting " + deepest + " (e.g. new TraceEnumELBO(" + deepest
                    + "))");
        }
    }

    /**
     * The enumeration variables the site's distribution (or replayed value) already depends on: its
     * batch dims left of the plates; {@code null} when there are none (most sites), to spare a map.
     */
    private Map<Integer, Integer> upstreamDims(Message msg) {
        Map<Integer, Integer> dims = collect(msg, msg.distribution().batchShape(), null);
        Tensor v = msg.value();
        if (v != null && !msg.isObserved() && v.rank() > -firstAvailableDim - 1) {
            // A replayed (guide-enumerated) value carries its own enumeration dims.
            int event = msg.distribution().eventShape().length;
            int[] vs = v.shape();
            dims = collect(msg, Arrays.copyOfRange(vs, 0, Math.max(0, vs.length - event)), dims);
        }
        return dims;
    }

    @SuppressWarnings("unchecked")
    private Map<Integer, Integer> collect(Message msg, int[] batch, Map<Integer, Integer> dims) {
        for (int i = 0; i < batch.length - (-firstAvailableDim - 1); i++) {
            int dim = i - batch.length;
            if (dim > firstAvailableDim || batch[i] == 1) {
                continue;
            }
            Integer id = holder.get(dim);
            if (id == null) {
                throw new IllegalArgumentException("site '" + msg.name() + "' has size " + batch[i] + " at dim " + dim
                        + ", left of the plates, where no enumerated site is; declare that dimension with a plate (and raise"
                        + " maxPlateNesting) or reshape the parameters");
            }
            Set<String> scope = (Set<String>) msg.infer().get(MarkovMessenger.SCOPE_KEY);
            String upstream = nameOf.get(id);
            if (scope != null && !scope.contains(upstream) && !globalDims.contains(dim)) {
                throw new IllegalArgumentException("site '" + msg.name() + "' depends on enumerated site '" + upstream
                        + "', which is outside its markov window; raise the markov history so the window reaches it");
            }
            if (dims == null) {
                dims = new HashMap<>(4);
            }
            dims.put(dim, id);
        }
        return dims;
    }

    @SuppressWarnings("unchecked")
    private int allocate(Message msg) {
        Set<String> scope = (Set<String>) msg.infer().get(MarkovMessenger.SCOPE_KEY);
        int dim;
        if (scope == null) {
            dim = leftmostUsed - 1;
            globalDims.add(dim);
        } else {
            Set<Integer> used = new HashSet<>(globalDims);
            for (String name : scope) {
                Integer d = dimOf.get(name);
                if (d != null) {
                    used.add(d);
                }
            }
            dim = firstAvailableDim;
            while (used.contains(dim)) {
                dim--;
            }
        }
        leftmostUsed = Math.min(leftmostUsed, dim);
        return dim;
    }
}
