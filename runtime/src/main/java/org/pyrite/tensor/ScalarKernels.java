package org.pyrite.tensor;

import java.util.Arrays;

/**
 * The kernels in plain Java: what every JVM runs without the Vector API module. Transcendentals
 * come from {@link ScalarMath}; the products are unrolled by hand where C2 would not do as well.
 */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public double exp(double x) {
        return ScalarMath.exp(x);
    }

    @Override
    public double log(double x) {
        return Math.log(x);
    }

    @Override
    public double log1p(double x) {
        return ScalarMath.log1p(x);
    }

    @Override
    public void exp(double[] x, double[] out, int from, int to) {
        ScalarMath.exp(x, out, from, to);
    }

    @Override
    public void log(double[] x, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.log(x[i]);
        }
    }

    @Override
    public void log1p(double[] x, double[] out, int from, int to) {
        ScalarMath.log1p(x, out, from, to);
    }

    @Override
    public void sigmoid(double[] x, double[] out, int from, int to) {
        ScalarMath.sigmoid(x, out, from, to);
    }

    /**
     * {@code out = sign * softplus(sign * x)} as {@code max(x, 0) + log1p(e^-|x|)}, one loop per
     * function: C2 compiles a loop that calls both exp and log1p three times slower than the two
     * loops together.
     */
    @Override
    public void softplus(double[] x, double sign, double[] out, int from, int to) {
        ScalarMath.expMinusAbs(x, out, from, to);
        ScalarMath.log1p(out, out, from, to);
        for (int i = from; i < to; i++) {
            out[i] = sign * (Math.max(sign * x[i], 0.0) + out[i]);
        }
    }

    /** e^-|z|, log1p of it, then the rest, in separate loops as in softplus. */
    @Override
    public void bernoulliLogits(double[] z, double[] y, double[] e, double[] logProb, boolean withScore, int from, int to) {
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

    /** The sum of {@code len} contiguous entries, with four partial sums (see {@link #dot}). */
    @Override
    public double sum(double[] a, int from, int len) {
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

    /** Rows [from, to) of A v (rows as in {@link #rowStart}), v at yb, into out at oc. */
    @Override
    public void matvecRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int k, int from, int to) {
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
    @Override
    public double dot(double[] x, int xo, double[] y, int yo, int k) {
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

    /** out[oc + i] += sum over rows p in [from, to) of A[p, i] v[p] (rows as in {@link #rowStart}), v at yb. */
    @Override
    public void axpyRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int from, int to) {
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

    /** Where row {@code i} of rows of {@code k} entries starts: {@code base + i k}, or {@code base + rows[i] k} for picked rows. */
    private static int rowStart(int base, int[] rows, int i, int k) {
        return base + (rows == null ? i : rows[i]) * k;
    }

    @Override
    public void gemmRows(double[] x, int xa, int ai, int ap, double[] y, int yb, double[] out, int oc, int k, int m, int from, int to) {
        // Row by row, an axpy of each row of B into the row of C: the inner loop runs over
        // contiguous entries, which C2 vectorises on its own.
        for (int i = from; i < to; i++) {
            int dst = oc + i * m;
            Arrays.fill(out, dst, dst + m, 0.0);
            for (int p = 0; p < k; p++) {
                double v = x[xa + i * ai + p * ap];
                int row = yb + p * m;
                for (int j = 0; j < m; j++) {
                    out[dst + j] += v * y[row + j];
                }
            }
        }
    }
}
