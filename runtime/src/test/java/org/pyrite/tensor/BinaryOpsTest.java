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

/** Element-wise functions of two broadcast tensors: values and gradients, over many shape pairs. */
class BinaryOpsTest {
    interface Gen {
        Tensor make(SplittableRandom r, int[] shape);
    }

    record Case(String name, BinaryOperator<Tensor> op, DoubleBinaryOperator ref, Gen genA, Gen genB) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Shapes(int[] a, int[] b) {
        @Override
        public String toString() {
            return TensorTesting.shapeName(a) + " with " + TensorTesting.shapeName(b);
        }
    }

    static Gen uniform(double lo, double hi) {
        return (r, s) -> TensorTesting.uniform(r, lo, hi, s);
    }

    // maximum/minimum have a kink where the arguments tie: the two grids are 0.05 apart at least.
    static final Gen GRID_A = (r, s) -> TensorTesting.grid(r, 0.1, 0.0, 20, s);
    static final Gen GRID_B = (r, s) -> TensorTesting.grid(r, 0.1, 0.05, 20, s);

    static final List<Case> CASES = List.of(
            new Case("add", Tensor::add, (a, b) -> a + b, uniform(-2, 2), uniform(-2, 2)),
            new Case("sub", Tensor::sub, (a, b) -> a - b, uniform(-2, 2), uniform(-2, 2)),
            new Case("mul", Tensor::mul, (a, b) -> a * b, uniform(-2, 2), uniform(-2, 2)),
            new Case("div", Tensor::div, (a, b) -> a / b, uniform(-2, 2), (r, s) -> TensorTesting.awayFromZero(r, 0.5, 2, s)),
            new Case("pow", Tensor::pow, Math::pow, uniform(0.3, 2.5), uniform(-2, 2)),
            new Case("maximum", Tensor::maximum, Math::max, GRID_A, GRID_B),
            new Case("minimum", Tensor::minimum, Math::min, GRID_A, GRID_B));

    static final List<Shapes> SHAPES = List.of(
            new Shapes(new int[0], new int[0]),
            new Shapes(new int[0], new int[] {3}),
            new Shapes(new int[] {3}, new int[0]),
            new Shapes(new int[] {3}, new int[] {3}),
            new Shapes(new int[] {1}, new int[] {3}),
            new Shapes(new int[] {1}, new int[0]),
            new Shapes(new int[] {2, 3}, new int[] {3}),
            new Shapes(new int[] {2, 3}, new int[] {2, 1}),
            new Shapes(new int[] {2, 1}, new int[] {1, 3}),
            new Shapes(new int[] {2, 3}, new int[] {1, 1}),
            new Shapes(new int[] {1, 1}, new int[] {2, 1, 3}),
            new Shapes(new int[] {4, 1, 3}, new int[] {2, 1}),
            new Shapes(new int[] {2, 3}, new int[] {1, 2, 3}));

    static Stream<Arguments> cases() {
        return CASES.stream().flatMap(c -> SHAPES.stream().map(s -> Arguments.of(c, s)));
    }

    private static Tensor[] inputs(Case c, Shapes s) {
        SplittableRandom r = TensorTesting.rng(c.name().hashCode() * 31L + s.toString().hashCode());
        return new Tensor[] {c.genA().make(r, s.a()), c.genB().make(r, s.b())};
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void valueMatchesBroadcastReference(Case c, Shapes s) {
        Tensor[] in = inputs(c, s);
        Tensor out = c.op().apply(in[0], in[1]);
        assertTensor(out, TensorTesting.broadcastShape(s.a(), s.b()), TensorTesting.refBinary(in[0], in[1], c.ref()), 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Case c, Shapes s) {
        Tensor[] in = inputs(c, s);
        GradCheck.checkSecondOrder(c.name(), xs -> c.op().apply(xs.get(0), xs.get(1)), in);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientWithOnlyOneSideRequiringGrad(Case c, Shapes s) {
        Tensor[] in = inputs(c, s);
        // Each operand on its own, the other a constant: the rules must not depend on both being tracked.
        GradCheck.check(c.name() + " (left only)", xs -> c.op().apply(xs.get(0), in[1]), in[0]);
        GradCheck.check(c.name() + " (right only)", xs -> c.op().apply(in[0], xs.get(0)), in[1]);
    }

    @Test
    void sameTensorOnBothSides() {
        Tensor x = Tensor.of(0.5, -1.5, 2.0);
        GradCheck.checkSecondOrder("x * x", in -> in.get(0).mul(in.get(0)), x);
        GradCheck.checkSecondOrder("x / x", in -> in.get(0).div(in.get(0)), x);
        GradCheck.checkSecondOrder("x - x", in -> in.get(0).sub(in.get(0)), x);
        GradCheck.checkSecondOrder("|x| ^ x", in -> in.get(0).abs().pow(in.get(0)), x);
    }

    @Test
    void powGradientConventionsAtZero() {
        // d/dy x^y = x^y log x is taken as 0 at x = 0; d/dx x^0 = 0 also at x = 0.
        Tensor x = Tensor.of(0.0, 0.0, 2.0).requiringGrad();
        Tensor y = Tensor.of(0.0, 2.0, 0.0).requiringGrad();
        Tensor[] g = Autograd.grad(x.pow(y).sum(), x, y);
        assertThat(x.pow(y).toArray()).containsExactly(1.0, 0.0, 1.0);
        assertValues(g[0].toArray(), new double[] {0.0, 0.0, 0.0}, 0);
        assertValues(g[1].toArray(), new double[] {0.0, 0.0, Math.log(2.0)}, 1e-15);
    }

    @Test
    void powWithNegativeBaseAndIntegerExponent() {
        Tensor x = Tensor.of(-2.0, -0.5, 1.5);
        Tensor y = Tensor.scalar(3.0);
        assertValues(x.pow(y).toArray(), new double[] {-8.0, -0.125, 3.375}, 0);
        GradCheck.check("pow(negative base, 3) w.r.t. the base", in -> in.get(0).pow(y), x);
    }

    @Test
    void maximumAndMinimumSendTiesToTheFirstArgument() {
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiringGrad();
        Tensor y = Tensor.of(1.0, 0.0, 5.0).requiringGrad();
        Tensor[] gMax = Autograd.grad(x.maximum(y).sum(), x, y);
        assertThat(gMax[0].toArray()).containsExactly(1.0, 1.0, 0.0);
        assertThat(gMax[1].toArray()).containsExactly(0.0, 0.0, 1.0);
        Tensor[] gMin = Autograd.grad(x.minimum(y).sum(), x, y);
        assertThat(gMin[0].toArray()).containsExactly(1.0, 0.0, 1.0);
        assertThat(gMin[1].toArray()).containsExactly(0.0, 1.0, 0.0);
    }

    @Test
    void scalarOperandsBroadcastAgainstEveryShape() {
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 1, 3);
        assertTensor(x.add(10.0), new int[] {2, 1, 3}, new double[] {11, 12, 13, 14, 15, 16}, 0);
        assertTensor(x.rsub(10.0), new int[] {2, 1, 3}, new double[] {9, 8, 7, 6, 5, 4}, 0);
        assertTensor(x.rdiv(12.0), new int[] {2, 1, 3}, new double[] {12, 6, 4, 3, 2.4, 2}, 0);
        assertTensor(Tensor.scalar(2.0).pow(x), new int[] {2, 1, 3}, new double[] {2, 4, 8, 16, 32, 64}, 0);
    }

    @Test
    void incompatibleShapesThrowNamingBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4);
        for (BinaryOperator<Tensor> op : List.<BinaryOperator<Tensor>>of(Tensor::add, Tensor::sub, Tensor::mul,
                Tensor::div, Tensor::pow, Tensor::maximum, Tensor::minimum, Tensor::lt, Tensor::eq)) {
            assertThatThrownBy(() -> op.apply(a, b))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[2, 3]").hasMessageContaining("[4]").hasMessageContaining("broadcast");
        }
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Tensor.where(Tensor.zeros(5), Tensor.zeros(2, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5]").hasMessageContaining("[2, 3]");
    }
}
