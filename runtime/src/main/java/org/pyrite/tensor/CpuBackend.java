package org.pyrite.tensor;

import java.util.Arrays;
import org.pyrite.concurrent.ChunkPool;

/**
 * The pure-Java backend: contiguous row-major {@code double[]} storage, shared between tensors
 * where an operation only changes the shape (tensors are immutable, so sharing is safe).
 */
final class CpuBackend implements Backend {
    static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {}

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Tensor fromArray(double[] data, int[] shape) {
        return Tensor.cpu(shape, data.clone());
    }

    @Override
    public double[] toArray(Tensor x) {
        return x.cpuData().clone();
    }

    /**
     * Elements per chunk of the transcendental kernels spread over {@link ChunkPool}: a few
     * microseconds of work, enough to amortise claiming a chunk (tens of nanoseconds) while a
     * subsample of 1,000 still splits in two.
     */
    private static final int ELEMENT_GRAIN = 512;

    /** Multiply-adds per chunk of a matrix-vector product spread over {@link ChunkPool}: a few microseconds. */
    private static final int PRODUCT_GRAIN = 8192;

    // ------------------------------------------------------------------ element-wise

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        double[] in = x.cpuData();
        double[] out = new double[in.length];
        switch (op) {
            case NEG:
                for (int i = 0; i < in.length; i++) {
                    out[i] = -in[i];
                }
                break;
            case EXP:
                ChunkPool.KERNELS.forEachChunk(in.length, ELEMENT_GRAIN, (c, from, to) -> ScalarMath.exp(in, out, from, to));
                break;
            case LOG:
                for (int i = 0; i < in.length; i++) {
                    out[i] = Math.log(in[i]);
                }
                break;
            case SQUARE:
                for (int i = 0; i < in.length; i++) {
                    out[i] = in[i] * in[i];
                }
                break;
            // The likelihoods of logistic models: direct static calls the JIT can inline, rather
            // than the enum's virtual apply, which is megamorphic in the shared loop below.
            case SIGMOID:
                ChunkPool.KERNELS.forEachChunk(in.length, ELEMENT_GRAIN, (c, from, to) -> ScalarMath.sigmoid(in, out, from, to));
                break;
            case SOFTPLUS:
                ChunkPool.KERNELS.forEachChunk(in.length, ELEMENT_GRAIN, (c, from, to) -> softplus(in, 1.0, out, from, to));
                break;
            case LOG_SIGMOID:
                // log sigmoid(x) = -softplus(-x)
                ChunkPool.KERNELS.forEachChunk(in.length, ELEMENT_GRAIN, (c, from, to) -> softplus(in, -1.0, out, from, to));
                break;
            case LOG1P:
                ChunkPool.KERNELS.forEachChunk(in.length, ELEMENT_GRAIN, (c, from, to) -> ScalarMath.log1p(in, out, from, to));
                break;
            default:
                for (int i = 0; i < in.length; i++) {
                    out[i] = op.apply(in[i]);
                }
        }
        return Tensor.cpu(x.shapeRef(), out);
    }

    /**
     * {@code out = sign * softplus(sign * x)} as {@code max(x, 0) + log1p(e^-|x|)}, one loop per
     * function: C2 compiles a loop that calls both exp and log1p three times slower than the two
     * loops together.
     */
    private static void softplus(double[] x, double sign, double[] out, int from, int to) {
        ScalarMath.expMinusAbs(x, out, from, to);
        ScalarMath.log1p(out, out, from, to);
        for (int i = from; i < to; i++) {
            out[i] = sign * (Math.max(sign * x[i], 0.0) + out[i]);
        }
    }

    @Override
    public Tensor[] bernoulliLogitsLogProb(Tensor logits, Tensor value, boolean withScore) {
        double[] z = logits.cpuData();
        double[] y = value.cpuData();
        int n = z.length;
        double[] e = new double[n];
        double[] logProb = new double[n];
        ChunkPool.KERNELS.forEachChunk(n, ELEMENT_GRAIN, (c, from, to) -> bernoulliLogits(z, y, e, logProb, withScore, from, to));
        return new Tensor[] {Tensor.cpu(logits.shapeRef(), logProb), withScore ? Tensor.cpu(logits.shapeRef(), e) : null};
    }

    /** One chunk of {@link #bernoulliLogitsLogProb}: e^-|z|, log1p of it, then the rest, in separate loops as in softplus. */
    private static void bernoulliLogits(double[] z, double[] y, double[] e, double[] logProb, boolean withScore, int from, int to) {
        ScalarMath.expMinusAbs(z, e, from, to);
        ScalarMath.log1p(e, logProb, from, to);
        for (int i = from; i < to; i++) {
            double zi = z[i];
            logProb[i] = y[i] * zi - Math.max(zi, 0.0) - logProb[i];
        }
        if (withScore) {
            for (int i = from; i < to; i++) {
                e[i] = y[i] - ScalarMath.sigmoidGivenExp(z[i], e[i]);
            }
        }
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b, int[] outShape) {
        double[] x = a.cpuData();
        double[] y = b.cpuData();
        int n = Shape.numel(outShape);
        double[] out = new double[n];
        if (x.length == n && y.length == n) {
            sameShape(op, x, y, out);
        } else if (x.length == n && y.length == 1) {
            rightScalar(op, x, y[0], out);
        } else if (y.length == n && x.length == 1) {
            double c = x[0];
            for (int i = 0; i < n; i++) {
                out[i] = op.apply(c, y[i]);
            }
        } else {
            int[] sa = broadcastStrides(a.shapeRef(), outShape);
            int[] sb = broadcastStrides(b.shapeRef(), outShape);
            int rank = outShape.length;
            int[] idx = new int[rank];
            int oa = 0;
            int ob = 0;
            for (int i = 0; i < n; i++) {
                out[i] = op.apply(x[oa], y[ob]);
                for (int d = rank - 1; d >= 0; d--) {
                    idx[d]++;
                    oa += sa[d];
                    ob += sb[d];
                    if (idx[d] < outShape[d]) {
                        break;
                    }
                    oa -= sa[d] * outShape[d];
                    ob -= sb[d] * outShape[d];
                    idx[d] = 0;
                }
            }
        }
        return Tensor.cpu(outShape, out);
    }

    // The four arithmetic ops get their own loops so the JIT can vectorize them.
    private static void sameShape(BinaryOp op, double[] x, double[] y, double[] out) {
        switch (op) {
            case ADD:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] + y[i];
                }
                break;
            case SUB:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] - y[i];
                }
                break;
            case MUL:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] * y[i];
                }
                break;
            case DIV:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] / y[i];
                }
                break;
            default:
                for (int i = 0; i < out.length; i++) {
                    out[i] = op.apply(x[i], y[i]);
                }
        }
    }

    private static void rightScalar(BinaryOp op, double[] x, double c, double[] out) {
        switch (op) {
            case ADD:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] + c;
                }
                break;
            case MUL:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] * c;
                }
                break;
            default:
                for (int i = 0; i < out.length; i++) {
                    out[i] = op.apply(x[i], c);
                }
        }
    }

    /** Strides for reading a tensor of shape {@code in} broadcast to {@code out}: 0 along broadcast dimensions. */
    private static int[] broadcastStrides(int[] in, int[] out) {
        int[] s = new int[out.length];
        int[] own = Shape.strides(in);
        int off = out.length - in.length;
        for (int i = 0; i < in.length; i++) {
            s[i + off] = in[i] == 1 ? 0 : own[i];
        }
        return s;
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b, int[] outShape) {
        double[] c = cond.cpuData();
        double[] x = a.cpuData();
        double[] y = b.cpuData();
        int n = Shape.numel(outShape);
        double[] out = new double[n];
        int[] sc = broadcastStrides(cond.shapeRef(), outShape);
        int[] sa = broadcastStrides(a.shapeRef(), outShape);
        int[] sb = broadcastStrides(b.shapeRef(), outShape);
        int rank = outShape.length;
        int[] idx = new int[rank];
        int oc = 0;
        int oa = 0;
        int ob = 0;
        for (int i = 0; i < n; i++) {
            out[i] = c[oc] != 0.0 ? x[oa] : y[ob];
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                oc += sc[d];
                oa += sa[d];
                ob += sb[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                oc -= sc[d] * outShape[d];
                oa -= sa[d] * outShape[d];
                ob -= sb[d] * outShape[d];
                idx[d] = 0;
            }
        }
        return Tensor.cpu(outShape, out);
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepdim) {
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
                        out[j] = sum(in, j * block, block);
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
                    o = advance(idx, shape, outStrides, o);
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

    /** The sum of {@code len} contiguous entries, with four partial sums (see {@link #dot}). */
    private static double sum(double[] a, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        int end = from + len;
        for (; i + 3 < end; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < end; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
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
            o = advance(idx, shape, outStrides, o);
        }
    }

    /** Steps a row-major odometer over {@code shape}, returning the updated offset under {@code strides}. */
    private static int advance(int[] idx, int[] shape, int[] strides, int offset) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d]++;
            offset += strides[d];
            if (idx[d] < shape[d]) {
                return offset;
            }
            offset -= strides[d] * shape[d];
            idx[d] = 0;
        }
        return offset;
    }

    @Override
    public Tensor cumsum(Tensor x, int dim) {
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

    // ------------------------------------------------------------------ shapes

    @Override
    public Tensor reshape(Tensor x, int[] shape) {
        return Tensor.cpu(shape, x.cpuData());
    }

    @Override
    public Tensor expand(Tensor x, int[] shape) {
        double[] in = x.cpuData();
        int n = Shape.numel(shape);
        double[] out = new double[n];
        if (in.length == 1) {
            Arrays.fill(out, in[0]);
        } else {
            int[] s = broadcastStrides(x.shapeRef(), shape);
            int[] idx = new int[shape.length];
            int o = 0;
            for (int i = 0; i < n; i++) {
                out[i] = in[o];
                o = advance(idx, shape, s, o);
            }
        }
        return Tensor.cpu(shape, out);
    }

    @Override
    public Tensor permute(Tensor x, int[] perm) {
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
            o = advance(idx, outShape, readStrides, o);
        }
        return Tensor.cpu(outShape, out);
    }

    @Override
    public Tensor slice(Tensor x, int dim, int start, int end) {
        int[] idx = new int[end - start];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = start + i;
        }
        return indexSelect(x, dim, idx);
    }

    @Override
    public Tensor indexSelect(Tensor x, int dim, int[] indices) {
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

    @Override
    public Tensor indexAdd(Tensor src, int dim, int[] indices, int[] shape) {
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

    @Override
    public Tensor cat(Tensor[] xs, int dim, int[] outShape) {
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

    // ------------------------------------------------------------------ linear algebra

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb, int[] outShape) {
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        int ar = as[as.length - 2];
        int ac = as[as.length - 1];
        int br = bs[bs.length - 2];
        int bc = bs[bs.length - 1];
        int n = ta ? ac : ar;
        int k = ta ? ar : ac;
        int m = tb ? br : bc;
        RowGather picked = a.rowGather();
        if (picked != null && bc == 1 && bs.length == 2 && !tb) {
            // Picked rows times a vector, or their transpose times one (the backward pass): read the
            // rows where they are instead of laying out a copy.
            double[] out = new double[n];
            if (ta) {
                transposedProduct(picked.source(), 0, picked.rows(), b.cpuData(), 0, out, 0, ac, ar);
            } else {
                product(picked.source(), 0, picked.rows(), b.cpuData(), 0, out, 0, ar, ac);
            }
            return Tensor.cpu(outShape, out);
        }
        int[] batch = Shape.slice(outShape, 0, outShape.length - 2);
        int[] aOff = batchOffsets(Shape.slice(as, 0, as.length - 2), batch, ar * ac);
        int[] bOff = batchOffsets(Shape.slice(bs, 0, bs.length - 2), batch, br * bc);
        double[] x = a.cpuData();
        double[] y = b.cpuData();
        double[] out = new double[aOff.length * n * m];
        for (int t = 0; t < aOff.length; t++) {
            int xa = aOff[t];
            int yb = bOff[t];
            int oc = t * n * m;
            if (!ta && !tb) {
                productNN(x, xa, y, yb, out, oc, n, k, m);
            } else if (ta && !tb) {
                productTN(x, xa, y, yb, out, oc, n, k, m);
            } else if (!ta) {
                productNT(x, xa, y, yb, out, oc, n, k, m);
            } else {
                // A^T B^T = (B A)^T: compute B A into a scratch matrix, then transpose it out.
                double[] ba = new double[m * n];
                productNN(y, yb, x, xa, ba, 0, m, k, n);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        out[oc + i * m + j] = ba[j * n + i];
                    }
                }
            }
        }
        return Tensor.cpu(outShape, out);
    }

    /** C[n,m] = A[n,k] B[k,m]; row-major, inner loop over contiguous rows of B (or dot products, rows spread over {@link ChunkPool}, when m == 1). */
    private static void productNN(double[] x, int xa, double[] y, int yb, double[] out, int oc, int n, int k, int m) {
        if (m == 1) {
            product(x, xa, null, y, yb, out, oc, n, k);
            return;
        }
        for (int i = 0; i < n; i++) {
            int dst = oc + i * m;
            for (int p = 0; p < k; p++) {
                double v = x[xa + i * k + p];
                int row = yb + p * m;
                for (int j = 0; j < m; j++) {
                    out[dst + j] += v * y[row + j];
                }
            }
        }
    }

    /**
     * A v for the n rows of A, each of k entries, starting at {@code xa + i k}, or at
     * {@code xa + rows[i] k} for rows picked from a larger matrix; rows spread over {@link ChunkPool}.
     */
    private static void product(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int k) {
        ChunkPool.KERNELS.forEachChunk(n, rowGrain(k), (c, from, to) -> matvecRows(x, xa, rows, y, yb, out, oc, k, from, to));
    }

    /** Where row {@code i} of rows of {@code k} entries starts: {@code base + i k}, or {@code base + rows[i] k} for picked rows. */
    private static int rowStart(int base, int[] rows, int i, int k) {
        return base + (rows == null ? i : rows[i]) * k;
    }

    /** Rows per chunk of a matrix-vector product whose rows have {@code k} entries: a multiple of four. */
    private static int rowGrain(int k) {
        return Math.max(4, (PRODUCT_GRAIN / Math.max(k, 1)) & ~3);
    }

    /** Rows [from, to) of A v (rows as in {@link #rowStart}), v at yb, into out at oc. */
    private static void matvecRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int k, int from, int to) {
        // Four rows at a time, four columns per step: sixteen independent products share each
        // load of the vector. Unrolled by hand because the JIT's own unrolling of a short inner
        // loop whose length is not a constant costs a third more (tall, narrow designs: k ~ 20).
        int i = from;
        for (; i + 3 < to; i += 4) {
            int r0 = rowStart(xa, rows, i, k);
            int r1 = rowStart(xa, rows, i + 1, k);
            int r2 = rowStart(xa, rows, i + 2, k);
            int r3 = rowStart(xa, rows, i + 3, k);
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double v0 = y[yb + p];
                double v1 = y[yb + p + 1];
                double v2 = y[yb + p + 2];
                double v3 = y[yb + p + 3];
                s0 += x[r0 + p] * v0 + x[r0 + p + 1] * v1 + x[r0 + p + 2] * v2 + x[r0 + p + 3] * v3;
                s1 += x[r1 + p] * v0 + x[r1 + p + 1] * v1 + x[r1 + p + 2] * v2 + x[r1 + p + 3] * v3;
                s2 += x[r2 + p] * v0 + x[r2 + p + 1] * v1 + x[r2 + p + 2] * v2 + x[r2 + p + 3] * v3;
                s3 += x[r3 + p] * v0 + x[r3 + p + 1] * v1 + x[r3 + p + 2] * v2 + x[r3 + p + 3] * v3;
            }
            for (; p < k; p++) {
                double v = y[yb + p];
                s0 += x[r0 + p] * v;
                s1 += x[r1 + p] * v;
                s2 += x[r2 + p] * v;
                s3 += x[r3 + p] * v;
            }
            out[oc + i] = s0;
            out[oc + i + 1] = s1;
            out[oc + i + 2] = s2;
            out[oc + i + 3] = s3;
        }
        for (; i < to; i++) {
            out[oc + i] = dot(x, rowStart(xa, rows, i, k), y, yb, k);
        }
    }

    /**
     * The dot product of {@code k} contiguous entries. Four partial sums break the chain of
     * dependent additions that would otherwise bound a long dot product by the adder's latency.
     */
    private static double dot(double[] x, int xo, double[] y, int yo, int k) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 3 < k; p += 4) {
            s0 += x[xo + p] * y[yo + p];
            s1 += x[xo + p + 1] * y[yo + p + 1];
            s2 += x[xo + p + 2] * y[yo + p + 2];
            s3 += x[xo + p + 3] * y[yo + p + 3];
        }
        for (; p < k; p++) {
            s0 += x[xo + p] * y[yo + p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** C[n,m] = A^T B with A stored [k,n]: loop over the shared dimension outermost so both reads are contiguous. */
    private static void productTN(double[] x, int xa, double[] y, int yb, double[] out, int oc, int n, int k, int m) {
        if (m == 1) {
            transposedProduct(x, xa, null, y, yb, out, oc, n, k);
            return;
        }
        for (int p = 0; p < k; p++) {
            int arow = xa + p * n;
            int brow = yb + p * m;
            for (int i = 0; i < n; i++) {
                double v = x[arow + i];
                int dst = oc + i * m;
                for (int j = 0; j < m; j++) {
                    out[dst + j] += v * y[brow + j];
                }
            }
        }
    }

    /**
     * A^T v for the k rows of A, each of n entries (rows as in {@link #rowStart}): the rows split
     * into chunks spread over {@link ChunkPool}, each summing into its own partial result; the
     * partials are then added in chunk order, so the result does not depend on which thread ran
     * which chunk.
     */
    private static void transposedProduct(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int k) {
        int grain = rowGrain(n);
        int count = ChunkPool.chunkCount(k, grain);
        if (count <= 1) {
            axpyRows(x, xa, rows, y, yb, out, oc, n, 0, k);
            return;
        }
        double[] partial = new double[count * n];
        ChunkPool.KERNELS.forEachChunk(k, grain, (c, from, to) -> {
            // Summed in an array of its own, copied out once: neighbouring chunks' partials share
            // cache lines, and two threads adding into them row by row would bounce those lines.
            double[] sum = new double[n];
            axpyRows(x, xa, rows, y, yb, sum, 0, n, from, to);
            System.arraycopy(sum, 0, partial, c * n, n);
        });
        for (int c = 0; c < count; c++) {
            int base = c * n;
            for (int i = 0; i < n; i++) {
                out[oc + i] += partial[base + i];
            }
        }
    }

    /** out[oc + i] += sum over rows p in [from, to) of A[p, i] v[p] (rows as in {@link #rowStart}), v at yb. */
    private static void axpyRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int from, int to) {
        // Axpys of the rows of A into the result, four rows per pass so the result is loaded and
        // stored a quarter as often, and four entries per step (unrolled by hand, as in
        // matvecRows, for short rows).
        int p = from;
        for (; p + 3 < to; p += 4) {
            double v0 = y[yb + p];
            double v1 = y[yb + p + 1];
            double v2 = y[yb + p + 2];
            double v3 = y[yb + p + 3];
            int r0 = rowStart(xa, rows, p, n);
            int r1 = rowStart(xa, rows, p + 1, n);
            int r2 = rowStart(xa, rows, p + 2, n);
            int r3 = rowStart(xa, rows, p + 3, n);
            int i = 0;
            for (; i + 3 < n; i += 4) {
                out[oc + i] += x[r0 + i] * v0 + x[r1 + i] * v1 + x[r2 + i] * v2 + x[r3 + i] * v3;
                out[oc + i + 1] += x[r0 + i + 1] * v0 + x[r1 + i + 1] * v1 + x[r2 + i + 1] * v2 + x[r3 + i + 1] * v3;
                out[oc + i + 2] += x[r0 + i + 2] * v0 + x[r1 + i + 2] * v1 + x[r2 + i + 2] * v2 + x[r3 + i + 2] * v3;
                out[oc + i + 3] += x[r0 + i + 3] * v0 + x[r1 + i + 3] * v1 + x[r2 + i + 3] * v2 + x[r3 + i + 3] * v3;
            }
            for (; i < n; i++) {
                out[oc + i] += x[r0 + i] * v0 + x[r1 + i] * v1 + x[r2 + i] * v2 + x[r3 + i] * v3;
            }
        }
        for (; p < to; p++) {
            double v = y[yb + p];
            int arow = rowStart(xa, rows, p, n);
            for (int i = 0; i < n; i++) {
                out[oc + i] += x[arow + i] * v;
            }
        }
    }

    /** C[n,m] = A B^T with B stored [m,k]: every entry is a dot product of two contiguous rows. */
    private static void productNT(double[] x, int xa, double[] y, int yb, double[] out, int oc, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int arow = xa + i * k;
            for (int j = 0; j < m; j++) {
                out[oc + i * m + j] = dot(x, arow, y, yb + j * k, k);
            }
        }
    }

    /** For each batch index of {@code batch}, the offset of the matching matrix in a tensor whose batch shape {@code own} broadcasts to it. */
    private static int[] batchOffsets(int[] own, int[] batch, int matrixSize) {
        int count = Shape.numel(batch);
        int[] offsets = new int[count];
        int[] s = broadcastStrides(own, batch);
        int[] idx = new int[batch.length];
        int o = 0;
        for (int i = 0; i < count; i++) {
            offsets[i] = o * matrixSize;
            o = advance(idx, batch, s, o);
        }
        return offsets;
    }

    @Override
    public Tensor cholesky(Tensor a) {
        int[] shape = a.shapeRef();
        int n = shape[shape.length - 1];
        double[] in = a.cpuData();
        double[] out = new double[in.length];
        for (int base = 0; base < in.length; base += n * n) {
            for (int j = 0; j < n; j++) {
                double d = in[base + j * n + j];
                for (int p = 0; p < j; p++) {
                    d -= out[base + j * n + p] * out[base + j * n + p];
                }
                if (!(d > 0.0)) {
                    throw new ArithmeticException("cholesky: matrix " + (base / (n * n)) + " is not positive-definite (pivot "
                            + j + " is " + d + ")");
                }
                double ljj = Math.sqrt(d);
                out[base + j * n + j] = ljj;
                for (int i = j + 1; i < n; i++) {
                    double s = in[base + i * n + j];
                    for (int p = 0; p < j; p++) {
                        s -= out[base + i * n + p] * out[base + j * n + p];
                    }
                    out[base + i * n + j] = s / ljj;
                }
            }
        }
        return Tensor.cpu(shape, out);
    }

    @Override
    public Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA, int[] outShape) {
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        int n = as[as.length - 1];
        int m = bs[bs.length - 1];
        int[] batch = Shape.slice(outShape, 0, outShape.length - 2);
        int[] aOff = batchOffsets(Shape.slice(as, 0, as.length - 2), batch, n * n);
        int[] bOff = batchOffsets(Shape.slice(bs, 0, bs.length - 2), batch, n * m);
        double[] x = a.cpuData();
        double[] y = b.cpuData();
        double[] out = new double[aOff.length * n * m];
        // op(A) is lower-triangular when A is lower and not transposed, or upper and transposed.
        boolean effectiveLower = lower != transposeA;
        for (int t = 0; t < aOff.length; t++) {
            int ab = aOff[t];
            int bb = bOff[t];
            int ob = t * n * m;
            for (int c = 0; c < m; c++) {
                for (int step = 0; step < n; step++) {
                    int i = effectiveLower ? step : n - 1 - step;
                    double s = y[bb + i * m + c];
                    for (int step2 = 0; step2 < step; step2++) {
                        int j = effectiveLower ? step2 : n - 1 - step2;
                        double aij = transposeA ? x[ab + j * n + i] : x[ab + i * n + j];
                        s -= aij * out[ob + j * m + c];
                    }
                    out[ob + i * m + c] = s / x[ab + i * n + i];
                }
            }
        }
        return Tensor.cpu(outShape, out);
    }

    @Override
    public Tensor diagonal(Tensor x) {
        int[] shape = x.shapeRef();
        int n = shape[shape.length - 1];
        double[] in = x.cpuData();
        int count = in.length / Math.max(1, n * n);
        double[] out = new double[count * n];
        for (int t = 0; t < count; t++) {
            for (int i = 0; i < n; i++) {
                out[t * n + i] = in[t * n * n + i * n + i];
            }
        }
        return Tensor.cpu(Shape.slice(shape, 0, shape.length - 1), out);
    }

    @Override
    public Tensor diagEmbed(Tensor x) {
        int[] shape = x.shapeRef();
        int n = shape[shape.length - 1];
        double[] in = x.cpuData();
        int count = in.length / Math.max(1, n);
        double[] out = new double[count * n * n];
        for (int t = 0; t < count; t++) {
            for (int i = 0; i < n; i++) {
                out[t * n * n + i * n + i] = in[t * n + i];
            }
        }
        return Tensor.cpu(Shape.concat(shape, new int[] {n}), out);
    }

    @Override
    public Tensor tril(Tensor x, int k) {
        int[] shape = x.shapeRef();
        int r = shape[shape.length - 2];
        int c = shape[shape.length - 1];
        double[] out = x.cpuData().clone();
        for (int base = 0; base < out.length; base += r * c) {
            for (int i = 0; i < r; i++) {
                for (int j = Math.max(0, i + k + 1); j < c; j++) {
                    out[base + i * c + j] = 0.0;
                }
            }
        }
        return Tensor.cpu(shape, out);
    }
}
