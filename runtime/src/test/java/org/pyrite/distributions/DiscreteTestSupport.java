package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.pyrite.tensor.Tensor;

/** Helpers shared by the tests of the discrete distributions, Delta, MultivariateNormal and Empirical. */
final class DiscreteTestSupport {
    /** Unit roundoff of double arithmetic (half the machine epsilon 2^-52). */
    static final double EPS = 0x1p-53;

    private DiscreteTestSupport() {}

    /**
     * The pmf at {@code 0..max} of a distribution with a scalar batch, from one vectorized
     * {@code logProb(...).exp()} call: the chi-square checks compare draws with this.
     */
    static double[] pmfTable(Distribution d, int max) {
        return d.logProb(Tensor.arange(max + 1)).exp().toArray();
    }

    /**
     * Draws {@code xs} of a scalar-batch distribution fit it: the sample mean and variance are
     * within {@link SampleChecks}' standard errors of {@code mean} and {@code variance}, and a
     * chi-square test over {@code 0..max} accepts {@code d}'s own pmf ({@link #pmfTable}).
     */
    static void assertDrawsFit(double[] xs, Distribution d, double mean, double variance, int max, String what) {
        SampleChecks.assertMean(xs, mean, variance, what);
        SampleChecks.assertVariance(xs, variance, what);
        double[] pmf = pmfTable(d, max);
        SampleChecks.assertChiSquare(xs, k -> pmf[k], max, what);
    }

    /**
     * {@code d.sample(n)} after {@code Rng.setSeed(seed)} gives the same draws, bit for bit, when
     * repeated; returns them.
     */
    static double[] assertSeededDrawsRepeat(Distribution d, long seed, int n) {
        Rng.setSeed(seed);
        double[] first = d.sample(n).toArray();
        Rng.setSeed(seed);
        assertThat(d.sample(n).toArray()).containsExactly(first);
        return first;
    }

    /** Draws of a scalar-batch distribution as a flat array. */
    static double[] draws(Distribution d, int n) {
        return d.sample(n).toArray();
    }

    /** Column {@code b} of draws of shape {@code [n, batch]}. */
    static double[] column(double[] flat, int batch, int b) {
        double[] out = new double[flat.length / batch];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat[i * batch + b];
        }
        return out;
    }

    /** The call throws IllegalArgumentException whose message contains every fragment. */
    static void assertRejected(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).message().contains(fragments);
    }

    /** Every entry is -Infinity. */
    static void assertAllNegativeInfinity(Tensor t) {
        for (double v : t.toArray()) {
            assertThat(v).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }
}
