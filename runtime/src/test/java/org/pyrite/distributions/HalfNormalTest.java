package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.FoldedNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * {@link HalfNormal}: log-density against log 2 + Commons' {@link NormalDistribution}(0, scale)
 * log-density, CDF and moments against Commons' {@link FoldedNormalDistribution}(0, scale).
 */
class HalfNormalTest extends ContinuousDistributionTestBase {
    @Override
    String name() {
        return "HalfNormal";
    }

    @Override
    String[] paramNames() {
        return new String[] {"scale"};
    }

    @Override
    Distribution create(Tensor... params) {
        return HalfNormal.of(params[0]);
    }

    @Override
    List<Distribution> viaEveryFactory(double... p) {
        return List.of(HalfNormal.of(p[0]), HalfNormal.of(Tensor.scalar(p[0])));
    }

    @Override
    Tensor[] parameters(Distribution d) {
        return new Tensor[] {((HalfNormal) d).scale()};
    }

    @Override
    double randomParam(int index, SplittableRandom rnd) {
        return Math.exp(rnd.nextDouble(-3, 3));
    }

    @Override
    double randomValue(SplittableRandom rnd) {
        // 0 (the edge of the support) one time in ten, else log-uniform in [e^-8, e^4]: up to ~1100 scales.
        return rnd.nextInt(10) == 0 ? 0.0 : Math.exp(rnd.nextDouble(-8, 4));
    }

    @Override
    double referenceLogDensity(double[] p, double x) {
        return foldedLogDensity(NormalDistribution.of(0, p[0]), x);
    }

    /** The CDF and moments; the log-density above is log 2 + the normal's. */
    @Override
    FoldedNormalDistribution reference(double[] p) {
        return FoldedNormalDistribution.of(0, p[0]);
    }

    @Override
    double[][] samplingParams() {
        return new double[][] {{1.5}, {0.2}};
    }

    @Override
    double outsideSupport(double[] p) {
        return -1.0;
    }

    @Override
    Stream<Arguments> invalidParameters() {
        return Stream.of(
                invalid(p(-1), "scale", "-1.0"),
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
        double scale = 1.5;
        return Stream.of(
                // E[x] = scale sqrt(2 / pi)
                gradientCase("d E[x] / d scale = sqrt(2 / pi)", p(scale), x -> x, 0, Math.sqrt(2 / Math.PI)),
                // E[x^2] = scale^2
                gradientCase("d E[x^2] / d scale = 2 scale", p(scale), Tensor::square, 0, 2 * scale));
    }

    @Test
    void supportIsNonnegativeAndIncludesZero() {
        HalfNormal d = HalfNormal.of(2.0);
        assertThat(d.support()).isSameAs(Constraints.nonnegative());
        // log 2 - log 2 - 1/2 log(2 pi): exact to a few ulp.
        assertThat(d.logProb(0.0).item()).isCloseTo(-0.5 * Math.log(2 * Math.PI), org.assertj.core.data.Offset.offset(1e-15));
    }
}
