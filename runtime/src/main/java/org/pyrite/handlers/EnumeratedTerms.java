package org.pyrite.handlers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pyrite.tensor.Tensor;

/**
 * A model trace run under parallel enumeration, split into what contraction needs: the
 * log-densities that depend on no enumerated site (summed as they are) and, for each group of
 * enumerated sites connected through the factors they share, a {@link TensorTree} with that
 * group's common scale (Pyro's {@code _compute_model_factors} and {@code _get_common_scale}).
 */
public final class EnumeratedTerms {
    /** A connected group of enumerated sites: its factors, and the scale they share. */
    record Component(TensorTree tree, double scale) {}

    final Tensor plain;
    final List<Component> components;
    /** Each enumerated site's variable id, in trace order. */
    final Map<String, Integer> varOfSite;
    /** How many plate dims each enumerated site's value has (its deepest plate's). */
    private final Map<String, Integer> plateDepth;

    private EnumeratedTerms(Tensor plain, List<Component> components, Map<String, Integer> varOfSite, Map<String, Integer> plateDepth) {
        this.plain = plain;
        this.components = components;
        this.varOfSite = varOfSite;
        this.plateDepth = plateDepth;
    }

    /** Splits the sample sites of {@code modelTrace} ({@code maxPlateNesting} plate dims). */
    @SuppressWarnings("unchecked")
    public static EnumeratedTerms of(Trace modelTrace, int maxPlateNesting) {
        Map<String, Integer> plateDims = new HashMap<>();
        Map<Integer, Set<String>> varPlates = new HashMap<>();
        Map<String, Integer> varOfSite = new LinkedHashMap<>();
        Map<String, Integer> plateDepth = new HashMap<>();
        for (Site s : modelTrace.sites()) {
            if (!s.isSample()) {
                continue;
            }
            Set<String> plates = plates(s, plateDims);
            Object var = s.infer().get(EnumMessenger.VAR_KEY);
            if (var != null) {
                varPlates.put((Integer) var, plates);
                varOfSite.put(s.name(), (Integer) var);
                int depth = 0;
                for (PlateFrame f : s.frames()) {
                    depth = f.isVectorized() ? Math.max(depth, -f.dim()) : depth;
                }
                plateDepth.put(s.name(), depth);
            }
        }
        Tensor plain = null;
        List<EnumFactor> factors = new ArrayList<>();
        List<Site> factorSites = new ArrayList<>();
        Map<Integer, Integer> parent = new HashMap<>();
        for (Site s : modelTrace.sites()) {
            if (!s.isSample()) {
                continue;
            }
            Map<Integer, Integer> dims = (Map<Integer, Integer>) s.infer().get(EnumMessenger.DIMS_KEY);
            EnumFactor f = dims == null || dims.isEmpty() ? null
                    : EnumFactor.of(s.unscaledLogProb(), dims, maxPlateNesting, "site '" + s.name() + "'");
            if (f == null || f.vars.length == 0) {
                Tensor lp = s.logProbSum();
                plain = plain == null ? lp : plain.add(lp);
                continue;
            }
            factors.add(f);
            factorSites.add(s);
            for (int v : f.vars) {
                union(parent, f.vars[0], v);
            }
        }
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < factors.size(); i++) {
            byRoot.computeIfAbsent(find(parent, factors.get(i).vars[0]), k -> new ArrayList<>()).add(i);
        }
        List<Component> components = new ArrayList<>();
        for (List<Integer> members : byRoot.values()) {
            TensorTree tree = new TensorTree(plateDims, varPlates);
            double scale = factorSites.get(members.get(0)).scale();
            for (int i : members) {
                Site s = factorSites.get(i);
                if (s.scale() != scale) {
                    throw new IllegalArgumentException("enumerated sites that depend on each other have different scales: '"
                            + factorSites.get(members.get(0)).name() + "' " + scale + " and '" + s.name() + "' " + s.scale()
                            + "; exact enumeration needs one common scale for them (subsample them in the same plate, or"
                            + " scale them alike)");
                }
                tree.add(factors.get(i), plates(s, plateDims));
            }
            components.add(new Component(tree, scale));
        }
        return new EnumeratedTerms(plain == null ? Tensor.scalar(0.0) : plain, components, varOfSite, plateDepth);
    }

    /** The log of the model's joint density with every enumerated site summed out (or maximized, with {@code max}). */
    public Tensor contract(boolean max) {
        Tensor total = plain;
        for (Component c : components) {
            Tensor t = c.tree().contract(max, null);
            total = total.add(c.scale() == 1.0 ? t : t.mul(c.scale()));
        }
        return total;
    }

    /**
     * A value for every enumerated site, chosen jointly (Pyro's {@code infer_discrete}): with
     * {@code map}, the most probable assignment given everything else in the trace (max-product,
     * Viterbi); otherwise an exact draw from the posterior (forward filtering, backward sampling).
     * Each value has the shape of the site's plates.
     */
    public Map<String, Tensor> decode(boolean map) {
        DiscreteDecoder decoder = new DiscreteDecoder(map);
        for (Component c : components) {
            List<TensorTree.Elimination> eliminations = new ArrayList<>();
            c.tree().contract(map, eliminations);
            decoder.decode(eliminations);
        }
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : varOfSite.entrySet()) {
            DiscreteDecoder.Assignment a = decoder.assignment(e.getValue());
            if (a == null) {
                continue; // a site with one value, in no factor: nothing to choose
            }
            int[] shape = a.shape();
            int keep = plateDepth.get(e.getKey());
            int drop = 0;
            while (shape.length - drop > keep && shape[drop] == 1) {
                drop++;
            }
            int[] trimmed = java.util.Arrays.copyOfRange(shape, drop, shape.length);
            values.put(e.getKey(), trimmed.length == 0 ? Tensor.scalar(a.values()[0]) : Tensor.fromArray(a.values(), trimmed));
        }
        return values;
    }

    private static Set<String> plates(Site s, Map<String, Integer> plateDims) {
        Set<String> names = new TreeSet<>();
        for (PlateFrame f : s.frames()) {
            if (f.isVectorized()) {
                names.add(f.name());
                plateDims.put(f.name(), f.dim());
            }
        }
        return names;
    }

    private static int find(Map<Integer, Integer> parent, int v) {
        Integer p = parent.get(v);
        if (p == null || p == v) {
            return v;
        }
        int root = find(parent, p);
        parent.put(v, root);
        return root;
    }

    private static void union(Map<Integer, Integer> parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent.put(rb, ra);
        }
    }
}
