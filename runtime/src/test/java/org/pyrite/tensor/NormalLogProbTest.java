package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Tensor#normalLogProb}: the fused scalar node against Commons Statistics and finite differences, and the broadcast form. */
class NormalLogProbTest {
    @ParameterizedTest(name = "x={0} loc={1} scale={2}")
    @CsvSource({"0.3, 0, 1", "-4, 2.5, 0.75", "9.5, 9.14, 0.6", "1e3, -1e3, 40"})
    void scalarValueMatchesCommonsStatistics(double x, double loc, double scale) {
        double expected = NormalDistribution.of(loc, scale).logDensity(x);
        double got = Tensor.scalar(x).normalLogProb(Tensor.scalar(loc), Tensor.scalar(scale)).item();
        // A handful of roundings of the largest term, z^2 / 2.
        double z = (x - loc) / scale;
        assertThat(got).isCloseTo(expected, within(8 * Math.ulp(Math.max(1.0, 0.5 * z * z))));
    }

    @ParameterizedTest(name = "x={0} loc={1} scale={2}")
    @CsvSource({"0.3, 0, 1", "-4, 2.5, 0.75", "9.5, 9.14, 0.6"})
    void scalarGradientsMatchFiniteDifferences(double x, double loc, double scale) {
        GradCheck.check("normalLogProb", xs -> xs.get(0).normalLogProb(xs.get(1), xs.get(2)),
                Tensor.scalar(x), Tensor.scalar(loc), Tensor.scalar(scale));
        GradCheck.check("normalLogProb wrt scale only", xs -> Tensor.scalar(x).normalLogProb(Tensor.scalar(loc), xs.get(0)),
                Tensor.scalar(scale));
    }

    @Test
    void scalarSecondDerivativesFollowTheGraph() {
        GradCheck.checkSecondOrder("normalLogProb", xs -> xs.get(0).normalLogProb(xs.get(1), xs.get(2)),
                Tensor.scalar(0.4), Tensor.scalar(-1.0), Tensor.scalar(1.7));
    }

    @Test
    void theScalarNodeAndTheBroadcastFormAgree() {
        Tensor x = Tensor.of(0.3, -2.0, 5.0);
        Tensor loc = Tensor.scalar(0.5);
        Tensor scale = Tensor.of(1.0, 2.0, 0.5);
        double[] broadcast = x.normalLogProb(loc, scale).toArray();
        double[] xs = x.toArray();
        double[] ss = scale.toArray();
        for (int i = 0; i < 3; i++) {
            double scalar = Tensor.scalar(xs[i]).normalLogProb(loc, Tensor.scalar(ss[i])).item();
            assertThat(broadcast[i]).isCloseTo(scalar, within(1e-14));
        }
    }

    @Test
    void aPlainScalarRecordsNothing() {
        Tensor lp = Tensor.scalar(0.3).normalLogProb(Tensor.scalar(0.0), Tensor.scalar(1.0));
        assertThat(lp.requiresGrad()).isFalse();
        Tensor loc = Tensor.scalar(0.0).requiringGrad();
        assertThat(Tensor.scalar(0.3).normalLogProb(loc, Tensor.scalar(1.0)).requiresGrad()).isTrue();
        // d/dloc at x = 0.3, loc = 0, scale = 1 is z / scale = 0.3.
        assertThat(Autograd.grad(Tensor.scalar(0.3).normalLogProb(loc, Tensor.scalar(1.0)), loc)[0].item()).isCloseTo(0.3, within(1e-16));
    }
}
