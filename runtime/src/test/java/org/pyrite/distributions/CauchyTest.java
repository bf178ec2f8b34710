package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
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

    @Test
    void medianOfDrawsIsLoc() {
        // The sample median of n draws has standard error 1 / (2 f(loc) sqrt(n)) = pi scale / (2 sqrt(n));
        // with n = 20,000 and scale 2 that is 0.0222; we allow 5 of them (SampleChecks.Z).
        Rng.setSeed(11L);
        double[] xs = Cauchy.of(0.5, 2.0).sample(DRAWS).toArray();
        SampleChecks.assertMedian(xs, 0.5, 1 / (Math.PI * 2.0), "Cauchy(0.5, 2)");
    }
}
