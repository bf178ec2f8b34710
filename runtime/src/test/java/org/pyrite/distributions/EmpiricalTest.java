package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.distributions.DiscreteTestSupport.EPS;
import static org.pyrite.distributions.DiscreteTestSupport.assertRejected;
import static org.pyrite.distributions.DiscreteTestSupport.assertSeededDrawsRepeat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class EmpiricalTest {

    /** Random weighted samples from fixed seeds: N in 5..60, integer values 0..9 (so repeats occur), log-weights in (-3, 3). */
    static Stream<Arguments> weightedSamples() {
        return LongStream.range(0, 12).mapToObj(seed -> {
            SplittableRandom r = new SplittableRandom(0xE3B0L + seed);
            int n = 5 + r.nextInt(56);
            double[] values = new double[n];
            double[] logW = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = r.nextInt(10);
                logW[i] = 6 * r.nextDouble() - 3;
            }
            return Arguments.of(values, logW);
        });
    }

    /** Normalized weights computed directly (shifted by the maximum log-weight). */
    static double[] normalized(double[] logW) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            max = Math.max(max, l);
        }
        double[] w = new double[logW.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logW[i] - max);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    @ParameterizedTest
    @MethodSource("weightedSamples")
    void logProbIsTheLogOfTheTotalWeightOfEqualSamples(double[] values, double[] logW) {
        Empirical e = Empirical.of(values, logW);
        double[] w = normalized(logW);
        double[] lp = e.logProb(Tensor.arange(11)).toArray();
        for (int v = 0; v <= 10; v++) {
            double mass = 0;
            for (int i = 0; i < values.length; i++) {
                mass += values[i] == v ? w[i] : 0;
            }
            if (mass == 0) {
                assertThat(lp[v]).as("value %s", v).isEqualTo(Double.NEGATIVE_INFINITY);
            } else {
                // Both sides normalize N weights (N roundings, relative) and sum some of them (N more):
                // the logs differ by at most 4 N roundings.
                assertThat(lp[v]).as("value %s", v).isCloseTo(Math.log(mass), within(4 * values.length * EPS));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("weightedSamples")
    void weightedMeanAndVarianceAreExact(double[] values, double[] logW) {
        Empirical e = Empirical.of(values, logW);
        double[] w = normalized(logW);
        double mean = 0;
        for (int i = 0; i < w.length; i++) {
            mean += w[i] * values[i];
        }
        double var = 0;
        for (int i = 0; i < w.length; i++) {
            var += w[i] * (values[i] - mean) * (values[i] - mean);
        }
        // Sums of N products of weights (each within N roundings after normalization) and values
        // below 10: 4 N roundings of the largest possible sum (10 for the mean, 100 for the variance).
        assertThat(e.mean().item()).isCloseTo(mean, within(4 * w.length * EPS * 10));
        assertThat(e.variance().item()).isCloseTo(var, within(4 * w.length * EPS * 100));
    }

    @ParameterizedTest
    @MethodSource("weightedSamples")
    void sampleFrequenciesMatchTheWeights(double[] values, double[] logW) {
        Rng.setSeed(701);
        Empirical e = Empirical.of(values, logW);
        double[] xs = e.sample(20_000).toArray();
        double[] pmf = e.logProb(Tensor.arange(10)).exp().toArray();
        SampleChecks.assertChiSquare(xs, k -> pmf[k], 9, "Empirical");
    }

    @Test
    void vectorSamplesCompareWholeEvents() {
        Tensor samples = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {0, 1}});
        Tensor logW = Tensor.of(Math.log(1), Math.log(2), Math.log(3), Math.log(4));
        Empirical e = Empirical.of(samples, logW);
        assertThat(e.batchShape()).isEmpty();
        assertThat(e.eventShape()).containsExactly(2);
        assertThat(e.sampleSize()).isEqualTo(4);
        // (0, 1) appears with weights 2 and 4 of 10; (1, 1) never.
        Tensor lp = e.logProb(Tensor.of(new double[][] {{0, 1}, {1, 1}, {1, 0}}));
        double[] got = lp.toArray();
        // Normalizing 4 weights and summing 2: a few roundings, relative.
        assertThat(got[0]).isCloseTo(Math.log(0.6), within(16 * EPS));
        assertThat(got[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(got[2]).isCloseTo(Math.log(0.3), within(16 * EPS));
        // Weighted means 0.3 and 0.6 per coordinate; variances 0.3 * 0.7 and 0.6 * 0.4.
        assertThat(e.mean().toArray()).containsExactly(new double[] {0.3, 0.6}, within(16 * EPS));
        assertThat(e.variance().toArray()).containsExactly(new double[] {0.21, 0.24}, within(16 * EPS));

        Rng.setSeed(702);
        double[] draws = e.sample(20_000).toArray();
        // Encode each drawn pair as 2 * first + second: cells 0, 1, 2 with weights 0.1, 0.6, 0.3.
        double[] codes = new double[draws.length / 2];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = 2 * draws[2 * i] + draws[2 * i + 1];
        }
        double[] pmf = {0.1, 0.6, 0.3, 0.0};
        SampleChecks.assertChiSquare(codes, k -> pmf[k], 3, "Empirical pairs");
        assertThat(e.sample(3, 5).shape()).containsExactly(3, 5, 2);
    }

    @Test
    void zeroWeightSamplesAreNeverDrawn() {
        Rng.setSeed(703);
        Empirical e = Empirical.of(new double[] {1, 2, 3}, new double[] {Double.NEGATIVE_INFINITY, 0, Double.NEGATIVE_INFINITY});
        assertThat(e.sample(2000).toArray()).containsOnly(2.0);
        assertThat(e.logProb(1.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(e.logProb(2.0).item()).isEqualTo(0.0);
        assertThat(e.mean().item()).isEqualTo(2.0);
    }

    @Test
    void equalWeightsAndAccessors() {
        Empirical e = Empirical.of(1.0, 2.0, 2.0, 5.0);
        assertThat(e.logWeights().toArray()).containsOnly(0.0);
        assertThat(e.weights().toArray()).containsOnly(0.25);
        assertThat(e.samples().toArray()).containsExactly(1, 2, 2, 5);
        assertThat(e.logProb(2.0).item()).isCloseTo(Math.log(0.5), within(4 * EPS));
        assertThat(e.mean().item()).isEqualTo(2.5);
        // ((1.5)^2 + 2 (0.5)^2 + 2.5^2) / 4, exact in binary.
        assertThat(e.variance().item()).isEqualTo(2.25);
        Empirical t = Empirical.of(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        assertThat(t.mean().toArray()).containsExactly(2, 3);
        // The Javadoc example.
        Empirical doc = Empirical.of(new double[] {1.0, 2.0, 2.0, 5.0}, new double[] {0.0, 0.0, Math.log(2), 0.0});
        assertThat(doc.logProb(2.0).item()).isCloseTo(Math.log(3.0 / 5), within(8 * EPS));
        assertThat(doc.mean().item()).isCloseTo(12.0 / 5, within(8 * EPS * 5));
    }

    @Test
    void logProbDifferentiatesThroughTheLogWeights() {
        Tensor logW = Tensor.of(0.0, 0.0, 0.0, 0.0).requiringGrad();
        Empirical e = Empirical.of(Tensor.of(1.0, 2.0, 2.0, 5.0), logW);
        // log((w1 + w2) / sum w) with equal weights: d/dlogW_i = [i in {1, 2}] / 2 - 1/4.
        assertThat(Autograd.grad(e.logProb(2.0), logW)[0].toArray())
                .containsExactly(new double[] {-0.25, 0.25, 0.25, -0.25}, within(8 * EPS));
    }

    @Test
    void validationNamesDistributionParameterAndValue() {
        assertRejected(() -> Empirical.of(new double[] {1, 2}, new double[] {0, Double.NaN}), "Empirical", "logWeights", "NaN");
        assertRejected(() -> Empirical.of(new double[] {1, 2}, new double[] {0, Double.POSITIVE_INFINITY}),
                "Empirical", "logWeights", "Infinity");
        assertRejected(() -> Empirical.of(new double[] {1, Double.NaN}, new double[] {0, 0}), "Empirical", "samples", "NaN");
        assertRejected(() -> Empirical.of(new double[] {1, 2}, new double[] {0}), "Empirical", "logWeights", "[2]", "[1]");
        assertRejected(() -> Empirical.of(new double[0]), "Empirical", "samples", "size >= 1");
        assertRejected(() -> Empirical.of(new double[] {1, 2},
                new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}), "Empirical", "logWeights", "weight 0");
    }

    @Test
    void valueNotAmongTheSamplesIsMinusInfinityEvenWithValidation() {
        Empirical e = Empirical.of(1.0, 2.0);
        assertThat(e.logProb(3.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertRejected(() -> e.logProb(Double.NaN), "NaN", "Empirical", "real");
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(e.logProb(Tensor.of(3.0, Double.NaN, 1.0)).toArray())
                    .containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.log(0.5));
        }
    }

    @Test
    void shapesExpandAndToEvent() {
        Empirical e = Empirical.of(0.0, 1.0, 1.0);
        assertThat(e.sample().shape()).isEmpty();
        assertThat(e.sample(4, 2).shape()).containsExactly(4, 2);
        assertThat(e.logProb(e.sample(4, 2)).shape()).containsExactly(4, 2);
        Empirical x = e.expand(3);
        assertThat(x.batchShape()).containsExactly(3);
        assertThat(x.sample(5).shape()).containsExactly(5, 3);
        assertThat(x.mean().shape()).containsExactly(3);
        assertThat(x.logProb(1.0).shape()).containsExactly(3);
        Distribution joint = x.toEvent(1);
        assertThat(joint.eventShape()).containsExactly(3);
        // Each coordinate independently 1 with probability 2/3.
        assertThat(joint.logProb(Tensor.of(1.0, 1.0, 0.0)).item())
                .isCloseTo(2 * Math.log(2.0 / 3) + Math.log(1.0 / 3), within(16 * EPS * 4));
        // Independent draws per batch entry: over 20,000 draws each coordinate's mean is 2/3.
        Rng.setSeed(704);
        double[] flat = x.sample(20_000).toArray();
        for (int b = 0; b < 3; b++) {
            SampleChecks.assertMean(DiscreteTestSupport.column(flat, 3, b), 2.0 / 3, 2.0 / 9, "Empirical expanded " + b);
        }
    }

    @Test
    void fixedSeedReproducesDrawsBitForBit() {
        Empirical e = Empirical.of(new double[] {3, 1, 4, 1, 5}, new double[] {0.1, -0.5, 1.0, 0.0, -2.0});
        assertSeededDrawsRepeat(e, 31, 300);
    }
}
