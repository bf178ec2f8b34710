package org.pyrite.handlers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pyrite.tensor.Tensor;

/**
 * Factors grouped by the plates they sit in, contracted to one number (Pyro's
 * {@code contract_tensor_tree}): the deepest group first, where the variables that live in exactly
 * those plates are summed out (or maximized, for MAP), then the plates that the remaining
 * variables do not sit in are multiplied out (summed, in logs), and the result joins the group of
 * the plates that remain. Within a group variables are eliminated in the order they were created,
 * each from the product of only the factors that hold it, so a Markov chain costs memory linear in
 * its length.
 *
 * <pre>{@code
 * TensorTree tree = new TensorTree(plateDims, varPlates);
 * tree.add(factor, Set.of("data"));
 * Tensor logZ = tree.contract(false, null);
 * }</pre>
 */
final class TensorTree {
    /** One elimination, for a backward pass: the variable and the product it was eliminated from. */
    record Elimination(int var, EnumFactor product) {}

    private final Map<String, Integer> plateDims;
    private final Map<Integer, Set<String>> varPlates;
    private final Map<Set<String>, List<EnumFactor>> groups = new LinkedHashMap<>();

    /**
     * {@code plateDims}: each vectorized plate's dimension; {@code varPlates}: the plates each
     * enumeration variable's site sits in.
     */
    TensorTree(Map<String, Integer> plateDims, Map<Integer, Set<String>> varPlates) {
        this.plateDims = plateDims;
        this.varPlates = varPlates;
    }

    /** Adds a factor sitting in {@code plates}. */
    void add(EnumFactor factor, Set<String> plates) {
        groups.computeIfAbsent(new TreeSet<>(plates), k -> new ArrayList<>()).add(factor);
    }

    /**
     * The log of the sum (or, with {@code max}, the maximum) over all variables of the product of
     * all factors, a scalar. With {@code record}, each elimination is appended to it in order.
     */
    Tensor contract(boolean max, List<Elimination> record) {
        Map<Set<String>, List<EnumFactor>> tree = new HashMap<>(groups);
        Tensor result = null;
        while (!tree.isEmpty()) {
            Set<String> leaf = null;
            for (Set<String> o : tree.keySet()) {
                if (leaf == null || o.size() > leaf.size()) {
                    leaf = o;
                }
            }
            List<EnumFactor> terms = tree.remove(leaf);
            TreeSet<Integer> leafVars = new TreeSet<>();
            for (EnumFactor f : terms) {
                for (int v : f.vars) {
                    Set<String> vp = varPlates.get(v);
                    if (!leaf.containsAll(vp)) {
                        throw new IllegalArgumentException("a site in plates " + leaf + " depends on an enumerated site in plates " + vp
                                + ", which it does not sit in; a site may depend only on enumerated sites of its own plates or outer ones");
                    }
                    if (vp.equals(leaf)) {
                        leafVars.add(v);
                    }
                }
            }
            EnumFactor term = eliminate(terms, leafVars, max, record);
            Set<String> parent = new TreeSet<>();
            for (int v : term.vars) {
                parent.addAll(varPlates.get(v));
            }
            List<Integer> dims = new ArrayList<>();
            for (String plate : leaf) {
                if (!parent.contains(plate)) {
                    dims.add(plateDims.get(plate));
                }
            }
            term = term.plateProduct(dims.stream().mapToInt(Integer::intValue).toArray());
            if (term.vars.length == 0) {
                Tensor t = term.table.sum();
                result = result == null ? t : result.add(t);
            } else {
                tree.computeIfAbsent(parent, k -> new ArrayList<>()).add(term);
            }
        }
        return result == null ? Tensor.scalar(0.0) : result;
    }

    /** Bucket elimination of {@code leafVars} in increasing id order; the product of what is left. */
    private static EnumFactor eliminate(List<EnumFactor> terms, TreeSet<Integer> leafVars, boolean max, List<Elimination> record) {
        TreeMap<Integer, List<EnumFactor>> buckets = new TreeMap<>();
        List<EnumFactor> rest = new ArrayList<>();
        for (EnumFactor f : terms) {
            place(f, leafVars, buckets, rest);
        }
        while (!buckets.isEmpty()) {
            Map.Entry<Integer, List<EnumFactor>> next = buckets.pollFirstEntry();
            EnumFactor product = EnumFactor.product(next.getValue());
            if (record != null) {
                record.add(new Elimination(next.getKey(), product));
            }
            place(product.eliminate(next.getKey(), max), leafVars, buckets, rest);
        }
        return EnumFactor.product(rest);
    }

    private static void place(EnumFactor f, TreeSet<Integer> leafVars, TreeMap<Integer, List<EnumFactor>> buckets, List<EnumFactor> rest) {
        for (int v : f.vars) {
            if (leafVars.contains(v)) {
                buckets.computeIfAbsent(v, k -> new ArrayList<>(3)).add(f);
                return;
            }
        }
        rest.add(f);
    }
}
