package org.pyrite.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.infer.Importance;
import org.pyrite.infer.TracePosterior;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
class DistributedImportanceTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    /** The tutorial's scale, with the measurement 9.5 observed: posterior Normal(9.14, 0.6), evidence Normal(9.5; guess, 1.25). */
    static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75), Tensor.scalar(9.5));
    }

    static Tensor guide(double guess) {
        Tensor a = param("a", Tensor.scalar(guess));
        Tensor b = param("b", Tensor.scalar(1.0), Constraints.positive());
        return sample("weight", Normal.of(a, b));
    }

    private static final SparkModel<Double, Tensor> MODEL = DistributedImportanceTest::scale;

    /** Log weights and weight values of the blocks drawn one after another on this thread by the runtime's Importance. */
    private static TracePosterior[] singleMachine(DistributedImportance<Double, Tensor> di, SparkModel<Double, ?> guide) {
        TracePosterior[] blocks = new TracePosterior[di.numBlocks()];
        for (int b = 0; b < blocks.length; b++) {
            Rng previous = Rng.install(Rng.seeded(di.blockSeed(b)));
            try {
                blocks[b] = new Importance<>(MODEL, guide, di.blockLength(b)).run(8.5);
            } finally {
                Rng.install(previous);
            }
        }
        return blocks;
    }

    private static double[] all(TracePosterior[] blocks, boolean weights) {
        return java.util.Arrays.stream(blocks).flatMapToDouble(p -> java.util.Arrays.stream(weights ? p.logWeights() : p.values("weight").toArray()))
                .toArray();
    }

    private static double logMeanExp(double[] lw) {
        double max = java.util.Arrays.stream(lw).max().orElseThrow();
        double s = 0;
        for (double x : lw) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s) - Math.log(lw.length);
    }

    @Test
    void evidenceEqualsTheSingleMachineEvidenceForTheSameSeedsOnAnyNumberOfPartitions() {
        DistributedImportance<Double, Tensor> di = new DistributedImportance<>(MODEL, 20_000).blockSize(1_000).seed(11).summarizing("weight");
        double[] lw = all(singleMachine(di, null), true);
        double[] x = all(singleMachine(di, null), false);
        double expected = logMeanExp(lw);
        double max = java.util.Arrays.stream(lw).max().orElseThrow();
        double sw = 0;
        double swx = 0;
        for (int i = 0; i < lw.length; i++) {
            sw += Math.exp(lw[i] - max);
            swx += Math.exp(lw[i] - max) * x[i];
        }

        ImportanceSummary one = di.partitions(1).run(spark, 8.5);
        ImportanceSummary three = di.partitions(3).run(spark, 8.5);
        ImportanceSummary seven = di.partitions(7).run(spark, 8.5);

        assertThat(one.numSamples()).isEqualTo(20_000);
        assertThat(one.logEvidence()).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        assertThat(one.mean("weight")[0]).isCloseTo(swx / sw, within(1e-12 * 9.14));
        // Blocks are merged in block order: bit-for-bit the same on any partitioning.
        assertThat(three.logEvidence()).isEqualTo(one.logEvidence());
        assertThat(seven.logEvidence()).isEqualTo(one.logEvidence());
        assertThat(seven.mean("weight")).isEqualTo(one.mean("weight"));
        assertThat(seven.sd("weight")).isEqualTo(one.sd("weight"));
    }

    @Test
    void landsOnTheClosedFormWithinItsStandardError() {
        ImportanceSummary s = new DistributedImportance<>(MODEL, 40_000).blockSize(2_000).seed(5).summarizing("weight").run(spark, 8.5);
        double ess = s.effectiveSampleSize();
        double n = s.numSamples();
        double logZ = Normal.of(8.5, 1.25).logProb(Tensor.scalar(9.5)).item();
        // Relative SE of the mean weight: sqrt((n / ess - 1) / n); of the posterior mean: sd / sqrt(ess).
        assertThat(s.logEvidence()).isCloseTo(logZ, within(4 * Math.sqrt((n / ess - 1) / n)));
        assertThat(s.mean("weight")[0]).isCloseTo(8.5 + 1.0 / 1.5625, within(4 * 0.6 / Math.sqrt(ess)));
        assertThat(s.sd("weight")[0]).isCloseTo(0.6, within(0.02));
    }

    @Test
    void aTrainedGuideShipsItsParamsToTheExecutors() {
        SparkModel<Double, Tensor> guide = DistributedImportanceTest::guide;
        ParamStore store = new ParamStore();
        try (ParamStore.Scope scope = ParamStore.use(store)) {
            store.set("a", Tensor.scalar(9.1), null);
            store.set("b", Tensor.scalar(0.65), Constraints.positive());
            DistributedImportance<Double, Tensor> di = new DistributedImportance<>(MODEL, guide, 5_000).blockSize(500).seed(3)
                    .summarizing("weight");
            double expected = logMeanExp(all(singleMachine(di, guide), true));

            ImportanceSummary s = di.partitions(2).run(spark, 8.5);

            assertThat(s.logEvidence()).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
            // A proposal close to the posterior: nearly every sample counts.
            assertThat(s.effectiveSampleSize()).isGreaterThan(0.9 * 5_000);
        }
    }

    @Test
    void theSamplesReachTheDriverOnlyOnRequestAndAreTheSingleMachineOnes() {
        DistributedImportance<Double, Tensor> di = new DistributedImportance<>(MODEL, 3_000).blockSize(700).seed(2).summarizing("weight");
        double[] lw = all(singleMachine(di, null), true);
        double[] x = all(singleMachine(di, null), false);

        List<Row> rows = di.partitions(2).samples(spark, 8.5).collectAsList();

        assertThat(rows).hasSize(3_000);
        Set<Long> seen = new HashSet<>();
        for (Row r : rows) {
            int i = (int) r.getLong(0);
            seen.add(r.getLong(0));
            assertThat(r.getDouble(1)).isEqualTo(lw[i]);
            assertThat(r.<Double>getList(2)).containsExactly(x[i]);
        }
        assertThat(seen).hasSize(3_000);
    }

    record Unshippable(Object handle) {}

    @Test
    void argumentsThatCannotBeShippedAreRefusedByName() {
        SparkModel<Unshippable, Tensor> model = u -> sample("z", Normal.of(0.0, 1.0));
        assertThatThrownBy(() -> new DistributedImportance<>(model, 10).run(spark, new Unshippable(new Object())))
                .hasMessageContaining("Unshippable").hasMessageContaining("Serializable");
        assertThatThrownBy(() -> new DistributedImportance<>(MODEL, 10).summarizing("weight").run(spark, 8.5).mean("wieght"))
                .hasMessageContaining("'wieght'").hasMessageContaining("[weight]");
    }
}
