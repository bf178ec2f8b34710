package org.pyrite.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sums and products of {@link VectorKernels}: lane-wise partial sums, matrix-vector products
 * on contiguous or picked rows and their transposes, and register-blocked matrix products. Like
 * {@code VectorKernels}, loaded only when the JVM has the module {@code jdk.incubator.vector}.
 */
final class VectorProducts {
    private VectorProducts() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Rows shorter than this take the scalar dot product: each row's lane sum (L dependent
     * additions) costs more than the lanes save. Measured on AVX-512 (L = 8), X w over 200,000
     * doubles, one thread: the vector loop took 111 us at k = 8 (scalar 69), 68 at k = 20 (scalar
     * 57), 55 at k = 24 (scalar 55) and 42 at k = 32 (scalar 54).
     */
    private static final int SHORT_ROW = 3 * L;


    static double sum(double[] a, int from, int len) {
        int end = from + len;
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        int i = from;
        for (; i + 2 * L <= end; i += 2 * L) {
            s0 = s0.add(DoubleVector.fromArray(S, a, i));
            s1 = s1.add(DoubleVector.fromArray(S, a, i + L));
        }
        for (; i + L <= end; i += L) {
            s0 = s0.add(DoubleVector.fromArray(S, a, i));
        }
        double[] lanes = new double[L];
        s0.add(s1).intoArray(lanes, 0);
        double s = laneSum(lanes, 0);
        for (; i < end; i++) {
            s += a[i];
        }
        return s;
    }

    static double dot(double[] x, int xo, double[] y, int yo, int k) {
        if (k < SHORT_ROW) {
            return ScalarKernels.INSTANCE.dot(x, xo, y, yo, k);
        }
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        int p = 0;
        for (; p + 2 * L <= k; p += 2 * L) {
            s0 = DoubleVector.fromArray(S, x, xo + p).fma(DoubleVector.fromArray(S, y, yo + p), s0);
            s1 = DoubleVector.fromArray(S, x, xo + p + L).fma(DoubleVector.fromArray(S, y, yo + p + L), s1);
        }
        for (; p + L <= k; p += L) {
            s0 = DoubleVector.fromArray(S, x, xo + p).fma(DoubleVector.fromArray(S, y, yo + p), s0);
        }
        double[] lanes = new double[L];
        s0.add(s1).intoArray(lanes, 0);
        double s = laneSum(lanes, 0);
        for (; p < k; p++) {
            s += x[xo + p] * y[yo + p];
        }
        return s;
    }

    /**
     * The sum of the L lanes stored at {@code from}, in lane order. Not {@code reduceLanes(ADD)}:
     * its order of additions is unspecified, and differed between the JIT's compiled code and the
     * API's Java fallback that runs before it (Java 25), so a product's last bits changed between
     * the first calls and later ones.
     */
    private static double laneSum(double[] lanes, int from) {
        double s = 0;
        for (int j = from; j < from + L; j++) {
            s += lanes[j];
        }
        return s;
    }

    private static int rowStart(int base, int[] rows, int i, int k) {
        return base + (rows == null ? i : rows[i]) * k;
    }

    static void matvecRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int k, int from, int to) {
        if (k < SHORT_ROW) {
            ScalarKernels.INSTANCE.matvecRows(x, xa, rows, y, yb, out, oc, k, from, to);
            return;
        }
        int kv = k - k % L;
        double[] lanes = new double[4 * L];
        // Four rows share each load of the vector; one lane-sum per row at the end.
        int i = from;
        for (; i + 3 < to; i += 4) {
            int r0 = rowStart(xa, rows, i, k);
            int r1 = rowStart(xa, rows, i + 1, k);
            int r2 = rowStart(xa, rows, i + 2, k);
            int r3 = rowStart(xa, rows, i + 3, k);
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                DoubleVector v = DoubleVector.fromArray(S, y, yb + p);
                s0 = DoubleVector.fromArray(S, x, r0 + p).fma(v, s0);
                s1 = DoubleVector.fromArray(S, x, r1 + p).fma(v, s1);
                s2 = DoubleVector.fromArray(S, x, r2 + p).fma(v, s2);
                s3 = DoubleVector.fromArray(S, x, r3 + p).fma(v, s3);
            }
            s0.intoArray(lanes, 0);
            s1.intoArray(lanes, L);
            s2.intoArray(lanes, 2 * L);
            s3.intoArray(lanes, 3 * L);
            double t0 = laneSum(lanes, 0);
            double t1 = laneSum(lanes, L);
            double t2 = laneSum(lanes, 2 * L);
            double t3 = laneSum(lanes, 3 * L);
            for (int p = kv; p < k; p++) {
                double v = y[yb + p];
                t0 += x[r0 + p] * v;
                t1 += x[r1 + p] * v;
                t2 += x[r2 + p] * v;
                t3 += x[r3 + p] * v;
            }
            out[oc + i] = t0;
            out[oc + i + 1] = t1;
            out[oc + i + 2] = t2;
            out[oc + i + 3] = t3;
        }
        for (; i < to; i++) {
            out[oc + i] = dot(x, rowStart(xa, rows, i, k), y, yb, k);
        }
    }

    static void axpyRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int from, int to) {
        // The result's columns in blocks of up to four vectors, held in registers over all the
        // rows, so each row costs its loads and one multiply-add per vector, nothing stored.
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            DoubleVector c0 = DoubleVector.fromArray(S, out, oc + i);
            DoubleVector c1 = DoubleVector.fromArray(S, out, oc + i + L);
            DoubleVector c2 = DoubleVector.fromArray(S, out, oc + i + 2 * L);
            DoubleVector c3 = DoubleVector.fromArray(S, out, oc + i + 3 * L);
            for (int p = from; p < to; p++) {
                int r = rowStart(xa, rows, p, n) + i;
                DoubleVector v = DoubleVector.broadcast(S, y[yb + p]);
                c0 = DoubleVector.fromArray(S, x, r).fma(v, c0);
                c1 = DoubleVector.fromArray(S, x, r + L).fma(v, c1);
                c2 = DoubleVector.fromArray(S, x, r + 2 * L).fma(v, c2);
                c3 = DoubleVector.fromArray(S, x, r + 3 * L).fma(v, c3);
            }
            c0.intoArray(out, oc + i);
            c1.intoArray(out, oc + i + L);
            c2.intoArray(out, oc + i + 2 * L);
            c3.intoArray(out, oc + i + 3 * L);
        }
        if (i + 2 * L <= n) {
            DoubleVector c0 = DoubleVector.fromArray(S, out, oc + i);
            DoubleVector c1 = DoubleVector.fromArray(S, out, oc + i + L);
            for (int p = from; p < to; p++) {
                int r = rowStart(xa, rows, p, n) + i;
                DoubleVector v = DoubleVector.broadcast(S, y[yb + p]);
                c0 = DoubleVector.fromArray(S, x, r).fma(v, c0);
                c1 = DoubleVector.fromArray(S, x, r + L).fma(v, c1);
            }
            c0.intoArray(out, oc + i);
            c1.intoArray(out, oc + i + L);
            i += 2 * L;
        }
        if (i + L <= n) {
            DoubleVector c0 = DoubleVector.fromArray(S, out, oc + i);
            for (int p = from; p < to; p++) {
                c0 = DoubleVector.fromArray(S, x, rowStart(xa, rows, p, n) + i).fma(DoubleVector.broadcast(S, y[yb + p]), c0);
            }
            c0.intoArray(out, oc + i);
            i += L;
        }
        if (i < n) {
            // The last columns, fewer than a vector: four at a time in scalar registers.
            int w = n - i;
            double a0 = out[oc + i];
            double a1 = w > 1 ? out[oc + i + 1] : 0.0;
            double a2 = w > 2 ? out[oc + i + 2] : 0.0;
            double a3 = w > 3 ? out[oc + i + 3] : 0.0;
            if (w <= 4) {
                for (int p = from; p < to; p++) {
                    int r = rowStart(xa, rows, p, n) + i;
                    double v = y[yb + p];
                    a0 += x[r] * v;
                    if (w > 1) {
                        a1 += x[r + 1] * v;
                    }
                    if (w > 2) {
                        a2 += x[r + 2] * v;
                    }
                    if (w > 3) {
                        a3 += x[r + 3] * v;
                    }
                }
                out[oc + i] = a0;
                if (w > 1) {
                    out[oc + i + 1] = a1;
                }
                if (w > 2) {
                    out[oc + i + 2] = a2;
                }
                if (w > 3) {
                    out[oc + i + 3] = a3;
                }
            } else {
                for (int p = from; p < to; p++) {
                    int r = rowStart(xa, rows, p, n);
                    double v = y[yb + p];
                    for (int j = i; j < n; j++) {
                        out[oc + j] += x[r + j] * v;
                    }
                }
            }
        }
    }

    static void gemmRows(double[] x, int xa, int ai, int ap, double[] y, int yb, double[] out, int oc, int k, int m, int from, int to) {
        // Blocks of four rows of C by two vectors of columns: eight accumulators in registers
        // over the whole shared dimension: per step two loads of B, four broadcasts of A,
        // eight multiply-adds.
        int i = from;
        for (; i + 3 < to; i += 4) {
            int j = 0;
            for (; j + 2 * L <= m; j += 2 * L) {
                block4x2(x, xa + i * ai, ai, ap, y, yb + j, out, oc + i * m + j, k, m);
            }
            for (; j < m; j++) {
                int a = xa + i * ai;
                double t0 = 0;
                double t1 = 0;
                double t2 = 0;
                double t3 = 0;
                for (int p = 0; p < k; p++) {
                    double b = y[yb + p * m + j];
                    int ao = a + p * ap;
                    t0 += x[ao] * b;
                    t1 += x[ao + ai] * b;
                    t2 += x[ao + 2 * ai] * b;
                    t3 += x[ao + 3 * ai] * b;
                }
                int o = oc + i * m + j;
                out[o] = t0;
                out[o + m] = t1;
                out[o + 2 * m] = t2;
                out[o + 3 * m] = t3;
            }
        }
        for (; i < to; i++) {
            int a = xa + i * ai;
            int dst = oc + i * m;
            int j = 0;
            for (; j + L <= m; j += L) {
                DoubleVector c = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    c = DoubleVector.fromArray(S, y, yb + p * m + j).fma(DoubleVector.broadcast(S, x[a + p * ap]), c);
                }
                c.intoArray(out, dst + j);
            }
            for (; j < m; j++) {
                double t = 0;
                for (int p = 0; p < k; p++) {
                    t += x[a + p * ap] * y[yb + p * m + j];
                }
                out[dst + j] = t;
            }
        }
    }

    /** C[4 rows, 2 vectors] = op(A)[4 rows, k] B[k, 2 vectors]; a: op(A)'s first row, b: B's first column, c: C's corner. */
    private static void block4x2(double[] x, int a, int ai, int ap, double[] y, int b, double[] out, int c, int k, int m) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
            int row = b + p * m;
            DoubleVector b0 = DoubleVector.fromArray(S, y, row);
            DoubleVector b1 = DoubleVector.fromArray(S, y, row + L);
            int ao = a + p * ap;
            DoubleVector a0 = DoubleVector.broadcast(S, x[ao]);
            DoubleVector a1 = DoubleVector.broadcast(S, x[ao + ai]);
            DoubleVector a2 = DoubleVector.broadcast(S, x[ao + 2 * ai]);
            DoubleVector a3 = DoubleVector.broadcast(S, x[ao + 3 * ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        c00.intoArray(out, c);
        c01.intoArray(out, c + L);
        c10.intoArray(out, c + m);
        c11.intoArray(out, c + m + L);
        c20.intoArray(out, c + 2 * m);
        c21.intoArray(out, c + 2 * m + L);
        c30.intoArray(out, c + 3 * m);
        c31.intoArray(out, c + 3 * m + L);
    }
}
