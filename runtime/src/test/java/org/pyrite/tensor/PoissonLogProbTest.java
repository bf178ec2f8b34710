package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Tensor#poissonLogProb} (Loader's saddle-point form, {@link LogPoisson}): values against
 * Commons Statistics for integer and real counts, the edges, gradients and second derivatives
 * against finite differences ({@link GradCheck}), scalar and broadcast forms.
 */
class PoissonLogProbTest {
    /**
     * Integer counts against {@code PoissonDistribution.logProbability}, real counts against the
     * identity Poisson(x; rate) = the Gamma(x + 1, 1) density at {@code rate}. Both sides are within
     * a few ulps of the result's size; allowed: 1e-13 relative (floor 1), on both sides of the
     * switch between the direct form (x below 16) and the saddle-point form.
     */
    @ParameterizedTest(name = "x={0} rate={1}")
    @CsvSource({"0, 2.5", "1, 1e-3", "3, 2.5", "15, 15.2", "16, 15.2", "17, 30", "40, 40", "1000, 1100", "1e6, 1e6",
        "123456789, 123450000", "1e10, 1e10", "1e12, 1e12", "5e11, 1e12", "15.5, 15.5", "16.25, 16", "0.3, 2", "1e7, 3e-2"})
    void valueMatchesCommonsStatistics(double x, double rate) {
        double expected = x == Math.floor(x) && x <= Integer.MAX_VALUE
                ? PoissonDistribution.of(rate).logProbability((int) x)
                : GammaDistribution.of(x + 1, 1).logDensity(rate);
        double got = Tensor.scalar(x).poissonLogProb(Tensor.scalar(rate)).item();
        assertThat(got).as("log Poisson(%s; %s)", x, rate).isCloseTo(expected, within(1e-13 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void edges() {
        assertThat(LogPoisson.value(0, 0)).isEqualTo(0.0);
        assertThat(LogPoisson.value(0, 3.5)).isEqualTo(-3.5);
        assertThat(LogPoisson.value(2, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogPoisson.value(20, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogPoisson.value(0, Double.POSITIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogPoisson.value(Double.POSITIVE_INFINITY, 3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogPoisson.value(-1, 3)).isNaN();
        assertThat(LogPoisson.value(3, Double.NaN)).isNaN();
        // Extreme ratios, where x / rate overflows: the direct form's value, which is exact enough there.
        double x = 1e10;
        double rate = 1e-300;
        assertThat(LogPoisson.value(x, rate)).isCloseTo(x * Math.log(rate) - rate - org.apache.commons.numbers.gamma.LogGamma.value(x + 1),
                within(1e-13 * 7e12));
    }

    @ParameterizedTest(name = "x={0} rate={1}")
    @CsvSource({"0.4, 2.5", "3.2, 2.5", "15.9, 14", "16.1, 18", "25, 23.5", "400, 380"})
    void gradientsAndSecondDerivativesMatchFiniteDifferences(double x, double rate) {
        GradCheck.checkSecondOrder("poissonLogProb", xs -> xs.get(0).poissonLogProb(xs.get(1)), Tensor.scalar(x), Tensor.scalar(rate));
        GradCheck.checkSecondOrder("poissonLogProb broadcast", xs -> xs.get(0).poissonLogProb(xs.get(1)),
                Tensor.of(x, x + 1.5, 0.5 * x), Tensor.of(new double[][] {{rate}, {2 * rate}}));
    }

    @Test
    void gradientWithRespectToTheRateAtZeroCountsIsMinusOneAlsoAtRateZero() {
        for (double r : new double[] {0.0, 2.0}) {
            Tensor rate = Tensor.scalar(r).requiringGrad();
            Tensor lp = Tensor.scalar(0.0).poissonLogProb(rate);
            Tensor[] g = Autograd.grad(lp, Tensor.scalar(1.0), true, rate);
            assertThat(g[0].item()).isEqualTo(-1.0);
            assertThat(Autograd.grad(g[0], rate)[0].item()).isEqualTo(0.0);
            Tensor batch = Tensor.of(r, r).requiringGrad();
            assertThat(Autograd.grad(Tensor.of(0.0, 0.0).poissonLogProb(batch).sum(), batch)[0].toArray()).containsExactly(-1.0, -1.0);
        }
    }

    @Test
    void theScalarNodeAndTheBroadcastFormAgree() {
        Tensor x = Tensor.of(0, 3, 17, 1e6);
        Tensor rate = Tensor.of(2.5, 2.5, 20, 1e6 + 300);
        double[] broadcast = x.poissonLogProb(rate).toArray();
        double[] xs = x.toArray();
        double[] rs = rate.toArray();
        for (int i = 0; i < xs.length; i++) {
            assertThat(broadcast[i]).isEqualTo(Tensor.scalar(xs[i]).poissonLogProb(Tensor.scalar(rs[i])).item());
        }
        assertThat(Tensor.of(1, 2).poissonLogProb(Tensor.of(new double[][] {{1}, {2}, {3}})).shape()).containsExactly(3, 2);
    }
}
