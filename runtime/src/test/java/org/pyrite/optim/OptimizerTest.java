package org.pyrite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.tensor.Tensor;

/**
 * Each optimizer against its update rule written out on doubles (torch's formulas, as the class
 * Javadocs state), for a fixed gradient sequence; agreement to 1e-12 relative (a few roundings of
 * the same arithmetic).
 */
class OptimizerTest {
    static final double[] GRADS = {0.5, -1.5, 2.0, 0.25, -0.75};

    static double[] sgd(double lr, double momentum) {
        double p = 1.0;
        double buf = 0;
        double[] out = new double[GRADS.length];
        for (int t = 0; t < GRADS.length; t++) {
            buf = t == 0 ? GRADS[t] : momentum * buf + GRADS[t];
            p -= lr * (momentum == 0 ? GRADS[t] : buf);
            out[t] = p;
        }
        return out;
    }

    static double[] adam(double lr, double clip, double lrd) {
        double p = 1.0;
        double m = 0;
        double v = 0;
        double[] out = new double[GRADS.length];
        for (int t = 1; t <= GRADS.length; t++) {
            double g = Math.max(-clip, Math.min(clip, GRADS[t - 1]));
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            if (clip == Double.POSITIVE_INFINITY) {
                // torch Adam: eps added to the bias-corrected root.
                p -= lr * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
            } else {
                // Pyro ClippedAdam: lr decayed before the step, eps added to the raw root.
                double lrNow = lr * Math.pow(lrd, t);
                p -= lrNow * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)) * m / (Math.sqrt(v) + 1e-8);
            }
            out[t - 1] = p;
        }
        return out;
    }

    static double[] adagrad(double lr) {
        double p = 1.0;
        double sum = 0;
        double[] out = new double[GRADS.length];
        for (int t = 0; t < GRADS.length; t++) {
            sum += GRADS[t] * GRADS[t];
            p -= lr * GRADS[t] / (Math.sqrt(sum) + 1e-10);
            out[t] = p;
        }
        return out;
    }

    static double[] rmsprop(double lr) {
        double p = 1.0;
        double v = 0;
        double[] out = new double[GRADS.length];
        for (int t = 0; t < GRADS.length; t++) {
            v = 0.99 * v + 0.01 * GRADS[t] * GRADS[t];
            p -= lr * GRADS[t] / (Math.sqrt(v) + 1e-8);
            out[t] = p;
        }
        return out;
    }

    record Case(String name, Supplier<Optimizer<?>> optimizer, double[] expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("SGD", () -> new SGD(0.1), sgd(0.1, 0.0)),
                new Case("SGD momentum", () -> new SGD(0.1, 0.9), sgd(0.1, 0.9)),
                new Case("Adam", () -> new Adam(0.05), adam(0.05, Double.POSITIVE_INFINITY, 1.0)),
                new Case("ClippedAdam", () -> new ClippedAdam(0.05, 1.0, 0.99), adam(0.05, 1.0, 0.99)),
                new Case("Adagrad", () -> new Adagrad(0.1), adagrad(0.1)),
                new Case("RMSprop", () -> new RMSprop(0.01), rmsprop(0.01)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void followsItsUpdateRuleOnScalarsAndVectors(Case c) {
        for (boolean vector : new boolean[] {false, true}) {
            Optimizer<?> opt = c.optimizer().get();
            Tensor p = vector ? Tensor.of(1.0, 1.0) : Tensor.scalar(1.0);
            for (int t = 0; t < GRADS.length; t++) {
                Tensor g = vector ? Tensor.of(GRADS[t], GRADS[t]) : Tensor.scalar(GRADS[t]);
                p = opt.step(new String[] {"p"}, new Tensor[] {p}, new Tensor[] {g})[0];
                for (double v : p.toArray()) {
                    assertThat(v).as("%s step %d (%s)", c, t, vector ? "vector" : "scalar")
                            .isCloseTo(c.expected()[t], within(1e-12 * Math.max(1, Math.abs(c.expected()[t]))));
                }
            }
        }
    }

    @Test
    void stateIsPerParameterAndCreatedLazily() {
        Adam adam = new Adam(0.1);
        assertThat(adam.state("a")).isNull();
        adam.step(new String[] {"a"}, new Tensor[] {Tensor.scalar(0)}, new Tensor[] {Tensor.scalar(1)});
        assertThat(adam.state("a").steps()).isEqualTo(1);
        assertThat(adam.state("b")).isNull();
        adam.step(new String[] {"a", "b"}, new Tensor[] {Tensor.scalar(0), Tensor.scalar(0)},
                new Tensor[] {Tensor.scalar(1), Tensor.scalar(1)});
        assertThat(adam.state("a").steps()).isEqualTo(2);
        assertThat(adam.state("b").steps()).isEqualTo(1);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new SGD(-1)).hasMessageContaining("SGD: lr must be finite and > 0, got -1.0");
        assertThatThrownBy(() -> new SGD(0.1, 1.0)).hasMessageContaining("momentum must be in [0, 1)");
        assertThatThrownBy(() -> new ClippedAdam(0.1, 1, 1.5)).hasMessageContaining("lrd must be in (0, 1]");
        assertThatThrownBy(() -> new Adam(0.1).step(new String[] {"a"}, new Tensor[0], new Tensor[0]))
                .hasMessageContaining("1 names, 0 values");
    }
}
