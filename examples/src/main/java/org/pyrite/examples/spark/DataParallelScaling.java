package org.pyrite.examples.spark;

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
import org.pyrite.examples.JsonLine;
import org.pyrite.examples.spark.DistributedLogistic.Batch;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.spark.DataParallelSVI;
import org.pyrite.spark.PyriteSpark;

/**
 * Where data-parallel SVI pays: the median time of a step of {@link DistributedLogistic}'s model
 * by {@link DataParallelSVI} on 1, 2 and 4 partitions, against the runtime's SVI step in this JVM,
 * for mini-batches of 1,000 rows and for the full 10,000 rows (100 steps each, after 20 untimed).
 * A distributed step costs one Spark job whatever it computes; it pays only once a step's gradient
 * takes longer than that on one machine. Ends with one JSON line of the medians in milliseconds.
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
public final class DataParallelScaling {
    private DataParallelScaling() {}

    public static void main(String[] args) {
        Path csv = Path.of("../shared/data/logreg_n10000_d20_seed0.csv");
        StructType schema = new StructType().add("y", DataTypes.DoubleType, false);
        for (int j = 1; j <= DistributedLogistic.DIMS; j++) {
            schema = schema.add("x" + j, DataTypes.DoubleType, false);
        }
        SparkSession spark = PyriteSpark.session(PyriteSpark.master(args));
        Map<String, Object> json = new LinkedHashMap<>();
        try {
            Dataset<Row> data = spark.read().schema(schema).csv(csv.toString()).cache();
            List<Row> rows = data.collectAsList();
            for (int batch : new int[] {1000, rows.size()}) {
                json.put("single_ms_batch" + batch, singleMachine(rows, batch));
                for (int partitions : new int[] {1, 2, 4}) {
                    try (DataParallelSVI<Batch> svi = DataParallelSVI.of(DistributedLogistic::model, Batch::of).optimizer(new Adam(0.01))
                            .batchSize(batch).seed(0).on(data.repartition(partitions))) {
                        svi.run(20);
                        double[] ms = new double[100];
                        for (int t = 0; t < ms.length; t++) {
                            long t0 = System.nanoTime();
                            svi.step();
                            ms[t] = (System.nanoTime() - t0) / 1e6;
                        }
                        json.put("spark_ms_batch" + batch + "_partitions" + partitions, median(ms));
                    }
                }
                System.out.printf(Locale.ROOT, "batch %d done: %s%n", batch, json);
            }
            System.out.println("master " + spark.sparkContext().master());
            json.put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println(JsonLine.of(json));
        } finally {
            spark.stop();
        }
    }

    private static double singleMachine(List<Row> rows, int batch) {
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            SVI<Batch> svi = new SVI<>(DistributedLogistic::model, new AutoNormal<>(DistributedLogistic::model), new Adam(0.01),
                    new TraceELBO());
            Batch all = Batch.of(rows, rows.size(), batch);
            double[] ms = new double[300];
            for (int t = 0; t < 100; t++) {
                svi.step(all);
            }
            for (int t = 0; t < ms.length; t++) {
                long t0 = System.nanoTime();
                svi.step(all);
                ms[t] = (System.nanoTime() - t0) / 1e6;
            }
            return median(ms);
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
