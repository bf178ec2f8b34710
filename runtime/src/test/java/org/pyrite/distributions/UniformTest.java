package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/** {@link Uniform} against Commons Statistics' {@link UniformContinuousDistribution}(lower, upper). */
@SuppressWarnings("try") // Validation.disabled() scope used for its effect
class UniformTest extends ContinuousDistributionTestBase {
    @Override
    String name() {
        return "Uniform";
    }

    @Override
    String[] paramNames() {
        return new String[] {"low", "high"};
    }

    @Override
    Distribution create(Tensor... params) {
        return Uniform.of(params[0], params[1]);
    }

    @Override
    List<Distribution> viaEveryFactory(double... p) {
        return List.of(Uniform.of(p[0], p[1]), Uniform.of(Tensor.scalar(p[0]), p[1]),
                Uniform.of(p[0], Tensor.scalar(p[1])), Uniform.of(Tensor.scalar(p[0]), Tensor.scalar(p[1])));
    }

    @Override
    Tensor[] parameters(Distribution d) {
        Uniform u = (Uniform) d;
        return new Tensor[] {u.low(), u.high()};
    }

    @Override
    double randomParam(int index, SplittableRandom rnd) {
        // Drawn independently, so every low must lie below every high: low in -[e^-4, e^3], high in [e^-4, e^3].
        double m = Math.exp(rnd.nextDouble(-4, 3));
        return index == 0 ? -m : m;
    }

    @Override
    double randomValue(SplittableRandom rnd) {
        // Inside and outside the bounds (|bounds| <= e^3 ~ 20).
        return rnd.nextDouble(-25, 25);
    }

    @Override
    UniformContinuousDistribution reference(double[] p) {
        return UniformContinuousDistribution.of(p[0], p[1]);
    }

    @Override
    double[][] samplingParams() {
        return new double[][] {{-1.0, 3.0}, {2.0, 2.5}};
    }

    @Override
    double outsideSupport(double[] p) {
        return p[1] + 1;
    }

    @Override
    Stream<Arguments> invalidParameters() {
        return Stream.of(
                invalid(p(2, 1), "high", "1.0"),
                invalid(p(1, 1), "high", "1.0"),
                invalid(p(Double.NaN, 1), "low", "NaN"),
                invalid(p(Double.NEGATIVE_INFINITY, 0), "low", "-Infinity"),
                invalid(p(0, Double.POSITIVE_INFINITY), "high", "Infinity"));
    }

    @Override
    double[] pathwiseDerivatives(double[] p, double x) {
        // x = low + (high - low) u: dx/dlow = 1 - u, dx/dhigh = u, with u = (x - low) / (high - low).
        double u = (x - p[0]) / (p[1] - p[0]);
        return new double[] {1 - u, u};
    }

    @Override
    double pathwiseMagnitude(double[] p, double x) {
        return 1 + (Math.abs(x) + Math.abs(p[0])) / (p[1] - p[0]);
    }

    @Override
    Stream<Arguments> expectedGradients() {
        // E[x] = (low + high) / 2; E[x^2] = (low^2 + low high + high^2) / 3.
        double a = -1.0;
        double b = 3.0;
        return Stream.of(
                gradientCase("d E[x] / d low = 1/2", p(a, b), x -> x, 0, 0.5),
                gradientCase("d E[x^2] / d low = (2 low + high) / 3", p(a, b), Tensor::square, 0, (2 * a + b) / 3),
                gradientCase("d E[x^2] / d high = (low + 2 high) / 3", p(a, b), Tensor::square, 1, (a + 2 * b) / 3));
    }

    @Test
    void boundsAreInTheSupportAndLogProbIsMinusLogWidth() {
        Uniform u = Uniform.of(2.0, 2.5);
        assertThat(u.support()).isInstanceOf(Constraints.Interval.class);
        // -log(0.5) = log 2, one rounding each side.
        assertThat(u.logProb(2.0).item()).isEqualTo(Math.log(2));
        assertThat(u.logProb(2.5).item()).isEqualTo(Math.log(2));
        assertThat(u.logProb(Tensor.of(2.1, 2.2, 2.3)).toArray()).containsOnly(Math.log(2));
    }

    @Test
    void tensorBoundsAreCheckedPerElement() {
        Uniform u = Uniform.of(Tensor.of(0.0, 10.0), Tensor.of(1.0, 20.0));
        assertThat(u.support()).isInstanceOf(Constraints.TensorInterval.class);
        // -log(1 - 0) is -0.0; compare numerically.
        double[] lp = u.logProb(Tensor.of(0.5, 15.0)).toArray();
        assertThat(lp[0]).isEqualTo(0.0);
        assertThat(lp[1]).isEqualTo(-Math.log(10));
        // 5 lies in [10, 20]'s neighbour's range but not in [0, 1]: element 0 is outside.
        assertThatThrownBy(() -> u.logProb(Tensor.of(5.0, 15.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Uniform")
                .hasMessageContaining("5.0 at flat index 0");
        assertThatThrownBy(() -> u.logProb(Tensor.of(0.5, 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.5 at flat index 1");
        // Sample dimensions broadcast against the per-element bounds.
        assertThat(u.logProb(Tensor.of(new double[][] {{0.0, 10.0}, {1.0, 20.0}})).shape()).containsExactly(2, 2);
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(u.logProb(Tensor.of(5.0, 15.0)).toArray())
                    .containsExactly(Double.NEGATIVE_INFINITY, -Math.log(10));
            double[] one = u.logProb(Tensor.scalar(0.5)).toArray();
            assertThat(one[0]).isEqualTo(0.0);
            assertThat(one[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void drawsStayInsideTheirOwnBounds() {
        Rng.setSeed(5L);
        Uniform u = Uniform.of(Tensor.of(0.0, 10.0, -3.0), Tensor.of(1.0, 20.0, -2.999));
        double[] x = u.sample(2_000).toArray();
        double[] lo = {0.0, 10.0, -3.0};
        double[] hi = {1.0, 20.0, -2.999};
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isBetween(lo[i % 3], hi[i % 3]);
        }
    }

    @Test
    void lowAboveHighAnywhereInTheBatchIsRejected() {
        assertThatThrownBy(() -> Uniform.of(Tensor.of(0.0, 5.0), Tensor.scalar(4.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Uniform: parameter 'high' must be greater than 'low'")
                .hasMessageContaining("got 4.0 at flat index 1");
    }
}
