package org.pyrite.infer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pyrite.handlers.EnumMessenger;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * A model trace run under parallel enumeration, split into what contraction needs: the
 * log-densities that depend on no enumerated site (summed as they are) and, for each group of
 * enumerated sites connected through the factors they share, a {@link TensorTree} with that
 * group's common scale (Pyro's {@code _compute_model_factors} and {@code _get_common_scale}).
 */
final class EnumeratedTerms {
    /** A connected group of enumerated sites: its factors, and the scale they share. */
    record Component(TensorTree tree, double scale) {}

    final Tensor plain;
    final List<Component> components;
    /** Each enumerated site's variable id, in trace order. */
    final Map<String, Integer> varOfSite;
    /** Each vectorized plate's dimension. */
    final Map<String, Integer> plateDims;

    private EnumeratedTerms(Tensor plain, List<Component> components, Map<String, Integer> varOfSite, Map<String, Integer> plateDims) {
        this.plain = plain;
        this.components = components;
        this.varOfSite = varOfSite;
        this.plateDims = plateDims;
    }

    /** Splits the sample sites of {@code modelTrace} ({@code maxPlateNesting} plate dims). */
    @SuppressWarnings("unchecked")
    static EnumeratedTerms of(Trace modelTrace, int maxPlateNesting) {
        Map<String, Integer> plateDims = new HashMap<>();
        Map<Integer, Set<String>> varPlates = new HashMap<>();
        Map<String, Integer> varOfSite = new LinkedHashMap<>();
        for (Site s : modelTrace.sites()) {
            if (!s.isSample()) {
                continue;
            }
            Set<String> plates = plates(s, plateDims);
            Object var = s.infer().get(EnumMessenger.VAR_KEY);
            if (var != null) {
                varPlates.put((Integer) var, plates);
                varOfSite.put(s.name(), (Integer) var);
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
        return new EnumeratedTerms(plain == null ? Tensor.scalar(0.0) : plain, components, varOfSite, plateDims);
    }

    /** The log of the model's joint density with every enumerated site summed out (or maximized, with {@code max}). */
    Tensor contract(boolean max) {
        Tensor total = plain;
        for (Component c : components) {
            Tensor t = c.tree().contract(max, null);
            total = total.add(c.scale() == 1.0 ? t : t.mul(c.scale()));
        }
        return total;
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
