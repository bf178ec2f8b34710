package org.pyrite.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.infer.Predictive;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
class DistributedPredictiveTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    /** {@code mu ~ Normal(0, 1)}; {@code y ~ Normal(mu * x, 0.5)}, two entries, not observed: what is predicted. */
    static Tensor model(Double x) {
        Tensor mu = sample("mu", Normal.of(0.0, 1.0));
        return sample("y", Normal.of(mu.mul(Tensor.of(x, 2 * x)), 0.5).toEvent(1));
    }

    static Tensor guide(Double x) {
        Tensor loc = param("loc", Tensor.scalar(0.0));
        Tensor scale = param("scale", Tensor.scalar(1.0), Constraints.positive());
        return sample("mu", Normal.of(loc, scale));
    }

    private static final SparkModel<Double, Tensor> MODEL = DistributedPredictiveTest::model;

    /** Sum and sum of squares of the first element of y over every block drawn on this thread with the runtime's Predictive. */
    private static double[] singleMachine(DistributedPredictive<Double> dp, java.util.function.IntFunction<Predictive<Double>> block) {
        double s = 0;
        double ss = 0;
        long n = 0;
        for (int b = 0; b < dp.numBlocks(); b++) {
            Rng previous = Rng.install(Rng.seeded(dp.blockSeed(b)));
            try {
                Tensor y = block.apply(b).returnSites("y").call(3.0).get("y");
                double[] v = y.toArray();
                for (int i = 0; i < v.length; i += 2) {
                    s += v[i];
                    ss += v[i] * v[i];
                    n++;
                }
            } finally {
                Rng.install(previous);
            }
        }
        return new double[] {s / n, Math.sqrt(ss / n - (s / n) * (s / n))};
    }

    @Test
    void drawsFromPosteriorSamplesEqualTheSingleMachineOnesOnAnyPartitioning() {
        double[] mu = new double[2_500];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = 1.0 + 0.1 * Math.sin(i);
        }
        Tensor samples = Tensor.of(mu);
        DistributedPredictive<Double> dp = DistributedPredictive.fromSamples(MODEL, Map.of("mu", samples)).returnSites("y").blockSize(300)
                .seed(8);
        double[] expected = singleMachine(dp, b -> new Predictive<>(MODEL, Map.of("mu", samples.slice(0, b * 300, b * 300 + dp.blockLength(b)))));

        PredictiveSummary one = dp.partitions(1).run(spark, 3.0);
        PredictiveSummary four = dp.partitions(4).run(spark, 3.0);

        assertThat(one.numSamples()).isEqualTo(2_500);
        assertThat(one.shape("y")).containsExactly(2);
        assertThat(one.mean("y")[0]).isCloseTo(expected[0], within(1e-12 * 3));
        assertThat(one.sd("y")[0]).isCloseTo(expected[1], within(1e-9));
        assertThat(four.mean("y")).isEqualTo(one.mean("y"));
        assertThat(four.sd("y")).isEqualTo(one.sd("y"));
        // The mean over the samples of 6 mu, up to 4 standard errors of the noise 0.5.
        double muMean = java.util.Arrays.stream(mu).average().orElseThrow();
        assertThat(one.mean("y")[1]).isCloseTo(6 * muMean, within(4 * 0.5 / Math.sqrt(2_500)));
    }

    @Test
    void drawsFromATrainedGuideUseTheDriversParams() {
        SparkModel<Double, Tensor> guide = DistributedPredictiveTest::guide;
        ParamStore store = new ParamStore();
        try (ParamStore.Scope scope = ParamStore.use(store)) {
            store.set("loc", Tensor.scalar(2.0), null);
            store.set("scale", Tensor.scalar(0.1), Constraints.positive());
            DistributedPredictive<Double> dp = DistributedPredictive.fromGuide(MODEL, guide, 4_000).returnSites("y").blockSize(512).seed(2);
            double[] expected = singleMachine(dp, b -> new Predictive<>(MODEL, guide, dp.blockLength(b)));

            PredictiveSummary s = dp.partitions(3).run(spark, 3.0);

            assertThat(s.mean("y")[0]).isCloseTo(expected[0], within(1e-12 * 6));
            // y[0] = 3 mu + noise: mean 6, sd sqrt(0.3^2 + 0.5^2).
            assertThat(s.mean("y")[0]).isCloseTo(6.0, within(4 * Math.sqrt(0.34 / 4_000)));
            assertThat(s.sd("y")[0]).isCloseTo(Math.sqrt(0.34), within(0.03));
        }
    }

    @Test
    void withoutReturnSitesItSaysWhatToDo() {
        assertThatThrownBy(() -> DistributedPredictive.fromSamples(MODEL, Map.of("mu", Tensor.of(1, 2))).run(spark, 3.0))
                .hasMessageContaining("returnSites");
        assertThatThrownBy(() -> DistributedPredictive.fromSamples(MODEL, Map.of())).hasMessageContaining("no posterior samples");
    }
}
