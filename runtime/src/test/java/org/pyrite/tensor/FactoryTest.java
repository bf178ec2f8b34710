package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.tensor.TensorTesting.assertTensor;

import org.junit.jupiter.api.Test;

/** Factories, reading values out, and oneHot. */
class FactoryTest {
    @Test
    void scalar() {
        Tensor s = Tensor.scalar(2.5);
        assertThat(s.isScalar()).isTrue();
        assertThat(s.shape()).isEmpty();
        assertThat(s.item()).isEqualTo(2.5);
        assertThat(s.toArray()).containsExactly(2.5);
        assertThat(s.requiresGrad()).isFalse();
        assertThat(s.backend().name()).isEqualTo("cpu");
    }

    @Test
    void ofValuesAndRows() {
        assertTensor(Tensor.of(1, 2, 3), new int[] {3}, new double[] {1, 2, 3}, 0);
        assertTensor(Tensor.of(), new int[] {0}, new double[0], 0);
        assertTensor(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}, 0);
        assertTensor(Tensor.of(new double[][] {{7}}), new int[] {1, 1}, new double[] {7}, 0);
        assertTensor(Tensor.of(new double[0][]), new int[] {0, 0}, new double[0], 0);
        assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }

    @Test
    void fromArray() {
        assertTensor(Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 3, 1, 2), new int[] {3, 1, 2},
                new double[] {1, 2, 3, 4, 5, 6}, 0);
        Tensor s = Tensor.fromArray(new double[] {4}, new int[0]);
        assertThat(s.isScalar()).isTrue();
        assertThat(s.item()).isEqualTo(4);
        assertThatThrownBy(() -> Tensor.fromArray(new double[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values").hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> Tensor.fromArray(new double[0], -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void factoriesCopyTheirArguments() {
        double[] values = {1, 2, 3, 4};
        int[] shape = {2, 2};
        Tensor a = Tensor.fromArray(values, shape);
        Tensor b = Tensor.of(values);
        double[][] rows = {{1, 2}, {3, 4}};
        Tensor c = Tensor.of(rows);
        Tensor z = Tensor.zeros(shape);
        values[0] = 99;
        shape[0] = 7;
        rows[0][0] = 99;
        assertTensor(a, new int[] {2, 2}, new double[] {1, 2, 3, 4}, 0);
        assertTensor(b, new int[] {4}, new double[] {1, 2, 3, 4}, 0);
        assertTensor(c, new int[] {2, 2}, new double[] {1, 2, 3, 4}, 0);
        assertThat(z.shape()).containsExactly(2, 2);
    }

    @Test
    void toArrayIsAFreshCopy() {
        Tensor t = Tensor.of(1, 2, 3);
        t.toArray()[0] = 99;
        assertThat(t.toArray()).containsExactly(1, 2, 3);
        Tensor s = Tensor.scalar(1);
        s.toArray()[0] = 99;
        assertThat(s.item()).isEqualTo(1);
        // A reshaped view shares storage with its source; neither can be changed through toArray.
        Tensor r = t.reshape(3, 1);
        r.toArray()[1] = 99;
        assertThat(t.toArray()).containsExactly(1, 2, 3);
    }

    @Test
    void zerosOnesFullAndLikes() {
        assertTensor(Tensor.zeros(2, 3), new int[] {2, 3}, new double[6], 0);
        assertTensor(Tensor.ones(3), new int[] {3}, new double[] {1, 1, 1}, 0);
        assertTensor(Tensor.full(2.5, 1, 2), new int[] {1, 2}, new double[] {2.5, 2.5}, 0);
        assertThat(Tensor.zeros().isScalar()).isTrue();
        assertThat(Tensor.ones().item()).isEqualTo(1);
        assertThat(Tensor.full(-3).item()).isEqualTo(-3);
        assertTensor(Tensor.zeros(0, 3), new int[] {0, 3}, new double[0], 0);
        Tensor like = Tensor.of(new double[][] {{1, 2, 3}}).requiringGrad();
        assertTensor(Tensor.zerosLike(like), new int[] {1, 3}, new double[3], 0);
        assertTensor(Tensor.onesLike(like), new int[] {1, 3}, new double[] {1, 1, 1}, 0);
        assertThat(Tensor.onesLike(like).requiresGrad()).isFalse();
        assertThat(Tensor.zerosLike(Tensor.scalar(5)).isScalar()).isTrue();
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void eyeAndArange() {
        assertTensor(Tensor.eye(3), new int[] {3, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 0);
        assertTensor(Tensor.eye(1), new int[] {1, 1}, new double[] {1}, 0);
        assertTensor(Tensor.eye(0), new int[] {0, 0}, new double[0], 0);
        assertTensor(Tensor.arange(4), new int[] {4}, new double[] {0, 1, 2, 3}, 0);
        assertTensor(Tensor.arange(0), new int[] {0}, new double[0], 0);
        // A negative size is an argument error, not a malformed tensor of shape [-1, -1].
        assertThatThrownBy(() -> Tensor.eye(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Tensor.arange(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertThat(Tensor.of(7).item()).isEqualTo(7);
        assertThat(Tensor.ones(1, 1, 1).mul(3).item()).isEqualTo(3);
        assertThatThrownBy(() -> Tensor.of(1, 2).item())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[2]");
        assertThatThrownBy(() -> Tensor.zeros(0).item()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneHot() {
        assertTensor(Tensor.oneHot(Tensor.of(2, 0, 1), 3), new int[] {3, 3}, new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, 0);
        assertTensor(Tensor.oneHot(Tensor.scalar(1), 2), new int[] {2}, new double[] {0, 1}, 0);
        assertTensor(Tensor.oneHot(Tensor.of(new double[][] {{0}, {3}}), 4), new int[] {2, 1, 4},
                new double[] {1, 0, 0, 0, 0, 0, 0, 1}, 0);
        assertThat(Tensor.oneHot(Tensor.of(1, 0).requiringGrad(), 2).requiresGrad()).isFalse();
        assertThatThrownBy(() -> Tensor.oneHot(Tensor.of(0, 3), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 3.0").hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> Tensor.oneHot(Tensor.of(0.5), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> Tensor.oneHot(Tensor.of(-1), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.oneHot(Tensor.of(), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numClasses");
    }

    @Test
    void toStringShowsValuesShapeAndGradFlag() {
        assertThat(Tensor.scalar(1.5).toString()).isEqualTo("tensor(1.5)");
        assertThat(Tensor.of(1, 2).requiringGrad().toString()).isEqualTo("tensor([1.0, 2.0], shape=[2], requiresGrad)");
        assertThat(Tensor.zeros(20).toString()).contains("...").contains("shape=[20]");
    }

    @Test
    void shapeHelpers() {
        assertThat(Shape.broadcast(new int[] {3, 1}, new int[] {4})).containsExactly(3, 4);
        assertThat(Shape.broadcast(new int[] {2, 1, 3}, new int[] {5, 1}, new int[0])).containsExactly(2, 5, 3);
        assertThat(Shape.broadcastsTo(new int[] {1, 3}, new int[] {2, 3})).isTrue();
        assertThat(Shape.broadcastsTo(new int[] {2, 3}, new int[] {3})).isFalse();
        assertThat(Shape.numel(new int[0])).isEqualTo(1);
        assertThat(Shape.normalizeDim(-1, 3)).isEqualTo(2);
        assertThatThrownBy(() -> Shape.normalizeDim(3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 3").hasMessageContaining("rank 3");
        assertThatThrownBy(() -> Shape.broadcast(new int[] {2}, new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shapes [2] and [3] cannot be broadcast together (dimension -1: 2 vs 3)");
    }
}
