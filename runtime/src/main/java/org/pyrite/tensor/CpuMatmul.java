package org.pyrite.tensor;

import org.pyrite.concurrent.ChunkPool;

/**
 * Matrix products of the CPU backend: batched {@code op(A) op(B)}, matrix-vector products on
 * contiguous or picked rows ({@link RowGather}), their transposes, spread over {@link ChunkPool}
 * when the work pays for the hand-off. The inner loops are {@link Kernels}.
 */
final class CpuMatmul {
    private CpuMatmul() {}

    private static final Kernels K = ActiveKernels.KERNELS;

    /** Multiply-adds per chunk of a product spread over {@link ChunkPool}: a few microseconds. */
    private static final int PRODUCT_GRAIN = 8192;

    // What each product costs per multiply-add, learned by the pool to decide when a second thread pays.
    private static final ChunkPool.Work WORK_GEMM = new ChunkPool.Work("matrix product");
    private static final ChunkPool.Work WORK_MATVEC = new ChunkPool.Work("matrix-vector product");
    private static final ChunkPool.Work WORK_MATVEC_T = new ChunkPool.Work("transposed matrix-vector product");

    static Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb, int[] outShape) {
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

    /** C[n,m] = A[n,k] B[k,m] (dot products of rows when m == 1). */
    private static void productNN(double[] x, int xa, double[] y, int yb, double[] out, int oc, int n, int k, int m) {
        if (m == 1) {
            product(x, xa, null, y, yb, out, oc, n, k);
            return;
        }
        gemm(x, xa, k, 1, y, yb, out, oc, n, k, m);
    }

    /** C[n,m] = A^T B with A stored [k,n] (a transposed matrix-vector product when m == 1). */
    private static void productTN(double[] x, int xa, double[] y, int yb, double[] out, int oc, int n, int k, int m) {
        if (m == 1) {
            transposedProduct(x, xa, null, y, yb, out, oc, n, k);
            return;
        }
        gemm(x, xa, 1, n, y, yb, out, oc, n, k, m);
    }

    /**
     * C[n,m] = A B^T with B stored [m,k]: B is transposed into a scratch [k,m] first, so the
     * product reads rows of B^T as the other two do (m k copies against n m k multiply-adds).
     */
    private static void productNT(double[] x, int xa, double[] y, int yb, double[] out, int oc, int n, int k, int m) {
        if (n == 1 || m == 1) {
            // A row vector or a column: dot products of contiguous rows, nothing to gain from a copy.
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    out[oc + i * m + j] = K.dot(x, xa + i * k, y, yb + j * k, k);
                }
            }
            return;
        }
        double[] bt = new double[k * m];
        for (int j = 0; j < m; j++) {
            int row = yb + j * k;
            for (int p = 0; p < k; p++) {
                bt[p * m + j] = y[row + p];
            }
        }
        gemm(x, xa, k, 1, bt, 0, out, oc, n, k, m);
    }

    /** C[n,m] = op(A) B (op(A) as in {@link Kernels#gemmRows}), rows of C spread over {@link ChunkPool}. */
    private static void gemm(double[] x, int xa, int ai, int ap, double[] y, int yb, double[] out, int oc, int n, int k, int m) {
        int work = Math.max(1, k * m);
        int grain = Math.max(4, (PRODUCT_GRAIN * 4 / work) & ~3);
        ChunkPool.KERNELS.forEachChunk(WORK_GEMM, (long) k * m, n, grain, (c, from, to) -> K.gemmRows(x, xa, ai, ap, y, yb, out, oc, k, m, from, to));
    }

    /**
     * A v for the n rows of A, each of k entries, starting at {@code xa + i k}, or at
     * {@code xa + rows[i] k} for rows picked from a larger matrix; rows spread over {@link ChunkPool}.
     */
    private static void product(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int k) {
        ChunkPool.KERNELS.forEachChunk(WORK_MATVEC, k, n, rowGrain(k), (c, from, to) -> K.matvecRows(x, xa, rows, y, yb, out, oc, k, from, to));
    }

    /** Rows per chunk of a matrix-vector product whose rows have {@code k} entries: a multiple of four. */
    private static int rowGrain(int k) {
        return Math.max(4, (PRODUCT_GRAIN / Math.max(k, 1)) & ~3);
    }

    /**
     * A^T v for the k rows of A, each of n entries (rows as in {@link Kernels#matvecRows}): the
     * rows split into chunks spread over {@link ChunkPool}, each summing into its own partial
     * result; the partials are then added in chunk order, so the result does not depend on which
     * thread ran which chunk.
     */
    private static void transposedProduct(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int k) {
        int grain = rowGrain(n);
        int count = ChunkPool.chunkCount(k, grain);
        if (count <= 1) {
            K.axpyRows(x, xa, rows, y, yb, out, oc, n, 0, k);
            return;
        }
        double[] partial = new double[count * n];
        ChunkPool.KERNELS.forEachChunk(WORK_MATVEC_T, n, k, grain, (c, from, to) -> {
            // Summed in an array of its own, copied out once: neighbouring chunks' partials share
            // cache lines, and two threads adding into them row by row would bounce those lines.
            double[] sum = new double[n];
            K.axpyRows(x, xa, rows, y, yb, sum, 0, n, from, to);
            System.arraycopy(sum, 0, partial, c * n, n);
        });
        for (int c = 0; c < count; c++) {
            int base = c * n;
            for (int i = 0; i < n; i++) {
                out[oc + i] += partial[base + i];
            }
        }
    }

    /** For each batch index of {@code batch}, the offset of the matching matrix in a tensor whose batch shape {@code own} broadcasts to it. */
    static int[] batchOffsets(int[] own, int[] batch, int matrixSize) {
        int count = Shape.numel(batch);
        int[] offsets = new int[count];
        int[] s = Strides.broadcast(own, batch);
        int[] idx = new int[batch.length];
        int o = 0;
        for (int i = 0; i < count; i++) {
            offsets[i] = o * matrixSize;
            o = Strides.advance(idx, batch, s, o);
        }
        return offsets;
    }
}
