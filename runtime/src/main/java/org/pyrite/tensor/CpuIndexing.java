package org.pyrite.tensor;

import java.util.Arrays;

/**
 * Shape changes and gathers of the CPU backend: reshape, expand, permute, slices, index
 * select/add (picked rows of a matrix kept as a {@link RowGather}) and concatenation.
 */
final class CpuIndexing {
    private CpuIndexing() {}

    static Tensor reshape(Tensor x, int[] shape) {
        return Tensor.cpu(shape, x.cpuData());
    }

    static Tensor expand(Tensor x, int[] shape) {
        double[] in = x.cpuData();
        int n = Shape.numel(shape);
        double[] out = new double[n];
        if (in.length == 1) {
            Arrays.fill(out, in[0]);
        } else {
            int[] s = Strides.broadcast(x.shapeRef(), shape);
            int[] idx = new int[shape.length];
            int o = 0;
            for (int i = 0; i < n; i++) {
                out[i] = in[o];
                o = Strides.advance(idx, shape, s, o);
            }
        }
        return Tensor.cpu(shape, out);
    }

    static Tensor permute(Tensor x, int[] perm) {
        int[] shape = x.shapeRef();
        double[] in = x.cpuData();
        int[] outShape = new int[perm.length];
        int[] inStrides = Shape.strides(shape);
        int[] readStrides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = shape[perm[i]];
            readStrides[i] = inStrides[perm[i]];
        }
        double[] out = new double[in.length];
        int[] idx = new int[perm.length];
        int o = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = in[o];
            o = Strides.advance(idx, outShape, readStrides, o);
        }
        return Tensor.cpu(outShape, out);
    }

    static Tensor slice(Tensor x, int dim, int start, int end) {
        int[] idx = new int[end - start];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = start + i;
        }
        return indexSelect(x, dim, idx);
    }

    static Tensor indexSelect(Tensor x, int dim, int[] indices) {
        int[] shape = x.shapeRef();
        if (dim == 0 && shape.length == 2 && shape[1] > 1) {
            // Rows of a matrix: kept as row numbers until something needs them laid out (RowGather).
            RowGather from = x.rowGather();
            RowGather rows = from != null ? from.select(indices) : new RowGather(x.cpuData(), shape[1], indices);
            return Tensor.cpuRows(new int[] {indices.length, shape[1]}, rows);
        }
        double[] in = x.cpuData();
        int size = shape[dim];
        int inner = Shape.numel(Shape.slice(shape, dim + 1, shape.length));
        int outer = Shape.numel(Shape.slice(shape, 0, dim));
        int[] outShape = shape.clone();
        outShape[dim] = indices.length;
        double[] out = new double[outer * indices.length * inner];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                // Picking single elements: a plain loop, not one arraycopy call per element.
                int base = o * size;
                for (int k : indices) {
                    out[p++] = in[base + k];
                }
                continue;
            }
            for (int k : indices) {
                System.arraycopy(in, (o * size + k) * inner, out, p, inner);
                p += inner;
            }
        }
        return Tensor.cpu(outShape, out);
    }

    static Tensor indexAdd(Tensor src, int dim, int[] indices, int[] shape) {
        double[] in = src.cpuData();
        int size = shape[dim];
        int inner = Shape.numel(Shape.slice(shape, dim + 1, shape.length));
        int outer = Shape.numel(Shape.slice(shape, 0, dim));
        double[] out = new double[Shape.numel(shape)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (int k : indices) {
                int base = (o * size + k) * inner;
                for (int j = 0; j < inner; j++) {
                    out[base + j] += in[p++];
                }
            }
        }
        return Tensor.cpu(shape.clone(), out);
    }

    static Tensor cat(Tensor[] xs, int dim, int[] outShape) {
        int inner = Shape.numel(Shape.slice(outShape, dim + 1, outShape.length));
        int outer = Shape.numel(Shape.slice(outShape, 0, dim));
        double[] out = new double[Shape.numel(outShape)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor x : xs) {
                int block = x.shapeRef()[dim] * inner;
                System.arraycopy(x.cpuData(), o * block, out, p, block);
                p += block;
            }
        }
        return Tensor.cpu(outShape, out);
    }
}
