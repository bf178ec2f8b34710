package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.optim.SGD;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * An update that overflows a param (issue 13, item 5): the tutorial's guide under {@code new
 * SGD(1e300)} used to step without complaint to {@code b = 0.0} (outside its positive constraint)
 * and {@code a = 5.3e300}, and the next step then failed naming neither. Now the step itself fails,
 * names the param, the value and the learning rate, and changes nothing: no param, no optimizer
 * state.
 */
class SVIOverflowTest {
    private static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    private static final Model<Double, Tensor> CONDITIONED = Pyrite.condition(SVIOverflowTest::scale, Map.of("measurement", 9.5));

    private static Tensor guide(double guess) {
        Tensor a = param("a", Tensor.scalar(guess));
        Tensor b = param("b", Tensor.scalar(1.0), Constraints.positive());
        return sample("weight", Normal.of(a, b));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // seed | what b's update would give (the gradient's sign differs between the two draws)
        "3 | to 0.0 (unconstrained -2.4269137646580312E300), outside its constraint positive (x > 0.0)",
        "5 | to Infinity (unconstrained 1.2209195307038868E300), which is not finite"})
    void anUpdateThatOverflowsFailsNamingTheParamItsValueAndTheLearningRate(long seed, String expected) {
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Pyrite.setRngSeed(seed);
            new SVI<>(CONDITIONED, SVIOverflowTest::guide, new SGD(0.001), new TraceELBO()).step(8.5);
            Map<String, Tensor> before = store.values();
            Tensor aBefore = store.unconstrained("a");
            Tensor bBefore = store.unconstrained("b");

            SGD huge = new SGD(1e300, 0.5);
            SVI<Double> svi = new SVI<>(CONDITIONED, SVIOverflowTest::guide, huge, new TraceELBO());
            assertThatThrownBy(() -> svi.step(8.5)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("param 'b' from " + before.get("b").item() + " " + expected)
                    .hasMessageContaining("lr=1.0E300")
                    .hasMessageContaining("no parameter was changed");
            assertThat(store.names()).containsExactly("a", "b");
            assertThat(store.unconstrained("a").item()).as("a keeps its value, though its own update was finite").isEqualTo(aBefore.item());
            assertThat(store.unconstrained("b").item()).isEqualTo(bBefore.item());
            assertThat(store.values().get("b").item()).isEqualTo(before.get("b").item()).isPositive();
            assertThat(huge.state("a")).as("the refused update left no momentum behind").isNull();
            assertThat(huge.state("b")).isNull();

            // The params are still good: a sane optimizer steps on from them.
            SVI<Double> sane = new SVI<>(CONDITIONED, SVIOverflowTest::guide, new SGD(0.001), new TraceELBO());
            assertThat(sane.step(8.5)).isFinite();
            assertThat(store.values().get("b").item()).isPositive();
        }
    }

    @Test
    void anUpdateToANonFiniteValueFailsAndAFirstStepLeavesNoParamsBehind() {
        // A real param far from the data: its gradient is about -100, so a step of lr 1e307 is -inf.
        Model<Double, Tensor> model = g -> sample("x", Normal.of(0.0, 1.0));
        Model<Double, Tensor> guide = g -> sample("x", Normal.of(param("loc", Tensor.scalar(100.0)), 1.0));
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Pyrite.setRngSeed(6);
            SVI<Double> svi = new SVI<>(model, guide, new SGD(1e307), new TraceELBO());
            assertThatThrownBy(() -> svi.step(0.0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("param 'loc' from 100.0 to -Infinity")
                    .hasMessageContaining("not finite")
                    .hasMessageContaining("lr=1.0E307");
            assertThat(store.size()).as("the param the failed step created is removed").isZero();
        }
    }
}
