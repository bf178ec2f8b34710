package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.distributions.DiscreteTestSupport.assertRejected;

import org.junit.jupiter.api.Test;
import org.pyrite.tensor.Tensor;

/**
 * Shape errors inside a distribution name the distribution and its parameters, and say what
 * shape would work (issue 13, item 10). Before, {@code Normal.of([1,2,3], [1,2])} said only
 * "shapes [3] and [2] cannot be broadcast together", {@code expand} "cannot expand shape [2] to
 * [3]", and {@code toEvent} gave no shape that fits.
 */
class ShapeMessagesTest {
    private static Tensor v(int n) {
        return Tensor.ones(n);
    }

    @Test
    void parametersThatDoNotBroadcastAreNamedWithTheirShapes() {
        assertRejected(() -> Normal.of(Tensor.of(1, 2, 3), Tensor.of(1, 2)),
                "Normal", "loc [3]", "scale [2]", "dimension -1: 3 vs 2", "give scale the shape [3]", "or loc the shape [2]");
        assertRejected(() -> Cauchy.of(v(3), v(2)), "Cauchy", "loc [3]", "scale [2]");
        assertRejected(() -> Laplace.of(v(3), v(2)), "Laplace", "loc [3]", "scale [2]");
        assertRejected(() -> LogNormal.of(v(3), v(2)), "LogNormal", "loc [3]", "scale [2]");
        assertRejected(() -> Gamma.of(v(4), v(5)), "Gamma", "concentration [4]", "rate [5]");
        assertRejected(() -> Beta.of(v(4), v(5)), "Beta", "concentration1 [4]", "concentration0 [5]");
        assertRejected(() -> Uniform.of(Tensor.zeros(2, 3), Tensor.ones(4)), "Uniform", "low [2, 3]", "high [4]",
                "dimension -1: 3 vs 4");
        assertRejected(() -> Binomial.probs(Tensor.of(5, 6), Tensor.of(0.1, 0.2, 0.3)), "Binomial", "totalCount [2]", "probs [3]");
        assertRejected(() -> Binomial.logits(Tensor.of(5, 6), Tensor.of(0.1, 0.2, 0.3)), "Binomial", "logits [3]");
        // Three parameters: the third does not fit the broadcast of the first two.
        assertRejected(() -> StudentT.of(v(3), Tensor.zeros(2, 1), v(4)), "StudentT", "df [3]", "loc [2, 1]", "scale [4]",
                "give scale the shape [2, 3]", "the other parameters shapes that broadcast with [4]");
    }

    @Test
    void parametersThatBroadcastStillWork() {
        assertThat(Normal.of(Tensor.zeros(2, 1), v(3)).batchShape()).containsExactly(2, 3);
        assertThat(StudentT.of(Tensor.scalar(3), Tensor.zeros(4, 1), v(5)).batchShape()).containsExactly(4, 5);
    }

    @Test
    void expandSaysWhichShapesWork() {
        // Batch [2] cannot become [3]; adding a dimension on the left can.
        assertRejected(() -> Normal.of(Tensor.zeros(2), 1.0).expand(3), "Normal.expand", "cannot expand the batch shape [2] to [3]",
                "must end with [2]", "e.g. [3, 2]");
        // Batch [3] asked [4, 2]: [4, 3] keeps the rank, [4, 2, 3] adds a dimension.
        assertRejected(() -> Gamma.of(v(3), 1.0).expand(4, 2), "Gamma.expand", "e.g. [4, 3] or [4, 2, 3]");
        assertRejected(() -> Poisson.of(v(3)).expand(-1, 3), "Poisson.expand", "[-1, 3]", "negative");
        assertRejected(() -> Poisson.of(v(3)).expand(65536, 65536, 3), "Poisson.expand", "2147483647");
        assertRejected(() -> Normal.of(Tensor.zeros(2, 2), 1.0).toEvent(1).expand(3), "Independent(Normal, 1).expand",
                "batch shape [2]", "e.g. [3, 2]");
        assertRejected(() -> Empirical.of(1, 2, 3).expand(2).expand(3), "Empirical.expand", "e.g. [3, 2]");
        assertRejected(() -> Categorical.logits(Tensor.ones(2, 3)).expand(3), "Categorical.expand", "batch shape [2]", "e.g. [3, 2]");
        assertRejected(() -> MultivariateNormal.withScaleTril(Tensor.zeros(2, 3), Tensor.eye(3)).expand(4),
                "MultivariateNormal.expand", "batch shape [2]", "e.g. [4, 2]");
        assertThat(Normal.of(Tensor.zeros(2, 1), 1.0).expand(5, 2, 4).batchShape()).containsExactly(5, 2, 4);
    }

    @Test
    void toEventSaysWhichShapesWork() {
        assertRejected(() -> Normal.of(v(3), 1.0).toEvent(2), "Normal.toEvent(2)", "batch shape [3]", "only 1",
                "toEvent(1) makes the event shape [3]", "expand(1, 3).toEvent(2)");
        assertRejected(() -> Normal.of(0, 1).toEvent(1), "Normal.toEvent(1)", "batch shape []", "expand(1).toEvent(1)");
        assertRejected(() -> Normal.of(v(3), 1.0).toEvent(-1), "Normal.toEvent(-1)", ">= 0");
    }

    @Test
    void aMaskThatDoesNotBroadcastIsNamed() {
        assertRejected(() -> Normal.of(v(3), 1.0).mask(Tensor.ones(2)), "Normal.mask", "mask of shape [2]", "batch shape [3]",
                "dimension -1: 2 vs 3");
    }
}
