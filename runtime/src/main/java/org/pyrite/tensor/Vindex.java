package org.pyrite.tensor;

/**
 * Indexing a table by a tensor of indices with broadcasting (Pyro's {@code Vindex(table)[index]}
 * for one leading index): what a model needs to pick a mixture component's parameters or a
 * transition row by a discrete site whose value may be an enumerated support.
 *
 * <pre>{@code
 * Tensor rowProbs = Vindex.rows(transition, x);   // x of shape S, transition [K, K]: shape S + [K]
 * Tensor loc = Vindex.rows(locs, assignment);      // locs [K, D]: shape S + [D]
 * }</pre>
 *
 * <p>Differentiable in {@code table} (the indices are constants): the rows are picked by a
 * product with the one-hot encoding of the indices, so the gradient reaches every row picked.
 */
public final class Vindex {
    private Vindex() {}

    /**
     * The rows {@code table[index]} along the table's first dimension, for integer-valued
     * {@code index} of shape {@code S}: a tensor of shape {@code S + table.shape[1:]}.
     */
    public static Tensor rows(Tensor table, Tensor index) {
        if (table.rank() == 0) {
            throw new IllegalArgumentException("Vindex.rows: the table needs at least one dimension to index, got a scalar");
        }
        int[] ts = table.shape();
        int k = ts[0];
        int[] rest = Shape.slice(ts, 1, ts.length);
        int[] out = Shape.concat(index.shape(), rest);
        if (isWholeSupport(index, k)) {
            // An enumerated index lists every row in order along one dimension: the rows are the
            // table itself, laid along that dimension (a reshape, not a product).
            return table.reshape(out);
        }
        int width = Shape.numel(rest);
        Tensor flat = table.rank() == 2 ? table : table.reshape(k, width);
        Tensor picked = Tensor.oneHot(index.detach(), k).matmul(flat);
        return java.util.Arrays.equals(picked.shape(), out) ? picked : picked.reshape(out);
    }

    /** Whether {@code index} holds 0, 1, ..., k-1 along its only dimension of size above one. */
    private static boolean isWholeSupport(Tensor index, int k) {
        if (index.numel() != k || k < 2) {
            return false;
        }
        int wide = 0;
        for (int s : index.shape()) {
            wide += s > 1 ? 1 : 0;
        }
        if (wide != 1) {
            return false;
        }
        double[] v = index.toArray();
        for (int i = 0; i < k; i++) {
            if (v[i] != i) {
                return false;
            }
        }
        return true;
    }
}
