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
import org.junit.jupiter.params.provider.ValueSource;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

@SuppressWarnings("try") // Validation.disabled() scope used for its effect
class DirichletTest {
    private static final double EPS = Math.ulp(1.0);

    /**
     * logProb against the closed form computed here with Commons Numbers' LogGamma,
     * {@code sum (c_i - 1) log x_i + lgamma(sum c) - sum lgamma(c_i)}, for a batch of 2 Dirichlets
     * over K = 4 (concentrations log-uniform in [0.1, 20]) at 5 points each, drawn by normalizing
     * the test's own exponentials raised to random powers (so some coordinates are tiny).
     *
     * <p>Tolerance: both sides add the same 2K + 1 terms, each within about 2 ulps of its magnitude,
     * in possibly different orders: at most about (2 + 2K) eps sum|terms| apart; allowed
     * 16 eps sum|terms| (K = 4).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void logProbMatchesTheClosedForm(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = 4;
        double[] c = new double[2 * k];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.exp(rnd.nextDouble(Math.log(0.1), Math.log(20)));
        }
        double[] x = new double[5 * 2 * k];
        for (int e = 0; e < 10; e++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double v = Math.pow(-Math.log(rnd.nextDouble(1e-300, 1)), rnd.nextDouble(1, 8));
                x[e * k + i] = v;
                sum += v;
            }
            for (int i = 0; i < k; i++) {
                x[e * k + i] /= sum;
            }
        }
        Dirichlet d = Dirichlet.of(Tensor.fromArray(c, 2, k));
        Tensor lp = d.logProb(Tensor.fromArray(x, 5, 2, k));
        assertThat(lp.shape()).containsExactly(5, 2);
        double[] got = lp.toArray();
        for (int e = 0; e < 10; e++) {
            int b = e % 2;
            double c0 = 0;
            double expected = 0;
            double terms = 0;
            for (int i = 0; i < k; i++) {
                double ci = c[b * k + i];
                double xi = x[e * k + i];
                c0 += ci;
                expected += (ci - 1) * Math.log(xi) - LogGamma.value(ci);
                terms += Math.abs((ci - 1) * Math.log(xi)) + Math.abs(LogGamma.value(ci));
            }
            expected += LogGamma.value(c0);
            terms += Math.abs(LogGamma.value(c0));
            assertThat(got[e]).as("logProb of event %s", e).isCloseTo(expected, within(16 * EPS * terms));
        }
    }

    @Test
    void logProbOfTheUniformDirichletIsLogOfKMinusOneFactorial() {
        Dirichlet d = Dirichlet.of(1.0, 1.0, 1.0);
        assertThat(d.logProb(Tensor.of(0.2, 0.3, 0.5)).item()).isCloseTo(Math.log(2), within(4 * EPS));
        // A zero coordinate with concentration 1 contributes 0 (xlogy), not NaN.
        assertThat(d.logProb(Tensor.of(0.0, 0.5, 0.5)).item()).isCloseTo(Math.log(2), within(4 * EPS));
        assertThat(Dirichlet.of(2.0, 1.0).logProb(Tensor.of(0.0, 1.0)).item()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void logProbGradientIsTheAnalyticScore() {
        Tensor c = Tensor.of(0.7, 2.0, 3.5).requiringGrad();
        double[] x = {0.1, 0.3, 0.6};
        double[] g = Autograd.grad(Dirichlet.of(c).logProb(Tensor.of(x)), c)[0].toArray();
        double psi0 = Digamma.value(6.2);
        double[] cs = {0.7, 2.0, 3.5};
        for (int i = 0; i < 3; i++) {
            // log x_i + digamma(c_0) - digamma(c_i): three terms of size <= 3, 8 ulps of 3.
            assertThat(g[i]).isCloseTo(Math.log(x[i]) + psi0 - Digamma.value(cs[i]), within(24 * EPS));
        }
    }

    /**
     * 20k draws from Dirichlet(1.5, 0.7, 3.0): each marginal is Beta(c_i, c_0 - c_i), so its mean
     * and variance (5 standard errors) and its KS statistic (alpha 1e-4) are checked against that
     * Beta; the covariance of coordinates 0 and 1 (mean of the centred product, with its own
     * sample standard error) against -c_0 c_1 / (c_0^2 (c_0 + 1)). Rows sum to 1 within K ulps.
     */
    @Test
    void drawsHaveBetaMarginalsAndTheRightCovariance() {
        double[] c = {1.5, 0.7, 3.0};
        double total = 5.2;
        int n = 20_000;
        Rng.setSeed(2718);
        Dirichlet d = Dirichlet.of(c);
        double[] xs = d.sample(n).toArray();
        double[] mean = d.mean().toArray();
        double[] variance = d.variance().toArray();
        for (int i = 0; i < 3; i++) {
            double[] marginal = new double[n];
            for (int s = 0; s < n; s++) {
                marginal[s] = xs[s * 3 + i];
            }
            double m = c[i] / total;
            double v = c[i] * (total - c[i]) / (total * total * (total + 1));
            assertThat(mean[i]).isCloseTo(m, within(2 * EPS));
            assertThat(variance[i]).isCloseTo(v, within(8 * EPS * v));
            String what = "Dirichlet marginal " + i;
            SampleChecks.assertMean(marginal, m, v, what);
            SampleChecks.assertVariance(marginal, v, what);
            SampleChecks.assertKolmogorovSmirnov(marginal, BetaDistribution.of(c[i], total - c[i])::cumulativeProbability, what);
        }
        double[] product = new double[n];
        for (int s = 0; s < n; s++) {
            assertThat(xs[s * 3] + xs[s * 3 + 1] + xs[s * 3 + 2]).isCloseTo(1.0, within(3 * EPS));
            product[s] = (xs[s * 3] - c[0] / total) * (xs[s * 3 + 1] - c[1] / total);
        }
        double covariance = -c[0] * c[1] / (total * total * (total + 1));
        SampleChecks.assertMean(product, covariance, GammaTest.sampleVariance(product), "covariance of x0 and x1");
    }

    /**
     * Monte Carlo check of the reparameterized gradients: E[x_0] = c_0 / sum c, so the averaged
     * per-draw gradients of x_0 are (sum c - c_0) / (sum c)^2 for c_0 and -c_0 / (sum c)^2 for the
     * others, within 5 standard errors.
     */
    @Test
    void averagedGradientsAreTheGradientOfTheMean() {
        double[] c = {2.0, 0.5, 1.5};
        double total = 4.0;
        int n = 20_000;
        Rng.setSeed(4);
        Tensor conc = Tensor.fromArray(new double[] {2.0, 0.5, 1.5}, 1, 3).expand(n, 3).add(0.0).requiringGrad();
        Tensor x = Dirichlet.of(conc).rsample();
        assertThat(x.shape()).containsExactly(n, 3);
        double[] g = Autograd.grad(x.select(-1, 0).sum(), conc)[0].toArray();
        for (int j = 0; j < 3; j++) {
            double[] gj = new double[n];
            for (int s = 0; s < n; s++) {
                gj[s] = g[s * 3 + j];
            }
            double expected = ((j == 0 ? total : 0.0) - c[0]) / (total * total);
            SampleChecks.assertMean(gj, expected, GammaTest.sampleVariance(gj), "d E[x0] / d c" + j);
        }
    }

    /**
     * A single [K] parameter reduces to one flag; the message shows the offending vector (the
     * checks once called item() on it and threw IllegalStateException instead).
     */
    @Test
    void invalidParametersNameDistributionParameterAndValue() {
        assertThatThrownBy(() -> Dirichlet.of(1.0, -1.0, 2.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Dirichlet").hasMessageContaining("'concentration'")
                .hasMessageContaining("[1.0, -1.0, 2.0] at event 0");
        assertThatThrownBy(() -> Dirichlet.of(Tensor.of(new double[][] {{1, 1}, {1, 0}})))
                .hasMessageContaining("[1.0, 0.0] at event 1");
        assertThatThrownBy(() -> Dirichlet.of(Tensor.scalar(2.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Dirichlet").hasMessageContaining("at least one dimension");
        assertThatThrownBy(() -> Dirichlet.of(new double[0])).hasMessageContaining("no categories");
    }

    @Test
    void valuesOffTheSimplexThrowOrGiveMinusInfinity() {
        Dirichlet d = Dirichlet.of(2.0, 2.0, 2.0);
        assertThatThrownBy(() -> d.logProb(Tensor.of(0.5, 0.5, 0.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0.5, 0.5, 0.5]").hasMessageContaining("outside the support of Dirichlet");
        assertThatThrownBy(() -> d.logProb(Tensor.of(-0.1, 0.6, 0.5))).hasMessageContaining("outside the support");
        try (Validation.Scope off = Validation.disabled()) {
            Tensor lp = d.logProb(Tensor.of(new double[][] {{0.5, 0.5, 0.5}, {0.2, 0.3, 0.5}}));
            assertThat(lp.toArray()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(lp.toArray()[1]).isFinite();
        }
    }

    @Test
    void shapesFollowSampleBatchEvent() {
        Dirichlet d = Dirichlet.of(Tensor.ones(2, 3));
        assertThat(d.support()).isSameAs(Constraints.simplex());
        assertThat(d.batchShape()).containsExactly(2);
        assertThat(d.eventShape()).containsExactly(3);
        assertThat(d.sample().shape()).containsExactly(2, 3);
        assertThat(d.sample(4, 5).shape()).containsExactly(4, 5, 2, 3);
        assertThat(d.rsample(4).shape()).containsExactly(4, 2, 3);
        assertThat(d.logProb(d.sample(4)).shape()).containsExactly(4, 2);
        assertThat(d.mean().shape()).containsExactly(2, 3);
        assertThat(d.variance().shape()).containsExactly(2, 3);
        assertThat(d.toEvent(1).logProb(d.sample(4)).shape()).containsExactly(4);
        Dirichlet single = Dirichlet.of(1.0, 2.0);
        assertThat(single.batchShape()).isEmpty();
        assertThat(single.logProb(single.sample()).isScalar()).isTrue();
    }

    @Test
    void expandKeepsTheEventDimension() {
        Dirichlet d = Dirichlet.of(0.5, 1.0, 2.0).expand(4, 2);
        assertThat(d.batchShape()).containsExactly(4, 2);
        assertThat(d.eventShape()).containsExactly(3);
        assertThat(d.concentration().shape()).containsExactly(4, 2, 3);
        assertThat(d.sample(3).shape()).containsExactly(3, 4, 2, 3);
        assertThatThrownBy(() -> Dirichlet.of(Tensor.ones(2, 3)).expand(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void drawsAreReproducibleBitForBitUnderASeed() {
        Dirichlet d = Dirichlet.of(0.3, 1.0, 4.0);
        double[] first = DiscreteTestSupport.assertSeededDrawsRepeat(d, 61, 200);
        Rng.setSeed(61);
        assertThat(Dirichlet.of(Tensor.of(0.3, 1.0, 4.0).requiringGrad()).rsample(200).toArray()).containsExactly(first);
    }

    @Test
    void tinyConcentrationsStillGiveSimplexPoints() {
        Rng.setSeed(3);
        double[] xs = Dirichlet.of(0.01, 0.01).sample(1000).toArray();
        for (int s = 0; s < 1000; s++) {
            assertThat(xs[2 * s]).isBetween(0.0, 1.0);
            assertThat(xs[2 * s] + xs[2 * s + 1]).isCloseTo(1.0, within(2 * EPS));
        }
    }
}
