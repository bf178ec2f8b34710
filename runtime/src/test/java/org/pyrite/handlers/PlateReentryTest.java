package org.pyrite.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/** One subsampled plate entered twice in a run (Pyro's {@code with plate as idx:} used twice) keeps its subsample. */
class PlateReentryTest {
    @Test
    void aPlateEnteredAgainReusesItsSubsample() {
        Pyrite.setRngSeed(2);
        int[][] seen = new int[2][];
        Trace t = Poutine.trace((Object u) -> {
            PlateMessenger outer = Pyrite.plate("plate_outer", 10, 3);
            try (outer) {
                seen[0] = outer.subsample().clone();
                sample("a", Normal.of(0.0, 1.0));
            }
            try (PlateMessenger again = outer.enter()) {
                seen[1] = again.subsample().clone();
                sample("b", Normal.of(0.0, 1.0));
            }
            return null;
        }).getTrace(null);
        assertThat(seen[1]).containsExactly(seen[0]);
        assertThat(t.names()).containsExactly("plate_outer", "a", "b");
        assertThat(t.site("a").value().shape()).containsExactly(3);
        assertThat(t.site("b").value().shape()).containsExactly(3);
        assertThat(t.site("b").scale()).isEqualTo(10.0 / 3);
    }
}
