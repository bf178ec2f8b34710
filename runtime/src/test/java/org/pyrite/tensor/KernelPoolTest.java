package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KernelPoolTest {
    static Stream<Arguments> splits() {
        return Stream.of(Arguments.of(0, 0, 7), Arguments.of(0, 1, 7), Arguments.of(2, 1, 1), Arguments.of(3, 100, 7),
                Arguments.of(1, 10_000, 512), Arguments.of(3, 10_000, 512), Arguments.of(1, 1024, 512), Arguments.of(2, 1025, 512));
    }

    @ParameterizedTest(name = "{0} helpers, n = {1}, grain = {2}")
    @MethodSource("splits")
    void everyChunkRunsOnceWithItsOwnBounds(int helpers, int n, int grain) {
        KernelPool pool = new KernelPool(helpers);
        int count = KernelPool.chunkCount(n, grain);
        for (int round = 0; round < 50; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(count, 1));
            AtomicIntegerArray covered = new AtomicIntegerArray(Math.max(n, 1));
            pool.forEachChunk(n, grain, (c, from, to) -> {
                assertThat(from).isEqualTo(c * grain);
                assertThat(to).isEqualTo(Math.min(n, from + grain));
                runs.incrementAndGet(c);
                for (int i = from; i < to; i++) {
                    covered.incrementAndGet(i);
                }
            });
            for (int c = 0; c < count; c++) {
                assertThat(runs.get(c)).as("chunk %d", c).isEqualTo(1);
            }
            for (int i = 0; i < n; i++) {
                assertThat(covered.get(i)).as("index %d", i).isEqualTo(1);
            }
        }
    }

    @Test
    void aChunkThatThrowsReachesTheCallerAndThePoolKeepsWorking() {
        KernelPool pool = new KernelPool(1);
        for (int round = 0; round < 20; round++) {
            int failing = round % 8;
            assertThatThrownBy(() -> pool.forEachChunk(8 * 64, 64, (c, from, to) -> {
                if (c == failing) {
                    throw new IllegalArgumentException("chunk " + c);
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk " + failing);
            AtomicIntegerArray runs = new AtomicIntegerArray(8);
            pool.forEachChunk(8 * 64, 64, (c, from, to) -> runs.incrementAndGet(c));
            for (int c = 0; c < 8; c++) {
                assertThat(runs.get(c)).isEqualTo(1);
            }
        }
    }

    @Test
    void threadCountComesFromTheProperty() {
        assertThat(KernelPool.threads(null)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(KernelPool.threads("1")).isEqualTo(1);
        assertThat(KernelPool.threads(" 4 ")).isEqualTo(4);
        for (String bad : new String[] {"0", "-2", "two", ""}) {
            assertThatThrownBy(() -> KernelPool.threads(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pyrite.cpu.threads").hasMessageContaining("'" + bad + "'");
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
