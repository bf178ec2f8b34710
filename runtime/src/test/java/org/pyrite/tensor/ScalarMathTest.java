package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ScalarMath promises results within one ulp of the correctly rounded value. The reference here is
 * computed independently to 60 significant digits with BigDecimal and rounded once, so "within one
 * ulp" is checked exactly, with no allowance for an error in the reference.
 */
class ScalarMathTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal LN2 = new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680009493");

    /** e^x: the Taylor series of e^(x / 1024), squared ten times (the relative error grows 1024-fold, still below 1e-55). */
    private static double exactExp(double x) {
        BigDecimal y = new BigDecimal(x).divide(BigDecimal.valueOf(1024), MC);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 45; n++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < 10; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum.doubleValue();
    }

    /** log(1 + t) for t in [0, 1]: 2 atanh(s) with s = t / (2 + t) <= 1/3, whose series converges geometrically. */
    private static double exactLog1p(double t) {
        BigDecimal bt = new BigDecimal(t);
        BigDecimal s = bt.divide(bt.add(BigDecimal.valueOf(2)), MC);
        BigDecimal s2 = s.multiply(s, MC);
        BigDecimal power = s;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 1; n < 130; n += 2) {
            sum = sum.add(power.divide(BigDecimal.valueOf(n), MC), MC);
            power = power.multiply(s2, MC);
        }
        return sum.multiply(BigDecimal.valueOf(2), MC).doubleValue();
    }

    private static double ulpsApart(double got, double exact) {
        return Math.abs(got - exact) / Math.ulp(exact);
    }

    static Stream<Arguments> expRanges() {
        return Stream.of(Arguments.of(-699.0, 699.0), Arguments.of(-20.0, 20.0), Arguments.of(-1e-3, 1e-3), Arguments.of(-1e-12, 1e-12));
    }

    @ParameterizedTest(name = "exp on [{0}, {1}]")
    @MethodSource("expRanges")
    void expIsWithinOneUlpOfTheCorrectlyRoundedValue(double low, double high) {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            double x = low + (high - low) * rng.nextDouble();
            double exact = exactExp(x);
            assertThat(ulpsApart(ScalarMath.exp(x), exact)).as("exp(%s)", x).isLessThanOrEqualTo(1.0);
        }
    }

    @ParameterizedTest(name = "log1p on [0, 2^-{0}]")
    @ValueSource(ints = {0, 1, 6, 20, 52, 60})
    void log1pIsWithinOneUlpOfTheCorrectlyRoundedValue(int octave) {
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < 2_000; i++) {
            double t = Math.scalb(rng.nextDouble(), -octave);
            double exact = exactLog1p(t);
            assertThat(ulpsApart(ScalarMath.log1p(t), exact)).as("log1p(%s)", t).isLessThanOrEqualTo(1.0);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 0.5, 0.015625, 0.984375, 0x1.fffffffffffffp-1, 0x1p-53, 0x1p-1074})
    void log1pAtTableEdgesAndEnds(double t) {
        assertThat(ulpsApart(ScalarMath.log1p(t), exactLog1p(t))).as("log1p(%s)", t).isLessThanOrEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.999, -0.5, -1e-9, 1.5, 1e6, 1e300})
    void log1pOutsideTheFastRangeAgreesWithStrictMath(double x) {
        // The general path is Goldberg's formula on the intrinsic log: a few ulps (its own derivation).
        assertThat(ulpsApart(ScalarMath.log1p(x), StrictMath.log1p(x))).as("log1p(%s)", x).isLessThanOrEqualTo(4.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {699.999, 700.0, 709.78, 709.79, -700.0, -708.0, -745.0, -746.0})
    void expBeyondTheFastRangeIsMathExp(double x) {
        assertThat(ScalarMath.exp(x)).isEqualTo(Math.exp(x));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-700.0, -40.0, -3.5, -1e-9, -0.0, 0.0, 1e-9, 2.0, 40.0, 700.0})
    void sigmoidIsAccurateInRelativeTermsOnBothSides(double x) {
        // Reference 1 / (1 + e^-x) to 60 digits; the result is a few roundings away (exp, one
        // addition, one division), so four ulps bound it.
        double exact = BigDecimal.ONE.divide(BigDecimal.ONE.add(new BigDecimal(exactExp(-x)), MC), MC).doubleValue();
        double got = ScalarMath.sigmoidGivenExp(x, ScalarMath.exp(-Math.abs(x)));
        assertThat(ulpsApart(got, exact)).as("sigmoid(%s)", x).isLessThanOrEqualTo(4.0);
    }

    @org.junit.jupiter.api.Test
    void specialValues() {
        assertThat(ScalarMath.exp(0.0)).isEqualTo(1.0);
        assertThat(ScalarMath.exp(-0.0)).isEqualTo(1.0);
        assertThat(ScalarMath.exp(Double.NaN)).isNaN();
        assertThat(ScalarMath.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ScalarMath.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(ScalarMath.exp(1.0)).isEqualTo(Math.E);
        assertThat(ScalarMath.exp(LN2.doubleValue())).isEqualTo(2.0);
        assertThat(ScalarMath.log1p(0.0)).isEqualTo(0.0);
        assertThat(ScalarMath.log1p(1.0)).isEqualTo(LN2.doubleValue());
        assertThat(ScalarMath.log1p(-1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ScalarMath.log1p(Double.NaN)).isNaN();
        assertThat(ScalarMath.log1p(-2.0)).isNaN();
        assertThat(ScalarMath.log1p(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    static Stream<Double> outOfFastRange() {
        return Stream.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 800.0, -745.0, -0.5, 2.0, -1.0);
    }

    /** An array kernel of ScalarMath: indices [from, to) of x into out. */
    @FunctionalInterface
    interface RangeKernel {
        void apply(double[] x, double[] out, int from, int to);
    }

    /**
     * The array kernels take a branch-free loop only after scanning that every input in their range
     * is in the fast range. Whichever loop runs, each element must equal the scalar function bit for
     * bit, in place or not, with an out-of-range value anywhere (first, middle, last) or nowhere, and
     * entries outside the range must be left alone.
     */
    @ParameterizedTest
    @MethodSource("outOfFastRange")
    void arrayKernelsEqualTheScalarFunctionsWhereverAnOddValueSits(double odd) {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 37;
        for (int at = -1; at < n; at += 9) {
            double[] x = new double[n];
            double[] unit = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextDouble(-30, 30);
                unit[i] = rng.nextDouble();
            }
            if (at >= 0) {
                x[at] = odd;
                unit[at] = odd;
            }
            for (int[] range : new int[][] {{0, n}, {3, n - 5}}) {
                checkKernel("exp", x, range, ScalarMath::exp, ScalarMath::exp);
                checkKernel("expMinusAbs", x, range, ScalarMath::expMinusAbs, v -> ScalarMath.exp(-Math.abs(v)));
                checkKernel("sigmoid", x, range, ScalarMath::sigmoid, v -> ScalarMath.sigmoidGivenExp(v, ScalarMath.exp(-Math.abs(v))));
                checkKernel("log1p", unit, range, ScalarMath::log1p, ScalarMath::log1p);
            }
        }
    }

    private static void checkKernel(String name, double[] x, int[] range, RangeKernel kernel, java.util.function.DoubleUnaryOperator scalar) {
        double untouched = -7.25;
        double[] out = new double[x.length];
        java.util.Arrays.fill(out, untouched);
        kernel.apply(x, out, range[0], range[1]);
        double[] inPlace = x.clone();
        kernel.apply(inPlace, inPlace, range[0], range[1]);
        for (int i = 0; i < x.length; i++) {
            boolean inside = i >= range[0] && i < range[1];
            double want = inside ? scalar.applyAsDouble(x[i]) : untouched;
            double wantInPlace = inside ? want : x[i];
            // Bit patterns, so NaN matches NaN and -0.0 does not match 0.0.
            assertThat(Double.doubleToRawLongBits(out[i])).as("%s(%s) at %d", name, x[i], i).isEqualTo(Double.doubleToRawLongBits(want));
            assertThat(Double.doubleToRawLongBits(inPlace[i])).as("%s(%s) in place at %d", name, x[i], i)
                    .isEqualTo(Double.doubleToRawLongBits(wantInPlace));
        }
    }
}
