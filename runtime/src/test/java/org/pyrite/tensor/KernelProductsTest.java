package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product and sum kernels this JVM runs (scalar, or the Vector API ones with the module; the
 * build runs this class both ways) against plain loops, for lengths on both sides of every vector
 * width, on contiguous and on picked rows. Tolerance: a few ulps of the sum of the terms' magnitudes,
 * the bound of any order of summation.
 */
class KernelProductsTest {
    private static final Kernels K = ActiveKernels.KERNELS;

    private static double[] random(SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        return a;
    }

    private static double tolerance(double magnitude, int terms) {
        return 4 * terms * Math.ulp(Math.max(magnitude, Double.MIN_NORMAL));
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 20, 31, 33, 64, 100})
    void matrixVectorProductsOnContiguousAndPickedRows(int k) {
        SplittableRandom rng = new SplittableRandom(k);
        int source = 41;
        double[] x = random(rng, 3 + source * k);
        double[] v = random(rng, k + 2);
        int[] rows = new int[23];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rng.nextInt(source);
        }
        for (int[] picked : new int[][] {null, rows}) {
            int n = picked == null ? source : picked.length;
            double[] out = new double[n + 1];
            out[n] = 99.0;
            K.matvecRows(x, 3, picked, v, 2, out, 0, k, 0, n);
            for (int i = 0; i < n; i++) {
                int r = 3 + (picked == null ? i : picked[i]) * k;
                double want = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    want += x[r + p] * v[2 + p];
                    mag += Math.abs(x[r + p] * v[2 + p]);
                }
                assertThat(out[i]).as("row %d", i).isCloseTo(want, within(tolerance(mag, k)));
            }
            assertThat(out[n]).isEqualTo(99.0);
            // A^T w over rows [2, n - 1), added into what is there.
            double[] w = random(rng, n);
            double[] acc = random(rng, k);
            double[] got = acc.clone();
            K.axpyRows(x, 3, picked, w, 0, got, 0, k, 2, n - 1);
            for (int j = 0; j < k; j++) {
                double want = acc[j];
                double mag = Math.abs(acc[j]);
                for (int i = 2; i < n - 1; i++) {
                    double term = x[3 + (picked == null ? i : picked[i]) * k + j] * w[i];
                    want += term;
                    mag += Math.abs(term);
                }
                assertThat(got[j]).as("column %d", j).isCloseTo(want, within(tolerance(mag, n)));
            }
        }
    }

    @ParameterizedTest(name = "k = m = {0}")
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 16, 17, 20, 33, 40})
    void matrixProductsPlainAndTransposed(int size) {
        SplittableRandom rng = new SplittableRandom(100 + size);
        int n = 11;
        int k = size;
        int m = size + 3;
        double[] a = random(rng, 5 + n * k);
        double[] b = random(rng, 7 + k * m);
        for (boolean transposed : new boolean[] {false, true}) {
            // op(A)[i, p] = a[5 + i ai + p ap]: A stored [n, k], or A^T with A stored [k, n].
            int ai = transposed ? 1 : k;
            int ap = transposed ? n : 1;
            double[] out = new double[n * m + 2];
            java.util.Arrays.fill(out, 42.0);
            // Rows [1, n - 1): the others keep their 42.
            K.gemmRows(a, 5, ai, ap, b, 7, out, 2, k, m, 1, n - 1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double want = 0;
                    double mag = 0;
                    for (int p = 0; p < k; p++) {
                        double term = a[5 + i * ai + p * ap] * b[7 + p * m + j];
                        want += term;
                        mag += Math.abs(term);
                    }
                    double got = out[2 + i * m + j];
                    if (i == 0 || i == n - 1) {
                        assertThat(got).as("untouched row %d", i).isEqualTo(42.0);
                    } else {
                        assertThat(got).as("C[%d, %d], transposed %s", i, j, transposed).isCloseTo(want, within(tolerance(mag, k)));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 3, 8, 15, 16, 17, 100, 1001})
    void sumsAndDotProducts(int len) {
        SplittableRandom rng = new SplittableRandom(200 + len);
        double[] a = random(rng, len + 4);
        double[] b = random(rng, len + 4);
        double sum = 0;
        double dot = 0;
        double sumMag = 0;
        double dotMag = 0;
        for (int i = 0; i < len; i++) {
            sum += a[3 + i];
            sumMag += Math.abs(a[3 + i]);
            dot += a[3 + i] * b[1 + i];
            dotMag += Math.abs(a[3 + i] * b[1 + i]);
        }
        assertThat(K.sum(a, 3, len)).isCloseTo(sum, within(tolerance(sumMag, len + 1)));
        assertThat(K.dot(a, 3, b, 1, len)).isCloseTo(dot, within(tolerance(dotMag, len + 1)));
    }
}
