package org.pyrite.tensor;

import java.util.Arrays;

/**
 * The operations that move values without changing them, behind {@link Tensor#reshape},
 * {@link Tensor#permute}, {@link Tensor#slice}, {@link Tensor#index}, {@link Tensor#cat} and
 * their kin: argument checks with messages that name the shapes, the backend call, and the
 * backward rule (each the adjoint of its forward move).
 */
final class ShapeOps {
    private ShapeOps() {}

    static Tensor reshape(Tensor x, int[] newShape) {
        int[] shape = x.shape;
        int[] s = newShape.clone();
        int infer = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one -1 allowed in " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            s[infer] = known == 0 ? 0 : x.numel() / known;
        }
        Shape.check("reshape", s);
        if (Shape.numel(s) != x.numel()) {
            throw new IllegalArgumentException("cannot reshape " + Shape.toString(shape) + " (" + x.numel()
                    + " elements) to " + Arrays.toString(newShape));
        }
        if (Shape.same(s, shape)) {
            return x;
        }
        if (s.length == 0) {
            s = Shape.SCALAR;
        }
        Tensor out;
        if (x.isCpuScalar()) {
            out = Tensor.cpu(s, new double[] {x.scalar});
        } else if (s.length == 0 && x.handle == null) {
            out = new Tensor(x.data[0]);
        } else {
            out = x.backend().reshape(x, s);
        }
        return Tensor.track1(out, (g, o) -> new Tensor[] {g.reshape(shape)}, x);
    }

    static Tensor expand(Tensor x, int[] newShape) {
        int[] shape = x.shape;
        if (Shape.same(newShape, shape)) {
            return x;
        }
        if (!Shape.broadcastsTo(shape, newShape)) {
            throw new IllegalArgumentException("cannot expand shape " + Shape.toString(shape) + " to " + Arrays.toString(newShape));
        }
        Tensor out = x.backend().expand(x, Shape.checkedCopy("expand", newShape));
        return Tensor.track1(out, (g, o) -> new Tensor[] {g.sumToShape(shape)}, x);
    }

    static Tensor squeeze(Tensor x, int dim) {
        int[] shape = x.shape;
        int d = Shape.normalizeDim(dim, shape.length);
        if (shape[d] != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + dim + " of shape " + Shape.toString(shape) + " is not 1");
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                s[j++] = shape[i];
            }
        }
        return reshape(x, s);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int[] shape = x.shape;
        int d = Shape.normalizeDim(dim, shape.length + 1);
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == d ? 1 : shape[j++];
        }
        return reshape(x, s);
    }

    static Tensor permute(Tensor x, int[] perm) {
        int rank = x.shape.length;
        if (perm.length != rank) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " has " + perm.length
                    + " entries for a tensor of rank " + rank);
        }
        int[] p = new int[perm.length];
        int[] inverse = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            p[i] = Shape.normalizeDim(perm[i], rank);
            if (seen[p[i]]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " is not a permutation");
            }
            seen[p[i]] = true;
            inverse[p[i]] = i;
        }
        Tensor out = x.backend().permute(x, p);
        return Tensor.track1(out, (g, o) -> new Tensor[] {g.permute(inverse)}, x);
    }

    static Tensor transpose(Tensor x, int d0, int d1) {
        int rank = x.shape.length;
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = i;
        }
        int a = Shape.normalizeDim(d0, rank);
        int b = Shape.normalizeDim(d1, rank);
        p[a] = b;
        p[b] = a;
        return a == b ? x : permute(x, p);
    }

    static Tensor slice(Tensor x, int dim, int start, int end) {
        int[] shape = x.shape;
        int d = Shape.normalizeDim(dim, shape.length);
        if (start < 0 || end > shape[d] || start > end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") is outside dimension " + dim
                    + " of size " + shape[d]);
        }
        if (start == 0 && end == shape[d]) {
            return x;
        }
        Tensor out = x.backend().slice(x, d, start, end);
        return Tensor.track1(out, (g, o) -> {
            int[] idx = new int[end - start];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = start + i;
            }
            return new Tensor[] {indexAdd(g, d, idx, shape)};
        }, x);
    }

    static Tensor index(Tensor x, int dim, int[] indices) {
        int[] shape = x.shape;
        int d = Shape.normalizeDim(dim, shape.length);
        int[] idx = indices.clone();
        for (int i : idx) {
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + i + " is outside dimension " + dim + " of size " + shape[d]);
            }
        }
        if (idx.length > shape[d]) {
            // Repeated indices make the result larger than this tensor: check its shape.
            int[] outShape = shape.clone();
            outShape[d] = idx.length;
            Shape.check("index", outShape);
        }
        Tensor out = x.backend().indexSelect(x, d, idx);
        return Tensor.track1(out, (g, o) -> new Tensor[] {indexAdd(g, d, idx, shape)}, x);
    }

    /** Adjoint of {@link #index}: zeros of {@code outShape} with {@code src} added at {@code indices} along {@code dim}. */
    private static Tensor indexAdd(Tensor src, int dim, int[] indices, int[] outShape) {
        Tensor out = src.backend().indexAdd(src, dim, indices, outShape);
        return Tensor.track1(out, (g, o) -> new Tensor[] {g.index(dim, indices)}, src);
    }

    static Tensor cat(int dim, Tensor[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("cat needs at least one tensor");
        }
        int[] first = xs[0].shape;
        int rank = first.length;
        int d = Shape.normalizeDim(dim, rank);
        int[] outShape = first.clone();
        long along = 0;
        int[] offsets = new int[xs.length + 1];
        for (int i = 0; i < xs.length; i++) {
            Tensor x = xs[i];
            xs[0].checkSameBackend(x);
            if (x.shape.length != rank) {
                throw new IllegalArgumentException("cat: tensor " + i + " has shape " + Shape.toString(x.shape)
                        + ", tensor 0 has " + Shape.toString(first));
            }
            for (int k = 0; k < rank; k++) {
                if (k != d && x.shape[k] != first[k]) {
                    throw new IllegalArgumentException("cat along " + dim + ": tensor " + i + " has shape "
                            + Shape.toString(x.shape) + ", tensor 0 has " + Shape.toString(first));
                }
            }
            along += x.shape[d];
            offsets[i + 1] = offsets[i] + x.shape[d];
        }
        if (along > Shape.MAX_ELEMENTS) {
            StringBuilder result = new StringBuilder("[");
            for (int k = 0; k < rank; k++) {
                result.append(k > 0 ? ", " : "").append(k == d ? along : outShape[k]);
            }
            throw new IllegalArgumentException("cat along " + dim + ": the result would have shape " + result.append(']')
                    + ", " + along + " entries along that dimension, more than the " + Shape.MAX_ELEMENTS
                    + " (2^31 - 1) a tensor can hold; concatenate fewer or smaller tensors");
        }
        outShape[d] = (int) along;
        Shape.check("cat", outShape);
        Tensor[] parts = xs.clone();
        // A CPU part meeting a graph node is a constant on the node's backend (Tensor.kernelsFor).
        Tensor owner = xs[0];
        for (Tensor x : xs) {
            owner.checkSameBackend(x);
            owner = x.backend() != Tensor.CPU ? x : owner;
        }
        Tensor out = owner.backend().cat(parts, d, outShape);
        return Tensor.track(out, (g, o) -> {
            Tensor[] grads = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                grads[i] = parts[i].requiresGrad ? g.slice(d, offsets[i], offsets[i + 1]) : null;
            }
            return grads;
        }, parts);
    }

    static Tensor stack(int dim, Tensor[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        int[] first = xs[0].shape;
        int d = Shape.normalizeDim(dim, first.length + 1);
        Tensor[] u = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (!Shape.same(xs[i].shape, first)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shape.toString(xs[i].shape)
                        + ", tensor 0 has " + Shape.toString(first));
            }
            u[i] = unsqueeze(xs[i], d);
        }
        return cat(d, u);
    }
}
