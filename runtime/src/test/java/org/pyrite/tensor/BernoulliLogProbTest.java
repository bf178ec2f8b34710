package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fused {@link Tensor#bernoulliLogProb}: values against the composite expression, gradients against finite differences. */
class BernoulliLogProbTest {
    private static Tensor logits(int n, double spread, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = spread * (2 * rng.nextDouble() - 1);
        }
        return Tensor.of(z);
    }

    private static Tensor labels(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextBoolean() ? 1.0 : 0.0;
        }
        return Tensor.of(y);
    }

    @ParameterizedTest(name = "logits within +-{0}")
    @ValueSource(doubles = {0.1, 5, 40, 700})
    void valuesMatchTheCompositeExpression(double spread) {
        Tensor z = logits(257, spread, 1);
        Tensor y = labels(257, 2);
        double[] fused = z.bernoulliLogProb(y).toArray();
        double[] composite = y.mul(z).sub(z.softplus()).toArray();
        for (int i = 0; i < fused.length; i++) {
            // Both are y z - max(z, 0) - log1p(e^-|z|) with the same kernels, in a different order of
            // operations: a few roundings of the largest term, |z|.
            double zi = Math.abs(z.toArray()[i]);
            assertThat(fused[i]).isCloseTo(composite[i], org.assertj.core.data.Offset.offset(4 * Math.ulp(Math.max(zi, 1.0))));
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor z = logits(9, 6, 3);
        Tensor y = labels(9, 4);
        GradCheck.check("bernoulliLogProb wrt logits", xs -> xs.get(0).bernoulliLogProb(y), z);
        // Relaxed labels exercise the derivative with respect to the value (y z is linear in y).
        Tensor soft = logits(9, 0.5, 5).add(0.5);
        GradCheck.check("bernoulliLogProb wrt both", xs -> xs.get(0).bernoulliLogProb(xs.get(1)), z, soft);
    }

    @Test
    void secondDerivativesFollowTheGraph() {
        Tensor z = logits(6, 4, 6);
        Tensor y = labels(6, 7);
        GradCheck.checkSecondOrder("bernoulliLogProb", xs -> xs.get(0).bernoulliLogProb(y), z);
    }

    @Test
    void theGradientIsTheLabelMinusTheProbability() {
        Tensor z = Tensor.of(-3, 0, 2.5).requiringGrad();
        Tensor y = Tensor.of(1, 0, 1);
        double[] g = Autograd.grad(z.bernoulliLogProb(y).sum(), z)[0].toArray();
        double[] expected = y.sub(Tensor.of(-3, 0, 2.5).sigmoid()).toArray();
        for (int i = 0; i < 3; i++) {
            assertThat(g[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void differentShapesBroadcast() {
        Tensor z = Tensor.of(0.3, -1.2);
        Tensor y = Tensor.of(new double[][] {{1, 0}, {0, 0}, {1, 1}});
        Tensor lp = z.bernoulliLogProb(y);
        assertThat(lp.shape()).containsExactly(3, 2);
        assertThat(lp.toArray()[1]).isCloseTo(-Math.log1p(Math.exp(-1.2)), org.assertj.core.data.Offset.offset(1e-15));
    }
}
