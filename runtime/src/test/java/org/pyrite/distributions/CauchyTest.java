package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.pyrite.tensor.Tensor;

/**
 * {@link Cauchy} against Commons Statistics' {@link CauchyDistribution}. Mean and variance follow
 * torch (NaN and +Infinity); Commons reports NaN for both, so the closed forms here are torch's.
 */
class CauchyTest extends ContinuousDistributionTestBase {
    @Override
    String name() {
        return "Cauchy";
    }

    @Override
    String[] paramNames() {
        return new String[] {"loc", "scale"};
    }

    @Override
    Distribution create(Tensor... params) {
        return Cauchy.of(params[0], params[1]);
    }

    @Override
    List<Distribution> viaEveryFactory(double... p) {
        return List.of(Cauchy.of(p[0], p[1]), Cauchy.of(Tensor.scalar(p[0]), p[1]),
                Cauchy.of(p[0], Tensor.scalar(p[1])), Cauchy.of(Tensor.scalar(p[0]), Tensor.scalar(p[1])));
    }

    @Override
    Tensor[] parameters(Distribution d) {
        Cauchy c = (Cauchy) d;
        return new Tensor[] {c.loc(), c.scale()};
    }

    @Override
    double randomParam(int index, SplittableRandom rnd) {
        return index == 0 ? rnd.nextDouble(-10, 10) : Math.exp(rnd.nextDouble(-3, 3));
    }

    @Override
    double randomValue(SplittableRandom rnd) {
        // Mostly the body; one time in five far out (up to 1e5 from 0, ~2e6 scales).
        return rnd.nextInt(5) == 0 ? rnd.nextDouble(-1e5, 1e5) : rnd.nextDouble(-30, 30);
    }

    @Override
    CauchyDistribution reference(double[] p) {
        return CauchyDistribution.of(p[0], p[1]);
    }

    @Override
    double referenceMean(double[] p) {
        return Double.NaN;
    }

    @Override
    double referenceVariance(double[] p) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    double[][] samplingParams() {
        return new double[][] {{0.5, 2.0}, {-3.0, 0.5}};
    }

    @Override
    double outsideSupport(double[] p) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    Stream<Arguments> invalidParameters() {
        return Stream.of(
                invalid(p(0, -1), "scale", "-1.0"),
                invalid(p(0, 0), "scale", "0.0"),
                invalid(p(0, Double.NaN), "scale", "NaN"),
                invalid(p(Double.NaN, 1), "loc", "NaN"),
                invalid(p(Double.POSITIVE_INFINITY, 1), "loc", "Infinity"));
    }

    @Override
    double[] pathwiseDerivatives(double[] p, double x) {
        return locScaleDerivatives(p, x);
    }

    @Override
    double pathwiseMagnitude(double[] p, double x) {
        return locScaleMagnitude(p, x);
    }

    @Override
    Stream<Arguments> expectedGradients() {
        // The Cauchy law is the Poisson kernel of the upper half-plane at loc + i scale, and
        // log(x^2 + 1) = 2 Re log(z + i) is harmonic there, so E[log(1 + x^2)] = log(loc^2 + (1 + scale)^2).
        // Its per-draw gradient is bounded, so the averaged-gradient check has a finite variance.
        double loc = 0.5;
        double scale = 2.0;
        double r = loc * loc + (1 + scale) * (1 + scale);
        return Stream.of(
                gradientCase("d E[log(1 + x^2)] / d loc", p(loc, scale), x -> x.square().log1p(), 0, 2 * loc / r),
                gradientCase("d E[log(1 + x^2)] / d scale", p(loc, scale), x -> x.square().log1p(), 1, 2 * (1 + scale) / r));
    }

    @Test
    void meanIsNaNAndVarianceIsInfiniteAsInTorch() {
        Cauchy d = Cauchy.of(Tensor.of(0.0, 1.0, 2.0), Tensor.scalar(1.0));
        assertThat(d.mean().shape()).containsExactly(3);
        assertThat(d.mean().toArray()).containsOnly(Double.NaN);
        assertThat(d.variance().shape()).containsExactly(3);
        assertThat(d.variance().toArray()).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(Cauchy.of(0, 1).mean().isScalar()).isTrue();
    }

    /**
     * Far in the tails (issue 13, item 8): {@code log(1 + z^2)} overflowed beyond |z| = 1.34e154, so
     * {@code Cauchy.of(0, 1).logProb(1e160)} was -Infinity (exact: -737.97); Commons Statistics'
     * log-density underflows there too, so the reference is the expansion
     * {@code log(1 + z^2) = 2 log|z| + z^-2 + O(z^-4)}: for |z| >= 1e8 the dropped z^-2 <= 1e-16 is
     * under a tenth of an ulp of {@code 2 log|z| >= 36}, so {@code -log(pi scale) - 2 log|z|}, with
     * z standardized as the distribution does, is exact to rounding. Allowed: 1e-14 relative (a few
     * dozen ulps of the result).
     */
    @ParameterizedTest(name = "loc {0}, scale {1}, x {2}")
    @CsvSource({"0, 1, 1e160", "0, 1, -1e160", "0, 1, 1.4e154", "0, 1, 1e8", "5, 3, 1e160", "-2, 0.25, -3e300",
        "0, 1e-100, 1e100", "0, 1, 1.7e308"})
    void logProbIsFiniteAndExactFarInTheTails(double loc, double scale, double x) {
        double z = (x - loc) / scale;
        double expected = -Math.log(Math.PI) - Math.log(scale) - 2 * Math.log(Math.abs(z));
        double actual = Cauchy.of(loc, scale).logProb(x).item();
        assertThat(actual).as("Cauchy(%s, %s).logProb(%s)", loc, scale, x)
                .isCloseTo(expected, within(1e-14 * Math.abs(expected)));
    }

    @Test
    void theIssuesExample() {
        // -log(pi) - 2 log(1e160) = -737.97196...; it was -Infinity.
        assertThat(Cauchy.of(0, 1).logProb(1e160).item()).isCloseTo(-737.97196, within(1e-5));
    }

    /**
     * The gradient and Hessian of logProb with respect to loc, scale and value, by autodiff
     * against finite differences, from the centre (where the second derivative, through a branch
     * that squares z itself, is the true -2 / scale^2) through |z| = 1 (where the two forms meet)
     * to 1e100 and 1e160 scales out. Step scales: a quarter of {@code scale (1 + |z|)}, the distance
     * over which the slope changes.
     */
    @ParameterizedTest(name = "loc {0}, scale {1}, x {2}")
    @CsvSource({"0, 1, 0", "0.5, 2, 0.5", "0, 1, 1", "0, 1, -1", "1, 2, 1.5", "0, 1, 3", "-3, 0.5, 500", "0, 1, 1e100",
        "0, 1, 1e160"})
    void logProbGradientsMatchFiniteDifferences(double loc, double scale, double x) {
        double z = (x - loc) / scale;
        double spread = scale * (1 + Math.abs(z)) / 4;
        double magnitude = Math.log(Math.PI) + Math.abs(Math.log(scale)) + 2 * Math.abs(Math.log(1 + Math.abs(z))) + 1;
        LogDensityGradients.check("Cauchy(" + loc + ", " + scale + ").logProb(" + x + ")",
                args -> Cauchy.of(args[0], args[1]).logProb(args[2]), new double[] {loc, scale, x},
                new double[] {spread, scale / 4, spread}, magnitude, 3 / scale);
    }

    @Test
    void medianOfDrawsIsLoc() {
        // The sample median of n draws has standard error 1 / (2 f(loc) sqrt(n)) = pi scale / (2 sqrt(n));
        // with n = 20,000 and scale 2 that is 0.0222; we allow 5 of them (SampleChecks.Z).
        Rng.setSeed(11L);
        double[] xs = Cauchy.of(0.5, 2.0).sample(DRAWS).toArray();
        SampleChecks.assertMedian(xs, 0.5, 1 / (Math.PI * 2.0), "Cauchy(0.5, 2)");
    }
}
