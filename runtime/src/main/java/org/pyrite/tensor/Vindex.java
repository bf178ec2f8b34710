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
        int width = Shape.numel(rest);
        Tensor flat = table.rank() == 2 ? table : table.reshape(k, width);
        Tensor picked = Tensor.oneHot(index.detach(), k).matmul(flat);
        int[] out = Shape.concat(index.shape(), rest);
        return java.util.Arrays.equals(picked.shape(), out) ? picked : picked.reshape(out);
    }
}
