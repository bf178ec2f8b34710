package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.distributions.DiscreteTestSupport.EPS;
import static org.pyrite.distributions.DiscreteTestSupport.assertAllNegativeInfinity;
import static org.pyrite.distributions.DiscreteTestSupport.assertDrawsFit;
import static org.pyrite.distributions.DiscreteTestSupport.assertRejected;
import static org.pyrite.distributions.DiscreteTestSupport.assertSeededDrawsRepeat;
import static org.pyrite.distributions.DiscreteTestSupport.column;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.GeometricDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class GeometricTest {

    /**
     * 80 (p, k) pairs from a fixed seed: p from 1e-4 to 1 (exclusive: Commons Statistics refuses
     * p = 1, tested separately), k from 0 to several means.
     */
    static Stream<Arguments> cases() {
        SplittableRandom r = new SplittableRandom(0x6E0L);
        return IntStream.range(0, 80).mapToObj(i -> {
            double p = Math.min(Math.pow(10, -4 * r.nextDouble()), 0.999);
            int k = i % 4 == 0 ? 0 : r.nextInt((int) Math.min(5 / p, 1e6) + 1);
            return Arguments.of(p, k);
        });
    }

    @Test
    void commonsStatisticsCountsFailuresBeforeTheFirstSuccessToo() {
        // The reference's parametrization: P(X = 0) = p, mean (1 - p) / p, support starting at 0.
        GeometricDistribution g = GeometricDistribution.of(0.25);
        assertThat(g.getSupportLowerBound()).isZero();
        assertThat(g.probability(0)).isEqualTo(0.25);
        assertThat(g.getMean()).isEqualTo(3.0);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logProbFromProbsMatchesCommons(double p, int k) {
        double expected = GeometricDistribution.of(p).logProbability(k);
        // Both evaluate k log1p(-p) + log p: a rounding per operation, 4 roundings of the terms' magnitudes.
        double mag = Math.abs(k * Math.log1p(-p)) + Math.abs(Math.log(p));
        assertThat(Geometric.probs(p).logProb(k).item()).isCloseTo(expected, within(4 * EPS * (mag + 1)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logProbFromLogitsMatchesCommons(double p, int k) {
        double logit = Math.log(p) - Math.log1p(-p);
        double q = 1 / (1 + Math.exp(-logit));
        double expected = GeometricDistribution.of(q).logProbability(k);
        // -k softplus(l) - softplus(-l): a few roundings of the magnitudes; the reference's q carries
        // one relative rounding, which k log1p(-q) amplifies by k q / (1 - q) and log q by 1.
        double mag = Math.abs(k * Math.log1p(-q)) + Math.abs(Math.log(q));
        double tol = 8 * EPS * (mag + 1) + 2 * EPS * (1 + k * q / (1 - q));
        assertThat(Geometric.logits(logit).logProb(k).item()).isCloseTo(expected, within(tol));
    }

    @Test
    void certainSuccessAndGradients() {
        assertThat(Geometric.probs(1.0).logProb(0.0).item()).isEqualTo(0.0);
        assertThat(Geometric.probs(1.0).logProb(2.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Geometric.probs(1.0).sample(10).toArray()).containsOnly(0.0);
        // d/dp [log p] = 1 at p = 1 when k = 0: the k log1p(-p) term contributes nothing, not NaN.
        Tensor p = Tensor.scalar(1.0).requiringGrad();
        assertThat(Autograd.grad(Geometric.probs(p).logProb(0.0), p)[0].item()).isEqualTo(1.0);
        // d/dp [k log1p(-p) + log p] = -k/(1-p) + 1/p, three roundings.
        Tensor q = Tensor.scalar(0.2).requiringGrad();
        assertThat(Autograd.grad(Geometric.probs(q).logProb(3.0), q)[0].item())
                .isCloseTo(-3 / 0.8 + 1 / 0.2, within(8 * EPS * 10));
    }

    @Test
    void momentsAndAccessors() {
        Geometric g = Geometric.probs(Tensor.of(0.25, 1.0));
        assertThat(g.mean().toArray()).containsExactly(3.0, 0.0);
        assertThat(g.variance().toArray()).containsExactly(12.0, 0.0);
        assertThat(Geometric.logits(0.0).probs().item()).isEqualTo(0.5);
        assertThat(Geometric.probs(0.5).logits().item()).isEqualTo(0.0);
        assertThat(Geometric.logits(0.0).mean().item()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.02, 0.3, 0.85})
    void sampleMomentsAndGoodnessOfFit(double p) {
        Rng.setSeed(501);
        Geometric g = Geometric.probs(p);
        double[] xs = g.sample(30_000).toArray();
        double mean = (1 - p) / p;
        double var = (1 - p) / (p * p);
        String what = "Geometric(" + p + ")";
        int max = (int) Math.ceil(mean + 6 * Math.sqrt(var) + 5);
        assertDrawsFit(xs, g, mean, var, max, what);
    }

    @Test
    void batchedLogitsSampleEachColumnWithItsOwnLaw() {
        Rng.setSeed(502);
        double[] logits = {-2.0, 0.5, 40.0};
        double[] flat = Geometric.logits(Tensor.of(logits)).sample(20_000).toArray();
        for (int j = 0; j < 3; j++) {
            double p = 1 / (1 + Math.exp(-logits[j]));
            double[] xs = column(flat, 3, j);
            if (j == 2) {
                // p = 1 - 4e-18: P(X >= 1) = 1 - p, so 20,000 draws are all 0 but for a 1e-13 chance.
                assertThat(xs).containsOnly(0.0);
            } else {
                SampleChecks.assertMean(xs, (1 - p) / p, (1 - p) / (p * p), "Geometric column " + j);
            }
        }
    }

    @Test
    void validationNamesDistributionParameterAndValue() {
        assertRejected(() -> Geometric.probs(0.0), "Geometric", "probs", "(0.0, 1.0]", "0.0");
        assertRejected(() -> Geometric.probs(Tensor.of(0.5, 1.5)), "Geometric", "probs", "1.5");
        assertRejected(() -> Geometric.logits(Double.NaN), "Geometric", "logits", "NaN");
    }

    @Test
    void valuesOutsideTheSupportThrowOrGiveMinusInfinity() {
        Geometric g = Geometric.probs(0.4);
        assertRejected(() -> g.logProb(-1.0), "-1.0", "Geometric", "integer >= 0");
        assertRejected(() -> g.logProb(0.5), "0.5", "Geometric");
        try (Validation.Scope off = Validation.disabled()) {
            assertAllNegativeInfinity(g.logProb(Tensor.of(-1.0, 0.5)));
        }
    }

    @Test
    void shapesExpandAndToEvent() {
        Geometric g = Geometric.probs(Tensor.of(0.2, 0.9));
        assertThat(g.batchShape()).containsExactly(2);
        assertThat(g.sample(3, 4).shape()).containsExactly(3, 4, 2);
        assertThat(g.logProb(g.sample(3)).shape()).containsExactly(3, 2);
        assertThat(Geometric.logits(0.1).expand(5).sample(2).shape()).containsExactly(2, 5);
        assertThat(g.expand(3, 2).batchShape()).containsExactly(3, 2);
        Distribution joint = g.toEvent(1);
        Tensor x = Tensor.of(2, 0);
        double expected = 2 * Math.log(0.8) + Math.log(0.2) + Math.log(0.9);
        assertThat(joint.logProb(x).item()).isCloseTo(expected, within(8 * EPS * 6));
    }

    @Test
    void fixedSeedReproducesDrawsBitForBit() {
        Geometric g = Geometric.probs(Tensor.of(0.1, 0.6));
        assertSeededDrawsRepeat(g, 3, 300);
    }
}
