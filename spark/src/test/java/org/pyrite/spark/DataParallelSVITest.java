package org.pyrite.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
class DataParallelSVITest {
    private static final int N = 600;
    private static final int D = 3;
    private static SparkSession spark;
    private static List<Row> rows;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
        Random r = new Random(9);
        double[] w = {1.0, -2.0, 0.5};
        rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double logit = w[0] * x[0] + w[1] * x[1] + w[2] * x[2];
            rows.add(RowFactory.create(x[0], x[1], x[2], r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1.0 : 0.0));
        }
    }

    record Batch(Tensor x, Tensor y, int fullSize, int subsampleSize) {
        static Batch of(List<Row> rows, int fullSize, int subsampleSize) {
            double[] x = new double[rows.size() * D];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < D; j++) {
                    x[i * D + j] = rows.get(i).getDouble(j);
                }
                y[i] = rows.get(i).getDouble(D);
            }
            return new Batch(Tensor.fromArray(x, rows.size(), D), Tensor.of(y), fullSize, subsampleSize);
        }
    }

    static Tensor model(Batch b) {
        Tensor w = sample("w", Normal.of(Tensor.zeros(D), Tensor.ones(D)).toEvent(1));
        try (PlateMessenger data = plate("data", b.fullSize(), b.subsampleSize())) {
            int[] idx = data.subsample();
            return sample("y", Bernoulli.logits(b.x().index(0, idx).matmul(w)), b.y().index(0, idx));
        }
    }

    private static Dataset<Row> data(int partitions) {
        StructType schema = new StructType().add("x0", DataTypes.DoubleType).add("x1", DataTypes.DoubleType)
                .add("x2", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        // parallelize slices the list in order: row i of the data set is rows.get(i).
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions), schema);
    }

    @Test
    void eachStepEqualsTheSingleMachineSubsampledStepOnTheSameIndices() {
        try (DataParallelSVI<Batch> dp = DataParallelSVI.of(DataParallelSVITest::model, Batch::of).optimizer(new Adam(0.05))
                .batchSize(100).seed(4).on(data(3))) {
            ParamStore single = new ParamStore();
            try (ParamStore.Scope s = ParamStore.use(single)) {
                AutoNormal<Batch> guide = new AutoNormal<>(DataParallelSVITest::model);
                guide.median(Batch.of(rows, N, N));
                ParamSnapshot.of(dp.params()).applyTo(single);
                SVI<Batch> svi = new SVI<>(DataParallelSVITest::model, guide, new Adam(0.05), new TraceELBO());
                Batch all = Batch.of(rows, N, 100);
                for (int t = 0; t < 4; t++) {
                    int[] idx = dp.indicesOfStep(t);
                    assertThat(idx).hasSize(100).isSorted();
                    double expected;
                    Rng previous = Rng.install(Rng.seeded(dp.stepSeed(t)));
                    try (FixedSubsample fixed = new FixedSubsample("data", idx).enter()) {
                        expected = svi.step(all);
                    } finally {
                        Rng.install(previous);
                    }
                    double loss = dp.step();
                    assertThat(loss).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
                    for (String name : single.names()) {
                        assertThat(dp.params().unconstrained(name).toArray()).as("%s after step %d", name, t)
                                .containsExactly(single.unconstrained(name).toArray(), within(1e-12));
                    }
                }
                // The steps moved the params: the comparison above compared something.
                assertThat(single.get("AutoNormal.locs.w").toArray()).isNotEqualTo(new double[D]);
            }
        }
    }

    @Test
    void aFitRecoversTheWeightsAndTheFullDataLossIsTheSingleMachineOne() {
        try (DataParallelSVI<Batch> dp = DataParallelSVI.of(DataParallelSVITest::model, Batch::of).optimizer(new Adam(0.05))
                .batchSize(200).seed(1).on(data(2))) {
            dp.run(200);
            double[] loc = dp.params().get("AutoNormal.locs.w").toArray();
            assertThat(loc[0]).isCloseTo(1.0, within(0.35));
            assertThat(loc[1]).isCloseTo(-2.0, within(0.35));
            assertThat(loc[2]).isCloseTo(0.5, within(0.35));

            double distributed = dp.evaluateLoss(50);
            ParamStore single = new ParamStore();
            try (ParamStore.Scope s = ParamStore.use(single)) {
                AutoNormal<Batch> guide = new AutoNormal<>(DataParallelSVITest::model);
                Batch all = Batch.of(rows, N, N);
                guide.median(all);
                ParamSnapshot.of(dp.params()).applyTo(single);
                SVI<Batch> svi = new SVI<>(DataParallelSVITest::model, guide, new Adam(0.05), new TraceELBO());
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < 200; i++) {
                    double l = svi.evaluateLoss(all);
                    sum += l;
                    sumSq += l * l;
                }
                double mean = sum / 200;
                double sd = Math.sqrt(sumSq / 200 - mean * mean);
                // Two means of independent estimates (50 and 200 of them): within 4 standard errors.
                assertThat(distributed).isCloseTo(mean, within(4 * sd * Math.sqrt(1.0 / 50 + 1.0 / 200) + 1e-9));
            }
        }
    }

    static Tensor localLatentModel(Batch b) {
        try (PlateMessenger data = plate("data", b.fullSize(), b.subsampleSize())) {
            int[] idx = data.subsample();
            Tensor z = sample("z", Normal.of(Tensor.zeros(idx.length), Tensor.ones(idx.length)));
            return sample("y", Normal.of(z, 1.0), b.y().index(0, idx));
        }
    }

    @Test
    void aLocalLatentInTheDataPlateIsRefusedByName() {
        assertThatThrownBy(() -> DataParallelSVI.of(DataParallelSVITest::localLatentModel, Batch::of)
                .optimizer(new Adam(0.05)).batchSize(50).on(data(2))).hasMessageContaining("site 'z' is a latent inside plate 'data'");
        assertThatThrownBy(() -> DataParallelSVI.of(DataParallelSVITest::model, Batch::of).plate("rows")
                .optimizer(new Adam(0.05)).batchSize(50).on(data(2))).hasMessageContaining("no observed site inside a plate named 'rows'");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> DataParallelSVI.of(DataParallelSVITest::model, Batch::of).optimizer(new Adam(0.05)).batchSize(601).on(data(2)))
                .hasMessageContaining("batchSize must be in 1..600");
        assertThatThrownBy(() -> DataParallelSVI.of(DataParallelSVITest::model, Batch::of).on(data(2)))
                .hasMessageContaining("set the optimizer");
    }
}
