package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** Pyro's check_model_guide_match: shapes and event dims of each latent site, and no guide-only plates. */
class ModelGuideMatchTest {
    private static final Model<Object, Tensor> MODEL = u -> sample("z", Normal.of(Tensor.zeros(1, 2), 1.0).toEvent(2));

    @AfterEach
    void clear() {
        Pyrite.clearParamStore();
    }

    @Test
    void aGuideValueLargerThanTheModelsSiteIsRefusedAndNothingMoves() {
        // The case: replaying the [2, 1] guide value would broadcast the [1, 2] site to [2, 2].
        Model<Object, Tensor> guide = u -> sample("z", Normal.of(param("loc", Tensor.zeros(2, 1)), 1.0).toEvent(2));
        SVI<Object> svi = new SVI<>(MODEL, guide, new Adam(0.1), new TraceELBO());
        assertThatThrownBy(() -> svi.step(null)).hasMessageContaining("site 'z': the replayed value has shape [2, 1]")
                .hasMessageContaining("has shape [1, 2]");
        assertThat(ParamStore.current().contains("loc")).as("a failed first step leaves no param behind").isFalse();
    }

    @Test
    void aGuideSmallerThanTheModelsSiteIsRefused() {
        // A [1] guide value broadcasts into the model's [3] site without widening it; the shapes still disagree.
        Model<Object, Tensor> model = u -> sample("z", Normal.of(Tensor.zeros(3), 1.0).toEvent(1));
        Model<Object, Tensor> guide = u -> sample("z", Normal.of(param("loc", Tensor.zeros(1)), 1.0).toEvent(1));
        assertThatThrownBy(() -> new SVI<>(model, guide, new Adam(0.1), new TraceELBO()).step(null))
                .hasMessageContaining("model and guide shapes disagree at site 'z'").hasMessageContaining("event [3]")
                .hasMessageContaining("event [1]");
    }

    @Test
    void guideEventDimsThatDisagreeWithTheModelAreRefused() {
        Model<Object, Tensor> guide = u -> sample("z", Normal.of(param("loc", Tensor.zeros(1, 2)), 1.0).toEvent(1));
        assertThatThrownBy(() -> new SVI<>(MODEL, guide, new Adam(0.1), new TraceELBO()).step(null))
                .hasMessageContaining("model and guide event dims disagree at site 'z'");
    }

    @Test
    void aGuideOfTheModelsShapeSteps() {
        Model<Object, Tensor> guide = u -> sample("z", Normal.of(param("loc", Tensor.zeros(1, 2)), 1.0).toEvent(2));
        new SVI<>(MODEL, guide, new Adam(0.1), new TraceELBO()).step(null);
        assertThat(ParamStore.current().get("loc").shape()).containsExactly(1, 2);
    }

    @Test
    void aPlateInTheGuideThatTheModelLacksIsRefused() {
        Model<Object, Tensor> model = u -> sample("z", Normal.of(Tensor.zeros(3), 1.0).toEvent(1));
        Model<Object, Tensor> guide = u -> {
            Tensor loc = param("loc", Tensor.zeros(3));
            try (PlateMessenger p = Pyrite.plate("extra", 3)) {
                return sample("z", Normal.of(loc, 1.0));
            }
        };
        assertThatThrownBy(() -> new SVI<>(model, guide, new Adam(0.1), new TraceELBO()).step(null))
                .hasMessageContaining("plates in the guide but not in the model: [extra]");
    }
}
