package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * {@link Exponential} against Commons Statistics' {@link ExponentialDistribution}, which takes the
 * mean {@code 1 / rate}. Rounding 1 / rate costs half an ulp of the mean, well inside the
 * log-density tolerance.
 */
class ExponentialTest extends ContinuousDistributionTestBase {
    @Override
    String name() {
        return "Exponential";
    }

    @Override
    String[] paramNames() {
        return new String[] {"rate"};
    }

    @Override
    Distribution create(Tensor... params) {
        return Exponential.of(params[0]);
    }

    @Override
    List<Distribution> viaEveryFactory(double... p) {
        return List.of(Exponential.of(p[0]), Exponential.of(Tensor.scalar(p[0])));
    }

    @Override
    Tensor[] parameters(Distribution d) {
        return new Tensor[] {((Exponential) d).rate()};
    }

    @Override
    double randomParam(int index, SplittableRandom rnd) {
        return Math.exp(rnd.nextDouble(-3, 3));
    }

    @Override
    double randomValue(SplittableRandom rnd) {
        // 0 one time in ten, else log-uniform in [e^-8, e^4]: rate x up to ~1100.
        return rnd.nextInt(10) == 0 ? 0.0 : Math.exp(rnd.nextDouble(-8, 4));
    }

    @Override
    ExponentialDistribution reference(double[] p) {
        return ExponentialDistribution.of(1 / p[0]);
    }

    @Override
    double[][] samplingParams() {
        return new double[][] {{2.0}, {0.25}};
    }

    @Override
    double outsideSupport(double[] p) {
        return -0.5;
    }

    @Override
    Stream<Arguments> invalidParameters() {
        return Stream.of(
                invalid(p(-1), "rate", "-1.0"),
                invalid(p(0), "rate", "0.0"),
                invalid(p(Double.NaN), "rate", "NaN"),
                invalid(p(Double.POSITIVE_INFINITY), "rate", "Infinity"));
    }

    @Override
    double[] pathwiseDerivatives(double[] p, double x) {
        // x = E / rate: dx/drate = -E / rate^2 = -x / rate.
        return new double[] {-x / p[0]};
    }

    @Override
    double pathwiseMagnitude(double[] p, double x) {
        return scaleMagnitude(p, x);
    }

    @Override
    Stream<Arguments> expectedGradients() {
        // E[x] = 1 / rate, E[x^2] = 2 / rate^2.
        double rate = 2.0;
        return Stream.of(
                gradientCase("d E[x] / d rate = -1 / rate^2", p(rate), x -> x, 0, -1 / (rate * rate)),
                gradientCase("d E[x^2] / d rate = -4 / rate^3", p(rate), Tensor::square, 0, -4 / (rate * rate * rate)));
    }

    @Test
    void isParametrizedByRateNotMean() {
        Exponential d = Exponential.of(4.0);
        assertThat(d.mean().item()).isEqualTo(0.25);
        assertThat(d.variance().item()).isEqualTo(0.0625);
        assertThat(d.logProb(0.0).item()).isEqualTo(Math.log(4.0));
        assertThat(d.support()).isSameAs(Constraints.nonnegative());
    }
}
