package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows picked with {@code index(0, rows)} stay a view of the source until needed; everything done
 * with the view must give the same bits as the same thing done with a laid-out copy.
 */
class RowGatherTest {
    private static final int COLS = 7;

    @ParameterizedTest(name = "{0} rows picked")
    @ValueSource(ints = {1, 5, 50, 5003})
    void aViewBehavesExactlyLikeItsCopy(int picked) {
        SplittableRandom rng = new SplittableRandom(picked);
        int rows = 2000;
        double[] a = new double[rows * COLS];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        int[] idx = rng.ints(picked, 0, rows).toArray(); // repeats allowed, as in index_select
        Tensor source = Tensor.fromArray(a, rows, COLS);
        Tensor view = source.index(0, idx);
        double[] copyData = new double[picked * COLS];
        for (int r = 0; r < picked; r++) {
            System.arraycopy(a, idx[r] * COLS, copyData, r * COLS, COLS);
        }
        Tensor copy = Tensor.fromArray(copyData, picked, COLS);

        assertThat(view.rowGather()).as("index(0, rows) of a matrix is a view").isNotNull();
        assertThat(view.handle()).as("a view is CPU storage, not another backend's").isNull();
        assertThat(view.shape()).containsExactly(picked, COLS);
        assertThat(view.toArray()).isEqualTo(copyData);
        assertThat(view.toString()).isEqualTo(copy.toString());

        Tensor w = Tensor.of(rng.doubles(COLS, -1, 1).toArray());
        assertThat(view.matmul(w).toArray()).isEqualTo(copy.matmul(w).toArray());
        assertThat(view.matmul(w.reshape(COLS, 1)).toArray()).isEqualTo(copy.matmul(w.reshape(COLS, 1)).toArray());
        assertThat(view.add(1.0).toArray()).isEqualTo(copy.add(1.0).toArray());

        Tensor u = Tensor.of(rng.doubles(picked, -1, 1).toArray());
        assertThat(gradOfProduct(view, w, u)).as("R^T u in the backward pass").isEqualTo(gradOfProduct(copy, w, u));

        int[] again = rng.ints(Math.max(1, picked / 2), 0, picked).toArray();
        assertThat(view.index(0, again).toArray()).as("rows of a view").isEqualTo(copy.index(0, again).toArray());
    }

    @ParameterizedTest(name = "{0} rows picked")
    @ValueSource(ints = {3, 4000})
    void gradientsReachTheSourceThroughAView(int picked) {
        SplittableRandom rng = new SplittableRandom(17);
        int rows = 300;
        double[] a = rng.doubles(rows * COLS, -1, 1).toArray();
        int[] idx = rng.ints(picked, 0, rows).toArray();
        Tensor source = Tensor.fromArray(a, rows, COLS).requiringGrad();
        Tensor w = Tensor.of(rng.doubles(COLS, -1, 1).toArray());
        double[] grad = Autograd.grad(source.index(0, idx).matmul(w).sum(), source)[0].toArray();
        double[] expected = new double[rows * COLS];
        for (int r : idx) {
            for (int j = 0; j < COLS; j++) {
                expected[r * COLS + j] += w.toArray()[j];
            }
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(grad[i]).as("d/dX[%d]", i).isEqualTo(expected[i], org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    private static double[] gradOfProduct(Tensor m, Tensor v, Tensor u) {
        Tensor w = v.requiringGrad();
        return Autograd.grad(m.matmul(w).mul(u).sum(), w)[0].toArray();
    }
}
