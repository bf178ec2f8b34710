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
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class BernoulliTest {

    /** 60 (p, value) pairs from a fixed seed, p spread over (0, 1) including values near both ends. */
    static Stream<Arguments> probsAndValues() {
        SplittableRandom r = new SplittableRandom(0xBE4L);
        return IntStream.range(0, 60).mapToObj(i -> {
            double u = r.nextDouble();
            double p = i % 3 == 0 ? u : i % 3 == 1 ? Math.pow(10, -12 * u) : 1 - Math.pow(10, -12 * u);
            return Arguments.of(p, (double) r.nextInt(2));
        });
    }

    @ParameterizedTest
    @MethodSource("probsAndValues")
    void logProbFromProbsMatchesCommonsBinomialWithOneTrial(double p, double value) {
        double expected = BinomialDistribution.of(1, p).logProbability((int) value);
        // Ours is one log or log1p of p (1 rounding, <= 1 ulp with Java's Math); the reference does
        // the same work on the same p: 4 roundings of |expected| bound the difference.
        assertThat(Bernoulli.probs(p).logProb(value).item()).isCloseTo(expected, within(4 * EPS * Math.abs(expected)));
    }

    @ParameterizedTest
    @MethodSource("probsAndValues")
    void logProbFromLogitsMatchesCommonsBinomialWithOneTrial(double p, double value) {
        double logit = Math.log(p) - Math.log1p(-p);
        double q = 1 / (1 + Math.exp(-logit)); // the p the logit stands for, as the reference sees it
        double expected = BinomialDistribution.of(1, q).logProbability((int) value);
        // value * l - softplus(l) is accurate to a few roundings of |l| + softplus(l). The reference
        // takes log q or log1p(-q) of a q that carries one rounding (relative EPS); log amplifies that
        // to EPS for log q and EPS * q / (1 - q) for log1p(-q). Sum both, with a factor 4 for slack.
        double tol = 4 * EPS * (Math.abs(logit) + Math.log1p(Math.exp(-Math.abs(logit))) + Math.max(0, logit) + 1 + q / (1 - q));
        assertThat(Bernoulli.logits(logit).logProb(value).item()).isCloseTo(expected, within(tol));
    }

    @Test
    void degenerateProbabilitiesGiveExactMassAndNoNaN() {
        assertThat(Bernoulli.probs(0.0).logProb(0.0).item()).isEqualTo(0.0);
        assertThat(Bernoulli.probs(0.0).logProb(1.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Bernoulli.probs(1.0).logProb(1.0).item()).isEqualTo(0.0);
        assertThat(Bernoulli.probs(1.0).logProb(0.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        // The gradient of log(1 - p) at p = 0 is -1, of log p at p = 1 is 1: no NaN from the branch not taken.
        Tensor p0 = Tensor.scalar(0.0).requiringGrad();
        assertThat(Autograd.grad(Bernoulli.probs(p0).logProb(0.0), p0)[0].item()).isEqualTo(-1.0);
        Tensor p1 = Tensor.scalar(1.0).requiringGrad();
        assertThat(Autograd.grad(Bernoulli.probs(p1).logProb(1.0), p1)[0].item()).isEqualTo(1.0);
    }

    @Test
    void logitsAreStableFarOut() {
        // log sigmoid(-800) = -800 - log1p(e^-800) = -800 exactly in double; a naive log(sigmoid) would be -inf.
        assertThat(Bernoulli.logits(-800).logProb(1.0).item()).isEqualTo(-800.0);
        assertThat(Bernoulli.logits(800).logProb(0.0).item()).isEqualTo(-800.0);
        assertThat(Bernoulli.logits(800).logProb(1.0).item()).isEqualTo(0.0);
    }

    @Test
    void accessorsAndMoments() {
        Bernoulli b = Bernoulli.probs(Tensor.of(0.2, 0.5));
        assertThat(b.isLogitParametrized()).isFalse();
        assertThat(b.mean().toArray()).containsExactly(0.2, 0.5);
        assertThat(b.variance().toArray()).containsExactly(0.2 * 0.8, 0.25);
        assertThat(b.logits().toArray()[1]).isEqualTo(0.0);
        Bernoulli l = Bernoulli.logits(0.0);
        assertThat(l.isLogitParametrized()).isTrue();
        assertThat(l.probs().item()).isEqualTo(0.5);
        assertThat(l.support().describe()).contains("boolean");
        assertThat(l.hasRsample()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.03, 0.5, 0.9})
    void sampleMomentsAndGoodnessOfFit(double p) {
        Rng.setSeed(101);
        Bernoulli b = Bernoulli.probs(p);
        double[] xs = b.sample(40_000).toArray();
        assertDrawsFit(xs, b, p, p * (1 - p), 1, "Bernoulli(" + p + ")");
    }

    @Test
    void batchedLogitsSampleEachColumnWithItsOwnProbability() {
        Rng.setSeed(102);
        double[] logits = {-2.0, 0.0, 1.5};
        Bernoulli b = Bernoulli.logits(Tensor.of(logits));
        double[] flat = b.sample(30_000).toArray();
        for (int j = 0; j < 3; j++) {
            double p = 1 / (1 + Math.exp(-logits[j]));
            SampleChecks.assertMean(column(flat, 3, j), p, p * (1 - p), "Bernoulli logits column " + j);
        }
    }

    @Test
    void validationNamesDistributionParameterAndValue() {
        assertRejected(() -> Bernoulli.probs(1.5), "Bernoulli", "probs", "1.5");
        assertRejected(() -> Bernoulli.probs(Tensor.of(0.5, -0.25)), "Bernoulli", "probs", "-0.25");
        assertRejected(() -> Bernoulli.logits(Double.NaN), "Bernoulli", "logits", "NaN");
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(Bernoulli.probs(1.5)).isNotNull();
        }
    }

    @Test
    void valuesOutsideTheSupportThrowOrGiveMinusInfinity() {
        Bernoulli b = Bernoulli.probs(0.3);
        assertRejected(() -> b.logProb(2.0), "2.0", "Bernoulli", "boolean");
        assertRejected(() -> b.logProb(Tensor.of(0.0, 0.5)), "0.5", "Bernoulli");
        double[] valid = b.logProb(Tensor.of(1.0, 0.0, 0.0)).toArray();
        try (Validation.Scope off = Validation.disabled()) {
            assertAllNegativeInfinity(b.logProb(Tensor.of(0.5, -1.0, 2.0)));
            assertThat(b.logProb(1.0).item()).isEqualTo(Math.log(0.3));
            // Mixed: only the value outside the support is masked; all inside: nothing is.
            assertThat(b.logProb(Tensor.of(1.0, 0.5, 0.0)).toArray()).containsExactly(valid[0], Double.NEGATIVE_INFINITY, valid[2]);
            assertThat(b.logProb(Tensor.of(1.0, 0.0, 0.0)).toArray()).containsExactly(valid);
        }
    }

    @Test
    void shapesExpandAndToEvent() {
        Bernoulli b = Bernoulli.probs(Tensor.of(0.1, 0.6, 0.9));
        assertThat(b.batchShape()).containsExactly(3);
        assertThat(b.eventShape()).isEmpty();
        assertThat(b.sample().shape()).containsExactly(3);
        assertThat(b.sample(4, 2).shape()).containsExactly(4, 2, 3);
        assertThat(b.logProb(b.sample(5)).shape()).containsExactly(5, 3);

        Bernoulli e = b.expand(2, 3);
        assertThat(e.batchShape()).containsExactly(2, 3);
        assertThat(e.sample(7).shape()).containsExactly(7, 2, 3);
        assertThat(Bernoulli.logits(0.3).expand(4).batchShape()).containsExactly(4);

        Distribution joint = b.toEvent(1);
        assertThat(joint.batchShape()).isEmpty();
        assertThat(joint.eventShape()).containsExactly(3);
        Tensor x = Tensor.of(1.0, 0.0, 1.0);
        assertThat(joint.logProb(x).item()).isCloseTo(Math.log(0.1) + Math.log(0.4) + Math.log(0.9), within(8 * EPS * 4));
    }

    @Test
    void fixedSeedReproducesDrawsBitForBit() {
        Bernoulli b = Bernoulli.probs(Tensor.of(0.2, 0.7));
        assertSeededDrawsRepeat(b, 77, 500);
    }
}
