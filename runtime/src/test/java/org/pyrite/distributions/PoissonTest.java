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
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class PoissonTest {

    /** 80 (rate, k) pairs from a fixed seed: rates from 1e-3 to 1e4 on a log scale, k near and far from the rate. */
    static Stream<Arguments> cases() {
        SplittableRandom r = new SplittableRandom(0x9015L);
        return IntStream.range(0, 80).mapToObj(i -> {
            double rate = Math.pow(10, -3 + 7 * r.nextDouble());
            int k = i % 3 == 0 ? 0 : i % 3 == 1 ? (int) Math.floor(rate) : r.nextInt((int) (3 * rate) + 5);
            return Arguments.of(rate, k);
        });
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logProbMatchesCommons(double rate, int k) {
        double expected = PoissonDistribution.of(rate).logProbability(k);
        // Three terms k log r, r, lgamma(k+1), each within a few roundings of its size, two
        // subtractions: 16 roundings of the sum of magnitudes bound ours and the reference's
        // saddle-point evaluation (whose terms are no larger).
        double mag = Math.abs(k * Math.log(rate)) + rate + LogGamma.value(k + 1.0);
        assertThat(Poisson.of(rate).logProb(k).item()).isCloseTo(expected, within(16 * EPS * (mag + 1)));
    }

    @Test
    void rateZeroPutsAllMassOnZero() {
        assertThat(Poisson.of(0.0).logProb(0.0).item()).isEqualTo(0.0);
        assertThat(Poisson.of(0.0).logProb(3.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Poisson.of(0.0).sample(20).toArray()).containsOnly(0.0);
        // d/dr [0 log r - r] = -1 at r = 0: no NaN from 0 * log 0.
        Tensor r = Tensor.scalar(0.0).requiringGrad();
        assertThat(Autograd.grad(Poisson.of(r).logProb(0.0), r)[0].item()).isEqualTo(-1.0);
    }

    @Test
    void logProbGradientIsKOverRateMinusOne() {
        Tensor r = Tensor.scalar(2.5).requiringGrad();
        // d/dr (k log r - r - lgamma(k+1)) = k / r - 1: two roundings.
        assertThat(Autograd.grad(Poisson.of(r).logProb(4.0), r)[0].item()).isCloseTo(4 / 2.5 - 1, within(4 * EPS * 2));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 3.5, 39.0, 40.0, 250.0})
    void sampleMomentsAndGoodnessOfFit(double rate) {
        // 39 and 40 straddle the switch between Commons' small-mean and large-mean samplers.
        Rng.setSeed(401);
        Poisson d = Poisson.of(rate);
        double[] xs = d.sample(30_000).toArray();
        String what = "Poisson(" + rate + ")";
        int max = (int) Math.ceil(rate + 10 * Math.sqrt(rate) + 10);
        assertDrawsFit(xs, d, rate, rate, max, what);
    }

    @Test
    void batchedRatesSampleEachColumnWithItsOwnLaw() {
        Rng.setSeed(402);
        double[] rates = {1.0, 0.0, 60.0};
        double[] flat = Poisson.of(Tensor.of(rates)).sample(20_000).toArray();
        for (int j = 0; j < rates.length; j++) {
            double[] xs = column(flat, 3, j);
            if (rates[j] == 0) {
                assertThat(xs).containsOnly(0.0);
            } else {
                SampleChecks.assertMean(xs, rates[j], rates[j], "Poisson column " + j);
            }
        }
    }

    @Test
    void momentsAndAccessors() {
        Poisson d = Poisson.of(Tensor.of(1.5, 4.0));
        assertThat(d.rate().toArray()).containsExactly(1.5, 4.0);
        assertThat(d.mean().toArray()).containsExactly(1.5, 4.0);
        assertThat(d.variance().toArray()).containsExactly(1.5, 4.0);
        assertThat(d.support().describe()).contains(">= 0");
    }

    @Test
    void validationNamesDistributionParameterAndValue() {
        assertRejected(() -> Poisson.of(-0.5), "Poisson", "rate", "-0.5");
        assertRejected(() -> Poisson.of(Tensor.of(1.0, Double.NaN)), "Poisson", "rate", "NaN");
        assertRejected(() -> Poisson.of(Double.POSITIVE_INFINITY), "Poisson", "rate", "Infinity");
        try (Validation.Scope off = Validation.disabled()) {
            Poisson huge = Poisson.of(1e10);
            assertRejected(huge::sample, "Poisson.sample", "1.0E10");
        }
    }

    @Test
    void valuesOutsideTheSupportThrowOrGiveMinusInfinity() {
        Poisson d = Poisson.of(2.0);
        assertRejected(() -> d.logProb(-1.0), "-1.0", "Poisson", "integer >= 0");
        assertRejected(() -> d.logProb(1.5), "1.5", "Poisson");
        // Infinity is not an integer: before the fix in Constraints it passed the check and gave NaN.
        assertRejected(() -> d.logProb(Double.POSITIVE_INFINITY), "Infinity", "Poisson");
        try (Validation.Scope off = Validation.disabled()) {
            assertAllNegativeInfinity(d.logProb(Tensor.of(-1.0, 1.5, Double.POSITIVE_INFINITY)));
        }
    }

    @Test
    void shapesExpandAndToEvent() {
        Poisson d = Poisson.of(Tensor.of(1.0, 2.0, 3.0));
        assertThat(d.sample(2, 5).shape()).containsExactly(2, 5, 3);
        assertThat(d.logProb(d.sample(4)).shape()).containsExactly(4, 3);
        Poisson e = Poisson.of(2.0).expand(3, 2);
        assertThat(e.batchShape()).containsExactly(3, 2);
        assertThat(e.sample().shape()).containsExactly(3, 2);
        Distribution joint = d.toEvent(1);
        Tensor x = Tensor.of(0, 1, 5);
        double mag = d.logProb(x).abs().sum().item();
        assertThat(joint.logProb(x).item()).isCloseTo(d.logProb(x).sum().item(), within(3 * EPS * mag));
    }

    @Test
    void fixedSeedReproducesDrawsBitForBit() {
        Poisson d = Poisson.of(Tensor.of(0.7, 80.0));
        assertSeededDrawsRepeat(d, 12, 300);
    }
}
