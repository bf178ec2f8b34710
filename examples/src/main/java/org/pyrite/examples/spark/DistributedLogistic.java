package org.pyrite.examples.spark;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.examples.JsonLine;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.spark.DataParallelSVI;
import org.pyrite.spark.PyriteSpark;
import org.pyrite.tensor.Tensor;

/**
 * Data-parallel SVI ({@link DataParallelSVI}) of the Bayesian logistic regression of
 * {@code ../shared/data/logreg_n10000_d20_seed0.csv} (columns y, x1..x20; true weights in
 * {@code ...csv.w.csv}): {@code w ~ Normal(0, 1)}, {@code y_i ~ Bernoulli(sigmoid(x_i . w))}, the
 * rows read by Spark and spread over 4 partitions; AutoNormal, Adam (lr 0.01), 2,000 steps on
 * mini-batches of 1,000 rows, each step's gradient summed from the partitions' shares.
 *
 * <p>Ends with one JSON line: {@code loss_final} (the full-data loss of the fitted guide, the mean
 * of 200 estimates; Pyro's single-machine figure is about 2,292), {@code l2_loc_minus_true},
 * {@code seconds}, {@code ms_per_step_median} (one Spark job per step) and
 * {@code single_machine_us_per_step} (the same step by the runtime's SVI in this JVM), which
 * together say what a step's scheduling costs. {@code --master X} runs it elsewhere than
 * {@code local[*]}.
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
public final class DistributedLogistic {
    static final int STEPS = 2000;
    static final int BATCH = 1000;
    static final int DIMS = 20;

    private DistributedLogistic() {}

    /** A batch of rows: features [k, 20], labels [k], of a data set of {@code fullSize} rows whose plate takes {@code subsampleSize}. */
    record Batch(Tensor x, Tensor y, int fullSize, int subsampleSize) {
        static Batch of(List<Row> rows, int fullSize, int subsampleSize) {
            double[] x = new double[rows.size() * DIMS];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                y[i] = r.getDouble(0);
                for (int j = 0; j < DIMS; j++) {
                    x[i * DIMS + j] = r.getDouble(j + 1);
                }
            }
            return new Batch(Tensor.fromArray(x, rows.size(), DIMS), Tensor.of(y), fullSize, subsampleSize);
        }
    }

    static Tensor model(Batch b) {
        Tensor w = sample("w", Normal.of(Tensor.zeros(DIMS), Tensor.ones(DIMS)).toEvent(1));
        try (PlateMessenger data = plate("data", b.fullSize(), b.subsampleSize())) {
            int[] idx = data.subsample();
            return sample("y", Bernoulli.logits(b.x().index(0, idx).matmul(w)), b.y().index(0, idx));
        }
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Path csv = Path.of("../shared/data/logreg_n10000_d20_seed0.csv");
        for (String a : args) {
            if (a.endsWith(".csv")) {
                csv = Path.of(a);
            }
        }
        double[] wTrue = Arrays.stream(Files.readString(Path.of(csv + ".w.csv")).trim().split(",")).mapToDouble(Double::parseDouble)
                .toArray();
        StructType schema = new StructType().add("y", DataTypes.DoubleType, false);
        for (int j = 1; j <= DIMS; j++) {
            schema = schema.add("x" + j, DataTypes.DoubleType, false);
        }
        SparkSession spark = PyriteSpark.session(PyriteSpark.master(args));
        try {
            Dataset<Row> data = spark.read().schema(schema).csv(csv.toString()).repartition(4);
            double[] stepMs = new double[STEPS];
            double lossFinal;
            double[] loc;
            try (DataParallelSVI<Batch> svi = DataParallelSVI.of(DistributedLogistic::model, Batch::of).optimizer(new Adam(0.01))
                    .batchSize(BATCH).seed(0).on(data)) {
                System.out.printf(Locale.ROOT, "data: %d rows in 4 partitions from %s, master %s%n", svi.fullSize(), csv,
                        spark.sparkContext().master());
                for (int t = 0; t < STEPS; t++) {
                    long t0 = System.nanoTime();
                    double loss = svi.step();
                    stepMs[t] = (System.nanoTime() - t0) / 1e6;
                    if (t % 250 == 0 || t == STEPS - 1) {
                        System.out.printf(Locale.ROOT, "step %4d  loss %.1f%n", t, loss);
                    }
                }
                lossFinal = svi.evaluateLoss(200);
                loc = svi.params().get("AutoNormal.locs.w").toArray();
            }
            double l2 = 0;
            for (int j = 0; j < DIMS; j++) {
                l2 += (loc[j] - wTrue[j]) * (loc[j] - wTrue[j]);
            }
            l2 = Math.sqrt(l2);
            double[] sorted = stepMs.clone();
            Arrays.sort(sorted);
            double singleUs = singleMachineStepMicros(data.collectAsList());
            System.out.printf(Locale.ROOT, "full-data loss %.1f (Pyro 2,292), ||loc - w_true|| = %.3f, %.1f ms per step (median) against "
                    + "%.1f us per step on one machine%n", lossFinal, l2, sorted[STEPS / 2], singleUs);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("loss_final", lossFinal);
            json.put("l2_loc_minus_true", l2);
            json.put("seconds", (System.nanoTime() - start) / 1e9);
            json.put("ms_per_step_median", sorted[STEPS / 2]);
            json.put("single_machine_us_per_step", singleUs);
            json.put("partitions", 4);
            json.put("pyro_loss_final", 2292.0);
            System.out.println(JsonLine.of(json));
        } finally {
            spark.stop();
        }
    }

    /** The median time of the same subsampled step by the runtime's SVI on all rows in this JVM (500 steps). */
    private static double singleMachineStepMicros(List<Row> rows) {
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            SVI<Batch> svi = new SVI<>(DistributedLogistic::model, new AutoNormal<>(DistributedLogistic::model), new Adam(0.01),
                    new TraceELBO());
            Batch all = Batch.of(rows, rows.size(), BATCH);
            long[] nanos = new long[500];
            for (int t = 0; t < nanos.length; t++) {
                long t0 = System.nanoTime();
                svi.step(all);
                nanos[t] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            return nanos[nanos.length / 2] / 1e3;
        }
    }
}
