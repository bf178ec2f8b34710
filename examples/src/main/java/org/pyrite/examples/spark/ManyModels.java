package org.pyrite.examples.spark;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.spark.PerGroup;
import org.pyrite.spark.PyriteSpark;
import org.pyrite.tensor.Tensor;

/**
 * Many models at once: 2,000 groups of a synthetic hierarchical regression (per group an intercept
 * drawn from Normal(0, 1) and a slope from Normal(1, 0.5), 25 rows with {@code x ~ Normal(0, 1)}
 * and noise 0.5; fixed seed), one regression per group fitted by SVI with an AutoNormal guide
 * ({@link PerGroup}). The same fits run three ways: a plain loop over the groups in this JVM,
 * Spark on {@code local[1]}, and Spark on {@code local[2]}; the seeded fits give the same numbers
 * each way, so only the times differ.
 *
 * <p>How it times them. On two cores a {@code local[2]} run has no core to spare, so whatever
 * else the JVM does during the run (the JIT compiling, garbage collection, Spark planning the
 * query) comes out of the fits' time, while in a {@code local[1]} run it takes the idle core.
 * The JIT is the largest part while the JVM is young: a method called once per fit reaches the
 * optimizing compiler only after thousands of fits, and Spark's planning code only after several
 * sessions, so a fifth of a second of compiling can land in any early run and slow both fits
 * for that long. The example therefore measures a warm JVM, as JMH does, and says how it did:
 * rounds of (plain loop, {@code local[1]}, {@code local[2]}), {@value #WARM_UP_ROUNDS} of them
 * first as a warm-up that is not counted, then {@value #ROUNDS} timed ones; each Spark run is in
 * a session of its own, after an untimed run of its first 100 groups and a wait until the JIT
 * has been idle for half a second. The figures are the medians over the timed rounds; every
 * round's times, the warm-up's included, are in the JSON line too.
 *
 * <p>Ends with one JSON line: {@code groups}, {@code slope_rmse} (of the posterior means against
 * the true slopes, from a Spark run), {@code slope_rmse_alone} (the same from the plain loop),
 * {@code seconds_loop}, {@code seconds_local1}, {@code seconds_local2} (medians),
 * {@code speedup} (the median {@code local[1]} time over the median {@code local[2]} time),
 * {@code seconds_local1_rounds} and {@code seconds_local2_rounds} (the timed rounds),
 * {@code seconds_local1_warm_up} and {@code seconds_local2_warm_up}, {@code overhead_ms_per_group}
 * ({@code local[1]} against the loop), the CPU time this JVM used in the median
 * {@code local[2]} run, how many fits ran at a time in it (the fits' wall times summed, over the
 * run's), and the machine's load average: other work on the machine takes CPU from the run and
 * lowers the speedup (a {@code local[2]} run that got both cores uses about twice its wall time
 * in CPU).
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
public final class ManyModels {
    static final int GROUPS = 2000;
    static final int ROWS = 25;
    static final int STEPS = 400;
    static final double NOISE = 0.5;
    static final int WARM_UP = 100;
    static final int ROUNDS = 5;
    static final int WARM_UP_ROUNDS = 2;
    static final StructType SCHEMA = new StructType().add("group", DataTypes.IntegerType, false).add("i", DataTypes.IntegerType, false)
            .add("x", DataTypes.DoubleType, false).add("y", DataTypes.DoubleType, false);

    private ManyModels() {}

    /** One group's data. */
    record Data(Tensor x, Tensor y) {
        static Data of(List<Row> rows) {
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rows.get(i).getDouble(2);
                y[i] = rows.get(i).getDouble(3);
            }
            return new Data(Tensor.of(x), Tensor.of(y));
        }
    }

    /** {@code y ~ Normal(a + b x, 0.5)} with {@code a, b ~ Normal(0, 5)}: each group on its own. */
    static Tensor model(Data d) {
        Tensor a = sample("intercept", Normal.of(0.0, 5.0));
        Tensor b = sample("slope", Normal.of(0.0, 5.0));
        try (PlateMessenger p = plate("data", d.x().size(0))) {
            return sample("y", Normal.of(a.add(b.mul(d.x())), NOISE), d.y());
        }
    }

    public static void main(String[] args) {
        Random r = new Random(2026);
        double[] trueSlope = new double[GROUPS];
        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            double a = r.nextGaussian();
            trueSlope[g] = 1.0 + 0.5 * r.nextGaussian();
            for (int i = 0; i < ROWS; i++) {
                double x = r.nextGaussian();
                rows.add(RowFactory.create(g, i, x, a + trueSlope[g] * x + NOISE * r.nextGaussian()));
            }
        }
        PerGroup<Data> fit = PerGroup.svi(ManyModels::model, Data::of, STEPS, 0.05).seed(1).orderedBy("i");

        // A plain loop over the groups in this JVM: the baseline. Every timing below follows an
        // untimed run on the first WARM_UP groups, so that none of them pays for compiling the
        // code the others reuse.
        Map<Integer, List<Row>> byGroup = new LinkedHashMap<>();
        for (Row row : rows) {
            byGroup.computeIfAbsent(row.getInt(0), g -> new ArrayList<>()).add(toSchema(row));
        }
        byGroup.values().stream().limit(WARM_UP).forEach(groupRows -> fit.fitGroup(groupRows, "group"));
        List<Row> alone = new ArrayList<>();
        double[] loop = new double[ROUNDS];
        Run[] one = new Run[ROUNDS];
        Run[] two = new Run[ROUNDS];
        double[] warmUp1 = new double[WARM_UP_ROUNDS];
        double[] warmUp2 = new double[WARM_UP_ROUNDS];
        // The warm-up rounds are the timed rounds, run first and not counted, as JMH's warm-up
        // iterations are.
        for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            String label = round < 0 ? "warm-up round " + (round + WARM_UP_ROUNDS + 1) + ", not counted" : "round " + (round + 1);
            double seconds = plainLoop(byGroup, fit, round == -WARM_UP_ROUNDS ? alone : new ArrayList<>());
            System.out.printf(Locale.ROOT, "%s: plain loop: %d groups in %.1f s%n", label, GROUPS, seconds);
            Run local1 = runOn("local[1]", label + ": local[1]", rows, fit, trueSlope);
            Run local2 = runOn("local[2]", label + ": local[2]", rows, fit, trueSlope);
            if (round < 0) {
                warmUp1[round + WARM_UP_ROUNDS] = local1.seconds;
                warmUp2[round + WARM_UP_ROUNDS] = local2.seconds;
            } else {
                loop[round] = seconds;
                one[round] = local1;
                two[round] = local2;
            }
        }
        double rmseAlone = slopeRmse(alone, trueSlope);
        double[] seconds1 = Arrays.stream(one).mapToDouble(Run::seconds).toArray();
        double[] seconds2 = Arrays.stream(two).mapToDouble(Run::seconds).toArray();
        Run typical2 = two[medianIndex(seconds2)];

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("groups", GROUPS);
        json.put("slope_rmse", typical2.rmse);
        json.put("slope_rmse_alone", rmseAlone);
        json.put("seconds_loop", median(loop));
        json.put("seconds_local1", median(seconds1));
        json.put("seconds_local2", median(seconds2));
        json.put("speedup", median(seconds1) / median(seconds2));
        json.put("seconds_local1_rounds", seconds1);
        json.put("seconds_local2_rounds", seconds2);
        json.put("seconds_local1_warm_up", warmUp1);
        json.put("seconds_local2_warm_up", warmUp2);
        json.put("cpu_seconds_local2", typical2.cpuSeconds);
        json.put("fits_at_a_time_local2", typical2.concurrency);
        json.put("overhead_ms_per_group", (median(seconds1) - median(loop)) / GROUPS * 1e3);
        json.put("seconds_session_start", one[0].sessionSeconds);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(org.pyrite.examples.JsonLine.of(json));
    }

    /** Fits every group in turn on this thread, adding the summaries to {@code out}; returns the seconds taken. */
    private static double plainLoop(Map<Integer, List<Row>> byGroup, PerGroup<Data> fit, List<Row> out) {
        long t0 = System.nanoTime();
        byGroup.values().forEach(groupRows -> out.addAll(fit.fitGroup(groupRows, "group")));
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] values) {
        return values[medianIndex(values)];
    }

    /** The index of the median of an odd number of values. */
    private static int medianIndex(double[] values) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        return order[values.length / 2];
    }

    /** What one Spark run took and found. */
    record Run(double seconds, double cpuSeconds, double concurrency, double sessionSeconds, double rmse) {}

    /** This JVM's CPU time: with the wall time, how much of the machine the run got (others' work takes the rest). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Run runOn(String master, String label, List<Row> rows, PerGroup<Data> fit, double[] trueSlope) {
        long t0 = System.nanoTime();
        SparkSession spark = PyriteSpark.session(master);
        double sessionSeconds = (System.nanoTime() - t0) / 1e9;
        try {
            fit.fit(spark.createDataFrame(rows.subList(0, WARM_UP * ROWS), SCHEMA), "group").collectAsList();
            double jitWait = awaitQuietCompiler();
            long cpu0 = processCpuNanos();
            long t1 = System.nanoTime();
            List<Row> result = fit.fit(spark.createDataFrame(rows, SCHEMA), "group").collectAsList();
            double seconds = (System.nanoTime() - t1) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            double rmse = slopeRmse(result, trueSlope);
            double fitSeconds = result.stream().filter(row -> row.getString(row.fieldIndex("site")).equals("slope"))
                    .mapToDouble(row -> row.getDouble(row.fieldIndex("seconds"))).sum();
            System.out.printf(Locale.ROOT, "%s: %d groups in %.1f s (%.1f s of CPU, %.2f fits at a time; session start %.1f s, then %.1f s waiting for "
                    + "the JIT), slope RMSE %.4f%n", label, GROUPS, seconds, cpuSeconds, fitSeconds / seconds, sessionSeconds, jitWait, rmse);
            return new Run(seconds, cpuSeconds, fitSeconds / seconds, sessionSeconds, rmse);
        } finally {
            spark.stop();
        }
    }

    /**
     * Waits until the JIT compilers have been idle for half a second (at most 20 s), and returns
     * the seconds waited. Starting a session and planning its first query queue hundreds of
     * Spark, Scala and Janino methods for compiling; without the wait, the compiler threads
     * work through that queue during the timed run, on the idle core of a {@code local[1]} run
     * but on one of the busy ones of a {@code local[2]} run.
     */
    private static double awaitQuietCompiler() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long last = jit.getTotalCompilationTime();
        while (System.nanoTime() - start < 20_000_000_000L) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the JIT to finish compiling", e);
            }
            long now = jit.getTotalCompilationTime();
            if (now - last < 5) {
                break;
            }
            last = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The rows as a data set hands them out: with their schema. */
    private static Row toSchema(Row row) {
        return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                new Object[] {row.get(0), row.get(1), row.get(2), row.get(3)}, SCHEMA);
    }

    private static double slopeRmse(List<Row> summaries, double[] trueSlope) {
        double ss = 0;
        int n = 0;
        for (Row s : summaries) {
            if (!s.isNullAt(s.fieldIndex("error"))) {
                throw new IllegalStateException("group " + s.get(0) + " failed: " + s.getString(s.fieldIndex("error")));
            }
            if (s.getString(s.fieldIndex("site")).equals("slope")) {
                double d = s.getDouble(s.fieldIndex("mean")) - trueSlope[s.getInt(0)];
                ss += d * d;
                n++;
            }
        }
        if (n != GROUPS) {
            throw new IllegalStateException(n + " slopes for " + GROUPS + " groups");
        }
        return Math.sqrt(ss / n);
    }
}
