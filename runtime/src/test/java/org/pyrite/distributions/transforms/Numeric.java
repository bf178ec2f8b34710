package org.pyrite.distributions.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.pyrite.tensor.Tensor;

/** Finite differences, determinants and tensor comparisons for the transform tests. */
final class Numeric {
    private Numeric() {}

    /** {@code log |det a|} by LU decomposition with partial pivoting ({@code a} is not modified). */
    static double logAbsDet(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("not square: " + n + " rows, row " + i + " has " + a[i].length);
            }
            m[i] = a[i].clone();
        }
        double logDet = 0;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i][k]) > Math.abs(m[p][k])) {
                    p = i;
                }
            }
            double[] t = m[k];
            m[k] = m[p];
            m[p] = t;
            double pivot = m[k][k];
            if (pivot == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            logDet += Math.log(Math.abs(pivot));
            for (int i = k + 1; i < n; i++) {
                double f = m[i][k] / pivot;
                for (int j = k; j < n; j++) {
                    m[i][j] -= f * m[k][j];
                }
            }
        }
        return logDet;
    }

    /** Asserts equal shapes and {@code |a - e| <= tol (1 + |e|)} element-wise. */
    static void assertClose(Tensor actual, Tensor expected, double tol, String what) {
        assertThat(actual.shape()).as(what + ": shape").containsExactly(expected.shape());
        assertClose(actual.toArray(), expected.toArray(), tol, what);
    }

    /** Asserts {@code |a - e| <= tol (1 + |e|)} element-wise. */
    static void assertClose(double[] actual, double[] expected, double tol, String what) {
        assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            double bound = tol * (1 + Math.abs(expected[i]));
            if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
                throw new AssertionError(what + ": entry " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (tolerance " + bound + ")\n  actual   " + Arrays.toString(actual)
                        + "\n  expected " + Arrays.toString(expected));
            }
        }
    }

    /** The product of the entries of {@code s} from {@code from} on. */
    static int numel(int[] s, int from) {
        int n = 1;
        for (int i = from; i < s.length; i++) {
            n *= s[i];
        }
        return n;
    }
}
