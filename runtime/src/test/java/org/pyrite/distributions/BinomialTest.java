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
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class BinomialTest {

    /** 80 (n, p, k) triples from a fixed seed: n up to 5000 on a log scale, p over (0, 1), k anywhere in 0..n. */
    static Stream<Arguments> cases() {
        SplittableRandom r = new SplittableRandom(0xB1A0L);
        return IntStream.range(0, 80).mapToObj(i -> {
            int n = (int) Math.floor(Math.exp(r.nextDouble() * Math.log(5000)));
            double p = 0.001 + 0.998 * r.nextDouble();
            int k = i % 4 == 0 ? 0 : i % 4 == 1 ? n : r.nextInt(n + 1);
            return Arguments.of(n, p, k);
        });
    }

    /**
     * Bound on the rounding error of our formula: its five terms lgamma(n+1), lgamma(k+1),
     * lgamma(n-k+1), k log p, (n-k) log1p(-p) each carry a few roundings of their own size
     * (Commons Numbers' LogGamma is accurate to a few ulps) and four additions add one rounding of
     * the running sum each; 16 roundings of the sum of the terms' magnitudes cover that and the
     * reference's saddle-point evaluation, whose intermediate terms are no larger.
     */
    static double tolerance(int n, double p, int k) {
        double mag = LogGamma.value(n + 1.0) + LogGamma.value(k + 1.0) + LogGamma.value(n - k + 1.0)
                + Math.abs(k * Math.log(p)) + Math.abs((n - k) * Math.log1p(-p));
        return 16 * EPS * (mag + 1);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logProbFromProbsMatchesCommons(int n, double p, int k) {
        double expected = BinomialDistribution.of(n, p).logProbability(k);
        assertThat(Binomial.probs(n, p).logProb(k).item()).isCloseTo(expected, within(tolerance(n, p, k)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logProbFromLogitsMatchesCommons(int n, double p, int k) {
        double logit = Math.log(p) - Math.log1p(-p);
        double q = 1 / (1 + Math.exp(-logit));
        double expected = BinomialDistribution.of(n, q).logProbability(k);
        // k*l - n*softplus(l) has the same rounding budget as the probs form (k|l| and n softplus(l)
        // are no larger than the log terms' magnitudes plus n|l|); the reference's q carries one
        // rounding, which its log terms amplify by k + (n-k) q/(1-q) at most.
        double tol = tolerance(n, q, k) + 16 * EPS * n * Math.abs(logit) + 2 * EPS * (k + (n - k) * q / (1 - q));
        assertThat(Binomial.logits(n, logit).logProb(k).item()).isCloseTo(expected, within(tol));
    }

    @Test
    void edgeProbabilitiesGiveExactMassWithoutNaN() {
        assertThat(Binomial.probs(5, 0.0).logProb(0.0).item()).isEqualTo(0.0);
        assertThat(Binomial.probs(5, 0.0).logProb(1.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Binomial.probs(5, 1.0).logProb(5.0).item()).isEqualTo(0.0);
        assertThat(Binomial.probs(5, 1.0).logProb(4.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Binomial.probs(0, 0.3).logProb(0.0).item()).isEqualTo(0.0);
        // d/dp [5 log1p(-p)] at p = 0 is -5: finite, no NaN from the k log p term whose count is 0.
        Tensor p = Tensor.scalar(0.0).requiringGrad();
        assertThat(Autograd.grad(Binomial.probs(5, p).logProb(0.0), p)[0].item()).isEqualTo(-5.0);
    }

    @Test
    void meanAndVariance() {
        Binomial b = Binomial.probs(Tensor.of(10, 20), Tensor.scalar(0.25));
        assertThat(b.mean().toArray()).containsExactly(2.5, 5.0);
        assertThat(b.variance().toArray()).containsExactly(10 * 0.25 * 0.75, 20 * 0.25 * 0.75);
        assertThat(Binomial.logits(4, 0.0).mean().item()).isEqualTo(2.0);
        assertThat(b.totalCount().toArray()).containsExactly(10, 20);
        assertThat(Binomial.logits(4, 0.0).probs().item()).isEqualTo(0.5);
        assertThat(Binomial.probs(4, 0.5).logits().item()).isEqualTo(0.0);
    }

    /**
     * Draws against the closed-form moments and, by chi-square, against logProb().exp(). The
     * cases cover the look-up table (many draws per parameter set, n < 2^16), the table refusing a
     * spread-out pmf (n = 3000, p = 0.5, so the inversion fallback runs) and n >= 2^16 (inversion).
     */
    @ParameterizedTest
    @CsvSource({"1, 0.5", "12, 0.07", "40, 0.5", "100, 0.93", "3000, 0.5", "100000, 0.0003"})
    void sampleMomentsAndGoodnessOfFit(int n, double p) {
        Rng.setSeed(201);
        Binomial b = Binomial.probs(n, p);
        double[] xs = b.sample(30_000).toArray();
        double mean = n * p;
        double var = n * p * (1 - p);
        String what = "Binomial(" + n + ", " + p + ")";
        int max = (int) Math.min(n, Math.ceil(mean + 10 * Math.sqrt(var) + 5));
        assertDrawsFit(xs, b, mean, var, max, what);
    }

    @Test
    void oneDrawPerParameterSetUsesExactInversion() {
        // An expanded batch with one draw each never builds a table: every draw comes from inversion.
        Rng.setSeed(202);
        Binomial b = Binomial.probs(30, 0.35);
        double[] xs = b.expand(30_000).sample().toArray();
        assertDrawsFit(xs, b, 10.5, 30 * 0.35 * 0.65, 30, "Binomial inversion");
    }

    @Test
    void batchedParametersSampleEachColumnWithItsOwnLaw() {
        Rng.setSeed(203);
        Binomial b = Binomial.logits(Tensor.of(5, 50, 0), Tensor.of(-1.0, 2.0, 0.3));
        double[] flat = b.sample(20_000).toArray();
        double[] n = {5, 50, 0};
        double[] logits = {-1.0, 2.0, 0.3};
        for (int j = 0; j < 3; j++) {
            double p = 1 / (1 + Math.exp(-logits[j]));
            double var = n[j] * p * (1 - p);
            double[] xs = column(flat, 3, j);
            if (var == 0) {
                assertThat(xs).containsOnly(0.0);
            } else {
                SampleChecks.assertMean(xs, n[j] * p, var, "Binomial column " + j);
            }
        }
        assertThat(Binomial.probs(7, 1.0).sample(10).toArray()).containsOnly(7.0);
        assertThat(Binomial.probs(7, 0.0).sample(10).toArray()).containsOnly(0.0);
    }

    @Test
    void validationNamesDistributionParameterAndValue() {
        assertRejected(() -> Binomial.probs(2.5, 0.5), "Binomial", "totalCount", "2.5");
        assertRejected(() -> Binomial.probs(-1, 0.5), "Binomial", "totalCount", "-1.0");
        assertRejected(() -> Binomial.probs(10, 1.01), "Binomial", "probs", "1.01");
        assertRejected(() -> Binomial.logits(Tensor.of(3, 4), Tensor.of(0.0, Double.POSITIVE_INFINITY)),
                "Binomial", "logits", "Infinity");
    }

    @Test
    void valuesOutsideTheSupportThrowOrGiveMinusInfinity() {
        Binomial b = Binomial.probs(10, 0.4);
        assertRejected(() -> b.logProb(11.0), "11.0", "Binomial", "[0, 10]");
        assertRejected(() -> b.logProb(-1.0), "-1.0", "Binomial");
        assertRejected(() -> b.logProb(2.5), "2.5", "Binomial");
        try (Validation.Scope off = Validation.disabled()) {
            assertAllNegativeInfinity(b.logProb(Tensor.of(11.0, -1.0, 2.5)));
        }
    }

    @Test
    void tensorTotalCountChecksTheSupportElementwise() {
        // The support broadcasts the value against totalCount; before the fix in Distribution the
        // error message for a scalar value against totalCount [10, 3] indexed past the value (an
        // ArrayIndexOutOfBoundsException instead of this message).
        Binomial b = Binomial.probs(Tensor.of(10, 3), Tensor.scalar(0.5));
        assertRejected(() -> b.logProb(5.0), "value 5.0 at flat index 1", "Binomial", "totalCount");
        assertThat(b.logProb(Tensor.of(5.0, 3.0)).toArray()).doesNotContain(Double.NEGATIVE_INFINITY);
        try (Validation.Scope off = Validation.disabled()) {
            double[] lp = b.logProb(5.0).toArray();
            assertThat(lp[0]).isCloseTo(BinomialDistribution.of(10, 0.5).logProbability(5), within(tolerance(10, 0.5, 5)));
            assertThat(lp[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void shapesExpandAndToEvent() {
        Binomial b = Binomial.probs(Tensor.of(4, 6), Tensor.of(new double[][] {{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}}));
        assertThat(b.batchShape()).containsExactly(3, 2);
        assertThat(b.sample().shape()).containsExactly(3, 2);
        assertThat(b.sample(5).shape()).containsExactly(5, 3, 2);
        assertThat(b.logProb(b.sample(5)).shape()).containsExactly(5, 3, 2);
        Binomial e = Binomial.probs(4, 0.3).expand(2, 3);
        assertThat(e.batchShape()).containsExactly(2, 3);
        assertThat(e.sample(4).shape()).containsExactly(4, 2, 3);
        Distribution joint = b.toEvent(2);
        assertThat(joint.batchShape()).isEmpty();
        assertThat(joint.eventShape()).containsExactly(3, 2);
        Tensor x = Tensor.of(new double[][] {{1, 2}, {0, 6}, {4, 3}});
        // The same 6 log-masses summed in two orders: they differ by at most 6 roundings of the sum of magnitudes.
        double mag = b.logProb(x).abs().sum().item();
        assertThat(joint.logProb(x).item()).isCloseTo(b.logProb(x).sum().item(), within(6 * EPS * mag));
    }

    @Test
    void fixedSeedReproducesDrawsBitForBit() {
        Binomial b = Binomial.probs(Tensor.of(8, 3000), Tensor.of(0.4, 0.5));
        assertSeededDrawsRepeat(b, 99, 300);
    }
}
