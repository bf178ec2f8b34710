package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.distributions.transforms.ExpTransform;
import org.pyrite.tensor.Tensor;

/**
 * Draw shapes past the element limit, or with a negative size, are refused by every distribution
 * before anything is drawn or allocated, naming the distribution, the shapes and the limit (issue
 * 13, item 1). Before, {@code Normal.of(0, 1).sample(65536, 65537)} returned 65,536 draws and
 * {@code sample(-1)} threw {@code NegativeArraySizeException}.
 */
class SampleShapeLimitTest {
    /** (label, distribution, the name its messages use). */
    static Stream<Arguments> distributions() {
        return Stream.of(
                Arguments.of(Normal.of(0, 1), "Normal"),
                Arguments.of(Cauchy.of(0, 1), "Cauchy"),
                Arguments.of(HalfNormal.of(1), "HalfNormal"),
                Arguments.of(LogNormal.of(0, 1), "LogNormal"),
                Arguments.of(Laplace.of(0, 1), "Laplace"),
                Arguments.of(Uniform.of(0, 1), "Uniform"),
                Arguments.of(Exponential.of(1), "Exponential"),
                Arguments.of(Gamma.of(2, 1), "Gamma"),
                Arguments.of(Beta.of(2, 3), "Beta"),
                Arguments.of(StudentT.of(3, 0, 1), "StudentT"),
                Arguments.of(Dirichlet.of(1, 2), "Dirichlet"),
                Arguments.of(Bernoulli.probs(0.3), "Bernoulli"),
                Arguments.of(Binomial.probs(10, 0.3), "Binomial"),
                Arguments.of(Poisson.of(2), "Poisson"),
                Arguments.of(Geometric.probs(0.3), "Geometric"),
                Arguments.of(Categorical.probs(0.2, 0.8), "Categorical"),
                Arguments.of(Delta.of(1.5), "Delta"),
                Arguments.of(Empirical.of(1, 2, 3), "Empirical"),
                Arguments.of(MultivariateNormal.withScaleTril(Tensor.zeros(2), Tensor.eye(2)), "MultivariateNormal"),
                Arguments.of(new TransformedDistribution(Normal.of(0, 1), new ExpTransform()), "Normal"),
                Arguments.of(Normal.of(Tensor.zeros(2), Tensor.ones(2)).toEvent(1), "Normal"),
                Arguments.of(Normal.of(0, 1).mask(Tensor.scalar(1)), "Normal"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("distributions")
    void drawsPastTheLimitAreRefused(Distribution d, String name) {
        assertThatThrownBy(() -> d.sample(65536, 65537)).isInstanceOf(IllegalArgumentException.class)
                .message().contains(name, "sample shape [65536, 65537]", "2147483647");
        if (d.hasRsample()) {
            assertThatThrownBy(() -> d.rsample(65536, 65537)).isInstanceOf(IllegalArgumentException.class)
                    .message().contains(name, "sample shape [65536, 65537]", "2147483647");
        }
        assertThatThrownBy(() -> d.shape(65536, 65537)).isInstanceOf(IllegalArgumentException.class)
                .message().contains(d.name(), "sample shape [65536, 65537]", "2147483647");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("distributions")
    void negativeSampleSizesAreRefused(Distribution d, String name) {
        assertThatThrownBy(() -> d.sample(-1)).isInstanceOf(IllegalArgumentException.class)
                .message().contains(name, "sample shape [-1]", "negative");
        assertThatThrownBy(() -> d.sample(3, -2)).isInstanceOf(IllegalArgumentException.class)
                .message().contains(name, "sample shape [3, -2]", "negative");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("distributions")
    void drawsWithinTheLimitStillWork(Distribution d, String name) {
        Rng.setSeed(13);
        int[] expected = d.shape(2, 3);
        assertThat(d.sample(2, 3).shape()).containsExactly(expected);
        assertThat(d.sample(0).numel()).isZero();
    }

    @org.junit.jupiter.api.Test
    void theBatchShapeCountsTowardsTheLimit() {
        // 65537 draws of a batch of 65536: the product is past the limit although each factor is small.
        Normal batch = Normal.of(Tensor.zeros(65536), Tensor.ones(65536));
        assertThatThrownBy(() -> batch.sample(65537)).isInstanceOf(IllegalArgumentException.class)
                .message().contains("Normal", "sample shape [65537]", "[65536]", "[65537, 65536]", "2147483647");
    }
}
