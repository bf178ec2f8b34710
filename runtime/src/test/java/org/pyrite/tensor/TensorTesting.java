package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/**
 * Seeded generators of test tensors, plain-Java reference implementations (written with
 * div/mod index arithmetic, independently of the backend's strided loops) and value assertions.
 */
final class TensorTesting {
    private TensorTesting() {}

    /** A fresh generator; every test uses a fixed seed so a failure reproduces. */
    static SplittableRandom rng(long seed) {
        return new SplittableRandom(seed);
    }

    /** Uniform values in {@code [lo, hi)}. */
    static Tensor uniform(SplittableRandom r, double lo, double hi, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Tensor.fromArray(d, shape);
    }

    /** Uniform magnitudes in {@code [lo, hi)} with a random sign: values kept away from zero. */
    static Tensor awayFromZero(SplittableRandom r, double lo, double hi, int... shape) {
        double[] d = uniform(r, lo, hi, shape).toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextBoolean() ? d[i] : -d[i];
        }
        return Tensor.fromArray(d, shape);
    }

    /**
     * Values {@code offset + step * k} with random integer {@code k} in {@code [-kmax, kmax]}: two
     * grids with offsets differing by half a step never tie, and stay {@code step / 2} apart, far
     * beyond any finite-difference step.
     */
    static Tensor grid(SplittableRandom r, double step, double offset, int kmax, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = offset + step * (r.nextInt(2 * kmax + 1) - kmax);
        }
        return Tensor.fromArray(d, shape);
    }

    /** Distinct values {@code 0.25 * k - 1} in random order, so max/min have a unique arg and a gap of 0.25. */
    static Tensor distinct(SplittableRandom r, int... shape) {
        int n = Shape.numel(shape);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 0.25 * i - 1.0;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return Tensor.fromArray(d, shape);
    }

    /** A random symmetric positive-definite matrix (batched): {@code M M^T + n I}, well-conditioned. */
    static Tensor spd(SplittableRandom r, int... shape) {
        int n = shape[shape.length - 1];
        double[] m = uniform(r, -1, 1, shape).toArray();
        double[] out = new double[m.length];
        for (int b = 0; b < m.length; b += n * n) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? n : 0.0;
                    for (int k = 0; k < n; k++) {
                        s += m[b + i * n + k] * m[b + j * n + k];
                    }
                    out[b + i * n + j] = s;
                }
            }
        }
        return Tensor.fromArray(out, shape);
    }

    // ------------------------------------------------------------------ index arithmetic

    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + idx[d];
        }
        return flat;
    }

    /** The flat index into {@code from} of output index {@code outIdx} when {@code from} is broadcast to the output. */
    static int broadcastIndex(int[] outIdx, int[] from) {
        int off = outIdx.length - from.length;
        int[] idx = new int[from.length];
        for (int d = 0; d < from.length; d++) {
            idx[d] = from[d] == 1 ? 0 : outIdx[d + off];
        }
        return ravel(idx, from);
    }

    /** {@code x} of shape {@code from} broadcast to shape {@code to}, as a plain array. */
    static double[] broadcastTo(double[] x, int[] from, int[] to) {
        double[] out = new double[Shape.numel(to)];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[broadcastIndex(unravel(i, to), from)];
        }
        return out;
    }

    /** The numpy broadcast shape, computed independently of {@link Shape#broadcast}. */
    static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Reference element-wise binary op with broadcasting. */
    static double[] refBinary(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] out = broadcastShape(a.shape(), b.shape());
        double[] x = broadcastTo(a.toArray(), a.shape(), out);
        double[] y = broadcastTo(b.toArray(), b.shape(), out);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(x[i], y[i]);
        }
        return r;
    }

    // ------------------------------------------------------------------ assertions

    /** Same shape, and every value within {@code rtol * max(1, |expected|)} (NaN and infinities must match exactly). */
    static void assertTensor(Tensor actual, int[] shape, double[] expected, double rtol) {
        assertThat(actual.shape()).as("shape").containsExactly(shape);
        assertValues(actual.toArray(), expected, rtol);
    }

    static void assertValues(double[] actual, double[] expected, double rtol) {
        assertThat(actual).as("number of values").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                if (Double.compare(a, e) != 0) {
                    fail("element " + i + ": expected " + e + " but was " + a
                            + "\nactual:   " + Arrays.toString(actual) + "\nexpected: " + Arrays.toString(expected));
                }
                continue;
            }
            if (!(Math.abs(a - e) <= rtol * Math.max(1.0, Math.abs(e)))) {
                fail("element " + i + ": expected " + e + " but was " + a + " (rtol " + rtol + ")"
                        + "\nactual:   " + Arrays.toString(actual) + "\nexpected: " + Arrays.toString(expected));
            }
        }
    }

    static String shapeName(int[] s) {
        return Arrays.toString(s);
    }
}
