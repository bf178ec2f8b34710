package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.tensor.TensorTesting.assertTensor;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reshaping, broadcasting, indexing and joining: values, gradients and shape errors. */
class ShapeOpsTest {
    private static Tensor rand(long seed, int... shape) {
        return TensorTesting.uniform(TensorTesting.rng(seed), -2, 2, shape);
    }

    // ------------------------------------------------------------------ reshape, squeeze, unsqueeze

    static Stream<Arguments> reshapes() {
        return Stream.of(
                Arguments.of(new int[] {2, 3}, new int[] {3, 2}, new int[] {3, 2}),
                Arguments.of(new int[] {2, 3}, new int[] {-1}, new int[] {6}),
                Arguments.of(new int[] {2, 3}, new int[] {3, -1}, new int[] {3, 2}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {-1, 4}, new int[] {6, 4}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {2, 1, -1, 1}, new int[] {2, 1, 12, 1}),
                Arguments.of(new int[0], new int[] {1, 1}, new int[] {1, 1}),
                Arguments.of(new int[0], new int[] {-1}, new int[] {1}),
                Arguments.of(new int[] {1, 1}, new int[0], new int[0]),
                Arguments.of(new int[] {1}, new int[0], new int[0]),
                Arguments.of(new int[] {4}, new int[] {4}, new int[] {4}));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("reshapes")
    void reshapeKeepsRowMajorOrder(int[] from, int[] to, int[] expectedShape) {
        Tensor x = rand(Arrays.hashCode(from) + Arrays.hashCode(to), from);
        Tensor y = x.reshape(to);
        assertTensor(y, expectedShape, x.toArray(), 0);
        assertThat(y.isScalar()).isEqualTo(expectedShape.length == 0);
        GradCheck.checkSecondOrder("reshape", in -> in.get(0).reshape(to).exp(), x);
    }

    @Test
    void reshapeErrors() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.reshape(4, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("6 elements").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> x.reshape(-1, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[-1, 4]");
        assertThatThrownBy(() -> x.reshape(-1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> x.reshape(-2, -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void squeezeAndUnsqueeze() {
        Tensor x = rand(1, 2, 1, 3, 1);
        assertTensor(x.squeeze(), new int[] {2, 3}, x.toArray(), 0);
        assertTensor(x.squeeze(1), new int[] {2, 3, 1}, x.toArray(), 0);
        assertTensor(x.squeeze(-1), new int[] {2, 1, 3}, x.toArray(), 0);
        assertTensor(x.unsqueeze(0), new int[] {1, 2, 1, 3, 1}, x.toArray(), 0);
        assertTensor(x.unsqueeze(-1), new int[] {2, 1, 3, 1, 1}, x.toArray(), 0);
        assertTensor(x.unsqueeze(2), new int[] {2, 1, 1, 3, 1}, x.toArray(), 0);
        assertTensor(Tensor.scalar(4).unsqueeze(0), new int[] {1}, new double[] {4}, 0);
        assertTensor(Tensor.ones(1, 1).squeeze(), new int[0], new double[] {1}, 0);
        assertThat(Tensor.ones(1, 1).squeeze().isScalar()).isTrue();
        assertThatThrownBy(() -> x.squeeze(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 1, 3, 1]").hasMessageContaining("not 1");
        assertThatThrownBy(() -> x.unsqueeze(6)).isInstanceOf(IllegalArgumentException.class);
        GradCheck.checkSecondOrder("squeeze", in -> in.get(0).squeeze().square(), x);
        GradCheck.checkSecondOrder("squeeze(dim)", in -> in.get(0).squeeze(1).square(), x);
        GradCheck.checkSecondOrder("unsqueeze", in -> in.get(0).unsqueeze(-2).square(), x);
    }

    // ------------------------------------------------------------------ expand and sumToShape

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of(new int[0], new int[] {3}),
                Arguments.of(new int[0], new int[] {2, 3}),
                Arguments.of(new int[] {1}, new int[] {4}),
                Arguments.of(new int[] {3}, new int[] {2, 3}),
                Arguments.of(new int[] {2, 1}, new int[] {2, 3}),
                Arguments.of(new int[] {1, 3}, new int[] {2, 4, 3}),
                Arguments.of(new int[] {2, 1, 3}, new int[] {4, 2, 5, 3}),
                Arguments.of(new int[] {2, 3}, new int[] {2, 3}));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("expansions")
    void expandAndItsAdjointSumToShape(int[] from, int[] to) {
        Tensor x = rand(Arrays.hashCode(from) * 7 + Arrays.hashCode(to), from);
        assertTensor(x.expand(to), to, TensorTesting.broadcastTo(x.toArray(), from, to), 0);
        GradCheck.checkSecondOrder("expand", in -> in.get(0).expand(to).square(), x);

        // sumToShape: every element of the big tensor lands in the slot it was broadcast from.
        Tensor big = rand(Arrays.hashCode(to) + 5, to);
        double[] expected = new double[Shape.numel(from)];
        double[] v = big.toArray();
        for (int i = 0; i < v.length; i++) {
            expected[TensorTesting.broadcastIndex(TensorTesting.unravel(i, to), from)] += v[i];
        }
        assertTensor(big.sumToShape(from), from, expected, 1e-14);
        GradCheck.checkSecondOrder("sumToShape", in -> in.get(0).sumToShape(from).square(), big);
    }

    @Test
    void expandAndSumToShapeErrors() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).expand(3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).expand(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).sumToShape(new int[] {4})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> Tensor.zeros(3).sumToShape(new int[] {1, 3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3]").hasMessageContaining("[1, 3]");
    }

    // ------------------------------------------------------------------ permute and transpose

    static Stream<Arguments> permutations() {
        return Stream.of(
                Arguments.of(new int[] {2, 3}, new int[] {1, 0}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {2, 0, 1}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {1, 2, 0}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {0, 2, 1}),
                Arguments.of(new int[] {2, 1, 3}, new int[] {-1, 0, 1}),
                Arguments.of(new int[] {4}, new int[] {0}),
                Arguments.of(new int[0], new int[0]));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("permutations")
    void permute(int[] shape, int[] perm) {
        Tensor x = rand(Arrays.hashCode(shape) + Arrays.hashCode(perm), shape);
        int rank = shape.length;
        int[] p = Arrays.stream(perm).map(d -> d < 0 ? d + rank : d).toArray();
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[p[i]];
        }
        double[] v = x.toArray();
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int[] o = TensorTesting.unravel(i, outShape);
            int[] in = new int[rank];
            for (int d = 0; d < rank; d++) {
                in[p[d]] = o[d];
            }
            expected[i] = v[TensorTesting.ravel(in, shape)];
        }
        assertTensor(x.permute(perm), outShape, expected, 0);
        GradCheck.checkSecondOrder("permute " + Arrays.toString(perm), in -> in.get(0).permute(perm).square(), x);
    }

    @Test
    void transpose() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertTensor(m.transpose(), new int[] {3, 2}, new double[] {1, 4, 2, 5, 3, 6}, 0);
        assertTensor(m.transpose(0, 1), new int[] {3, 2}, new double[] {1, 4, 2, 5, 3, 6}, 0);
        assertThat(m.transpose(1, 1)).isSameAs(m);
        Tensor b = rand(3, 2, 3, 4);
        assertTensor(b.transpose(), new int[] {2, 4, 3}, b.permute(0, 2, 1).toArray(), 0);
        assertTensor(b.transpose(0, -1), new int[] {4, 3, 2}, b.permute(2, 1, 0).toArray(), 0);
        GradCheck.checkSecondOrder("transpose", in -> in.get(0).transpose().square(), b);
        GradCheck.checkSecondOrder("transpose(0, 2)", in -> in.get(0).transpose(0, 2).square(), b);
        assertThatThrownBy(() -> Tensor.zeros(3).transpose()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> m.permute(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 2");
        assertThatThrownBy(() -> m.permute(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a permutation");
    }

    // ------------------------------------------------------------------ index, select, slice

    @Test
    void indexSelectsInOrderWithRepeatsAndAccumulatesGradients() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertTensor(m.index(1, 2, 0, 2), new int[] {2, 3}, new double[] {3, 1, 3, 6, 4, 6}, 0);
        assertTensor(m.index(0, 1), new int[] {1, 3}, new double[] {4, 5, 6}, 0);
        assertTensor(m.index(-1), new int[] {2, 0}, new double[0], 0);
        Tensor mg = m.requiringGrad();
        assertThat(Autograd.grad(mg.index(1, 2, 0, 2).sum(), mg)[0].toArray()).containsExactly(1, 0, 2, 1, 0, 2);
        Tensor x = rand(11, 3, 4, 2);
        GradCheck.checkSecondOrder("index dim 0", in -> in.get(0).index(0, 2, 0, 2).square(), x);
        GradCheck.checkSecondOrder("index dim 1", in -> in.get(0).index(1, 3, 1, 1, 0).square(), x);
        GradCheck.checkSecondOrder("index dim -1", in -> in.get(0).index(-1, 1).square(), x);
        assertThatThrownBy(() -> m.index(1, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 3").hasMessageContaining("size 3");
        assertThatThrownBy(() -> m.index(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void selectRemovesTheDimension() {
        Tensor x = Tensor.fromArray(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3, 2);
        assertTensor(x.select(0, 1), new int[] {3, 2}, new double[] {6, 7, 8, 9, 10, 11}, 0);
        assertTensor(x.select(1, 2), new int[] {2, 2}, new double[] {4, 5, 10, 11}, 0);
        assertTensor(x.select(-1, 0), new int[] {2, 3}, new double[] {0, 2, 4, 6, 8, 10}, 0);
        Tensor v = Tensor.of(3, 4, 5).select(0, 1);
        assertThat(v.isScalar()).isTrue();
        assertThat(v.item()).isEqualTo(4);
        GradCheck.checkSecondOrder("select", in -> in.get(0).select(1, 2).square(), rand(12, 2, 3, 2));
        GradCheck.checkSecondOrder("select to scalar", in -> in.get(0).select(0, 1).square(), rand(13, 3));
    }

    static Stream<Arguments> slices() {
        return Stream.of(
                Arguments.of(new int[] {5}, 0, 1, 4),
                Arguments.of(new int[] {5}, 0, 0, 5),
                Arguments.of(new int[] {5}, -1, 4, 5),
                Arguments.of(new int[] {3, 4}, 0, 1, 3),
                Arguments.of(new int[] {3, 4}, 1, 0, 2),
                Arguments.of(new int[] {3, 4}, 1, 2, 2),
                Arguments.of(new int[] {2, 3, 4}, 1, 1, 2),
                Arguments.of(new int[] {2, 1, 4}, -1, 1, 3));
    }

    @ParameterizedTest(name = "{0} dim {1} [{2}, {3})")
    @MethodSource("slices")
    void slice(int[] shape, int dim, int start, int end) {
        Tensor x = rand(Arrays.hashCode(shape) + 17L * dim + start, shape);
        int d = dim < 0 ? dim + shape.length : dim;
        int[] outShape = shape.clone();
        outShape[d] = end - start;
        double[] v = x.toArray();
        double[] expected = new double[Shape.numel(outShape)];
        for (int i = 0; i < expected.length; i++) {
            int[] idx = TensorTesting.unravel(i, outShape);
            idx[d] += start;
            expected[i] = v[TensorTesting.ravel(idx, shape)];
        }
        assertTensor(x.slice(dim, start, end), outShape, expected, 0);
        GradCheck.checkSecondOrder("slice", in -> in.get(0).slice(dim, start, end).square(), x);
    }

    @Test
    void sliceErrors() {
        Tensor x = Tensor.zeros(3, 4);
        assertThatThrownBy(() -> x.slice(1, 2, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 5)").hasMessageContaining("size 4");
        assertThatThrownBy(() -> x.slice(0, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.slice(0, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.slice(2, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 2");
    }

    // ------------------------------------------------------------------ cat and stack

    static Stream<Arguments> cats() {
        return Stream.of(
                Arguments.of(0, new int[][] {{2}, {3}, {1}}),
                Arguments.of(0, new int[][] {{1, 3}, {2, 3}}),
                Arguments.of(1, new int[][] {{2, 1}, {2, 3}, {2, 2}}),
                Arguments.of(-1, new int[][] {{2, 2, 1}, {2, 2, 3}}),
                Arguments.of(1, new int[][] {{2, 1, 3}, {2, 4, 3}}),
                Arguments.of(0, new int[][] {{2, 3}}),
                Arguments.of(0, new int[][] {{0, 3}, {2, 3}}));
    }

    @ParameterizedTest(name = "along {0}: {1}")
    @MethodSource("cats")
    void cat(int dim, int[][] shapes) {
        Tensor[] xs = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            xs[i] = rand(i * 101L + dim + Arrays.deepHashCode(shapes), shapes[i]);
        }
        int rank = shapes[0].length;
        int d = dim < 0 ? dim + rank : dim;
        int[] outShape = shapes[0].clone();
        outShape[d] = Arrays.stream(shapes).mapToInt(s -> s[d]).sum();
        double[] expected = new double[Shape.numel(outShape)];
        for (int i = 0; i < expected.length; i++) {
            int[] idx = TensorTesting.unravel(i, outShape);
            int k = 0;
            while (idx[d] >= shapes[k][d]) {
                idx[d] -= shapes[k][d];
                k++;
            }
            expected[i] = xs[k].toArray()[TensorTesting.ravel(idx, shapes[k])];
        }
        assertTensor(Tensor.cat(dim, xs), outShape, expected, 0);
        GradCheck.checkSecondOrder("cat", in -> Tensor.cat(dim, in.toArray(new Tensor[0])).square(), xs);
    }

    @Test
    void catWithSomeInputsConstant() {
        Tensor a = Tensor.of(1, 2).requiringGrad();
        Tensor b = Tensor.of(3);
        Tensor c = Tensor.of(4, 5, 6).requiringGrad();
        Tensor[] g = Autograd.grad(Tensor.cat(0, a, b, c).mul(Tensor.of(1, 2, 3, 4, 5, 6)).sum(), a, b, c);
        assertThat(g[0].toArray()).containsExactly(1, 2);
        assertThat(g[1].toArray()).containsExactly(0);
        assertThat(g[2].toArray()).containsExactly(4, 5, 6);
    }

    @Test
    void catDoesNotSeeLaterChangesToTheArgumentArray() {
        Tensor a = Tensor.of(1, 2).requiringGrad();
        Tensor b = Tensor.of(3).requiringGrad();
        Tensor[] parts = {a, b};
        Tensor out = Tensor.cat(0, parts);
        parts[0] = Tensor.of(7, 7);
        Tensor[] g = Autograd.grad(out.mul(Tensor.of(1, 2, 3)).sum(), a, b);
        assertThat(out.toArray()).containsExactly(1, 2, 3);
        assertThat(g[0].toArray()).containsExactly(1, 2);
        assertThat(g[1].toArray()).containsExactly(3);
    }

    @Test
    void catErrors() {
        assertThatThrownBy(() -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[2, 4]").hasMessageContaining("tensor 1");
        assertThatThrownBy(() -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.cat(2, Tensor.zeros(2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 2");
        assertThatThrownBy(() -> Tensor.cat(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> Tensor.cat(0, Tensor.scalar(1), Tensor.scalar(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of(0, new int[0], 3),
                Arguments.of(0, new int[] {2}, 3),
                Arguments.of(1, new int[] {2}, 3),
                Arguments.of(-1, new int[] {2}, 2),
                Arguments.of(1, new int[] {2, 1, 3}, 2),
                Arguments.of(-2, new int[] {2, 3}, 4));
    }

    @ParameterizedTest(name = "along {0}: {2} of {1}")
    @MethodSource("stacks")
    void stack(int dim, int[] shape, int count) {
        Tensor[] xs = new Tensor[count];
        for (int i = 0; i < count; i++) {
            xs[i] = rand(i * 37L + dim + Arrays.hashCode(shape), shape);
        }
        int rank = shape.length + 1;
        int d = dim < 0 ? dim + rank : dim;
        int[] outShape = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            outShape[i] = i == d ? count : shape[j++];
        }
        double[] expected = new double[Shape.numel(outShape)];
        for (int i = 0; i < expected.length; i++) {
            int[] idx = TensorTesting.unravel(i, outShape);
            int[] inner = new int[shape.length];
            for (int a = 0, b = 0; a < rank; a++) {
                if (a != d) {
                    inner[b++] = idx[a];
                }
            }
            expected[i] = xs[idx[d]].toArray()[TensorTesting.ravel(inner, shape)];
        }
        assertTensor(Tensor.stack(dim, xs), outShape, expected, 0);
        GradCheck.checkSecondOrder("stack", in -> Tensor.stack(dim, in.toArray(new Tensor[0])).square(), xs);
    }

    @Test
    void stackErrors() {
        assertThatThrownBy(() -> Tensor.stack(0, Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Tensor.stack(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.stack(3, Tensor.zeros(2, 3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizeAndRankAccessors() {
        Tensor x = Tensor.zeros(2, 1, 3);
        assertThat(x.rank()).isEqualTo(3);
        assertThat(x.numel()).isEqualTo(6);
        assertThat(x.size(0)).isEqualTo(2);
        assertThat(x.size(-1)).isEqualTo(3);
        assertThatThrownBy(() -> x.size(3)).isInstanceOf(IllegalArgumentException.class);
        int[] s = x.shape();
        s[0] = 99;
        assertThat(x.shape()).containsExactly(2, 1, 3);
        assertThat(Tensor.scalar(1).rank()).isZero();
        assertThat(Tensor.scalar(1).numel()).isEqualTo(1);
    }
}
