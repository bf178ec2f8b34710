package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class StudentTTest {
    private static final double EPS = Math.ulp(1.0);
    private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);

    /**
     * logProb against Commons Statistics' standardized t: {@code logDensity((x - loc) / scale) - log scale},
     * for a batch [3, 4] (df of shape [3, 1] log-uniform in [0.3, 100]; loc and scale of shape [4]),
     * values [5, 3, 4] at reference quantiles in (1e-10, 1 - 1e-10), so far into the heavy tails.
     *
     * <p>Tolerance: y = (x - loc) / scale is computed with the same two operations on both sides,
     * so it is identical. Our value, -(df+1)/2 log1p(y^2/df) - log scale - log(df)/2 - log(pi)/2
     * - lgamma(df/2) + lgamma((df+1)/2), has six terms each within about 3 ulps of its magnitude
     * plus five additions: about 6 eps sum|terms|; the reference is within a few eps of its value.
     * Allowed: 16 eps sum|terms|.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void logProbMatchesCommonsStatistics(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] df = new double[3];
        double[] loc = new double[4];
        double[] scale = new double[4];
        for (int i = 0; i < df.length; i++) {
            df[i] = Math.exp(rnd.nextDouble(Math.log(0.3), Math.log(100)));
        }
        for (int j = 0; j < loc.length; j++) {
            loc[j] = rnd.nextDouble(-10, 10);
            scale[j] = Math.exp(rnd.nextDouble(Math.log(0.1), Math.log(10)));
        }
        double[] x = new double[5 * 12];
        for (int k = 0; k < x.length; k++) {
            int b = k % 12;
            double t = TDistribution.of(df[b / 4]).inverseCumulativeProbability(rnd.nextDouble(1e-10, 1 - 1e-10));
            x[k] = loc[b % 4] + scale[b % 4] * t;
        }
        StudentT d = StudentT.of(Tensor.fromArray(df, 3, 1), Tensor.of(loc), Tensor.of(scale));
        assertThat(d.batchShape()).containsExactly(3, 4);
        Tensor lp = d.logProb(Tensor.fromArray(x, 5, 3, 4));
        assertThat(lp.shape()).containsExactly(5, 3, 4);
        double[] got = lp.toArray();
        for (int k = 0; k < x.length; k++) {
            double n = df[(k % 12) / 4];
            double m = loc[k % 4];
            double s = scale[k % 4];
            double y = (x[k] - m) / s;
            double expected = TDistribution.of(n).logDensity(y) - Math.log(s);
            double terms = Math.abs((n + 1) / 2 * Math.log1p(y * y / n)) + Math.abs(Math.log(s)) + Math.abs(Math.log(n) / 2)
                    + HALF_LOG_PI + Math.abs(LogGamma.value(n / 2)) + Math.abs(LogGamma.value((n + 1) / 2));
            assertThat(got[k]).as("logProb at df=%s, loc=%s, scale=%s, x=%s", n, m, s, x[k])
                    .isCloseTo(expected, within(16 * EPS * terms));
        }
    }

    /**
     * The gradient and Hessian of logProb with respect to df, loc, scale and value, by autodiff
     * against finite differences ({@link LogDensityGradients}), including the value at loc, where
     * the second derivative in the value is {@code -(df + 1) / (df scale^2)}: through {@code |y|}
     * (as before the shared {@link LogOnePlusSquare}) it came out as 0. Step scales: df itself for
     * df, {@code scale (1 + |y|)} for loc and the value, scale for scale, a quarter of each.
     */
    @ParameterizedTest(name = "df {0}, loc {1}, scale {2}, x {3}")
    @CsvSource({"3, 0.5, 2, 0.5", "3, 0.5, 2, 1.5", "1, 0, 1, 1", "4.5, -1, 0.5, 7", "30, 0, 1, -2.5", "2, 0, 1, 1e100"})
    void logProbGradientsMatchFiniteDifferences(double df, double loc, double scale, double x) {
        double y = Math.abs(x - loc) / scale;
        double spread = scale * (1 + y) / 4;
        double magnitude = (df + 1) * Math.log1p(y) + Math.abs(Math.log(scale)) + Math.abs(LogGamma.value(df / 2))
                + Math.abs(LogGamma.value((df + 1) / 2)) + Math.abs(Math.log(df)) + 2;
        LogDensityGradients.check("StudentT(" + df + ", " + loc + ", " + scale + ").logProb(" + x + ")",
                args -> StudentT.of(args[0], args[1], args[2]).logProb(args[3]), new double[] {df, loc, scale, x},
                new double[] {df / 4, spread, scale / 4, spread}, magnitude, (df + 3) / scale + Math.log1p(y) + 10);
    }

    @Test
    void momentsFollowTorchIncludingWhereTheyDoNotExist() {
        Tensor df = Tensor.of(0.5, 1.0, 1.5, 2.0, 3.0, 10.0).requiringGrad();
        StudentT d = StudentT.of(df, 1.5, 2.0);
        assertThat(d.mean().toArray()).containsExactly(Double.NaN, Double.NaN, 1.5, 1.5, 1.5, 1.5);
        double[] v = d.variance().toArray();
        assertThat(v[0]).isNaN();
        assertThat(v[1]).isNaN();
        assertThat(v[2]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(v[3]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(v[4]).isCloseTo(4.0 * 3.0, within(2 * EPS * 12));
        assertThat(v[5]).isCloseTo(4.0 * 10.0 / 8.0, within(2 * EPS * 5));
        // No NaN leaks into the gradient from the branches that do not apply:
        // d/ddf [4 df / (df - 2)] = -8 / (df - 2)^2 where the variance is finite, 0 elsewhere.
        Tensor finite = Tensor.where(d.variance().lt(Double.POSITIVE_INFINITY), d.variance(), Tensor.scalar(0.0));
        double[] g = Autograd.grad(finite.sum(), df)[0].toArray();
        assertThat(g[0]).isZero();
        assertThat(g[3]).isZero();
        assertThat(g[4]).isCloseTo(-8.0, within(4 * EPS * 8));
        assertThat(g[5]).isCloseTo(-8.0 / 64, within(4 * EPS));
    }

    /** Mean and variance (5 standard errors) of 20k draws at df = 12 (finite eighth moment, so the variance's standard error is itself well estimated). */
    @Test
    void drawMomentsMatchTheClosedForm() {
        Rng.setSeed(1234);
        double df = 12;
        double loc = -1.0;
        double scale = 0.5;
        double[] xs = StudentT.of(df, loc, scale).sample(20_000).toArray();
        double variance = scale * scale * df / (df - 2);
        SampleChecks.assertMean(xs, loc, variance, "StudentT(12) mean");
        SampleChecks.assertVariance(xs, variance, "StudentT(12) variance");
        Rng.setSeed(1235);
        double[] heavy = StudentT.of(3.5, 2.0, 3.0).sample(20_000).toArray();
        SampleChecks.assertMean(heavy, 2.0, 9.0 * 3.5 / 1.5, "StudentT(3.5) mean");
    }

    /** KS (alpha 1e-4) of 20k draws against Commons Statistics' t CDF, Cauchy included. */
    @ParameterizedTest
    @CsvSource({"1.0, 0.0, 1.0", "2.5, 3.0, 0.2", "30.0, -2.0, 5.0", "0.4, 0.0, 1.0"})
    void drawsPassKolmogorovSmirnov(double df, double loc, double scale) {
        Rng.setSeed(555);
        double[] xs = StudentT.of(df, loc, scale).sample(20_000).toArray();
        TDistribution ref = TDistribution.of(df);
        SampleChecks.assertKolmogorovSmirnov(xs, x -> ref.cumulativeProbability((x - loc) / scale),
                "StudentT(" + df + ", " + loc + ", " + scale + ")");
    }

    /**
     * The gradient of each draw, rebuilt from the same stream: under the same seed the normals
     * z come first, then G ~ Gamma(df/2, 1); x = loc + scale z sqrt(df / (2G)), so
     * dx/ddf = (x - loc) (1/(2 df) - dG/d(df/2) / (4 G)), dx/dloc = 1, dx/dscale = (x - loc) / scale,
     * with dG/dalpha the implicit gradient (checked to 1e-9 in ImplicitGammaTest). Values agree
     * to a few ulps (same operations); gradients to 1e-13 relative (a handful of roundings in
     * different orders, each relative).
     */
    @Test
    void gradientsComposeTheImplicitGammaGradient() {
        int n = 200;
        double dfValue = 6.0;
        double loc = 0.5;
        double scale = 2.0;
        Rng.setSeed(9);
        Tensor df = Tensor.full(dfValue, n).requiringGrad();
        Tensor tLoc = Tensor.full(loc, n).requiringGrad();
        Tensor tScale = Tensor.full(scale, n).requiringGrad();
        Tensor x = StudentT.of(df, tLoc, tScale).rsample();
        Tensor[] g = Autograd.grad(x.sum(), df, tLoc, tScale);
        double[] xs = x.toArray();
        double[] gDf = g[0].toArray();
        double[] gLoc = g[1].toArray();
        double[] gScale = g[2].toArray();

        Rng.setSeed(9);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Rng.current().gaussian();
        }
        double[] gamma = ImplicitGamma.rsample(Tensor.scalar(dfValue / 2), new int[0], new int[] {n}).toArray();
        for (int i = 0; i < n; i++) {
            double root = Math.sqrt(dfValue / (2 * gamma[i]));
            double expectedX = loc + scale * (z[i] * root);
            assertThat(xs[i]).isCloseTo(expectedX, within(4 * EPS * (Math.abs(loc) + Math.abs(expectedX))));
            double centred = scale * z[i] * root;
            double dGdAlpha = ImplicitGamma.dxdalpha(dfValue / 2, gamma[i]);
            double expectedDf = centred * (1 / (2 * dfValue) - dGdAlpha / (4 * gamma[i]));
            assertThat(gDf[i]).isCloseTo(expectedDf, within(1e-13 * (Math.abs(centred) / dfValue + Math.abs(expectedDf))));
            assertThat(gLoc[i]).isEqualTo(1.0);
            assertThat(gScale[i]).isCloseTo(centred / scale, within(4 * EPS * Math.abs(centred / scale)));
        }
    }

    /**
     * Monte Carlo: with loc 0 and scale 1, E[x^2] = df / (df - 2), whose derivative is
     * -2 / (df - 2)^2; the averaged per-draw gradients of x^2 must match within 5 standard errors
     * (df = 10, so the per-draw gradients have finite variance).
     */
    @Test
    void averagedGradientOfTheSecondMomentMatches() {
        int n = 50_000;
        double dfValue = 10.0;
        Rng.setSeed(21);
        Tensor df = Tensor.full(dfValue, n).requiringGrad();
        Tensor x = StudentT.of(df, 0.0, 1.0).rsample();
        double[] g = Autograd.grad(x.square().sum(), df)[0].toArray();
        double expected = -2 / ((dfValue - 2) * (dfValue - 2));
        SampleChecks.assertMean(g, expected, GammaTest.sampleVariance(g), "d E[x^2] / d df");
    }

    @Test
    void invalidParametersNameDistributionParameterAndValue() {
        assertThatThrownBy(() -> StudentT.of(0.0, 0.0, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StudentT").hasMessageContaining("'df'").hasMessageContaining("0.0");
        assertThatThrownBy(() -> StudentT.of(3.0, Double.POSITIVE_INFINITY, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StudentT").hasMessageContaining("'loc'").hasMessageContaining("Infinity");
        assertThatThrownBy(() -> StudentT.of(3.0, Tensor.zeros(2), Tensor.of(1.0, -0.5)))
                .hasMessageContaining("'scale'").hasMessageContaining("-0.5 at flat index 1");
    }

    @Test
    void nonFiniteValuesAreOutsideTheSupport() {
        StudentT d = StudentT.of(3.0, 0.0, 1.0);
        assertThat(d.support()).isSameAs(Constraints.real());
        assertThatThrownBy(() -> d.logProb(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the support of StudentT");
        assertThatThrownBy(() -> d.logProb(Double.NEGATIVE_INFINITY)).hasMessageContaining("outside the support");
    }

    /**
     * Far in the tail y^2 overflows; the log-density stays finite and equals the closed form
     * lgamma(2) - lgamma(3/2) - log(3 pi)/2 - 2 (2 log y - log 3 + log1p(3/y^2)) (df = 3), whose
     * terms are near 2760: 16 ulps of that. Commons Statistics and torch give -Infinity here.
     * Also the gradient with respect to the value is finite: -(df+1) y / (df + y^2) ~ -4/y.
     */
    @Test
    void farTailValuesKeepAFiniteLogDensity() {
        StudentT d = StudentT.of(3.0, 0.0, 1.0);
        for (double y : new double[] {1e155, 1e300, -1e300}) {
            double a = Math.abs(y);
            double expected = LogGamma.value(2.0) - LogGamma.value(1.5) - 0.5 * Math.log(3 * Math.PI)
                    - 2 * (2 * Math.log(a) - Math.log(3) + Math.log1p(3 / a / a));
            assertThat(d.logProb(y).item()).isCloseTo(expected, within(16 * EPS * 2 * 4 * Math.log(a)));
        }
        Tensor v = Tensor.scalar(1e200).requiringGrad();
        assertThat(Autograd.grad(d.logProb(v), v)[0].item()).isCloseTo(-4e-200, within(1e-214));
        // Near 0 the small branch is used; its gradient -(df+1) y / (df + y^2) is 0 at y = 0.
        Tensor zero = Tensor.scalar(0.0).requiringGrad();
        assertThat(Autograd.grad(d.logProb(zero), zero)[0].item()).isZero();
    }

    @Test
    void factoriesAcceptTensorsOrDoublesForEachParameter() {
        Tensor t = Tensor.of(1.0, 2.0);
        StudentT[] all = {
            StudentT.of(t, t, t), StudentT.of(t, t, 2.0), StudentT.of(t, 1.0, t), StudentT.of(t, 1.0, 2.0),
            StudentT.of(3.0, t, t), StudentT.of(3.0, t, 2.0), StudentT.of(3.0, 1.0, t),
        };
        for (StudentT d : all) {
            assertThat(d.batchShape()).containsExactly(2);
        }
        StudentT scalar = StudentT.of(3.0, 1.0, 2.0);
        assertThat(scalar.batchShape()).isEmpty();
        assertThat(scalar.df().item()).isEqualTo(3.0);
        assertThat(scalar.loc().item()).isEqualTo(1.0);
        assertThat(scalar.scale().item()).isEqualTo(2.0);
    }

    @Test
    void shapesAndExpand() {
        StudentT d = StudentT.of(Tensor.of(2.0, 5.0, 9.0), 0.0, Tensor.ones(2, 1));
        assertThat(d.batchShape()).containsExactly(2, 3);
        assertThat(d.eventShape()).isEmpty();
        assertThat(d.sample(4).shape()).containsExactly(4, 2, 3);
        assertThat(d.rsample(4, 1).shape()).containsExactly(4, 1, 2, 3);
        assertThat(d.logProb(d.sample(4)).shape()).containsExactly(4, 2, 3);
        assertThat(d.mean().shape()).containsExactly(2, 3);
        assertThat(d.variance().shape()).containsExactly(2, 3);
        StudentT e = d.expand(5, 2, 3);
        assertThat(e.batchShape()).containsExactly(5, 2, 3);
        assertThat(e.df().shape()).containsExactly(5, 2, 3);
        assertThat(e.sample().shape()).containsExactly(5, 2, 3);
        assertThatThrownBy(() -> d.expand(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void drawsAreReproducibleBitForBitUnderASeed() {
        StudentT d = StudentT.of(Tensor.of(1.5, 7.0), 1.0, 3.0);
        Rng.setSeed(404);
        double[] first = d.sample(300).toArray();
        Rng.setSeed(404);
        assertThat(d.sample(300).toArray()).containsExactly(first);
        Rng.setSeed(404);
        Tensor r = StudentT.of(Tensor.of(1.5, 7.0).requiringGrad(), Tensor.scalar(1.0).requiringGrad(), Tensor.scalar(3.0))
                .rsample(300);
        assertThat(r.requiresGrad()).isTrue();
        assertThat(r.toArray()).containsExactly(first);
    }
}
