package org.pyrite.handlers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pyrite.tensor.Tensor;

/**
 * A log-density table over enumeration variables and plates, laid out for contraction: one
 * dimension per variable it depends on, in increasing id order, then the {@code n} plate
 * dimensions (the rightmost {@code maxPlateNesting} dimensions of a site's log-density, kept at
 * their places so a plate's dimension means the same in every factor). Pyro keeps the same
 * information as a "packed" tensor with one symbol per dimension.
 *
 * <p>Enumeration reuses dimensions along a Markov chain, so two factors may hold different
 * variables at the same dimension of their log-densities; after packing, a variable has one
 * position in every table it meets, and factors multiply by broadcasting.
 */
final class EnumFactor {
    final Tensor table;
    /** The variable ids of the leading dimensions, ascending. */
    final int[] vars;
    private final int plateRank;

    private EnumFactor(Tensor table, int[] vars, int plateRank) {
        this.table = table;
        this.vars = vars;
        this.plateRank = plateRank;
    }

    /** A factor of constants over no variable: a plate region of ones, holding {@code table} (scalar or plate-shaped). */
    static EnumFactor plain(Tensor table, int plateRank) {
        return of(table, Map.of(), plateRank, "a term");
    }

    /**
     * Packs a site's log-density: {@code dimToVar} names the variable at each enumeration dimension
     * (left of the {@code plateRank} plate dimensions) where the log-density has a size above one.
     */
    static EnumFactor of(Tensor logp, Map<Integer, Integer> dimToVar, int plateRank, String site) {
        int[] s = logp.shape();
        int rank = Math.max(s.length, plateRank);
        int[] padded = new int[rank];
        Arrays.fill(padded, 1);
        System.arraycopy(s, 0, padded, rank - s.length, s.length);
        Tensor t = s.length == rank ? logp : logp.reshape(padded);
        int enumRank = rank - plateRank;
        List<int[]> varAxes = new ArrayList<>(); // {var, axis}
        for (int axis = 0; axis < enumRank; axis++) {
            if (padded[axis] == 1) {
                continue;
            }
            Integer var = dimToVar.get(axis - rank);
            if (var == null) {
                throw new IllegalStateException("the log-density of " + site + " has size " + padded[axis] + " at dim "
                        + (axis - rank) + ", left of the plates, where no enumerated site it depends on is");
            }
            varAxes.add(new int[] {var, axis});
        }
        varAxes.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] vars = new int[varAxes.size()];
        int[] perm = new int[rank];
        int p = 0;
        for (int i = 0; i < vars.length; i++) {
            vars[i] = varAxes.get(i)[0];
            perm[p++] = varAxes.get(i)[1];
        }
        for (int axis = 0; axis < enumRank; axis++) {
            if (padded[axis] == 1) {
                perm[p++] = axis;
            }
        }
        for (int axis = enumRank; axis < rank; axis++) {
            perm[p++] = axis;
        }
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            identity &= perm[i] == i;
        }
        if (!identity) {
            t = t.permute(perm);
        }
        int[] packed = new int[vars.length + plateRank];
        for (int i = 0; i < vars.length; i++) {
            packed[i] = padded[varAxes.get(i)[1]];
        }
        System.arraycopy(padded, enumRank, packed, vars.length, plateRank);
        if (!Arrays.equals(t.shape(), packed)) {
            t = t.reshape(packed);
        }
        return new EnumFactor(t, vars, plateRank);
    }

    int plateRank() {
        return plateRank;
    }

    /** The size of variable {@code var}'s dimension. */
    int sizeOf(int var) {
        return table.shape()[indexOf(var)];
    }

    /** The position of {@code var} among the leading dimensions, or -1. */
    int indexOf(int var) {
        for (int i = 0; i < vars.length; i++) {
            if (vars[i] == var) {
                return i;
            }
        }
        return -1;
    }

    /** The table laid out over {@code target} (a sorted superset of this factor's variables), size one where absent. */
    Tensor alignedTo(int[] target, int[] sizes) {
        if (Arrays.equals(target, vars)) {
            return table;
        }
        int[] ts = table.shape();
        int[] shape = new int[target.length + plateRank];
        for (int i = 0; i < target.length; i++) {
            shape[i] = indexOf(target[i]) >= 0 ? sizes[i] : 1;
        }
        System.arraycopy(ts, vars.length, shape, target.length, plateRank);
        return table.reshape(shape);
    }

    /** The product (sum of logs) of {@code factors}, over the union of their variables. */
    static EnumFactor product(List<EnumFactor> factors) {
        if (factors.size() == 1) {
            return factors.get(0);
        }
        int[] union = factors.get(0).vars;
        for (int i = 1; i < factors.size(); i++) {
            union = mergeSorted(union, factors.get(i).vars);
        }
        int[] sizes = new int[union.length];
        for (int i = 0; i < union.length; i++) {
            for (EnumFactor f : factors) {
                int at = f.indexOf(union[i]);
                if (at >= 0) {
                    sizes[i] = f.table.shape()[at];
                    break;
                }
            }
        }
        Tensor total = null;
        for (EnumFactor f : factors) {
            Tensor t = f.alignedTo(union, sizes);
            total = total == null ? t : total.add(t);
        }
        return new EnumFactor(total, union, factors.get(0).plateRank);
    }

    /** Sums ({@code max == false}, log-sum-exp) or maximizes variable {@code var} out. */
    EnumFactor eliminate(int var, boolean max) {
        int at = indexOf(var);
        int[] rest = new int[vars.length - 1];
        for (int i = 0, j = 0; i < vars.length; i++) {
            if (i != at) {
                rest[j++] = vars[i];
            }
        }
        Tensor t = max ? table.max(new int[] {at}, false) : table.logsumexp(new int[] {at}, false);
        return new EnumFactor(t, rest, plateRank);
    }

    /** The product over the plates at {@code plateDims} (negative dims): a sum of logs, keeping the dims at size one. */
    EnumFactor plateProduct(int[] plateDims) {
        if (plateDims.length == 0) {
            return this;
        }
        int rank = table.rank();
        int[] axes = new int[plateDims.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = rank + plateDims[i];
        }
        return new EnumFactor(table.sum(axes, true), vars, plateRank);
    }

    private static int[] mergeSorted(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int next;
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                next = a[i++];
            } else if (i >= a.length || b[j] < a[i]) {
                next = b[j++];
            } else {
                next = a[i++];
                j++;
            }
            out[n++] = next;
        }
        return Arrays.copyOf(out, n);
    }
}
