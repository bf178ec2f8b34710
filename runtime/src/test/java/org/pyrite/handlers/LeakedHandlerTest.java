package org.pyrite.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.infer.Importance;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.SGD;
import org.pyrite.tensor.Tensor;

/** A handler a model leaves open is closed by the run that finds it, named, and leaks nothing into the next run. */
class LeakedHandlerTest {
    private static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    @SuppressWarnings("resource")
    private static Tensor leaky(double guess) {
        plate("leak", 4); // never closed
        return scale(guess);
    }

    @Test
    void aPlateLeftOpenByAModelIsNamedClosedAndGivesItsDimensionBack() {
        assertThatThrownBy(() -> Poutine.trace(LeakedHandlerTest::leaky).getTrace(8.5))
                .hasMessageContaining("plate 'leak' (size 4), entered inside it and never closed")
                .hasMessageContaining("try-with-resources");
        assertThat(HandlerStack.isEmpty()).isTrue();
        assertThat(Poutine.trace(LeakedHandlerTest::scale).getTrace(8.5).site("weight").value().rank()).isZero();
        // The leaked plate's dimension is free again: a new plate takes dim -1.
        try (PlateMessenger p = plate("data", 3)) {
            assertThat(p.dim()).isEqualTo(-1);
        }
    }

    @Test
    void svIAndImportanceFindTheLeakToo() {
        Model<Double, Tensor> leaky = Pyrite.condition(LeakedHandlerTest::leaky, Map.of("measurement", 9.5));
        assertThatThrownBy(() -> new Importance<>(leaky, 10).run(8.5)).hasMessageContaining("plate 'leak' (size 4)");
        Model<Double, Tensor> guide = g -> sample("weight", Normal.of(Pyrite.param("a", Tensor.scalar(g)), 1.0));
        assertThatThrownBy(() -> new SVI<>(leaky, guide, new SGD(0.01), new TraceELBO()).step(8.5))
                .hasMessageContaining("plate 'leak' (size 4)");
        assertThat(HandlerStack.isEmpty()).isTrue();
        Pyrite.clearParamStore();
    }

    @Test
    void nestedPlatesWithOneNameAreAnError() {
        assertThatThrownBy(() -> Poutine.trace((Double g) -> {
            try (PlateMessenger outer = plate("data", 3); PlateMessenger inner = plate("data", 2)) {
                return scale(g);
            }
        }).getTrace(8.5)).hasMessageContaining("plate 'data' is entered inside a plate of the same name");
        assertThat(HandlerStack.isEmpty()).isTrue();
    }
}
