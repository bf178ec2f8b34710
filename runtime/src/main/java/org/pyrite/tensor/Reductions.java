package org.pyrite.tensor;

import java.util.Arrays;

/**
 * The reductions behind {@link Tensor#sum}, {@link Tensor#mean}, {@link Tensor#max},
 * {@link Tensor#min}, {@link Tensor#logsumexp} and {@link Tensor#cumsum}: dimension
 * normalisation, the backend call and the backward rules.
 */
final class Reductions {
    private Reductions() {}

    /** {@code dims} normalised (negative counted from the end) and sorted; a repeat is an error. */
    static int[] normalizeDims(int[] dims, int rank) {
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            // Insertion sort: a reduction names a handful of dims, and Arrays.sort's set-up was a
            // visible share of a small model's step.
            int v = Shape.normalizeDim(dims[i], rank);
            int j = i;
            for (; j > 0 && d[j - 1] > v; j--) {
                d[j] = d[j - 1];
            }
            d[j] = v;
        }
        for (int i = 1; i < d.length; i++) {
            if (d[i] == d[i - 1]) {
                throw new IllegalArgumentException("dimension " + d[i] + " given twice in " + Arrays.toString(dims));
            }
        }
        return d;
    }

    /** Every dimension of a tensor of rank {@code rank}. */
    static int[] allDims(int rank) {
        int[] d = new int[rank];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return d;
    }

    static Tensor reduce(Tensor x, ReduceOp op, int[] dims, boolean keepdim) {
        int[] shape = x.shape;
        if (dims.length == 0 && shape.length == 0) {
            return x; // reducing a scalar over no dimensions is the identity
        }
        int[] d = normalizeDims(dims, shape.length);
        Tensor out = x.backend().reduce(op, x, d, keepdim);
        int[] kept = shape.clone();
        for (int i : d) {
            kept[i] = 1;
        }
        return Tensor.track1(out, (g, o) -> {
            Tensor gk = g.reshape(kept);
            switch (op) {
                case SUM:
                    return new Tensor[] {gk.expand(shape)};
                case LOGSUMEXP:
                    return new Tensor[] {gk.mul(x.sub(o.reshape(kept)).exp())};
                default: {
                    // MAX / MIN: the gradient is shared equally among the elements that attain it.
                    Tensor mask = x.eq(o.reshape(kept));
                    return new Tensor[] {gk.mul(mask).div(mask.sum(d, true))};
                }
            }
        }, x);
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        int[] d = normalizeDims(dims, x.shape.length);
        int n = 1;
        for (int i : d) {
            n *= x.shape[i];
        }
        return reduce(x, ReduceOp.SUM, d, keepdim).div(n);
    }

    static Tensor cumsum(Tensor x, int dim) {
        int d = Shape.normalizeDim(dim, x.shape.length);
        Tensor out = x.backend().cumsum(x, d);
        // The adjoint of a cumulative sum is a reversed cumulative sum: total - cumsum + g.
        return Tensor.track1(out, (g, o) -> new Tensor[] {g.sum(new int[] {d}, true).sub(g.cumsum(d)).add(g)}, x);
    }

    /** The sum of {@code x} (a broadcast result) down to {@code target}: the adjoint of broadcasting. */
    static Tensor sumToShape(Tensor x, int[] target) {
        int[] shape = x.shape;
        if (Shape.same(shape, target)) {
            return x;
        }
        if (!Shape.broadcastsTo(target, shape)) {
            throw new IllegalArgumentException("cannot sum shape " + Shape.toString(shape) + " to " + Shape.toString(target));
        }
        int lead = shape.length - target.length;
        int[] dims = new int[shape.length];
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            if (i < lead || (target[i - lead] == 1 && shape[i] != 1)) {
                dims[n++] = i;
            }
        }
        return reduce(x, ReduceOp.SUM, Arrays.copyOf(dims, n), true).reshape(target);
    }
}
