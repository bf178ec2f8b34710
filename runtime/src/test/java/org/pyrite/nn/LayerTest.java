package org.pyrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.tensor.Tensor;

/** Each layer's forward pass against values computed by hand, and its gradients against finite differences. */
class LayerTest {
    @Test
    void linearForwardIsXTimesWTransposePlusB() {
        Linear fc = new Linear(3, 2);
        fc.weight().bind("w", Tensor.of(new double[][] {{1, 2, 3}, {-1, 0, 0.5}}));
        fc.bias().bind("b", Tensor.of(0.25, -2));
        Tensor y = fc.forward(Tensor.of(new double[][] {{1, 1, 1}, {2, 0, -2}}));
        // row 1: (1+2+3)+0.25, (-1+0+0.5)-2; row 2: (2+0-6)+0.25, (-2+0-1)-2
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(y.toArray()).containsExactly(new double[] {6.25, -2.5, -3.75, -5}, within(1e-12));
    }

    @Test
    void linearTakesASingleVectorAndExtraBatchDimensions() {
        Pyrite.setRngSeed(1);
        Linear fc = new Linear(4, 3);
        Tensor x = FiniteDifferences.awayFromZero(3, 2, 5, 4);
        Tensor y = fc.forward(x);
        assertThat(y.shape()).containsExactly(2, 5, 3);
        Tensor one = fc.forward(x.select(0, 1).select(0, 2));
        assertThat(one.shape()).containsExactly(3);
        assertThat(one.toArray()).containsExactly(y.select(0, 1).select(0, 2).toArray(), within(1e-12));
    }

    @Test
    void linearWithoutBias() {
        Linear fc = new Linear(2, 2, Init.xavierUniform(), null);
        fc.weight().bind("w", Tensor.of(new double[][] {{1, 0}, {0, 2}}));
        assertThat(fc.bias()).isNull();
        assertThat(fc.namedParameters()).containsOnlyKeys("weight");
        assertThat(fc.forward(Tensor.of(3, 4)).toArray()).containsExactly(3, 8);
    }

    @Test
    void linearGradientsMatchFiniteDifferences() {
        Pyrite.setRngSeed(2);
        Linear fc = new Linear(5, 3);
        Tensor[] x = {FiniteDifferences.awayFromZero(4, 4, 5)};
        FiniteDifferences.check("Linear", () -> fc.forward(x[0]),
                FiniteDifferences.holder(x), FiniteDifferences.param(fc.weight()), FiniteDifferences.param(fc.bias()));
    }

    @Test
    void activationsAtHandComputedPoints() {
        Tensor x = Tensor.of(-2, -0.5, 0.5, 3);
        assertThat(Activation.RELU.forward(x).toArray()).containsExactly(0, 0, 0.5, 3);
        assertThat(Activation.ELU.forward(x).toArray())
                .containsExactly(new double[] {Math.exp(-2) - 1, Math.exp(-0.5) - 1, 0.5, 3}, within(1e-15));
        assertThat(Activation.SOFTPLUS.forward(x).toArray()).containsExactly(new double[] {
            Math.log1p(Math.exp(-2)), Math.log1p(Math.exp(-0.5)), Math.log1p(Math.exp(0.5)), Math.log1p(Math.exp(3))}, within(1e-15));
        assertThat(Activation.SIGMOID.forward(x).toArray()).containsExactly(new double[] {
            1 / (1 + Math.exp(2)), 1 / (1 + Math.exp(0.5)), 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-3))}, within(1e-15));
        assertThat(Activation.TANH.forward(x).toArray())
                .containsExactly(new double[] {Math.tanh(-2), Math.tanh(-0.5), Math.tanh(0.5), Math.tanh(3)}, within(1e-15));
    }

    @Test
    void reluGradientAtZeroIsZeroAsInTorch() {
        Tensor x = Tensor.of(-1, 0, 2).requiringGrad();
        Tensor g = org.pyrite.tensor.Autograd.grad(Activation.RELU.forward(x).sum(), x)[0];
        assertThat(g.toArray()).containsExactly(0, 0, 1);
    }

    @Test
    void eluStaysFiniteForLargeInputsAndSoDoesItsGradient() {
        Tensor x = Tensor.of(-800, 800).requiringGrad();
        Tensor y = Activation.ELU.forward(x);
        Tensor g = org.pyrite.tensor.Autograd.grad(y.sum(), x)[0];
        assertThat(y.toArray()).containsExactly(-1, 800);
        assertThat(g.toArray()).containsExactly(0, 1);
    }

    @Test
    void everyActivationsGradientMatchesFiniteDifferences() {
        for (Activation a : new Activation[] {Activation.RELU, Activation.SOFTPLUS, Activation.SIGMOID, Activation.TANH, Activation.ELU}) {
            Tensor[] x = {FiniteDifferences.awayFromZero(7, 3, 4)};
            FiniteDifferences.check(a.toString(), () -> a.forward(x[0]), FiniteDifferences.holder(x));
        }
    }

    @Test
    void sequentialComposesAndItsGradientsMatchFiniteDifferences() {
        Pyrite.setRngSeed(3);
        Linear first = new Linear(4, 6);
        Linear second = new Linear(6, 2);
        Sequential net = new Sequential(first, Activation.TANH, second, Activation.SOFTPLUS);
        Tensor[] x = {FiniteDifferences.awayFromZero(9, 3, 4)};
        Tensor byHand = second.forward(first.forward(x[0]).tanh()).softplus();
        assertThat(net.forward(x[0]).toArray()).containsExactly(byHand.toArray(), within(1e-15));
        FiniteDifferences.check("Sequential", () -> net.forward(x[0]), FiniteDifferences.holder(x),
                FiniteDifferences.param(first.weight()), FiniteDifferences.param(first.bias()),
                FiniteDifferences.param(second.weight()), FiniteDifferences.param(second.bias()));
    }

    @Test
    void dropoutScalesKeptEntriesInTrainingAndPassesThroughInEval() {
        Pyrite.setRngSeed(4);
        Dropout d = new Dropout(0.25);
        Tensor x = Tensor.ones(20_000);
        double[] y = d.forward(x).toArray();
        int dropped = 0;
        for (double v : y) {
            if (v == 0.0) {
                dropped++;
            } else {
                assertThat(v).isEqualTo(1 / 0.75);
            }
        }
        // Binomial(20000, 0.25): sd = sqrt(20000 * 0.25 * 0.75) = 61; allow 5 sd.
        assertThat(dropped).isBetween(5000 - 306, 5000 + 306);
        d.eval();
        assertThat(d.isTraining()).isFalse();
        assertThat(d.forward(x)).isSameAs(x);
        assertThat(d.train().isTraining()).isTrue();
    }

    @Test
    void dropoutGradientIsTheMaskGivenOneDraw() {
        Pyrite.setRngSeed(5);
        Dropout d = new Dropout(0.5);
        Tensor x = Tensor.ones(50).requiringGrad();
        Tensor y = d.forward(x);
        Tensor g = org.pyrite.tensor.Autograd.grad(y.sum(), x)[0];
        assertThat(g.toArray()).containsExactly(y.toArray());
    }

    @Test
    void evalAndTrainReachEverySubModule() {
        Dropout inner = new Dropout(0.1);
        Sequential net = new Sequential(new Linear(2, 2), new Sequential(inner, Activation.RELU));
        net.eval();
        assertThat(inner.isTraining()).isFalse();
        net.train();
        assertThat(inner.isTraining()).isTrue();
    }

    @Test
    void wrongFeatureCountNamesTheModulePathAndBothShapes() {
        Sequential encoder = new Sequential(new Linear(64, 128), Activation.SOFTPLUS, new Linear(128, 20));
        encoder.rename("encoder");
        assertThatThrownBy(() -> encoder.forward(Tensor.zeros(128, 63)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encoder.0")
                .hasMessageContaining("[..., 64]")
                .hasMessageContaining("[128, 63]");
        assertThatThrownBy(() -> encoder.forward(Tensor.scalar(1.0)))
                .hasMessageContaining("encoder.0").hasMessageContaining("[]");
    }

    @Test
    void badConstructorArgumentsAreRefused() {
        assertThatThrownBy(() -> new Linear(0, 3)).hasMessageContaining("in 0");
        assertThatThrownBy(() -> new Dropout(1.0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(Sequential::new).hasMessageContaining("at least one layer");
    }
}
