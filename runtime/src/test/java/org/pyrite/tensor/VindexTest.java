package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@link Vindex#rows}: values, shapes and gradients, for an enumerated index and for any other. */
class VindexTest {
    private static final double[][] TABLE = {{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}};

    @Test
    void picksRowsWithTheIndexShapeInFront() {
        Tensor picked = Vindex.rows(Tensor.of(TABLE), Tensor.of(2.0, 0.0, 2.0, 1.0));
        assertThat(picked.shape()).containsExactly(4, 2);
        assertThat(picked.toArray()).containsExactly(5, 6, 1, 2, 5, 6, 3, 4);
        assertThat(Vindex.rows(Tensor.of(TABLE), Tensor.scalar(1.0)).toArray()).containsExactly(3, 4);
    }

    @Test
    void anEnumeratedIndexGivesTheTableAlongItsDimension() {
        Tensor support = Tensor.arange(3).reshape(3, 1);
        Tensor picked = Vindex.rows(Tensor.of(TABLE), support);
        assertThat(picked.shape()).containsExactly(3, 1, 2);
        assertThat(picked.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        // The same as the general path gives for the same rows in another order, reordered back.
        Tensor reversed = Vindex.rows(Tensor.of(TABLE), Tensor.of(2.0, 1.0, 0.0).reshape(3, 1));
        assertThat(reversed.toArray()).containsExactly(5, 6, 3, 4, 1, 2);
    }

    @Test
    void gradientsReachEveryRowPickedOnBothPaths() {
        Tensor weights = Tensor.of(new double[][] {{0.5, -1.0}, {2.0, 0.25}, {1.5, 1.0}});
        for (Tensor index : new Tensor[] {Tensor.arange(3).reshape(3, 1), Tensor.of(0.0, 0.0, 2.0).reshape(3, 1)}) {
            Tensor table = Tensor.of(TABLE).requiringGrad();
            Tensor y = Vindex.rows(table, index).reshape(3, 2).mul(weights).sum();
            double[] g = Autograd.grad(y, table)[0].toArray();
            double[] expected = new double[6];
            double[] idx = index.toArray();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                    expected[(int) idx[i] * 2 + j] += weights.toArray()[i * 2 + j];
                }
            }
            for (int i = 0; i < 6; i++) {
                assertThat(g[i]).isCloseTo(expected[i], within(1e-12));
            }
        }
    }

    @Test
    void anIndexOutsideTheTableIsAnError() {
        assertThatThrownBy(() -> Vindex.rows(Tensor.of(TABLE), Tensor.of(3.0))).hasMessageContaining("index 3.0");
        assertThatThrownBy(() -> Vindex.rows(Tensor.scalar(1.0), Tensor.of(0.0))).hasMessageContaining("scalar");
    }
}
