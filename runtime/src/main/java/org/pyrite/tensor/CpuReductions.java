package org.pyrite.tensor;

import java.util.Arrays;

/** Reductions of the CPU backend: sums, extrema and log-sum-exp along dimensions, and cumulative sums. */
final class CpuReductions {
    private CpuReductions() {}

    static Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepdim) {
        int[] shape = x.shapeRef();
        double[] in = x.cpuData();
        int[] kept = shape.clone();
        for (int d : dims) {
            kept[d] = 1;
        }
        int m = Shape.numel(kept);
        double[] out = new double[m];
        // Each input element's output offset: its index with the reduced dimensions zeroed.
        int[] outStrides = Shape.strides(kept);
        for (int d : dims) {
            outStrides[d] = 0;
        }
        switch (op) {
            case SUM:
                if (trailing(dims, shape.length)) {
                    // Reducing the last dimensions: each output is the sum of one contiguous block.
                    int block = in.length / Math.max(m, 1);
                    for (int j = 0; j < m; j++) {
                        out[j] = ActiveKernels.KERNELS.sum(in, j * block, block);
                    }
                } else {
                    accumulate(in, shape, outStrides, out, 0);
                }
                break;
            case MAX:
                Arrays.fill(out, Double.NEGATIVE_INFINITY);
                accumulate(in, shape, outStrides, out, 1);
                break;
            case MIN:
                Arrays.fill(out, Double.POSITIVE_INFINITY);
                accumulate(in, shape, outStrides, out, 2);
                break;
            case LOGSUMEXP: {
                double[] max = new double[m];
                Arrays.fill(max, Double.NEGATIVE_INFINITY);
                accumulate(in, shape, outStrides, max, 1);
                double[] shifted = new double[in.length];
                int[] idx = new int[shape.length];
                int o = 0;
                for (int i = 0; i < in.length; i++) {
                    double mx = max[o];
                    shifted[i] = Double.isInfinite(mx) ? (in[i] == mx ? 1.0 : 0.0) : Math.exp(in[i] - mx);
                    o = Strides.advance(idx, shape, outStrides, o);
                }
                accumulate(shifted, shape, outStrides, out, 0);
                for (int j = 0; j < m; j++) {
                    out[j] = Double.isInfinite(max[j]) ? max[j] : max[j] + Math.log(out[j]);
                }
                break;
            }
            default:
                throw new AssertionError(op);
        }
        int[] outShape = kept;
        if (!keepdim) {
            outShape = new int[shape.length - dims.length];
            for (int i = 0, j = 0, k = 0; i < shape.length; i++) {
                if (k < dims.length && dims[k] == i) {
                    k++;
                } else {
                    outShape[j++] = shape[i];
                }
            }
        }
        return Tensor.cpu(outShape, out);
    }

    /** Whether the sorted {@code dims} are exactly the last {@code dims.length} of {@code rank}. */
    private static boolean trailing(int[] dims, int rank) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != rank - dims.length + i) {
                return false;
            }
        }
        return true;
    }


    /** kind 0: sum, 1: max, 2: min, of every input element into its output slot. */
    private static void accumulate(double[] in, int[] shape, int[] outStrides, double[] out, int kind) {
        int[] idx = new int[shape.length];
        int o = 0;
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            if (kind == 0) {
                out[o] += v;
            } else if (kind == 1) {
                out[o] = v > out[o] || Double.isNaN(v) ? v : out[o];
            } else {
                out[o] = v < out[o] || Double.isNaN(v) ? v : out[o];
            }
            o = Strides.advance(idx, shape, outStrides, o);
        }
    }


    static Tensor cumsum(Tensor x, int dim) {
        int[] shape = x.shapeRef();
        double[] in = x.cpuData();
        double[] out = new double[in.length];
        int size = shape[dim];
        int inner = Shape.numel(Shape.slice(shape, dim + 1, shape.length));
        int outer = Shape.numel(Shape.slice(shape, 0, dim));
        for (int o = 0; o < outer; o++) {
            int base = o * size * inner;
            for (int j = 0; j < inner; j++) {
                double acc = 0.0;
                for (int k = 0; k < size; k++) {
                    int p = base + k * inner + j;
                    acc += in[p];
                    out[p] = acc;
                }
            }
        }
        return Tensor.cpu(shape, out);
    }
}
