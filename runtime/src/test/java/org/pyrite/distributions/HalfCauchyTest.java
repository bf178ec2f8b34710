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
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * {@link HalfCauchy} against log 2 + Commons' {@link CauchyDistribution}(0, scale) log-density and
 * the folded CDF {@code 2 F(x) - 1}. Mean and variance are +Infinity, as in torch.
 */
class HalfCauchyTest extends ContinuousDistributionTestBase {
    @Override
    String name() {
        return "HalfCauchy";
    }

    @Override
    String[] paramNames() {
        return new String[] {"scale"};
    }

    @Override
    Distribution create(Tensor... params) {
        return HalfCauchy.of(params[0]);
    }

    @Override
    List<Distribution> viaEveryFactory(double... p) {
        return List.of(HalfCauchy.of(p[0]), HalfCauchy.of(Tensor.scalar(p[0])));
    }

    @Override
    Tensor[] parameters(Distribution d) {
        return new Tensor[] {((HalfCauchy) d).scale()};
    }

    @Override
    double randomParam(int index, SplittableRandom rnd) {
        return Math.exp(rnd.nextDouble(-3, 3));
    }

    @Override
    double randomValue(SplittableRandom rnd) {
        // 0 one time in ten, else log-uniform in [e^-8, e^10] (up to ~4e5 scales).
        return rnd.nextInt(10) == 0 ? 0.0 : Math.exp(rnd.nextDouble(-8, 10));
    }

    @Override
    double referenceLogDensity(double[] p, double x) {
        return foldedLogDensity(CauchyDistribution.of(0, p[0]), x);
    }

    @Override
    double referenceCdf(double[] p, double x) {
        return x <= 0 ? 0.0 : 2 * CauchyDistribution.of(0, p[0]).cumulativeProbability(x) - 1;
    }

    @Override
    double referenceMean(double[] p) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    double referenceVariance(double[] p) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    double[][] samplingParams() {
        return new double[][] {{2.0}, {0.3}};
    }

    @Override
    double outsideSupport(double[] p) {
        return -0.5;
    }

    @Override
    Stream<Arguments> invalidParameters() {
        return Stream.of(
                invalid(p(-2), "scale", "-2.0"),
                invalid(p(0), "scale", "0.0"),
                invalid(p(Double.NaN), "scale", "NaN"),
                invalid(p(Double.POSITIVE_INFINITY), "scale", "Infinity"));
    }

    @Override
    double[] pathwiseDerivatives(double[] p, double x) {
        // x = scale |eps|, a scale draw with eps = |eps|.
        return scaleDerivatives(p, x);
    }

    @Override
    double pathwiseMagnitude(double[] p, double x) {
        return scaleMagnitude(p, x);
    }

    @Override
    Stream<Arguments> expectedGradients() {
        // x^2 has the law of a Cauchy(0, scale) draw squared, and E[log(1 + x^2)] = 2 log(1 + scale)
        // (see CauchyTest), so d/dscale = 2 / (1 + scale); the per-draw gradient is bounded.
        double scale = 2.0;
        return Stream.of(gradientCase("d E[log(1 + x^2)] / d scale", p(scale), x -> x.square().log1p(), 0,
                2 / (1 + scale)));
    }

    @Test
    void meanAndVarianceAreInfiniteAsInTorch() {
        HalfCauchy d = HalfCauchy.of(Tensor.of(1.0, 2.0));
        assertThat(d.mean().shape()).containsExactly(2);
        assertThat(d.mean().toArray()).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(d.variance().toArray()).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(d.support()).isSameAs(Constraints.nonnegative());
    }

    /**
     * Far in the tail (issue 13, item 8): as for {@link CauchyTest}, {@code (x / scale)^2}
     * overflowed beyond 1.34e154 scales and the log-density was -Infinity; the reference is
     * {@code log(2 / pi) - log(scale) - 2 log(x / scale)}, exact to rounding for x / scale >= 1e8.
     */
    @ParameterizedTest(name = "scale {0}, x {1}")
    @CsvSource({"1, 1e160", "1, 1.4e154", "1, 1e8", "3, 1e200", "1e-100, 1e100", "1, 1.7e308"})
    void logProbIsFiniteAndExactFarInTheTail(double scale, double x) {
        double expected = Math.log(2 / Math.PI) - Math.log(scale) - 2 * Math.log(x / scale);
        assertThat(HalfCauchy.of(scale).logProb(x).item()).as("HalfCauchy(%s).logProb(%s)", scale, x)
                .isCloseTo(expected, within(1e-14 * Math.abs(expected)));
    }

    /** The gradient and Hessian of logProb with respect to scale and value against finite differences (see CauchyTest). */
    @ParameterizedTest(name = "scale {0}, x {1}")
    @CsvSource({"1, 0.5", "2, 2", "1, 3", "0.5, 400", "1, 1e100", "1, 1e160"})
    void logProbGradientsMatchFiniteDifferences(double scale, double x) {
        double z = x / scale;
        double spread = scale * (1 + z) / 4;
        double magnitude = Math.log(Math.PI) + Math.abs(Math.log(scale)) + 2 * Math.abs(Math.log(1 + z)) + 1;
        LogDensityGradients.check("HalfCauchy(" + scale + ").logProb(" + x + ")",
                args -> HalfCauchy.of(args[0]).logProb(args[1]), new double[] {scale, x},
                new double[] {scale / 4, Math.min(spread, x / 4)}, magnitude, 3 / scale);
    }

    @Test
    void medianOfDrawsIsScale() {
        // The median of HalfCauchy(scale) is scale; the sample median's standard error is
        // 1 / (2 f(scale) sqrt(n)) with f(scale) = 1 / (pi scale): pi scale / (2 sqrt(n)) = 0.0222
        // for scale 2 and n = 20,000; we allow 5 of them (SampleChecks.Z).
        Rng.setSeed(12L);
        double[] xs = HalfCauchy.of(2.0).sample(DRAWS).toArray();
        SampleChecks.assertMedian(xs, 2.0, 1 / (Math.PI * 2.0), "HalfCauchy(2)");
    }
}
