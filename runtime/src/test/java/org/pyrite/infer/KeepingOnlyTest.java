package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/** The streaming form of importance keeps the log weights and the chosen sites, the same values a full run gives. */
class KeepingOnlyTest {
    private static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        Tensor both = sample("both", Normal.of(weight.expand(2), 1.0).toEvent(1));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    private static final Model<Double, Tensor> CONDITIONED = Pyrite.condition(KeepingOnlyTest::scale, Map.of("measurement", 9.5));

    @Test
    void keptValuesAndWeightsAreTheFullRunsOnAnyThreadCount() {
        Pyrite.setRngSeed(8);
        TracePosterior full = new Importance<>(CONDITIONED, 5_000).run(8.5);
        for (int threads : new int[] {1, 2}) {
            Pyrite.setRngSeed(8);
            TracePosterior kept = new Importance<>(CONDITIONED, 5_000).keepingOnly("weight", "both").parallelism(threads).run(8.5);
            assertThat(kept.hasTraces()).isFalse();
            assertThat(kept.size()).isEqualTo(5_000);
            assertThat(kept.logWeights()).containsExactly(full.logWeights());
            assertThat(kept.values("weight").shape()).containsExactly(5_000);
            assertThat(kept.values("weight").toArray()).containsExactly(full.values("weight").toArray());
            assertThat(kept.values("both").shape()).containsExactly(5_000, 2);
            assertThat(kept.values("both").toArray()).containsExactly(full.values("both").toArray());
            assertThat(new EmpiricalMarginal(kept, "weight").mean().item()).isEqualTo(new EmpiricalMarginal(full, "weight").mean().item());
            assertThat(kept.logNormalizer()).isEqualTo(full.logNormalizer());
        }
    }

    @Test
    void whatWasNotKeptIsAClearError() {
        TracePosterior kept = new Importance<>(CONDITIONED, 100).keepingOnly("weight").run(8.5);
        assertThatThrownBy(kept::traces).hasMessageContaining("kept only the values of sites [weight]");
        assertThatThrownBy(() -> kept.values("wieght")).hasMessageContaining("did you mean 'weight'");
        assertThatThrownBy(() -> new EmpiricalMarginal(kept)).hasMessageContaining("pass a kept site's name");
        assertThatThrownBy(() -> new Importance<>(CONDITIONED, 100).keepingOnly("nope").run(8.5)).hasMessageContaining("no site named 'nope'");
        assertThatThrownBy(() -> new Importance<>(CONDITIONED, 100).keepingOnly()).hasMessageContaining("name at least one site");
    }
}
