package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/** {@link LogNormal} against Commons Statistics' {@link LogNormalDistribution}(mu, sigma). */
@SuppressWarnings("try") // Validation.disabled() scope used for its effect
class LogNormalTest extends ContinuousDistributionTestBase {
    @Override
    String name() {
        return "LogNormal";
    }

    @Override
    String[] paramNames() {
        return new String[] {"loc", "scale"};
    }

    @Override
    Distribution create(Tensor... params) {
        return LogNormal.of(params[0], params[1]);
    }

    @Override
    List<Distribution> viaEveryFactory(double... p) {
        return List.of(LogNormal.of(p[0], p[1]), LogNormal.of(Tensor.scalar(p[0]), p[1]),
                LogNormal.of(p[0], Tensor.scalar(p[1])), LogNormal.of(Tensor.scalar(p[0]), Tensor.scalar(p[1])));
    }

    @Override
    Tensor[] parameters(Distribution d) {
        LogNormal l = (LogNormal) d;
        return new Tensor[] {l.loc(), l.scale()};
    }

    @Override
    double randomParam(int index, SplittableRandom rnd) {
        // loc in [-3, 3], scale log-uniform in [e^-3, e] = [0.05, 2.7]: moment exponents below 15.
        return index == 0 ? rnd.nextDouble(-3, 3) : Math.exp(rnd.nextDouble(-3, 1));
    }

    @Override
    double randomValue(SplittableRandom rnd) {
        // log x in [-8, 6]: up to 280 scales from loc.
        return Math.exp(rnd.nextDouble(-8, 6));
    }

    @Override
    LogNormalDistribution reference(double[] p) {
        return LogNormalDistribution.of(p[0], p[1]);
    }

    @Override
    double[][] samplingParams() {
        // Small scales keep the fourth moment, and so the variance check's standard error, moderate.
        return new double[][] {{0.3, 0.4}, {-1.0, 0.25}};
    }

    @Override
    double outsideSupport(double[] p) {
        return 0.0;
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
        // x = exp(loc + scale eps): dx/dloc = x, dx/dscale = x eps = x (log x - loc) / scale.
        return new double[] {x, x * (Math.log(x) - p[0]) / p[1]};
    }

    @Override
    double pathwiseMagnitude(double[] p, double x) {
        return x * (1 + (Math.abs(Math.log(x)) + Math.abs(p[0]) + 1) / p[1]);
    }

    @Override
    Stream<Arguments> expectedGradients() {
        // E[x] = exp(loc + scale^2 / 2).
        double loc = 0.3;
        double scale = 0.4;
        double mean = Math.exp(loc + scale * scale / 2);
        return Stream.of(
                gradientCase("d E[x] / d loc = E[x]", p(loc, scale), x -> x, 0, mean),
                gradientCase("d E[x] / d scale = scale E[x]", p(loc, scale), x -> x, 1, scale * mean));
    }

    @Test
    void zeroIsOutsideTheSupport() {
        LogNormal d = LogNormal.of(0, 1);
        assertThat(d.support()).isSameAs(Constraints.positive());
        // At x = 1: log p = -1/2 log(2 pi), a few roundings.
        assertThat(d.logProb(1.0).item()).isCloseTo(-0.5 * Math.log(2 * Math.PI), org.assertj.core.data.Offset.offset(1e-15));
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(d.logProb(Tensor.of(0.0, -1.0)).toArray())
                    .containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        }
    }
}
