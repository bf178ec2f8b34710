package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.distributions.DiscreteTestSupport.EPS;
import static org.pyrite.distributions.DiscreteTestSupport.assertAllNegativeInfinity;
import static org.pyrite.distributions.DiscreteTestSupport.assertRejected;
import static org.pyrite.distributions.DiscreteTestSupport.assertSeededDrawsRepeat;
import static org.pyrite.distributions.DiscreteTestSupport.column;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class CategoricalTest {

    /** 40 random simplices of 2..12 categories from a fixed seed, some entries exactly 0. */
    static Stream<Arguments> simplices() {
        SplittableRandom r = new SplittableRandom(0xCA7L);
        return IntStream.range(0, 40).mapToObj(i -> {
            int k = 2 + r.nextInt(11);
            double[] p = new double[k];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                p[j] = (j > 0 && r.nextInt(5) == 0) ? 0.0 : -Math.log(1 - r.nextDouble()); // Dirichlet(1) before normalizing
                sum += p[j];
            }
            for (int j = 0; j < k; j++) {
                p[j] /= sum;
            }
            return Arguments.of((Object) p);
        });
    }

    @ParameterizedTest
    @MethodSource("simplices")
    void logProbFromProbsIsLogOfTheEntry(double[] p) {
        Categorical c = Categorical.probs(p);
        double[] lp = c.logProb(Tensor.arange(p.length)).toArray();
        for (int k = 0; k < p.length; k++) {
            // Ours renormalizes by the sum (K roundings, relative) and takes one log: an absolute
            // error of (K + 2) roundings; K + 4 leaves room for the reference's own log.
            assertThat(lp[k]).as("log p_%s", k).isCloseTo(Math.log(p[k]), within((p.length + 4) * EPS * Math.max(1, Math.abs(Math.log(p[k])))));
        }
    }

    @ParameterizedTest
    @MethodSource("simplices")
    void logProbFromLogitsIsTheNormalizedLogit(double[] p) {
        int k = p.length;
        double[] logits = new double[k];
        double maxAbs = 0;
        for (int j = 0; j < k; j++) {
            logits[j] = p[j] == 0 ? -30.0 + j : Math.log(p[j]) + 1.7; // unnormalized on purpose
            maxAbs = Math.max(maxAbs, Math.abs(logits[j]));
        }
        double norm = 0;
        for (double l : logits) {
            norm += Math.exp(l);
        }
        double logNorm = Math.log(norm);
        double[] lp = Categorical.logits(logits).logProb(Tensor.arange(k)).toArray();
        for (int j = 0; j < k; j++) {
            // l_j - logsumexp(l): both sides form a sum of K exponentials (K roundings, relative) and
            // subtract logits of size up to max|l|: 2 (K + 4) roundings of 1 + max|l| bound the gap.
            assertThat(lp[j]).isCloseTo(logits[j] - logNorm, within(2 * (k + 4) * EPS * (1 + maxAbs)));
        }
    }

    @Test
    void valueBroadcastsAgainstTheBatch() {
        Tensor probs = Tensor.of(new double[][] {{0.2, 0.8, 0.0}, {0.5, 0.25, 0.25}});
        Categorical c = Categorical.probs(probs);
        assertThat(c.batchShape()).containsExactly(2);
        assertThat(c.eventShape()).isEmpty();
        assertThat(c.numCategories()).isEqualTo(3);
        // A scalar value against batch [2].
        assertThat(c.logProb(1.0).toArray()).containsExactly(Math.log(0.8), Math.log(0.25));
        // Values [4, 2] (sample x batch) and [4, 1] broadcast against batch [2].
        Tensor v = Tensor.of(new double[][] {{0, 1}, {1, 2}, {2, 0}, {0, 0}});
        Tensor lp = c.logProb(v);
        assertThat(lp.shape()).containsExactly(4, 2);
        assertThat(lp.toArray()).containsExactly(Math.log(0.2), Math.log(0.25), Math.log(0.8), Math.log(0.25),
                Double.NEGATIVE_INFINITY, Math.log(0.5), Math.log(0.2), Math.log(0.5));
        assertThat(c.logProb(Tensor.of(new double[][] {{1}, {0}})).shape()).containsExactly(2, 2);
    }

    @Test
    void zeroProbabilityCategoryHasMinusInfinityAndFiniteGradientsElsewhere() {
        Tensor p = Tensor.of(0.5, 0.0, 0.5).requiringGrad();
        Tensor lp = Categorical.probs(p).logProb(2.0);
        assertThat(lp.item()).isEqualTo(Math.log(0.5));
        for (double g : Autograd.grad(lp, p)[0].toArray()) {
            assertThat(g).isFinite();
        }
        Tensor l = Tensor.of(0.0, 0.0, 0.0).requiringGrad();
        // d/dl_j [l_2 - logsumexp(l)] = [j == 2] - 1/3.
        assertThat(Autograd.grad(Categorical.logits(l).logProb(2.0), l)[0].toArray())
                .containsExactly(new double[] {-1.0 / 3, -1.0 / 3, 2.0 / 3}, within(4 * EPS));
    }

    @Test
    void accessorsAndNaNMoments() {
        Categorical c = Categorical.logits(Tensor.zeros(4, 5));
        assertThat(c.batchShape()).containsExactly(4);
        assertThat(c.probs().shape()).containsExactly(4, 5);
        assertThat(c.probs().toArray()).containsOnly(0.2);
        assertThat(c.logits().toArray()[0]).isCloseTo(Math.log(0.2), within(4 * EPS * 2));
        assertThat(c.mean().shape()).containsExactly(4);
        assertThat(c.mean().toArray()).containsOnly(Double.NaN);
        assertThat(c.variance().toArray()).containsOnly(Double.NaN);
        assertThat(c.support().describe()).contains("[0, 4]");
        // probs are normalized by their sum (validation allows 1e-6 of slack).
        assertThat(Categorical.probs(0.5, 0.5000001).probs().sum().item()).isCloseTo(1.0, within(2 * EPS));
    }

    @Test
    void samplesMatchTheProbabilitiesByChiSquare() {
        Rng.setSeed(301);
        double[] p = {0.1, 0.2, 0.0, 0.45, 0.25};
        Categorical c = Categorical.probs(p);
        double[] xs = c.sample(40_000).toArray();
        double[] pmf = c.logProb(Tensor.arange(p.length)).exp().toArray();
        SampleChecks.assertChiSquare(xs, k -> pmf[k], p.length - 1, "Categorical(probs)");
        assertThat(xs).doesNotContain(2.0); // probability 0 is never drawn
        // Index moments against their closed form: E[k] = sum k p_k, Var = sum k^2 p_k - E^2.
        double m = 0;
        double m2 = 0;
        for (int k = 0; k < p.length; k++) {
            m += k * p[k];
            m2 += k * k * p[k];
        }
        SampleChecks.assertMean(xs, m, m2 - m * m, "Categorical index");
        SampleChecks.assertVariance(xs, m2 - m * m, "Categorical index");
    }

    @Test
    void batchedLogitsSampleEachRowWithItsOwnLaw() {
        Rng.setSeed(302);
        Tensor logits = Tensor.of(new double[][] {{0.0, 1.0, 2.0}, {3.0, -1.0, 0.0}});
        Categorical c = Categorical.logits(logits);
        double[] flat = c.sample(30_000).toArray();
        double[] probs = c.probs().toArray();
        for (int b = 0; b < 2; b++) {
            int row = b;
            SampleChecks.assertChiSquare(column(flat, 2, b), k -> probs[row * 3 + k], 2, "Categorical row " + b);
        }
        // A single category always gives 0.
        assertThat(Categorical.probs(1.0).sample(5).toArray()).containsOnly(0.0);
    }

    @Test
    void validationNamesDistributionParameterAndValue() {
        // Before the fix in Distribution, a rejected vector parameter whose constraint reduces to a
        // scalar check (a simplex over one vector) failed in item() with an IllegalStateException.
        assertRejected(() -> Categorical.probs(0.5, 0.6), "Categorical", "probs", "simplex", "[0.5, 0.6]");
        assertRejected(() -> Categorical.probs(1.2, -0.2), "Categorical", "probs", "-0.2");
        assertRejected(() -> Categorical.probs(Tensor.of(new double[][] {{0.5, 0.5}, {0.9, 0.2}})),
                "Categorical", "probs", "[0.9, 0.2] at event 1");
        assertRejected(() -> Categorical.logits(0.0, Double.NEGATIVE_INFINITY), "Categorical", "logits", "-Infinity");
        assertRejected(() -> Categorical.probs(Tensor.scalar(1.0)), "Categorical", "probs", "at least one category");
    }

    @Test
    void valuesOutsideTheSupportThrowOrGiveMinusInfinity() {
        Categorical c = Categorical.probs(0.3, 0.7);
        assertRejected(() -> c.logProb(2.0), "2.0", "Categorical", "[0, 1]");
        assertRejected(() -> c.logProb(Tensor.of(0.0, 0.5)), "0.5", "Categorical");
        try (Validation.Scope off = Validation.disabled()) {
            assertAllNegativeInfinity(c.logProb(Tensor.of(2.0, -1.0, 0.5, Double.NaN)));
            assertThat(c.logProb(Tensor.of(1.0, 7.0)).toArray()).containsExactly(Math.log(0.7), Double.NEGATIVE_INFINITY);
            Distribution joint = Categorical.probs(Tensor.of(new double[][] {{0.3, 0.7}, {0.5, 0.5}})).toEvent(1);
            assertThat(joint.logProb(Tensor.of(1.0, 3.0)).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void shapesExpandAndToEvent() {
        Categorical c = Categorical.probs(0.25, 0.75);
        assertThat(c.sample().shape()).isEmpty();
        assertThat(c.sample(3, 2).shape()).containsExactly(3, 2);
        Categorical e = c.expand(4, 2);
        assertThat(e.batchShape()).containsExactly(4, 2);
        assertThat(e.probs().shape()).containsExactly(4, 2, 2);
        assertThat(e.sample(6).shape()).containsExactly(6, 4, 2);
        assertThat(e.logProb(e.sample(6)).shape()).containsExactly(6, 4, 2);
        assertThat(Categorical.logits(0.0, 1.0).expand(3).batchShape()).containsExactly(3);
        Distribution joint = c.expand(3).toEvent(1);
        assertThat(joint.eventShape()).containsExactly(3);
        assertThat(joint.logProb(Tensor.of(1, 1, 0)).item())
                .isCloseTo(2 * Math.log(0.75) + Math.log(0.25), within(8 * EPS * 4));
    }

    @Test
    void fixedSeedReproducesDrawsBitForBit() {
        Categorical c = Categorical.logits(Tensor.of(new double[][] {{0.0, 1.0, 2.0}, {1.0, 1.0, 1.0}}));
        assertSeededDrawsRepeat(c, 5, 400);
    }
}
