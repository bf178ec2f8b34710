package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.tensor.TensorTesting.assertTensor;
import static org.pyrite.tensor.TensorTesting.assertValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reductions over all and over given dimensions, cumulative sums and (log-)softmax. */
class ReductionOpsTest {
    /** Reference reductions sum in a different order than the backend: allow a few ulps per element. */
    private static final double VALUE_RTOL = 1e-13;

    enum Op {
        SUM(v -> Arrays.stream(v).sum()),
        MEAN(v -> Arrays.stream(v).sum() / v.length),
        MAX(v -> Arrays.stream(v).max().orElseThrow()),
        MIN(v -> Arrays.stream(v).min().orElseThrow()),
        LOGSUMEXP(v -> {
            double m = Arrays.stream(v).max().orElseThrow();
            return m + Math.log(Arrays.stream(v).map(x -> Math.exp(x - m)).sum());
        });

        final ToDoubleFunction<double[]> ref;

        Op(ToDoubleFunction<double[]> ref) {
            this.ref = ref;
        }

        Tensor all(Tensor x) {
            switch (this) {
                case SUM: return x.sum();
                case MEAN: return x.mean();
                case MAX: return x.max();
                case MIN: return x.min();
                default: return x.logsumexp();
            }
        }

        Tensor dims(Tensor x, int[] dims, boolean keepdim) {
            switch (this) {
                case SUM: return x.sum(dims, keepdim);
                case MEAN: return x.mean(dims, keepdim);
                case MAX: return x.max(dims, keepdim);
                case MIN: return x.min(dims, keepdim);
                default: return x.logsumexp(dims, keepdim);
            }
        }
    }

    /** Reference reduction by grouping elements by their index with the reduced dimensions zeroed. */
    static Tensor reference(Op op, Tensor x, int[] dims, boolean keepdim) {
        int[] shape = x.shape();
        boolean[] reduced = new boolean[shape.length];
        for (int d : dims) {
            reduced[d < 0 ? d + shape.length : d] = true;
        }
        int[] kept = shape.clone();
        List<Integer> outDims = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
            } else {
                outDims.add(shape[d]);
            }
        }
        int m = Shape.numel(kept);
        List<List<Double>> groups = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            groups.add(new ArrayList<>());
        }
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            int[] idx = TensorTesting.unravel(i, shape);
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d]) {
                    idx[d] = 0;
                }
            }
            groups.get(TensorTesting.ravel(idx, kept)).add(v[i]);
        }
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = op.ref.applyAsDouble(groups.get(i).stream().mapToDouble(Double::doubleValue).toArray());
        }
        int[] outShape = keepdim ? kept : outDims.stream().mapToInt(Integer::intValue).toArray();
        return Tensor.fromArray(out, outShape);
    }

    static Stream<Arguments> dimCases() {
        List<Arguments> out = new ArrayList<>();
        Object[][] shapesAndDims = {
            {new int[] {5}, new int[] {0}},
            {new int[] {5}, new int[] {-1}},
            {new int[] {1}, new int[] {0}},
            {new int[] {2, 3, 4}, new int[] {0}},
            {new int[] {2, 3, 4}, new int[] {1}},
            {new int[] {2, 3, 4}, new int[] {-1}},
            {new int[] {2, 3, 4}, new int[] {0, 2}},
            {new int[] {2, 3, 4}, new int[] {2, 0}},
            {new int[] {2, 3, 4}, new int[] {0, 1, 2}},
            {new int[] {3, 1, 2}, new int[] {1}},
            {new int[] {3, 1, 2}, new int[] {0, 1}},
            {new int[] {1, 4}, new int[] {0}},
        };
        for (Op op : Op.values()) {
            for (Object[] sd : shapesAndDims) {
                for (boolean keepdim : new boolean[] {false, true}) {
                    out.add(Arguments.of(op, sd[0], sd[1], keepdim));
                }
            }
        }
        return out.stream();
    }

    private static Tensor input(Op op, int[] shape, long seed) {
        // max/min need a unique arg with a gap (no ties within the finite-difference step).
        return op == Op.MAX || op == Op.MIN ? TensorTesting.distinct(TensorTesting.rng(seed), shape)
                : TensorTesting.uniform(TensorTesting.rng(seed), -2, 2, shape);
    }

    @ParameterizedTest(name = "{0} of {1} over {2} keepdim={3}")
    @MethodSource("dimCases")
    void reductionOverDims(Op op, int[] shape, int[] dims, boolean keepdim) {
        Tensor x = input(op, shape, Arrays.hashCode(shape) * 31L + Arrays.hashCode(dims));
        Tensor expected = reference(op, x, dims, keepdim);
        assertTensor(op.dims(x, dims, keepdim), expected.shape(), expected.toArray(), VALUE_RTOL);
        GradCheck.checkSecondOrder(op + " over " + Arrays.toString(dims) + " keepdim=" + keepdim,
                in -> op.dims(in.get(0), dims, keepdim), x);
    }

    static Stream<Arguments> allCases() {
        List<Arguments> out = new ArrayList<>();
        for (Op op : Op.values()) {
            for (int[] s : new int[][] {{}, {1}, {6}, {2, 3}, {2, 1, 3}}) {
                out.add(Arguments.of(op, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} of all of {1}")
    @MethodSource("allCases")
    void reductionOverAll(Op op, int[] shape) {
        Tensor x = input(op, shape, 99 + Arrays.hashCode(shape));
        Tensor r = op.all(x);
        assertThat(r.isScalar()).isTrue();
        assertThat(r.item()).isCloseTo(op.ref.applyAsDouble(x.toArray()), org.assertj.core.data.Offset.offset(1e-13));
        GradCheck.checkSecondOrder(op + " of all", in -> op.all(in.get(0)), x);
    }

    @Test
    void maxAndMinShareTheGradientAmongTies() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 3}, {2, 2, 2}}).requiringGrad();
        assertThat(Autograd.grad(x.max(), x)[0].toArray()).containsExactly(0, 0.5, 0.5, 0, 0, 0);
        assertValues(Autograd.grad(x.max(new int[] {1}, false).sum(), x)[0].toArray(),
                new double[] {0, 0.5, 0.5, 1.0 / 3, 1.0 / 3, 1.0 / 3}, 1e-15);
        assertThat(Autograd.grad(x.min(new int[] {0}, true).sum(), x)[0].toArray()).containsExactly(1, 0, 0, 0, 1, 1);
    }

    @Test
    void logsumexpIsStableAndHandlesInfinities() {
        Tensor big = Tensor.of(1000.0, 1000.0);
        assertThat(big.logsumexp().item()).isCloseTo(1000 + Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Tensor.of(-1000.0, -1000.0).logsumexp().item())
                .isCloseTo(-1000 + Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
        double inf = Double.POSITIVE_INFINITY;
        assertThat(Tensor.of(-inf, -inf).logsumexp().item()).isEqualTo(-inf);
        assertThat(Tensor.of(1.0, inf).logsumexp().item()).isEqualTo(inf);
        assertThat(Tensor.of(-inf, 0.0).logsumexp().item()).isEqualTo(0.0);
        Tensor x = Tensor.of(1000.0, 1000.0).requiringGrad();
        // exp(1000 - lse) carries the rounding of lse at magnitude 1000 (ulp 1.1e-13).
        assertValues(Autograd.grad(x.logsumexp(), x)[0].toArray(), new double[] {0.5, 0.5}, 1e-12);
    }

    @Test
    void meanOverDimsDividesByTheReducedCountOnly() {
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertTensor(x.mean(1), new int[] {2}, new double[] {2, 5}, 0);
        assertTensor(x.mean(new int[] {0}, true), new int[] {1, 3}, new double[] {2.5, 3.5, 4.5}, 0);
        assertThat(x.mean().item()).isEqualTo(3.5);
        assertTensor(x.sum(-2), new int[] {3}, new double[] {5, 7, 9}, 0);
    }

    @Test
    void reductionDimensionErrors() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.sum(new int[] {2}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2").hasMessageContaining("rank 2");
        assertThatThrownBy(() -> x.sum(new int[] {1, -1}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> x.cumsum(-3)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ cumsum and softmax

    static Stream<Arguments> alongDim() {
        return Stream.of(
                Arguments.of(new int[] {5}, 0),
                Arguments.of(new int[] {1}, 0),
                Arguments.of(new int[] {3, 4}, 0),
                Arguments.of(new int[] {3, 4}, 1),
                Arguments.of(new int[] {3, 4}, -1),
                Arguments.of(new int[] {2, 1, 3}, 1),
                Arguments.of(new int[] {2, 3, 2}, 1),
                Arguments.of(new int[] {2, 3, 2}, -3));
    }

    @ParameterizedTest(name = "cumsum of {0} along {1}")
    @MethodSource("alongDim")
    void cumsum(int[] shape, int dim) {
        Tensor x = TensorTesting.uniform(TensorTesting.rng(Arrays.hashCode(shape) + dim), -2, 2, shape);
        int d = dim < 0 ? dim + shape.length : dim;
        double[] v = x.toArray();
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int[] idx = TensorTesting.unravel(i, shape);
            double s = 0;
            int upTo = idx[d];
            for (int k = 0; k <= upTo; k++) {
                idx[d] = k;
                s += v[TensorTesting.ravel(idx, shape)];
            }
            expected[i] = s;
        }
        assertTensor(x.cumsum(dim), shape, expected, VALUE_RTOL);
        GradCheck.checkSecondOrder("cumsum along " + dim, in -> in.get(0).cumsum(dim), x);
    }

    @ParameterizedTest(name = "logSoftmax/softmax of {0} along {1}")
    @MethodSource("alongDim")
    void softmaxAndLogSoftmax(int[] shape, int dim) {
        Tensor x = TensorTesting.uniform(TensorTesting.rng(7 * Arrays.hashCode(shape) + dim), -3, 3, shape);
        Tensor lse = reference(Op.LOGSUMEXP, x, new int[] {dim}, true);
        double[] expected = x.sub(lse).toArray();
        assertTensor(x.logSoftmax(dim), shape, expected, VALUE_RTOL);
        double[] p = Arrays.stream(expected).map(Math::exp).toArray();
        assertTensor(x.softmax(dim), shape, p, VALUE_RTOL);
        assertValues(x.softmax(dim).sum(new int[] {dim}, false).toArray(),
                Tensor.ones(reference(Op.SUM, x, new int[] {dim}, false).shape()).toArray(), 1e-14);
        GradCheck.checkSecondOrder("logSoftmax along " + dim, in -> in.get(0).logSoftmax(dim), x);
        GradCheck.checkSecondOrder("softmax along " + dim, in -> in.get(0).softmax(dim), x);
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        Tensor x = Tensor.of(1000.0, 1000.0 + Math.log(3.0));
        assertValues(x.softmax(0).toArray(), new double[] {0.25, 0.75}, 1e-12);
        assertValues(x.logSoftmax(0).toArray(), new double[] {Math.log(0.25), Math.log(0.75)}, 1e-12);
    }
}
