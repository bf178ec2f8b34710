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
import org.junit.jupiter.params.provider.CsvSource;
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

    /**
     * (rate, k) across rates 1e-3 ... 1e12 (every decade and its half-way point): counts at 0, 1, the
     * rate, the rate plus or minus 1, 3 and 10 standard deviations, half and twice the rate.
     */
    static Stream<Arguments> wideRateCases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int e = -3; e <= 12; e++) {
            for (double rate : new double[] {Math.pow(10, e), 3 * Math.pow(10, e)}) {
                if (rate > 1e12) {
                    continue;
                }
                double sd = Math.sqrt(rate);
                java.util.TreeSet<Double> ks = new java.util.TreeSet<>();
                for (double k : new double[] {0, 1, Math.floor(rate), Math.floor(rate / 2), Math.floor(2 * rate) + 3,
                    Math.floor(rate + sd), Math.floor(rate - sd), Math.floor(rate + 3 * sd), Math.floor(rate - 3 * sd),
                    Math.floor(rate + 10 * sd), Math.floor(rate - 10 * sd)}) {
                    if (k >= 0) {
                        ks.add(k);
                    }
                }
                for (double k : ks) {
                    cases.add(Arguments.of(rate, k));
                }
            }
        }
        return cases.build();
    }

    /**
     * The reference log-mass: Commons Statistics' {@code PoissonDistribution.logProbability} (Loader's
     * saddle point) while k fits an int; beyond, {@link HighPrecision} (50-digit decimal arithmetic),
     * which agrees with Commons to 1e-14 where both apply ({@link #highPrecisionAgreesWithCommons}).
     */
    static double reference(double rate, double k) {
        if (k <= Integer.MAX_VALUE) {
            return PoissonDistribution.of(rate).logProbability((int) k);
        }
        return HighPrecision.logPoisson(k, rate);
    }

    /**
     * Large rates (issue 13, item 9): within 1e-12 relative (floor 1 in magnitude, where the log-mass
     * is near 0) of Commons Statistics at every rate from 1e-3 to 1e12. The textbook
     * {@code k log(rate) - rate - lgamma(k + 1)} sums terms of the order of the rate, so its
     * rounding grows with it: at rate 1e10 it was off by 9.75e-6 (relative 7.8e-7), at 1e12 by
     * 2e-3. Ours (the saddle-point form) and the reference each stay within a few ulps of the
     * result's own size, 1e-15 relative; 1e-12 leaves room for both and fails the textbook form
     * from rate 1e5 on.
     */
    @ParameterizedTest(name = "rate {0}, k {1}")
    @MethodSource("wideRateCases")
    void logProbIsPreciseAcrossRates(double rate, double k) {
        double expected = reference(rate, k);
        double actual = Poisson.of(rate).logProb(k).item();
        assertThat(actual).as("Poisson(%s).logProb(%s)", rate, k)
                .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void theIssuesExampleIsExact() {
        // Poisson.of(1e10).logProb(1e10) was off by 9.75e-6.
        double expected = HighPrecision.logPoisson(1e10, 1e10);
        assertThat(Poisson.of(1e10).logProb(1e10).item()).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }

    /** The two references of {@link #reference} agree where both apply (counts from 20 up to 2e9): to 1e-14. */
    @ParameterizedTest
    @ValueSource(doubles = {25.5, 40, 1e4, 1e7, 2e9})
    void highPrecisionAgreesWithCommons(double rate) {
        for (double k : new double[] {Math.floor(rate), Math.floor(rate + 2 * Math.sqrt(rate)),
            Math.max(HighPrecision.MIN_COUNT, Math.floor(rate - 10 * Math.sqrt(rate))), Math.max(HighPrecision.MIN_COUNT, Math.floor(rate / 2))}) {
            double commons = PoissonDistribution.of(rate).logProbability((int) k);
            assertThat(HighPrecision.logPoisson(k, rate)).as("rate %s, k %s", rate, k)
                    .isCloseTo(commons, within(1e-14 * Math.max(1, Math.abs(commons))));
        }
    }

    /**
     * d logProb / d rate = k / rate - 1 and its second derivative -k / rate^2, by autodiff (the
     * second through createGraph) against finite differences ({@link LogDensityGradients}), at
     * rates from 1e-3 to 1e10 with k at 0, near and far from the rate; the step scale is the
     * standard deviation (at least 1e-3 of the rate, so small rates are not stepped across 0).
     */
    @ParameterizedTest(name = "rate {0}, k {1}")
    @CsvSource({"0.001, 0", "0.001, 2", "0.5, 1", "3.5, 0", "3.5, 7", "40, 40", "40, 17", "2000, 2100",
        "1e6, 999000", "1e10, 1e10", "1e10, 10000200000"})
    void logProbGradientsMatchFiniteDifferences(double rate, double k) {
        double scale = Math.max(Math.sqrt(rate), 1e-3 * rate);
        scale = Math.min(scale, 0.5 * rate);
        // The terms one evaluation sums: the direct form's below k = 16, else the saddle-point form's
        // (whose deviance term is part of the result itself).
        double magnitude = k < 16 ? Math.abs(k * Math.log(rate)) + rate + LogGamma.value(k + 1) : 0.5 * Math.log(2 * Math.PI * k) + 1;
        LogDensityGradients.check("Poisson(" + rate + ").logProb(" + k + ")", args -> Poisson.of(args[0]).logProb(k),
                new double[] {rate}, new double[] {scale}, magnitude, k / rate + 1);
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
