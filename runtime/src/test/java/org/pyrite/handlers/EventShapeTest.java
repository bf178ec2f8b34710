package org.pyrite.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/** Values against event shapes as Pyro treats them: a scalar broadcast to a vector event, deterministic sites with an event_dim. */
class EventShapeTest {
    @Test
    void aScalarObservedAgainstAVectorEventIsBroadcastToTheEvent() {
        Tensor lp = Normal.of(Tensor.zeros(3), 1.0).toEvent(1).logProb(Tensor.scalar(4.0));
        assertThat(lp.rank()).isZero();
        assertThat(lp.item()).isCloseTo(3 * Normal.of(0.0, 1.0).logProb(4.0).item(), within(1e-12));
    }

    @Test
    void aValueThatCannotFitTheEventNamesBothShapes() {
        assertThatThrownBy(() -> Normal.of(Tensor.zeros(3), 1.0).toEvent(1).logProb(Tensor.of(1.0, 2.0)))
                .hasMessageContaining("shape [2] does not fit").hasMessageContaining("event shape [3]");
    }

    @Test
    void aDeterministicSiteInAPlateIsOneEventByDefaultOrHasTheEventDimGiven() {
        Tensor xy = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Trace t = Poutine.trace((Object u) -> {
            try (PlateMessenger p = Pyrite.plate("data", 3)) {
                Pyrite.deterministic("whole", xy);
                Pyrite.deterministic("rows", xy, 1);
                Pyrite.deterministic("scalar", Tensor.scalar(2.0));
            }
            return null;
        }).getTrace(null);
        assertThat(t.site("whole").value().shape()).containsExactly(3, 2);
        assertThat(t.site("rows").value().shape()).containsExactly(3, 2);
        assertThat(t.logProbSum().item()).isZero();
        assertThatThrownBy(() -> Poutine.trace((Object u) -> {
            try (PlateMessenger p = Pyrite.plate("data", 3)) {
                return Pyrite.deterministic("cells", xy, 0);
            }
        }).getTrace(null)).hasMessageContaining("site 'cells'").hasMessageContaining("plate 'data' expects size 3");
        assertThatThrownBy(() -> Pyrite.deterministic("bad", xy, 3)).hasMessageContaining("eventDim must be between 0 and the value's rank 2");
    }
}
