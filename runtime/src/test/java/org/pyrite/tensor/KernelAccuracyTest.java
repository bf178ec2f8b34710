package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The array kernels this JVM runs ({@link ActiveKernels}: scalar, or the Vector API ones when the
 * module is added; the build runs this class both ways) keep the accuracy {@link ScalarMath}
 * promises: exp, log and log1p within one ulp of the correctly rounded value, against 60-digit
 * references. Array lengths are not multiples of any vector length, so the partial blocks at the
 * end are checked too.
 */
class KernelAccuracyTest {
    private static final Kernels K = ActiveKernels.KERNELS;
    private static final int N = 2_003;

    /** An array kernel: indices [from, to) of x into out. */
    @FunctionalInterface
    interface RangeKernel {
        void apply(double[] x, double[] out, int from, int to);
    }

    private static void assertWithinOneUlp(String name, double[] x, RangeKernel kernel, DoubleUnaryOperator exact) {
        double[] out = new double[x.length];
        kernel.apply(x, out, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(ExactMath.ulpsApart(out[i], exact.applyAsDouble(x[i]))).as("%s(%s) at %d", name, x[i], i).isLessThanOrEqualTo(1.0);
        }
    }

    static Stream<Arguments> expRanges() {
        return Stream.of(Arguments.of(-699.0, 699.0), Arguments.of(-20.0, 20.0), Arguments.of(-1e-3, 1e-3), Arguments.of(-1e-12, 1e-12));
    }

    @ParameterizedTest(name = "exp on [{0}, {1}]")
    @MethodSource("expRanges")
    void expIsWithinOneUlp(double low, double high) {
        assertWithinOneUlp("exp", uniform(21, low, high), K::exp, ExactMath::exp);
    }

    /** N points drawn uniformly from [low, high) with a generator seeded by {@code seed}. */
    private static double[] uniform(long seed, double low, double high) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = low + (high - low) * rng.nextDouble();
        }
        return x;
    }

    @ParameterizedTest(name = "log1p on [0, 2^-{0}]")
    @ValueSource(ints = {0, 1, 6, 20, 52, 60})
    void log1pIsWithinOneUlp(int octave) {
        SplittableRandom rng = new SplittableRandom(22);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = Math.scalb(rng.nextDouble(), -octave);
        }
        assertWithinOneUlp("log1p", x, K::log1p, ExactMath::log1p);
    }

    /**
     * Outside [0, 1] the vector kernels take another loop (m from the exponent of 1 + x): below
     * zero down to just above -1, where 1 + x loses bits of x; above 1; far above.
     */
    @ParameterizedTest(name = "log1p on ({0}, {1})")
    @MethodSource("log1pWideRanges")
    void log1pOutsideTheUnitIntervalIsWithinOneUlp(double low, double high) {
        double[] x = uniform(27, low, high);
        x[0] = Math.nextUp(low);
        assertWithinOneUlp("log1p", x, K::log1p, ExactMath::log1pAnywhere);
    }

    static Stream<Arguments> log1pWideRanges() {
        return Stream.of(Arguments.of(-1.0, -0.5), Arguments.of(-0.5, -1e-3), Arguments.of(-1e-3, 0.0), Arguments.of(-1e-12, 0.0),
                Arguments.of(1.0, 2.0), Arguments.of(2.0, 1e3), Arguments.of(1e3, 1e300));
    }

    @ParameterizedTest(name = "log on 2^[{0}, {1}]")
    @MethodSource("logRanges")
    void logIsWithinOneUlp(int lowExponent, int highExponent) {
        SplittableRandom rng = new SplittableRandom(23);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = Math.scalb(1.0 + rng.nextDouble(), rng.nextInt(lowExponent, highExponent + 1));
        }
        assertWithinOneUlp("log", x, K::log, ExactMath::log);
    }

    static Stream<Arguments> logRanges() {
        // Around 1, where log is smallest and cancellation would show; then wide.
        return Stream.of(Arguments.of(-1, 0), Arguments.of(-4, 4), Arguments.of(-1022, 1023));
    }

    @Test
    void logNearOneIsWithinOneUlp() {
        SplittableRandom rng = new SplittableRandom(24);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 1.0 + Math.scalb(rng.nextDouble(-1, 1), -rng.nextInt(1, 50));
        }
        assertWithinOneUlp("log", x, K::log, ExactMath::log);
    }

    static Stream<Double> oddValues() {
        return Stream.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 800.0, -745.0, -0.5, 2.0, -1.0, 0.0, -0.0,
                Double.MIN_VALUE);
    }

    /**
     * An element's result does not depend on its neighbours, its position, or values outside the
     * fast range beside it: every kernel over a whole array equals the same kernel over each
     * element alone, bit for bit (any NaN for a NaN), and leaves entries outside its range alone.
     */
    @ParameterizedTest
    @MethodSource("oddValues")
    void eachElementIsComputedAsIfAlone(double odd) {
        SplittableRandom rng = new SplittableRandom(25);
        int n = 37;
        for (int at = -1; at < n; at += 5) {
            double[] x = new double[n];
            double[] unit = new double[n];
            double[] labels = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextDouble(-30, 30);
                unit[i] = rng.nextDouble();
                labels[i] = rng.nextBoolean() ? 1.0 : 0.0;
            }
            if (at >= 0) {
                x[at] = odd;
                unit[at] = odd;
            }
            for (int[] range : new int[][] {{0, n}, {3, n - 5}}) {
                check("exp", x, range, K::exp);
                check("log", x, range, K::log);
                check("log", unit, range, K::log);
                check("log1p", unit, range, K::log1p);
                check("log1p", x, range, K::log1p);
                check("sigmoid", x, range, K::sigmoid);
                check("softplus", x, range, (a, o, f, t) -> K.softplus(a, 1.0, o, f, t));
                check("logsigmoid", x, range, (a, o, f, t) -> K.softplus(a, -1.0, o, f, t));
                check("bernoulli", x, range, (a, o, f, t) -> K.bernoulliLogits(a, labels, new double[a.length], o, false, f, t));
            }
        }
    }

    private static void check(String name, double[] x, int[] range, RangeKernel kernel) {
        double untouched = -7.25;
        double[] out = new double[x.length];
        java.util.Arrays.fill(out, untouched);
        kernel.apply(x, out, range[0], range[1]);
        for (int i = 0; i < x.length; i++) {
            double want = untouched;
            if (i >= range[0] && i < range[1]) {
                double[] one = x.clone();
                double[] alone = new double[x.length];
                kernel.apply(one, alone, i, i + 1);
                want = alone[i];
            }
            // Bit patterns, so -0.0 does not match 0.0; a NaN matches any NaN: the sign of a NaN
            // differs between the JIT's compiled vector code and the API's Java fallback that runs
            // before it (max and negation of a NaN), and carries no meaning.
            if (Double.isNaN(want)) {
                assertThat(out[i]).as("%s(%s) at %d", name, x[i], i).isNaN();
            } else {
                assertThat(Double.doubleToRawLongBits(out[i])).as("%s(%s) at %d", name, x[i], i).isEqualTo(Double.doubleToRawLongBits(want));
            }
        }
    }

    @Test
    void scoreOfTheBernoulliKernelIsLabelMinusSigmoid() {
        SplittableRandom rng = new SplittableRandom(26);
        double[] z = new double[N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            z[i] = rng.nextDouble(-40, 40);
            y[i] = rng.nextBoolean() ? 1.0 : 0.0;
        }
        double[] score = new double[N];
        double[] logProb = new double[N];
        K.bernoulliLogits(z, y, score, logProb, true, 0, N);
        double[] sigmoid = new double[N];
        K.sigmoid(z, sigmoid, 0, N);
        for (int i = 0; i < N; i++) {
            assertThat(score[i]).as("score at %d", i).isEqualTo(y[i] - sigmoid[i]);
            // log p = y z - softplus(z), softplus(z) = max(z, 0) + log1p(e^-|z|): to a few ulps of the sum's terms.
            double softplus = Math.max(z[i], 0.0) + ExactMath.log1p(ExactMath.exp(-Math.abs(z[i])));
            double want = y[i] * z[i] - softplus;
            assertThat(logProb[i]).as("log-prob at %d", i).isCloseTo(want, org.assertj.core.api.Assertions.within(4 * Math.ulp(Math.abs(y[i] * z[i]) + softplus)));
        }
    }
}
