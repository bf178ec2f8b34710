package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleBinaryOperator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * The implicit reparameterization gradient of standard Gamma draws, against an independent
 * reference: {@code dx/dalpha = -(dF/dalpha) / f(x)} with
 * {@code dF/dalpha = int_0^x (log t - digamma(alpha)) f(t) dt}, integrated by tanh-sinh
 * quadrature. The reference uses only {@code exp}, {@code log}, {@code expm1}, {@code log1p} and
 * Commons Numbers' digamma, not the incomplete gamma function the implementation differentiates.
 */
@SuppressWarnings("try") // the no-grad scope is used for its effect
class ImplicitGammaTest {
    /**
     * Relative tolerance on {@code dx/dalpha}. The implementation's error budget (class comment of
     * {@link ImplicitGamma}) is about 1e-12 truncation plus 1.5e-15 / h round-off (h = 1e-3 scale),
     * i.e. a few 1e-12 at worst, more where Commons Numbers' P or Q are a few ulps off; the
     * quadrature reference converges to about 1e-14. The largest error measured on this grid is
     * 2.1e-11 (3000 random points over the same range: 1.7e-11), so 1e-9 leaves a factor of ~50,
     * and is still 1e7 times smaller than a gradient 3% off, which this test was seen to reject.
     */
    private static final double REL_TOL = 1e-9;

    private static final double[] ALPHAS = {1e-3, 0.01, 0.1, 0.5, 1.0, 1.7, 5.0, 20.0, 100.0, 1e3, 1e4};
    private static final double[] QUANTILES = {1e-12, 1e-6, 1e-3, 0.05, 0.25, 0.5, 0.75, 0.95, 1 - 1e-3, 1e-6, 1e-12};

    @Test
    void dxdalphaMatchesQuadratureAcrossShapesAndBothTails() {
        for (double alpha : ALPHAS) {
            GammaDistribution g = GammaDistribution.of(alpha, 1.0);
            for (int i = 0; i < QUANTILES.length; i++) {
                // The last two quantiles are upper-tail probabilities, inverted from the survival side.
                double x = i < QUANTILES.length - 2 ? g.inverseCumulativeProbability(QUANTILES[i])
                        : g.inverseSurvivalProbability(QUANTILES[i]);
                x = Math.max(x, Double.MIN_NORMAL);
                double expected = referenceDxDalpha(alpha, x);
                double actual = ImplicitGamma.dxdalpha(alpha, x);
                double rel = Math.abs(actual - expected) / Math.abs(expected);
                assertThat(rel).as("relative error of dx/dalpha at alpha=%s, x=%s (expected %s, got %s)",
                        alpha, x, expected, actual).isLessThan(REL_TOL);
            }
        }
    }

    @Test
    void cdfDerivativeHasTheSignAndSizeOfTheQuadrature() {
        // dF/dalpha = -f(x) dx/dalpha: the same reference, through dCdfDalpha.
        for (double alpha : new double[] {0.3, 3.0, 300.0}) {
            GammaDistribution g = GammaDistribution.of(alpha, 1.0);
            for (double u : new double[] {0.01, 0.5, 0.99}) {
                double x = g.inverseCumulativeProbability(u);
                double expected = -g.density(x) * referenceDxDalpha(alpha, x);
                assertThat(ImplicitGamma.dCdfDalpha(alpha, x)).isNegative()
                        .isCloseTo(expected, within(REL_TOL * Math.abs(expected)));
            }
        }
    }

    /**
     * Below alpha = 1e-3 most draws underflow and are clamped to MIN_NORMAL. For x below 1e-30,
     * P(alpha, x) = x^alpha / Gamma(alpha + 1) to double precision, so
     * dx/dalpha = -x (log x - digamma(alpha + 1)) / alpha exactly. The finite-difference error
     * budget is as in the grid test (measured 1.1e-12 here); allowed 1e-10.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-5, 1e-4, 1e-3})
    void tinyShapesMatchTheClosedFormNearZero(double alpha) {
        for (double x : new double[] {Double.MIN_NORMAL, 1e-250, 1e-120, 1e-40}) {
            double expected = -x * (Math.log(x) - Digamma.value(alpha + 1)) / alpha;
            assertThat(ImplicitGamma.dxdalpha(alpha, x)).as("alpha=%s, x=%s", alpha, x)
                    .isCloseTo(expected, within(1e-10 * Math.abs(expected)));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.8, 4.0, 250.0})
    void surrogateHasTheDrawAsValueAndDxdalphaAsGradient(double alpha) {
        Rng.setSeed(11);
        Tensor plain = ImplicitGamma.rsample(Tensor.scalar(alpha), new int[0], new int[] {50});
        Rng.setSeed(11);
        Tensor a = Tensor.scalar(alpha).requiringGrad();
        Tensor x = ImplicitGamma.rsample(a, new int[0], new int[] {50});
        // Forward value bit for bit: xValue + dxdalpha * (alpha - alpha) adds an exact zero.
        assertThat(x.toArray()).containsExactly(plain.toArray());
        assertThat(x.requiresGrad()).isTrue();
        double[] xs = x.toArray();
        double expected = 0;
        for (double xi : xs) {
            expected += ImplicitGamma.dxdalpha(alpha, xi);
        }
        // Summation of 50 terms in two orders: a few ulps of the sum.
        assertThat(Autograd.grad(x.sum(), a)[0].item()).isCloseTo(expected, within(1e-13 * Math.abs(expected)));
    }

    @Test
    void noGradientWorkWithoutRecording() {
        Tensor a = Tensor.scalar(2.0).requiringGrad();
        try (Autograd.Scope off = Autograd.noGrad()) {
            assertThat(ImplicitGamma.rsample(a, new int[0], new int[] {3}).requiresGrad()).isFalse();
        }
        assertThat(ImplicitGamma.rsample(Tensor.scalar(2.0), new int[0], new int[] {3}).requiresGrad()).isFalse();
    }

    @Test
    void tinyShapesGiveDrawsInsideThePositiveSupport() {
        Rng.setSeed(5);
        double[] xs = ImplicitGamma.rsample(Tensor.scalar(1e-3).requiringGrad(), new int[0], new int[] {2000}).toArray();
        for (double x : xs) {
            assertThat(x).isGreaterThanOrEqualTo(Double.MIN_NORMAL).isFinite();
        }
    }

    // ------------------------------------------------------------------ reference

    /**
     * dx/dalpha by quadrature, with the integrand divided by f(x):
     * {@code (t/x)^(alpha-1) e^(x-t) (log t - digamma(alpha))}.
     * <ul>
     * <li>Lower tail (x at or below the median), {@code dx/dalpha = -int_0^x}. For alpha &lt;= 1,
     * with {@code u = (t/x)^alpha} this is {@code -(x/alpha) int_0^1 (log x + log(u)/alpha - digamma)
     * exp(-x expm1(log(u)/alpha)) du}, whose only singularity is log u at 0, however small alpha is.
     * For alpha &gt; 1 the integrand is bounded and {@code t = x v} is used directly (the u form would
     * push the mass of large alpha to u below 1e-60, out of the quadrature's reach).
     * <li>Upper tail, {@code dx/dalpha = +int_x^inf}: split at {@code c = max(x, 1)}; on [x, c] the
     * same substitution ({@code w = (t/x)^alpha} in {@code [1, (c/x)^alpha]}) spreads a small-alpha
     * integrand over many decades of t evenly; on [c, inf) {@code t = c + L v/(1-v)} with
     * {@code L = sqrt(alpha) + 1}, the width of the density.
     * </ul>
     */
    static double referenceDxDalpha(double alpha, double x) {
        double psi = Digamma.value(alpha);
        double logX = Math.log(x);
        double median = GammaDistribution.of(alpha, 1.0).inverseCumulativeProbability(0.5);
        if (x <= median && alpha <= 1) {
            double integral = tanhSinh((u, oneMinusU) -> {
                double logU = Math.log(u);
                return (logX + logU / alpha - psi) * Math.exp(-x * Math.expm1(logU / alpha));
            });
            return -x / alpha * integral;
        }
        if (x <= median) {
            return -x * tanhSinh((v, oneMinusV) -> {
                double logV = Math.log(v);
                return (logX + logV - psi) * Math.exp((alpha - 1) * logV + x * oneMinusV);
            });
        }
        double c = Math.max(x, 1.0);
        double near = 0;
        if (c > x) {
            double wMax = Math.exp(alpha * (Math.log(c) - logX));
            near = x / alpha * (wMax - 1) * tanhSinh((v, oneMinusV) -> {
                double logW = Math.log1p((wMax - 1) * v);
                return (logX + logW / alpha - psi) * Math.exp(-x * Math.expm1(logW / alpha));
            });
        }
        double scale = Math.sqrt(alpha) + 1;
        // For c = 1 > x the factor (1/x)^(alpha-1) e^x is applied after integrating, so that the
        // integrand does not sink into subnormal numbers when x is tiny.
        double shift = c > x ? 0.0 : (alpha - 1) * logX - x;
        double factor = c > x ? Math.exp((1 - alpha) * logX + x) : 1.0;
        double far = tanhSinh((v, oneMinusV) -> {
            double s = scale * v / oneMinusV;
            double t = c + s;
            double jacobian = scale / (oneMinusV * oneMinusV);
            double e = (alpha - 1) * Math.log(t) - t - shift;
            return e < -745 ? 0.0 : (Math.log(t) - psi) * Math.exp(e) * jacobian;
        });
        return near + factor * far;
    }

    /**
     * Tanh-sinh quadrature on [0, 1] of {@code f(v, 1 - v)} (both distances to the ends passed
     * exactly, so endpoint singularities are resolved); the step is halved until two successive
     * estimates agree to 1e-15 relative.
     */
    static double tanhSinh(DoubleBinaryOperator f) {
        double previous = Double.NaN;
        for (int level = 1; level <= 10; level++) {
            double h = Math.scalb(1.0, -level);
            double sum = 0;
            int n = (int) Math.round(4.5 / h);
            for (int j = -n; j <= n; j++) {
                double t = j * h;
                double u = Math.PI / 2 * Math.sinh(t);
                double left = 1 / (1 + Math.exp(-2 * u));
                double right = 1 / (1 + Math.exp(2 * u));
                double cu = Math.exp(u) + Math.exp(-u);
                double w = Math.PI * Math.cosh(t) / (cu * cu);
                if (w == 0 || left == 0 || right == 0) {
                    continue;
                }
                sum += w * f.applyAsDouble(left, right);
            }
            double estimate = sum * h;
            if (Math.abs(estimate - previous) <= 1e-15 * Math.abs(estimate)) {
                return estimate;
            }
            previous = estimate;
        }
        return previous;
    }
}
