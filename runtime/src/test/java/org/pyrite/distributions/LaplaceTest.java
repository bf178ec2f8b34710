package org.pyrite.distributions;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.junit.jupiter.params.provider.Arguments;
import org.pyrite.tensor.Tensor;

/** {@link Laplace} against Commons Statistics' {@link LaplaceDistribution}(mu, beta). */
class LaplaceTest extends ContinuousDistributionTestBase {
    @Override
    String name() {
        return "Laplace";
    }

    @Override
    String[] paramNames() {
        return new String[] {"loc", "scale"};
    }

    @Override
    Distribution create(Tensor... params) {
        return Laplace.of(params[0], params[1]);
    }

    @Override
    List<Distribution> viaEveryFactory(double... p) {
        return List.of(Laplace.of(p[0], p[1]), Laplace.of(Tensor.scalar(p[0]), p[1]),
                Laplace.of(p[0], Tensor.scalar(p[1])), Laplace.of(Tensor.scalar(p[0]), Tensor.scalar(p[1])));
    }

    @Override
    Tensor[] parameters(Distribution d) {
        Laplace l = (Laplace) d;
        return new Tensor[] {l.loc(), l.scale()};
    }

    @Override
    double randomParam(int index, SplittableRandom rnd) {
        return index == 0 ? rnd.nextDouble(-10, 10) : Math.exp(rnd.nextDouble(-3, 3));
    }

    @Override
    double randomValue(SplittableRandom rnd) {
        return rnd.nextDouble(-30, 30);
    }

    @Override
    LaplaceDistribution reference(double[] p) {
        return LaplaceDistribution.of(p[0], p[1]);
    }

    @Override
    double referenceMean(double[] p) {
        return p[0];
    }

    @Override
    double referenceVariance(double[] p) {
        return 2 * p[1] * p[1];
    }

    @Override
    double[][] samplingParams() {
        return new double[][] {{1.0, 0.5}, {-4.0, 3.0}};
    }

    @Override
    double outsideSupport(double[] p) {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    Stream<Arguments> invalidParameters() {
        return Stream.of(
                invalid(p(0, -1), "scale", "-1.0"),
                invalid(p(0, 0), "scale", "0.0"),
                invalid(p(0, Double.POSITIVE_INFINITY), "scale", "Infinity"),
                invalid(p(Double.NaN, 1), "loc", "NaN"));
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
        // E[x^2] = loc^2 + 2 scale^2.
        double loc = 1.0;
        double scale = 0.5;
        return Stream.of(
                gradientCase("d E[x^2] / d loc = 2 loc", p(loc, scale), Tensor::square, 0, 2 * loc),
                gradientCase("d E[x^2] / d scale = 4 scale", p(loc, scale), Tensor::square, 1, 4 * scale),
                // E|x - loc| = scale, and loc is held fixed in f.
                gradientCase("d E|x - loc| / d scale = 1", p(loc, scale), x -> x.sub(loc).abs(), 1, 1.0));
    }
}
