package org.pyrite.distributions;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.params.provider.Arguments;
import org.pyrite.tensor.Tensor;

/** {@link Normal} against Commons Statistics' {@link NormalDistribution}; the checks are in the base class. */
class NormalTest extends ContinuousDistributionTestBase {
    @Override
    String name() {
        return "Normal";
    }

    @Override
    String[] paramNames() {
        return new String[] {"loc", "scale"};
    }

    @Override
    Distribution create(Tensor... params) {
        return Normal.of(params[0], params[1]);
    }

    @Override
    List<Distribution> viaEveryFactory(double... p) {
        return List.of(Normal.of(p[0], p[1]), Normal.of(Tensor.scalar(p[0]), p[1]),
                Normal.of(p[0], Tensor.scalar(p[1])), Normal.of(Tensor.scalar(p[0]), Tensor.scalar(p[1])));
    }

    @Override
    Tensor[] parameters(Distribution d) {
        Normal n = (Normal) d;
        return new Tensor[] {n.loc(), n.scale()};
    }

    @Override
    double randomParam(int index, SplittableRandom rnd) {
        // loc in [-10, 10], scale log-uniform in [e^-3, e^3] = [0.05, 20]
        return index == 0 ? rnd.nextDouble(-10, 10) : Math.exp(rnd.nextDouble(-3, 3));
    }

    @Override
    double randomValue(SplittableRandom rnd) {
        // Up to 800 scales from loc: |log p| up to ~3e5, far into the tails.
        return rnd.nextDouble(-30, 30);
    }

    @Override
    NormalDistribution reference(double[] p) {
        return NormalDistribution.of(p[0], p[1]);
    }

    @Override
    double referenceMean(double[] p) {
        return p[0];
    }

    @Override
    double referenceVariance(double[] p) {
        return p[1] * p[1];
    }

    @Override
    double[][] samplingParams() {
        return new double[][] {{1.5, 2.0}, {-3.0, 0.5}};
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
                invalid(p(0, Double.POSITIVE_INFINITY), "scale", "Infinity"),
                invalid(p(Double.NaN, 1), "loc", "NaN"),
                invalid(p(Double.NEGATIVE_INFINITY, 1), "loc", "-Infinity"));
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
        // E[x^2] = loc^2 + scale^2.
        double loc = 1.5;
        double scale = 2.0;
        return Stream.of(
                gradientCase("d E[x^2] / d loc = 2 loc", p(loc, scale), Tensor::square, 0, 2 * loc),
                gradientCase("d E[x^2] / d scale = 2 scale", p(loc, scale), Tensor::square, 1, 2 * scale));
    }
}
