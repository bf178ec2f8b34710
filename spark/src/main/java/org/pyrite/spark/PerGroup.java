package org.pyrite.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.pyrite.distributions.Rng;
import org.pyrite.infer.mcmc.SiteSummary;
import org.pyrite.params.ParamStore;

/**
 * Many models at once: one Pyrite model fitted per group of a data set, inside Spark's executors,
 * with posterior summaries per group as a data set.
 *
 * <pre>{@code
 * SparkModel<Regression.Data, Tensor> model = Regression::model;
 * Dataset<Row> summaries = PerGroup.svi(model, Regression.Data::of, 1000, 0.05)
 *         .seed(0).orderedBy("i")
 *         .fit(data, "store");
 * summaries.filter("site = 'slope'").show();
 * }</pre>
 *
 * <p>The output has one row per group and scalar component of each latent site: the key
 * column(s), then {@code method} ({@code svi} or {@code nuts}), {@code site} (e.g. {@code "slope"},
 * {@code "w[3]"}), {@code mean}, {@code sd}, {@code q05}, {@code median}, {@code q95} (quantiles of
 * the posterior draws: draws from the fitted guide for SVI, the chains' draws for NUTS),
 * {@code n_eff} and {@code r_hat} (NUTS only), {@code final_loss} (SVI only: the mean loss of the
 * last tenth of the steps), {@code rows} (the group's size), {@code seconds} (the fit's wall time)
 * and {@code error}. A group whose fit throws (its data, its model, a non-finite loss) gives one
 * row with {@code site} null and the exception in {@code error}; the other groups are unaffected.
 *
 * <p>Each group is fitted on one executor thread in a fresh param store, with a generator seeded
 * from {@link #seed} and the group's key ({@link Seeds#forKey}), so a group's result does not
 * depend on the partitioning, on the other groups, or on the cluster: {@link #fitGroup} on one
 * machine gives the same rows. Spark gives no order to the rows of a group; name a column with
 * {@link #orderedBy} to sort them before they are turned into the model's arguments, so that a
 * seeded fit is reproducible to the last bit.
 *
 * @param <A> the model's argument type
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
public final class PerGroup<A> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SparkModel<A, ?> model;
    private final RowsToArgs<A> toArgs;
    private final GroupMethod method;
    private final long seed;
    private final String orderColumn;
    private final int partitions;

    private PerGroup(SparkModel<A, ?> model, RowsToArgs<A> toArgs, GroupMethod method, long seed, String orderColumn, int partitions) {
        this.model = Objects.requireNonNull(model, "model");
        this.toArgs = Objects.requireNonNull(toArgs, "toArgs");
        this.method = method;
        this.seed = seed;
        this.orderColumn = orderColumn;
        this.partitions = partitions;
    }

    /**
     * Per group: SVI with an {@code AutoNormal} guide and Adam at {@code learningRate} for
     * {@code steps} steps, then 1,000 draws from the guide for the summaries.
     */
    public static <A> PerGroup<A> svi(SparkModel<A, ?> model, RowsToArgs<A> toArgs, int steps, double learningRate) {
        return new PerGroup<>(model, toArgs, new SviMethod(steps, learningRate, 1000), 0L, null, 0);
    }

    /** Per group: NUTS, {@code numChains} chains of {@code numSamples} draws after {@code warmupSteps}. */
    public static <A> PerGroup<A> nuts(SparkModel<A, ?> model, RowsToArgs<A> toArgs, int numSamples, int warmupSteps, int numChains) {
        return new PerGroup<>(model, toArgs, new NutsMethod(numSamples, warmupSteps, numChains), 0L, null, 0);
    }

    /** The same fit with every group's generator derived from {@code seed} (default 0). */
    public PerGroup<A> seed(long seed) {
        return new PerGroup<>(model, toArgs, method, seed, orderColumn, partitions);
    }

    /**
     * The same fit with each group's rows sorted by {@code column} (ascending; its values must be
     * comparable, e.g. numbers or strings) before {@link RowsToArgs} sees them.
     */
    public PerGroup<A> orderedBy(String column) {
        return new PerGroup<>(model, toArgs, method, seed, Objects.requireNonNull(column, "column"), partitions);
    }

    /**
     * The same fit spread over {@code n} partitions (default: four per core of the session, so
     * that groups of unequal cost still keep every core busy to the end).
     */
    public PerGroup<A> partitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("PerGroup.partitions: need at least 1, got " + n);
        }
        return new PerGroup<>(model, toArgs, method, seed, orderColumn, n);
    }

    /**
     * Fits every group of {@code data}, grouped by {@code keyColumns}, on the executors. Lazy, as
     * Spark's transformations are: the fits run when the result is collected, counted or written.
     */
    public Dataset<Row> fit(Dataset<Row> data, String... keyColumns) {
        StructType in = data.schema();
        if (keyColumns.length == 0) {
            throw new IllegalArgumentException("PerGroup.fit: name the key column(s) to group by, e.g. fit(data, \"store\")");
        }
        int[] keyIndex = new int[keyColumns.length];
        StructField[] keyFields = new StructField[keyColumns.length];
        for (int k = 0; k < keyColumns.length; k++) {
            keyIndex[k] = fieldIndex(in, keyColumns[k]);
            keyFields[k] = in.fields()[keyIndex[k]];
        }
        if (orderColumn != null) {
            fieldIndex(in, orderColumn);
        }
        StructType keySchema = new StructType(keyFields);
        StructType out = SummaryRows.schema(keySchema);
        int slices = partitions > 0 ? partitions : 4 * data.sparkSession().sparkContext().defaultParallelism();
        Column[] keys = new Column[keyColumns.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = data.col(keyColumns[k]);
        }
        // An explicit number of partitions, which adaptive query execution keeps (it would merge
        // the small partitions of a groupByKey into one, for data this small: one core for every
        // fit); each partition sorted by key, so its groups come one after another.
        Dataset<Row> grouped = data.repartition(slices, keys).sortWithinPartitions(keys);
        MapPartitionsFunction<Row, Row> fitEach = rows -> fitConsecutiveGroups(rows, keyIndex, keySchema, out).iterator();
        return grouped.mapPartitions(fitEach, Encoders.row(out));
    }

    /** Fits each run of rows with one key, in the order they come. */
    private List<Row> fitConsecutiveGroups(Iterator<Row> rows, int[] keyIndex, StructType keySchema, StructType out) {
        List<Row> results = new ArrayList<>();
        List<Row> group = new ArrayList<>();
        Object[] current = null;
        while (rows.hasNext()) {
            Row r = rows.next();
            Object[] key = new Object[keyIndex.length];
            for (int k = 0; k < key.length; k++) {
                key[k] = r.get(keyIndex[k]);
            }
            if (current != null && !Arrays.equals(current, key)) {
                results.addAll(fit(new GenericRowWithSchema(current, keySchema), out, group));
                group = new ArrayList<>();
            }
            current = key;
            group.add(r);
        }
        if (current != null) {
            results.addAll(fit(new GenericRowWithSchema(current, keySchema), out, group));
        }
        return results;
    }

    /**
     * Fits one group on this thread, exactly as an executor does: the rows {@link #fit} would
     * produce for the group of {@code rows} (rows of a {@code Dataset<Row>}, all with the same
     * values in {@code keyColumns}). For a loop over groups on one machine, and to check a
     * distributed run. Never throws for a failing fit: its error is in the returned row.
     */
    public List<Row> fitGroup(List<Row> rows, String... keyColumns) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("PerGroup.fitGroup: a group has at least one row; got none");
        }
        StructType in = rows.get(0).schema();
        StructField[] keyFields = new StructField[keyColumns.length];
        Object[] keyValues = new Object[keyColumns.length];
        for (int k = 0; k < keyColumns.length; k++) {
            int index = fieldIndex(in, keyColumns[k]);
            keyFields[k] = in.fields()[index];
            keyValues[k] = rows.get(0).get(index);
        }
        for (Row r : rows) {
            for (int k = 0; k < keyColumns.length; k++) {
                if (!java.util.Objects.equals(r.getAs(keyColumns[k]), keyValues[k])) {
                    throw new IllegalArgumentException("PerGroup.fitGroup: the rows are not one group: column '" + keyColumns[k] + "' is "
                            + keyValues[k] + " in the first row and " + r.getAs(keyColumns[k]) + " in " + r
                            + "; pass the rows of one group");
                }
            }
        }
        StructType keySchema = new StructType(keyFields);
        return fit(new GenericRowWithSchema(keyValues, keySchema), SummaryRows.schema(keySchema), rows);
    }

    private List<Row> fit(Row key, StructType out, List<Row> rows) {
        List<Row> sorted = rows;
        long start = System.nanoTime();
        Rng previous = Rng.install(Rng.seeded(Seeds.forKey(seed, seedKey(key))));
        try (ParamStore.Scope store = ParamStore.use(new ParamStore())) {
            if (orderColumn != null) {
                sorted = sortedBy(rows, orderColumn);
            }
            A args = toArgs.convert(sorted);
            GroupPosterior posterior = method.fit(model, args);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Row> result = new ArrayList<>();
            for (ComponentStats c : ComponentStats.of(posterior.draws())) {
                Double nEff = null;
                Double rHat = null;
                if (posterior.mcmcSummary() != null) {
                    SiteSummary s = posterior.mcmcSummary().site(c.name());
                    nEff = s.nEff();
                    rHat = s.rHat();
                }
                Double loss = Double.isNaN(posterior.finalLoss()) ? null : posterior.finalLoss();
                result.add(SummaryRows.component(out, key, method.name(), c, nEff, rHat, loss, rows.size(), seconds));
            }
            return result;
        } catch (RuntimeException | StackOverflowError e) {
            // The group's own failure, reported in its row; every other group goes on.
            return List.of(SummaryRows.failure(out, key, method.name(), rows.size(), (System.nanoTime() - start) / 1e9, e));
        } finally {
            Rng.install(previous);
        }
    }

    private static Object seedKey(Row key) {
        if (key.length() == 1) {
            return key.get(0);
        }
        Object[] parts = new Object[key.length()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = key.get(i);
        }
        return parts;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Row> sortedBy(List<Row> rows, String column) {
        int index = fieldIndex(rows.get(0).schema(), column);
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(r -> (Comparable) r.get(index), Comparator.nullsLast(Comparator.naturalOrder())));
        return copy;
    }

    private static int fieldIndex(StructType schema, String column) {
        if (schema == null) {
            throw new IllegalArgumentException("PerGroup: the rows carry no schema, so column '" + column + "' cannot be found; "
                    + "pass rows of a Dataset<Row>");
        }
        for (int i = 0; i < schema.fields().length; i++) {
            if (schema.fields()[i].name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("PerGroup: no column '" + column + "' in the data; its columns: "
                + String.join(", ", schema.fieldNames()));
    }
}
