package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.tensor.TensorTesting.assertTensor;
import static org.pyrite.tensor.TensorTesting.assertValues;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Comparisons (constants), where (gradient to both branches) and clamping. */
class ComparisonWhereClampTest {
    record Cmp(String name, BinaryOperator<Tensor> op, DoubleBinaryOperator ref) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Cmp> COMPARISONS = List.of(
            new Cmp("lt", Tensor::lt, (a, b) -> a < b ? 1 : 0),
            new Cmp("le", Tensor::le, (a, b) -> a <= b ? 1 : 0),
            new Cmp("gt", Tensor::gt, (a, b) -> a > b ? 1 : 0),
            new Cmp("ge", Tensor::ge, (a, b) -> a >= b ? 1 : 0),
            new Cmp("eq", Tensor::eq, (a, b) -> a == b ? 1 : 0),
            new Cmp("ne", Tensor::ne, (a, b) -> a != b ? 1 : 0));

    static final List<int[][]> SHAPE_PAIRS = List.of(
            new int[][] {{}, {}}, new int[][] {{4}, {}}, new int[][] {{}, {4}}, new int[][] {{3, 4}, {4}},
            new int[][] {{3, 1}, {1, 4}}, new int[][] {{1}, {2, 1, 4}}, new int[][] {{3, 4}, {3, 4}});

    static Stream<Arguments> comparisons() {
        return COMPARISONS.stream().flatMap(c -> SHAPE_PAIRS.stream().map(s ->
                Arguments.of(c, s[0], s[1])));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("comparisons")
    void comparisonValuesAndZeroGradient(Cmp c, int[] sa, int[] sb) {
        SplittableRandom r = TensorTesting.rng(c.name().hashCode() + 7L * sa.length + sb.length);
        // A coarse grid makes ties frequent, so eq/le/ge are exercised on equal values.
        Tensor a = TensorTesting.grid(r, 1.0, 0.0, 1, sa).requiringGrad();
        Tensor b = TensorTesting.grid(r, 1.0, 0.0, 1, sb).requiringGrad();
        Tensor out = c.op().apply(a, b);
        assertTensor(out, TensorTesting.broadcastShape(sa, sb), TensorTesting.refBinary(a, b, c.ref()), 0);
        assertThat(out.requiresGrad()).as("a comparison is a constant").isFalse();
        Tensor[] g = Autograd.grad(out.sum(), a, b);
        assertValues(g[0].toArray(), new double[a.numel()], 0);
        assertValues(g[1].toArray(), new double[b.numel()], 0);
        // As a mask in a product, a comparison passes the gradient through unchanged where it is 1.
        GradCheck.check(c.name() + " as a mask", in -> c.op().apply(in.get(0), in.get(1)).mul(in.get(0)),
                TensorTesting.grid(r, 0.1, 0.0, 20, sa), TensorTesting.grid(r, 0.1, 0.05, 20, sb));
    }

    @Test
    void comparisonsWithConstants() {
        Tensor x = Tensor.of(-1.0, 0.0, 1.0);
        assertThat(x.lt(0.0).toArray()).containsExactly(1, 0, 0);
        assertThat(x.le(0.0).toArray()).containsExactly(1, 1, 0);
        assertThat(x.gt(0.0).toArray()).containsExactly(0, 0, 1);
        assertThat(x.ge(0.0).toArray()).containsExactly(0, 1, 1);
        assertThat(x.eq(0.0).toArray()).containsExactly(0, 1, 0);
        assertThat(x.ne(0.0).toArray()).containsExactly(1, 0, 1);
        assertThat(Tensor.scalar(Double.NaN).eq(Double.NaN).item()).isEqualTo(0.0);
        assertThat(Tensor.scalar(Double.NaN).ne(Double.NaN).item()).isEqualTo(1.0);
    }

    static Stream<Arguments> whereShapes() {
        return Stream.of(
                Arguments.of(new int[0], new int[0], new int[0]),
                Arguments.of(new int[] {4}, new int[0], new int[0]),
                Arguments.of(new int[] {4}, new int[] {4}, new int[] {4}),
                Arguments.of(new int[] {3, 4}, new int[] {4}, new int[] {3, 1}),
                Arguments.of(new int[] {3, 1}, new int[] {1, 4}, new int[0]),
                Arguments.of(new int[] {1}, new int[] {2, 3}, new int[] {2, 1, 3}),
                Arguments.of(new int[0], new int[] {2, 3}, new int[] {3}));
    }

    @ParameterizedTest(name = "cond {0}, a {1}, b {2}")
    @MethodSource("whereShapes")
    void whereValuesAndGradientsToBothBranches(int[] sc, int[] sa, int[] sb) {
        SplittableRandom r = TensorTesting.rng(sc.length * 100L + sa.length * 10L + sb.length);
        Tensor cond = TensorTesting.grid(r, 1.0, 0.0, 1, sc).ge(0.5); // about 1/3 true
        Tensor a = TensorTesting.uniform(r, -2, 2, sa);
        Tensor b = TensorTesting.uniform(r, -2, 2, sb);
        int[] out = TensorTesting.broadcastShape(TensorTesting.broadcastShape(sc, sa), sb);
        double[] c = TensorTesting.broadcastTo(cond.toArray(), sc, out);
        double[] x = TensorTesting.broadcastTo(a.toArray(), sa, out);
        double[] y = TensorTesting.broadcastTo(b.toArray(), sb, out);
        double[] expected = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            expected[i] = c[i] != 0 ? x[i] : y[i];
        }
        assertTensor(Tensor.where(cond, a, b), out, expected, 0);
        GradCheck.checkSecondOrder("where", in -> Tensor.where(cond, in.get(0).square(), in.get(1).exp()), a, b);
    }

    @Test
    void whereSendsTheGradientOnlyToTheChosenBranch() {
        Tensor cond = Tensor.of(1, 0, 1, 0);
        Tensor a = Tensor.of(1, 2, 3, 4).requiringGrad();
        Tensor b = Tensor.scalar(10).requiringGrad();
        Tensor[] g = Autograd.grad(Tensor.where(cond, a, b).mul(Tensor.of(1, 2, 3, 4)).sum(), a, b);
        assertThat(g[0].toArray()).containsExactly(1, 0, 3, 0);
        assertThat(g[1].isScalar()).isTrue();
        assertThat(g[1].item()).isEqualTo(2 + 4);
    }

    @Test
    void clampValuesAndGradients() {
        Tensor x = Tensor.of(-3.0, -1.0, -0.5, 0.25, 0.5, 2.0, 7.0);
        assertThat(x.clamp(-1.0, 0.5).toArray()).containsExactly(-1.0, -1.0, -0.5, 0.25, 0.5, 0.5, 0.5);
        assertThat(x.clampMin(0.0).toArray()).containsExactly(0.0, 0.0, 0.0, 0.25, 0.5, 2.0, 7.0);
        assertThat(x.clampMax(0.0).toArray()).containsExactly(-3.0, -1.0, -0.5, 0.0, 0.0, 0.0, 0.0);
        // Away from the bounds: derivative 1 inside, 0 where a bound is active.
        Tensor y = Tensor.fromArray(new double[] {-3.0, -0.7, 0.1, 0.3, 2.0, 7.0}, 2, 3);
        GradCheck.checkSecondOrder("clamp", in -> in.get(0).clamp(-1.0, 0.5).square(), y);
        GradCheck.checkSecondOrder("clampMin", in -> in.get(0).clampMin(0.2).square(), y);
        GradCheck.checkSecondOrder("clampMax", in -> in.get(0).clampMax(0.2).square(), y);
        Tensor yg = y.requiringGrad();
        assertThat(Autograd.grad(yg.clamp(-1.0, 0.5).sum(), yg)[0].toArray()).containsExactly(0, 1, 1, 1, 0, 0);
        assertThat(Autograd.grad(Tensor.scalar(-5.0).requiringGrad().clampMin(0.0), Tensor.scalar(0.0))[0].item())
                .isEqualTo(0.0);
        Tensor s = Tensor.scalar(3.0).requiringGrad();
        assertThat(s.clamp(0.0, 1.0).isScalar()).isTrue();
        assertThat(Autograd.grad(s.clampMin(0.0), s)[0].item()).isEqualTo(1.0);
    }

    @Test
    void clampWithMinAboveMaxThrows() {
        assertThatThrownBy(() -> Tensor.of(1.0).clamp(2.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min 2.0").hasMessageContaining("max 1.0");
    }
}
