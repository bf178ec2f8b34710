package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Kernels large enough for the CPU backend to split into chunks over {@code ChunkPool.KERNELS}:
 * their results must not depend on the split, nor on a second thread finding the pool busy.
 */
class ChunkedKernelsTest {
    private static final int N = 5003; // not a multiple of any grain: the last chunk is short

    @Test
    void elementwiseKernelsEqualTheirScalarFormsAcrossChunkBoundaries() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[N];
        double[] labels = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = rng.nextDouble(-40, 40);
            labels[i] = rng.nextBoolean() ? 1.0 : 0.0;
        }
        Tensor t = Tensor.of(x);
        double[] exp = t.exp().toArray();
        double[] sigmoid = t.sigmoid().toArray();
        double[] softplus = t.softplus().toArray();
        double[] lp = t.bernoulliLogProb(Tensor.of(labels)).toArray();
        for (int i = 0; i < N; i++) {
            // One-element arrays: the same kernels, unsplit (a 0-d tensor takes the scalar path).
            Tensor s = Tensor.of(x[i]);
            assertThat(exp[i]).as("exp at %d", i).isEqualTo(s.exp().item());
            assertThat(sigmoid[i]).as("sigmoid at %d", i).isEqualTo(s.sigmoid().item());
            assertThat(softplus[i]).as("softplus at %d", i).isEqualTo(s.softplus().item());
            assertThat(lp[i]).as("Bernoulli log-prob at %d", i).isEqualTo(s.bernoulliLogProb(Tensor.of(labels[i])).item());
        }
    }

    @Test
    void gatheredRowsAreTheRowsAskedFor() {
        int cols = 7;
        double[] a = new double[N * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        int[] rows = new SplittableRandom(9).ints(3000, 0, N).toArray();
        double[] got = Tensor.fromArray(a, N, cols).index(0, rows).toArray();
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < cols; j++) {
                assertThat(got[r * cols + j]).isEqualTo(a[rows[r] * cols + j]);
            }
        }
    }

    /**
     * A^T u as the backward pass computes it: the gradient of u . (A v) with respect to v.
     */
    private static double[] transposedProduct(Tensor a, Tensor v, Tensor u) {
        Tensor w = v.requiringGrad();
        return Autograd.grad(a.matmul(w).mul(u).sum(), w)[0].toArray();
    }

    /**
     * Products large enough to be split into chunks, from two threads at once (so one of them finds
     * the shared pool busy and runs alone): A v and A^T u must match a plain double loop to within
     * the rounding bound of a sum of k products, k * eps * sum |a_i b_i| (Higham's gamma_k), and
     * repeated runs must give the same bits, whoever ran which chunk.
     */
    @Test
    void largeMatrixVectorProductsAreRightAndReproducibleUnderContention() throws Exception {
        int rows = 6000;
        int cols = 20;
        SplittableRandom rng = new SplittableRandom(3);
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        double[] v = new double[cols];
        for (int j = 0; j < cols; j++) {
            v[j] = rng.nextGaussian();
        }
        double[] u = new double[rows];
        for (int i = 0; i < rows; i++) {
            u[i] = rng.nextGaussian();
        }
        Tensor ta = Tensor.fromArray(a, rows, cols);
        Tensor tv = Tensor.of(v);
        Tensor tu = Tensor.of(u);
        double[] av = ta.matmul(tv).toArray();
        double[] atu = transposedProduct(ta, tv, tu);
        double eps = Math.ulp(1.0);
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            double abs = 0;
            for (int j = 0; j < cols; j++) {
                sum += a[i * cols + j] * v[j];
                abs += Math.abs(a[i * cols + j] * v[j]);
            }
            assertThat(Math.abs(av[i] - sum)).as("row %d", i).isLessThanOrEqualTo(2 * cols * eps * abs);
        }
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            double abs = 0;
            for (int i = 0; i < rows; i++) {
                sum += a[i * cols + j] * u[i];
                abs += Math.abs(a[i * cols + j] * u[i]);
            }
            assertThat(Math.abs(atu[j] - sum)).as("column %d", j).isLessThanOrEqualTo(2 * rows * eps * abs);
        }
        Thread[] threads = new Thread[2];
        Throwable[] failures = new Throwable[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try {
                    for (int round = 0; round < 200; round++) {
                        assertThat(ta.matmul(tv).toArray()).isEqualTo(av);
                        assertThat(transposedProduct(ta, tv, tu)).isEqualTo(atu);
                    }
                } catch (Throwable e) {
                    failures[id] = e;
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).containsOnlyNulls();
    }
}
