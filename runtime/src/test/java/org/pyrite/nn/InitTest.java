package org.pyrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.tensor.Tensor;

/** The initialisers' bounds and spread, and their reproducibility under a seed. */
class InitTest {
    /** Checks that every entry lies in [-b, b] and that the variance is b^2 / 3 within 5 standard errors. */
    private static void assertUniform(Tensor t, double bound) {
        double[] v = t.toArray();
        double sumSq = 0;
        double max = 0;
        for (double x : v) {
            sumSq += x * x;
            max = Math.max(max, Math.abs(x));
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        // x^2 for x ~ U(-b, b): mean b^2/3, variance b^4 (1/5 - 1/9) = 4 b^4 / 45.
        double mean = bound * bound / 3;
        double se = Math.sqrt(4 * Math.pow(bound, 4) / 45 / v.length);
        assertThat(sumSq / v.length).isCloseTo(mean, within(5 * se));
    }

    @Test
    void kaimingUniformHasBoundSqrtSixOverFanIn() {
        Pyrite.setRngSeed(1);
        assertUniform(Init.kaimingUniform().draw(new int[] {200, 50}, 50, 200), Math.sqrt(6.0 / 50));
    }

    @Test
    void torchsLinearDefaultHasBoundOneOverSqrtFanIn() {
        Pyrite.setRngSeed(2);
        Linear fc = new Linear(64, 128);
        assertUniform(fc.weight().value(), 1 / 8.0);
        assertThat(fc.bias().value().shape()).containsExactly(128);
        assertThat(fc.bias().value().abs().max().item()).isLessThanOrEqualTo(1 / 8.0);
    }

    @Test
    void xavierUniformHasBoundSqrtSixOverFanInPlusFanOut() {
        Pyrite.setRngSeed(3);
        assertUniform(Init.xavierUniform().draw(new int[] {100, 60}, 60, 100), Math.sqrt(6.0 / 160));
        assertUniform(Init.xavierUniform(2.0).draw(new int[] {100, 60}, 60, 100), 2 * Math.sqrt(6.0 / 160));
    }

    @Test
    void aSeedMakesTheInitialWeightsReproducible() {
        Pyrite.setRngSeed(42);
        double[] a = new Linear(8, 4).weight().value().toArray();
        Pyrite.setRngSeed(42);
        double[] b = new Linear(8, 4).weight().value().toArray();
        Pyrite.setRngSeed(43);
        double[] c = new Linear(8, 4).weight().value().toArray();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void zerosAndBadFans() {
        assertThat(Init.zeros().draw(new int[] {3}, 1, 3).toArray()).containsExactly(0, 0, 0);
        assertThatThrownBy(() -> Init.xavierUniform().draw(new int[] {2, 0}, 0, 2)).hasMessageContaining("fanIn must be positive");
    }
}
