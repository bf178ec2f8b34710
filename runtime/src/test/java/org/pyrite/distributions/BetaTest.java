package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

@SuppressWarnings("try") // Validation.disabled() scope used for its effect
class BetaTest {
    private static final double EPS = Math.ulp(1.0);

    /**
     * logProb against Commons Statistics at 60 points per seed: batch [3, 4] from a [3, 1]
     * concentration1 and a [4] concentration0 (log-uniform in [0.1, 50]), values of shape [5, 3, 4]
     * spread uniformly and log-uniformly towards both ends (down to 1e-12 from 0 and from 1).
     *
     * <p>Tolerance: our value is (a-1) log x + (b-1) log1p(-x) - (lgamma a + lgamma b - lgamma(a+b));
     * five terms each within about 2 ulps of its magnitude plus four additions, so at most about
     * 5 eps sum|terms|; the reference (exact x, Commons Numbers' LogBeta) is within a few eps of
     * its value. Allowed: 16 eps sum|terms|.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void logProbMatchesCommonsStatistics(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = new double[3];
        double[] b = new double[4];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.exp(rnd.nextDouble(Math.log(0.1), Math.log(50)));
        }
        for (int j = 0; j < b.length; j++) {
            b[j] = Math.exp(rnd.nextDouble(Math.log(0.1), Math.log(50)));
        }
        double[] x = new double[5 * 12];
        for (int k = 0; k < x.length; k++) {
            double near = Math.exp(rnd.nextDouble(Math.log(1e-12), Math.log(0.5)));
            switch (k % 3) {
                case 0 -> x[k] = rnd.nextDouble(1e-6, 1 - 1e-6);
                case 1 -> x[k] = near;
                default -> x[k] = 1 - near;
            }
        }
        Beta d = Beta.of(Tensor.fromArray(a, 3, 1), Tensor.of(b));
        assertThat(d.batchShape()).containsExactly(3, 4);
        double[] got = d.logProb(Tensor.fromArray(x, 5, 3, 4)).toArray();
        for (int k = 0; k < x.length; k++) {
            double ak = a[(k % 12) / 4];
            double bk = b[k % 4];
            double expected = BetaDistribution.of(ak, bk).logDensity(x[k]);
            double terms = Math.abs((ak - 1) * Math.log(x[k])) + Math.abs((bk - 1) * Math.log1p(-x[k]))
                    + Math.abs(LogGamma.value(ak)) + Math.abs(LogGamma.value(bk)) + Math.abs(LogGamma.value(ak + bk));
            assertThat(got[k]).as("logProb at a=%s, b=%s, x=%s", ak, bk, x[k]).isCloseTo(expected, within(16 * EPS * terms));
        }
    }

    @Test
    void logProbAtTheEndsOfTheSupport() {
        // Density b (1-x)^(b-1) at 0 for a = 1: log 3, by the xlogy convention, not NaN.
        assertThat(Beta.of(1.0, 3.0).logProb(0.0).item()).isCloseTo(Math.log(3), within(4 * EPS));
        assertThat(Beta.of(2.0, 1.0).logProb(1.0).item()).isCloseTo(Math.log(2), within(4 * EPS));
        assertThat(Beta.of(2.0, 3.0).logProb(0.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Beta.of(0.5, 0.5).logProb(1.0).item()).isEqualTo(Double.POSITIVE_INFINITY);
        // Uniform: log-density 0 (adding 0.0 turns a -0.0 into 0.0) at both ends and inside.
        assertThat(Beta.of(1.0, 1.0).logProb(Tensor.of(0.0, 0.3, 1.0)).add(0.0).toArray()).containsExactly(0.0, 0.0, 0.0);
        // The gradient at the end is finite: d/da log p = -(digamma(a) - digamma(a + b)) there.
        Tensor a = Tensor.scalar(1.0).requiringGrad();
        double g = Autograd.grad(Beta.of(a, 3.0).logProb(0.0), a)[0].item();
        assertThat(g).isCloseTo(Digamma.value(4.0) - Digamma.value(1.0), within(8 * EPS));
    }

    @Test
    void logProbGradientsAreTheAnalyticScores() {
        Tensor a = Tensor.scalar(2.5).requiringGrad();
        Tensor b = Tensor.scalar(0.7).requiringGrad();
        Tensor x = Tensor.scalar(0.35).requiringGrad();
        Tensor[] g = Autograd.grad(Beta.of(a, b).logProb(x), a, b, x);
        double psiSum = Digamma.value(3.2);
        // Short sums of correctly rounded terms of size <= 3: 8 ulps of 3.
        assertThat(g[0].item()).isCloseTo(Math.log(0.35) - Digamma.value(2.5) + psiSum, within(24 * EPS));
        assertThat(g[1].item()).isCloseTo(Math.log1p(-0.35) - Digamma.value(0.7) + psiSum, within(24 * EPS));
        assertThat(g[2].item()).isCloseTo(1.5 / 0.35 - (-0.3) / 0.65, within(24 * EPS));
    }

    /** Mean, variance and KS of 20k draws; tolerances from SampleChecks (5 standard errors, KS alpha 1e-4). */
    @ParameterizedTest
    @CsvSource({"0.5, 0.5", "2.0, 5.0", "0.2, 3.0"})
    void drawsMatchTheDistribution(double a, double b) {
        Rng.setSeed(77);
        Beta d = Beta.of(a, b);
        double[] xs = d.sample(20_000).toArray();
        double mean = a / (a + b);
        double variance = a * b / ((a + b) * (a + b) * (a + b + 1));
        assertThat(d.mean().item()).isCloseTo(mean, within(2 * EPS));
        assertThat(d.variance().item()).isCloseTo(variance, within(4 * EPS * variance));
        String what = "Beta(" + a + ", " + b + ")";
        SampleChecks.assertMean(xs, mean, variance, what);
        SampleChecks.assertVariance(xs, variance, what);
        SampleChecks.assertKolmogorovSmirnov(xs, BetaDistribution.of(a, b)::cumulativeProbability, what);
        for (double x : xs) {
            assertThat(x).isBetween(0.0, 1.0);
        }
    }

    /**
     * Monte Carlo check of the reparameterized gradients: E[x] = a / (a + b), so the averaged
     * per-draw gradients must be d/da = b / (a+b)^2 and d/db = -a / (a+b)^2 within 5 standard
     * errors (sample standard deviation of the per-draw gradients over sqrt(n)).
     */
    @ParameterizedTest
    @CsvSource({"2.0, 3.0", "0.5, 1.5", "8.0, 0.8"})
    void averagedGradientsAreTheGradientOfTheMean(double a, double b) {
        int n = 20_000;
        Rng.setSeed(5);
        Tensor ta = Tensor.full(a, n).requiringGrad();
        Tensor tb = Tensor.full(b, n).requiringGrad();
        Tensor x = Beta.of(ta, tb).rsample();
        Tensor[] g = Autograd.grad(x.sum(), ta, tb);
        double[] da = g[0].toArray();
        double[] db = g[1].toArray();
        double s2 = (a + b) * (a + b);
        SampleChecks.assertMean(da, b / s2, GammaTest.sampleVariance(da), "d E[x] / d a");
        SampleChecks.assertMean(db, -a / s2, GammaTest.sampleVariance(db), "d E[x] / d b");
    }

    @Test
    void invalidParametersNameDistributionParameterAndValue() {
        assertThatThrownBy(() -> Beta.of(0.0, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Beta").hasMessageContaining("'concentration1'").hasMessageContaining("0.0");
        assertThatThrownBy(() -> Beta.of(1.0, Tensor.of(1.0, -2.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Beta").hasMessageContaining("'concentration0'").hasMessageContaining("-2.0 at flat index 1");
    }

    @Test
    void valuesOutsideTheSupportThrowOrGiveMinusInfinity() {
        Beta d = Beta.of(2.0, 2.0);
        assertThatThrownBy(() -> d.logProb(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5").hasMessageContaining("outside the support of Beta");
        assertThatThrownBy(() -> d.logProb(-0.1)).hasMessageContaining("outside the support of Beta");
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(d.logProb(Tensor.of(1.5, -0.1)).toArray())
                    .containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void shapesExpandAndSupport() {
        Beta d = Beta.of(Tensor.of(1.0, 2.0, 3.0), 2.0);
        assertThat(d.support()).isSameAs(Constraints.unitInterval());
        assertThat(d.batchShape()).containsExactly(3);
        assertThat(d.eventShape()).isEmpty();
        assertThat(d.sample(4, 5).shape()).containsExactly(4, 5, 3);
        assertThat(d.rsample().shape()).containsExactly(3);
        assertThat(d.logProb(d.sample(7)).shape()).containsExactly(7, 3);
        Beta e = Beta.of(Tensor.ones(2, 1), Tensor.ones(3)).expand(4, 2, 3);
        assertThat(e.batchShape()).containsExactly(4, 2, 3);
        assertThat(e.concentration1().shape()).containsExactly(4, 2, 3);
        assertThat(e.sample(2).shape()).containsExactly(2, 4, 2, 3);
        assertThat(e.mean().shape()).containsExactly(4, 2, 3);
        assertThat(e.variance().shape()).containsExactly(4, 2, 3);
        assertThatThrownBy(() -> d.expand(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void drawsAreReproducibleBitForBitUnderASeed() {
        Beta d = Beta.of(0.4, Tensor.of(1.0, 6.0));
        Rng.setSeed(8);
        double[] first = d.sample(300).toArray();
        Rng.setSeed(8);
        assertThat(d.sample(300).toArray()).containsExactly(first);
        Rng.setSeed(8);
        Tensor reparam = Beta.of(Tensor.scalar(0.4).requiringGrad(), Tensor.of(1.0, 6.0).requiringGrad()).rsample(300);
        assertThat(reparam.requiresGrad()).isTrue();
        assertThat(reparam.toArray()).containsExactly(first);
    }
}
