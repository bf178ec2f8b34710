package org.pyrite.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

class PlateTest {
    @BeforeEach
    void seed() {
        Pyrite.setRngSeed(21);
    }

    @Test
    void sitesBroadcastAlongThePlateDimension() {
        Model<Tensor, Tensor> model = y -> {
            Tensor mu = sample("mu", Normal.of(0, 1));
            try (PlateMessenger p = plate("data", 5)) {
                assertThat(p.dim()).isEqualTo(-1);
                return sample("y", Normal.of(mu, 1.0), y);
            }
        };
        Trace t = Poutine.trace(model).getTrace(Tensor.of(1, 2, 3, 4, 5));
        assertThat(t.site("y").distribution().batchShape()).containsExactly(5);
        assertThat(t.site("y").logProb().shape()).containsExactly(5);
        assertThat(t.site("y").frames()).extracting(PlateFrame::name).containsExactly("data");
        assertThat(t.site("mu").frames()).isEmpty();
        Trace latent = Poutine.trace((Model<Tensor, Tensor>) y -> {
            try (PlateMessenger p = plate("data", 4)) {
                return sample("z", Normal.of(0, 1));
            }
        }).getTrace(null);
        assertThat(latent.site("z").value().shape()).as("a latent site in a plate draws one value per entry").containsExactly(4);
    }

    @Test
    void nestedPlatesTakeDimensionsFromTheRight() {
        Model<Object, Tensor> model = a -> {
            try (PlateMessenger outer = plate("rows", 3); PlateMessenger inner = plate("cols", 4)) {
                assertThat(outer.dim()).isEqualTo(-1);
                assertThat(inner.dim()).isEqualTo(-2);
                return sample("z", Normal.of(0, 1));
            }
        };
        Trace t = Poutine.trace(model).getTrace(null);
        assertThat(t.site("z").value().shape()).containsExactly(4, 3);
        assertThat(t.site("z").frames()).extracting(PlateFrame::name).containsExactly("cols", "rows");
        Model<Object, Tensor> explicit = a -> {
            try (PlateMessenger outer = plate("rows", 3, 3, -2); PlateMessenger inner = plate("cols", 4)) {
                assertThat(inner.dim()).isEqualTo(-1);
                return sample("z", Normal.of(0, 1));
            }
        };
        assertThat(Poutine.trace(explicit).getTrace(null).site("z").value().shape()).containsExactly(3, 4);
    }

    @Test
    void twoPlatesOnOneDimensionAreAnError() {
        assertThatThrownBy(() -> {
            try (PlateMessenger a = plate("a", 2, 2, -1); PlateMessenger b = plate("b", 3, 3, -1)) {
                sample("z", Normal.of(0, 1));
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plate 'b' asks for dim -1, which plate 'a' already holds");
        assertThat(HandlerStack.isEmpty()).isTrue();
    }

    @Test
    void aBatchShapeThatDoesNotFitThePlateIsAnErrorNamingSitePlateShapesAndLine() {
        assertThatThrownBy(() -> {
            try (PlateMessenger p = plate("data", 5)) {
                sample("y", Normal.of(Tensor.zeros(3), 1.0));
            }
        }).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site 'y'")
                .hasMessageContaining("plate 'data' expects size 5 at dim -1")
                .hasMessageContaining("batch shape is [3]")
                .hasMessageContaining("(at PlateTest.java:82)");
    }

    @Test
    void anObservationThatDoesNotFitThePlateIsAnError() {
        assertThatThrownBy(() -> {
            try (PlateMessenger p = plate("data", 5)) {
                sample("y", Normal.of(0, 1), Tensor.zeros(4));
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observed value of site 'y' has shape [4]")
                .hasMessageContaining("'data'");
    }

    @Test
    void subsamplingDrawsDistinctIndicesAndScalesLogDensities() {
        Model<Tensor, Tensor> model = y -> {
            try (PlateMessenger p = plate("data", 100, 10)) {
                int[] idx = p.subsample();
                assertThat(idx).hasSize(10);
                Set<Integer> distinct = new HashSet<>();
                for (int i : idx) {
                    assertThat(i).isBetween(0, 99);
                    distinct.add(i);
                }
                assertThat(distinct).hasSize(10);
                return sample("y", Normal.of(0, 1), y.index(0, idx));
            }
        };
        Tensor y = Tensor.arange(100).div(50.0);
        Trace t = Poutine.trace(model).getTrace(y);
        assertThat(t.site("y").scale()).isEqualTo(10.0);
        assertThat(t.site("data").type()).isEqualTo(Message.Type.SUBSAMPLE);
        double unscaled = t.site("y").distribution().logProb(t.site("y").value()).sum().item();
        assertThat(t.site("y").logProbSum().item()).isCloseTo(10 * unscaled, within(1e-9));
    }

    /**
     * Both ways of drawing a subsample (rejection for a small share, a partial shuffle for a large
     * one) give distinct indices in ascending order, each index included with probability k / n.
     * Over R draws an index's inclusion count is Binomial(R, k / n); the check allows 5 of its
     * standard deviations, sqrt(R p (1 - p)), for every index (a false alarm anywhere among the
     * n indices has probability below 1e-4); a sampler that never drew some index, or drew one
     * twice as often as it should, exceeds it in every case listed.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{1} of {0}")
    @org.junit.jupiter.params.provider.CsvSource({"100, 10", "100, 60", "7, 7", "64, 1", "129, 33"})
    void subsamplesAreUniformDistinctAndAscending(int n, int k) {
        int draws = 20_000;
        int[] counts = new int[n];
        for (int r = 0; r < draws; r++) {
            try (PlateMessenger p = plate("data", n, k)) {
                int[] idx = p.subsample();
                assertThat(idx).hasSize(k);
                for (int i = 0; i < k; i++) {
                    assertThat(idx[i]).isBetween(0, n - 1);
                    if (i > 0) {
                        assertThat(idx[i]).as("ascending and distinct").isGreaterThan(idx[i - 1]);
                    }
                    counts[idx[i]]++;
                }
            }
        }
        double prob = (double) k / n;
        double mean = draws * prob;
        double sd = Math.sqrt(draws * prob * (1 - prob));
        for (int i = 0; i < n; i++) {
            assertThat((double) counts[i]).as("inclusions of index %d", i).isCloseTo(mean, within(5 * sd + 1e-9));
        }
    }

    /**
     * The subsampled log-likelihood is an unbiased estimate of the full one: its mean over many
     * draws must match the full-data value within 5 standard errors (estimated from the draws).
     */
    @Test
    void subsampledLogLikelihoodIsUnbiased() {
        int n = 200;
        Tensor y = Tensor.arange(n).div(40.0).sub(2.5);
        Model<Integer, Tensor> model = m -> {
            try (PlateMessenger p = plate("data", n, m)) {
                return sample("y", Normal.of(0.3, 1.2), y.index(0, p.subsample()));
            }
        };
        double full = Poutine.trace(model).getTrace(n).logProbSum().item();
        int draws = 4000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < draws; i++) {
            double v = Poutine.trace(model).getTrace(20).logProbSum().item();
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / draws;
        double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
        assertThat(mean).isCloseTo(full, within(5 * se));
        assertThat(se).as("the check has power: the subsample estimates do vary").isGreaterThan(0.0);
    }

    @Test
    void replayReusesTheGuidesSubsample() {
        Model<Object, Tensor> m = a -> {
            try (PlateMessenger p = plate("data", 50, 5)) {
                return p.subsampleTensor();
            }
        };
        Trace guide = Poutine.trace(m).getTrace(null);
        Trace replayed = Poutine.trace(Poutine.replay(m, guide)).getTrace(null);
        assertThat(((Tensor) replayed.returnValue()).toArray()).containsExactly(((Tensor) guide.returnValue()).toArray());
    }

    @Test
    void aReplayedSubsampleFromABiggerPlateIsRefused() {
        Model<Integer, Tensor> m = size -> {
            try (PlateMessenger p = plate("data", size, 5)) {
                return p.subsampleTensor();
            }
        };
        // Indices of a plate of 1,000 replayed into one of 50: with this seed all five are >= 50.
        Trace guide = Poutine.trace(m).getTrace(1000);
        assertThat(java.util.Arrays.stream(((Tensor) guide.returnValue()).toArray()).min().getAsDouble()).isGreaterThanOrEqualTo(50.0);
        assertThatThrownBy(() -> Poutine.replay(m, guide).call(50)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plate 'data'").hasMessageContaining("not an index in 0..49");
        // The failed plate gave its dimension back: the next plate on this thread gets -1 again.
        try (PlateMessenger next = plate("next", 3)) {
            assertThat(next.dim()).isEqualTo(-1);
        }
    }

    @Test
    void sequentialPlateRunsTheBodyPerIndexWithScaling() {
        Model<Tensor, Object> model = y -> {
            Pyrite.plate("data", 6, 3, i -> sample("y_" + i, Normal.of(0, 1), y.select(0, i)));
            return null;
        };
        Trace t = Poutine.trace(model).getTrace(Tensor.arange(6));
        long observed = t.observedSites().size();
        assertThat(observed).isEqualTo(3);
        for (Site s : t.observedSites()) {
            assertThat(s.scale()).isEqualTo(2.0);
            assertThat(s.frames().get(0).isVectorized()).isFalse();
        }
    }

    @Test
    void badPlateArgumentsAreRejected() {
        assertThatThrownBy(() -> plate("p", 5, 6)).hasMessageContaining("1 <= subsampleSize <= size");
        assertThatThrownBy(() -> plate("p", 5, 5, 0)).hasMessageContaining("dim must be negative");
        assertThat(HandlerStack.isEmpty()).isTrue();
    }
}
