package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/** Importance checks its guide against the model as SVI does, and replay refuses a value larger than its site. */
class ImportanceGuideCheckTest {
    private static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    private static final Model<Double, Tensor> CONDITIONED = Pyrite.condition(ImportanceGuideCheckTest::scale, Map.of("measurement", 9.5));

    @Test
    void aGuideMissingALatentSiteIsRefusedWithSvisMessage() {
        Model<Double, Tensor> empty = x -> null;
        assertThatThrownBy(() -> new Importance<>(CONDITIONED, empty, 100).run(8.5))
                .hasMessageContaining("the guide does not match the model: latent model sites missing from the guide: [weight]");
        assertThatThrownBy(() -> new Importance<>(CONDITIONED, empty, 1000).parallelism(2).run(8.5))
                .hasMessageContaining("latent model sites missing from the guide: [weight]");
    }

    @Test
    void replayingAValueLargerThanTheSiteNamesTheSiteAndBothShapes() {
        Trace wide = Poutine.trace((Double g) -> sample("weight", Normal.of(Tensor.zeros(3), 1.0))).getTrace(8.5);
        assertThatThrownBy(() -> Poutine.trace(Poutine.replay(CONDITIONED, wide)).getTrace(8.5))
                .hasMessageContaining("site 'weight': the replayed value has shape [3]").hasMessageContaining("has shape []");
    }
}
