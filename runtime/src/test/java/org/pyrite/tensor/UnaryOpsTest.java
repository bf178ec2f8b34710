package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.tensor.TensorTesting.assertTensor;
import static org.pyrite.tensor.TensorTesting.assertValues;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Element-wise functions of one tensor (and of a tensor and a constant): values and derivatives. */
class UnaryOpsTest {
    /** Values are computed by the same or an algebraically equal formula: a few ulps at most. */
    private static final double VALUE_RTOL = 1e-13;

    interface Gen {
        Tensor make(SplittableRandom r, int[] shape);
    }

    record Case(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator ref, Gen gen, boolean secondOrder) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Gen uniform(double lo, double hi) {
        return (r, s) -> TensorTesting.uniform(r, lo, hi, s);
    }

    static Gen away(double lo, double hi) {
        return (r, s) -> TensorTesting.awayFromZero(r, lo, hi, s);
    }

    static final List<Case> CASES = List.of(
            new Case("neg", Tensor::neg, x -> -x, uniform(-3, 3), true),
            new Case("reciprocal", Tensor::reciprocal, x -> 1 / x, away(0.5, 2), true),
            new Case("exp", Tensor::exp, Math::exp, uniform(-2, 2), true),
            new Case("log", Tensor::log, Math::log, uniform(0.2, 3), true),
            new Case("log1p", Tensor::log1p, Math::log1p, uniform(-0.5, 2), true),
            new Case("expm1", Tensor::expm1, Math::expm1, uniform(-2, 2), true),
            new Case("sqrt", Tensor::sqrt, Math::sqrt, uniform(0.2, 3), true),
            new Case("square", Tensor::square, x -> x * x, uniform(-2, 2), true),
            // abs and sign have a kink/jump at 0: evaluated at |x| >= 0.1.
            new Case("abs", Tensor::abs, Math::abs, away(0.1, 2), true),
            new Case("sign", Tensor::sign, Math::signum, away(0.1, 2), true),
            // floor jumps at integers: evaluated at fractional parts 0.25 and 0.75.
            new Case("floor", Tensor::floor, Math::floor, (r, s) -> TensorTesting.grid(r, 0.5, 0.25, 6, s), true),
            new Case("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), uniform(-4, 4), true),
            new Case("softplus", Tensor::softplus, x -> Math.log1p(Math.exp(x)), uniform(-4, 4), true),
            new Case("logSigmoid", Tensor::logSigmoid, x -> -Math.log1p(Math.exp(-x)), uniform(-4, 4), true),
            new Case("tanh", Tensor::tanh, Math::tanh, uniform(-2, 2), true),
            new Case("lgamma", Tensor::lgamma, LogGamma::value, uniform(0.3, 5), true),
            // digamma's second derivative (polygamma of order 2) is documented as not implemented.
            new Case("digamma", Tensor::digamma, Digamma::value, uniform(0.3, 5), false),
            new Case("add(c)", x -> x.add(1.7), x -> x + 1.7, uniform(-2, 2), true),
            new Case("sub(c)", x -> x.sub(1.7), x -> x - 1.7, uniform(-2, 2), true),
            new Case("rsub(c)", x -> x.rsub(1.7), x -> 1.7 - x, uniform(-2, 2), true),
            new Case("mul(c)", x -> x.mul(-1.3), x -> x * -1.3, uniform(-2, 2), true),
            new Case("div(c)", x -> x.div(-1.3), x -> x / -1.3, uniform(-2, 2), true),
            new Case("rdiv(c)", x -> x.rdiv(-1.3), x -> -1.3 / x, away(0.5, 2), true),
            new Case("pow(2)", x -> x.pow(2.0), x -> x * x, uniform(-2, 2), true),
            new Case("pow(3) of negative and positive bases", x -> x.pow(3.0), x -> x * x * x, uniform(-2, 2), true),
            new Case("pow(0.5)", x -> x.pow(0.5), Math::sqrt, uniform(0.2, 3), true),
            new Case("pow(-1.5)", x -> x.pow(-1.5), x -> Math.pow(x, -1.5), uniform(0.3, 3), true),
            new Case("pow(1)", x -> x.pow(1.0), x -> x, uniform(-2, 2), true),
            new Case("pow(0)", x -> x.pow(0.0), x -> 1.0, uniform(-2, 2), true));

    static final List<int[]> SHAPES = List.of(new int[0], new int[] {1}, new int[] {5}, new int[] {2, 3},
            new int[] {2, 1, 3}, new int[] {1, 1});

    static Stream<Arguments> cases() {
        return CASES.stream().flatMap(c -> SHAPES.stream().map(s ->
                Arguments.of(c, Named.of(TensorTesting.shapeName(s), s))));
    }

    private static long seed(Case c, int[] shape) {
        return c.name().hashCode() * 1_000_003L + java.util.Arrays.hashCode(shape);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void valueMatchesReference(Case c, int[] shape) {
        Tensor x = c.gen().make(TensorTesting.rng(seed(c, shape)), shape);
        double[] xs = x.toArray();
        double[] expected = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            expected[i] = c.ref().applyAsDouble(xs[i]);
        }
        Tensor y = c.op().apply(x);
        assertTensor(y, shape, expected, VALUE_RTOL);
        assertThat(y.isScalar()).isEqualTo(shape.length == 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Case c, int[] shape) {
        Tensor x = c.gen().make(TensorTesting.rng(seed(c, shape)), shape);
        if (c.secondOrder()) {
            GradCheck.checkSecondOrder(c.name(), in -> c.op().apply(in.get(0)), x);
        } else {
            GradCheck.check(c.name(), in -> c.op().apply(in.get(0)), x);
        }
    }

    // ------------------------------------------------------------------ special functions

    @Test
    void lgammaAndDigammaMatchCommonsNumbersIncludingNegativeNonIntegers() {
        double[] xs = {-3.7, -2.5, -0.5, 1e-3, 0.5, 1.0, 2.0, 7.25, 30.0, 171.5};
        double[] lg = new double[xs.length];
        double[] dg = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            lg[i] = LogGamma.value(xs[i]);
            dg[i] = Digamma.value(xs[i]);
        }
        assertValues(Tensor.of(xs).lgamma().toArray(), lg, 0);
        assertValues(Tensor.of(xs).digamma().toArray(), dg, 0);
        // Known values: lgamma(1) = lgamma(2) = 0, lgamma(0.5) = log(sqrt(pi)), digamma(1) = -Euler's gamma.
        assertThat(Tensor.scalar(1.0).lgamma().item()).isEqualTo(0.0);
        assertThat(Tensor.scalar(0.5).lgamma().item()).isCloseTo(0.5 * Math.log(Math.PI), within(1e-15));
        assertThat(Tensor.scalar(1.0).digamma().item()).isCloseTo(-0.5772156649015329, within(1e-14));
    }

    @Test
    void gradientOfLgammaIsDigammaAndOfDigammaIsTrigamma() {
        double[] xs = {-2.5, 0.25, 1.0, 3.5, 20.0};
        Tensor x = Tensor.of(xs).requiringGrad();
        double[] dg = new double[xs.length];
        double[] tg = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            dg[i] = Digamma.value(xs[i]);
            tg[i] = Trigamma.value(xs[i]);
        }
        assertValues(Autograd.grad(x.lgamma().sum(), x)[0].toArray(), dg, 1e-15);
        assertValues(Autograd.grad(x.digamma().sum(), x)[0].toArray(), tg, 1e-15);
        GradCheck.check("digamma at negative non-integers", in -> in.get(0).digamma(), Tensor.of(-2.5, -0.4, -1.6));
        GradCheck.checkSecondOrder("lgamma at negative non-integers", in -> in.get(0).lgamma(), Tensor.of(-2.5, -0.4, -1.6));
    }

    @Test
    void differentiatingThroughTrigammaThrowsClearly() {
        Tensor x = Tensor.scalar(1.5).requiringGrad();
        Tensor d1 = Autograd.grad(x.digamma(), Tensor.scalar(1.0), true, x)[0]; // trigamma(x), recorded
        assertThat(d1.item()).isCloseTo(Trigamma.value(1.5), within(1e-15));
        assertThatThrownBy(() -> Autograd.grad(d1, x))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("trigamma");
    }

    // ------------------------------------------------------------------ numerical stability

    @Test
    void logisticFunctionsAreStableForLargeArguments() {
        Tensor x = Tensor.of(-800, -40, 40, 800).requiringGrad();
        assertValues(x.sigmoid().toArray(), new double[] {0.0, Math.exp(-40) / (1 + Math.exp(-40)), 1 / (1 + Math.exp(-40)), 1.0}, 1e-15);
        assertValues(x.softplus().toArray(), new double[] {0.0, Math.log1p(Math.exp(-40)), 40 + Math.log1p(Math.exp(-40)), 800}, 1e-15);
        assertValues(x.logSigmoid().toArray(), new double[] {-800, -40 - Math.log1p(Math.exp(-40)), -Math.log1p(Math.exp(-40)), 0.0}, 1e-15);
        for (Tensor g : new Tensor[] {
            Autograd.grad(x.sigmoid().sum(), x)[0], Autograd.grad(x.softplus().sum(), x)[0],
            Autograd.grad(x.logSigmoid().sum(), x)[0], Autograd.grad(x.tanh().sum(), x)[0]}) {
            assertThat(java.util.Arrays.stream(g.toArray()).allMatch(Double::isFinite)).as(g.toString()).isTrue();
        }
        assertValues(Autograd.grad(x.softplus().sum(), x)[0].toArray(), new double[] {0, Math.exp(-40), 1, 1}, 1e-15);
        assertValues(Autograd.grad(x.logSigmoid().sum(), x)[0].toArray(), new double[] {1, 1, Math.exp(-40), 0}, 1e-15);
    }

    @Test
    void log1pAndExpm1AreAccurateNearZero() {
        Tensor x = Tensor.of(1e-12, -1e-12, 1e-300);
        assertValues(x.log1p().toArray(), new double[] {Math.log1p(1e-12), Math.log1p(-1e-12), 1e-300}, 0);
        assertThat(x.log1p().toArray()[0]).isCloseTo(1e-12 - 0.5e-24, withinPercentage(1e-10));
        assertThat(x.expm1().toArray()[0]).isCloseTo(1e-12 + 0.5e-24, withinPercentage(1e-10));
    }

    @Test
    void absHasZeroGradientAtZeroAndPowZeroHasZeroGradientEverywhere() {
        Tensor x = Tensor.of(-1.0, 0.0, 2.0).requiringGrad();
        assertThat(Autograd.grad(x.abs().sum(), x)[0].toArray()).containsExactly(-1.0, 0.0, 1.0);
        // x^0 = 1 is constant, so its derivative is 0, also at x = 0 (not 0 * 0^-1 = NaN).
        assertThat(x.pow(0.0).toArray()).containsExactly(1.0, 1.0, 1.0);
        assertValues(Autograd.grad(x.pow(0.0).sum(), x)[0].toArray(), new double[] {0.0, 0.0, 0.0}, 0);
        Tensor s = Tensor.scalar(0.0).requiringGrad();
        assertThat(Autograd.grad(s.pow(0.0), s)[0].item()).isEqualTo(0.0);
    }

    @Test
    void signAndFloorAreConstants() {
        Tensor x = Tensor.of(-1.5, 0.0, 2.5).requiringGrad();
        assertThat(x.sign().requiresGrad()).isFalse();
        assertThat(x.floor().requiresGrad()).isFalse();
        assertThat(x.sign().toArray()).containsExactly(-1.0, 0.0, 1.0);
        assertThat(x.floor().toArray()).containsExactly(-2.0, 0.0, 2.0);
        assertThat(Autograd.grad(x.sign().mul(x).sum(), x)[0].toArray()).containsExactly(-1.0, 0.0, 1.0);
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    private static org.assertj.core.data.Percentage withinPercentage(double p) {
        return org.assertj.core.data.Percentage.withPercentage(p);
    }
}
