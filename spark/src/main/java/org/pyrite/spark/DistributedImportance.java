package org.pyrite.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pyrite.Poutine;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.Site;
import org.pyrite.infer.Importance;
import org.pyrite.infer.TracePosterior;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;
import scala.Tuple2;

/**
 * Importance sampling spread over a Spark cluster: {@code numSamples} weighted traces drawn in
 * blocks of {@link #blockSize} samples, the blocks spread over partitions, each block drawn by a
 * runtime {@link Importance} with a generator seeded from the driver's seed and the block's number
 * ({@link Seeds#forIndex}). So a seeded run draws the same samples on any number of partitions or
 * executors, and the same as running the blocks one after another on one machine.
 *
 * <pre>{@code
 * SparkModel<Double, Tensor> model = (guess) -> ...;
 * ImportanceSummary s = new DistributedImportance<>(model, 10_000_000).summarizing("weight").seed(1)
 *         .run(PyriteSpark.session(), 8.5);
 * double logZ = s.logEvidence();
 * double mean = s.mean("weight")[0];
 * }</pre>
 *
 * <p>Each executor reduces its blocks to sums of weights relative to their largest log weight
 * ({@code WeightedMoments}); the driver merges one small summary per block, in block order, so the
 * evidence is the log-sum-exp over all samples and the result is bit-for-bit the same on any
 * partitioning. Only the sites named in {@link #summarizing} are kept, and the samples themselves
 * reach the driver only if asked for ({@link #samples}). The model's arguments are shipped to the
 * executors and must be serializable; a guide with trained params ships those params
 * ({@link ParamSnapshot}) from the driver's current param store.
 *
 * @param <A> the model's argument type
 * @param <R> the model's return type
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
public final class DistributedImportance<A, R> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SparkModel<A, R> model;
    private final SparkModel<A, ?> guide;
    private final long numSamples;
    private final int blockSize;
    private final long seed;
    private final int partitions;
    private final String[] sites;

    /** Importance sampling with the model's prior as the proposal. */
    public DistributedImportance(SparkModel<A, R> model, long numSamples) {
        this(model, null, numSamples);
    }

    /** Importance sampling with {@code guide} as the proposal. */
    public DistributedImportance(SparkModel<A, R> model, SparkModel<A, ?> guide, long numSamples) {
        this(model, guide, numSamples, 4096, 0L, 0, new String[0]);
    }

    private DistributedImportance(SparkModel<A, R> model, SparkModel<A, ?> guide, long numSamples, int blockSize, long seed,
            int partitions, String[] sites) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        if (numSamples < 1) {
            throw new IllegalArgumentException("DistributedImportance: numSamples must be >= 1, got " + numSamples);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("DistributedImportance: blockSize must be >= 1, got " + blockSize);
        }
        if ((numSamples + blockSize - 1) / blockSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("DistributedImportance: " + numSamples + " samples in blocks of " + blockSize
                    + " make too many blocks; use larger blocks");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("DistributedImportance: partitions must be >= 1, got " + partitions);
        }
        this.numSamples = numSamples;
        this.blockSize = blockSize;
        this.seed = seed;
        this.partitions = partitions;
        this.sites = sites;
    }

    /**
     * The same sampler with blocks of {@code size} samples (default 4,096): the unit of seeding,
     * of work for a task, and of the summaries the driver merges. A seeded run's samples depend on
     * it (not on the partitions).
     */
    public DistributedImportance<A, R> blockSize(int size) {
        return new DistributedImportance<>(model, guide, numSamples, size, seed, partitions, sites);
    }

    /** The same sampler seeded with {@code seed} (default 0). */
    public DistributedImportance<A, R> seed(long seed) {
        return new DistributedImportance<>(model, guide, numSamples, blockSize, seed, partitions, sites);
    }

    /** The same sampler spread over {@code n} partitions (default: the session's default parallelism). */
    public DistributedImportance<A, R> partitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("DistributedImportance: partitions must be >= 1, got " + n);
        }
        return new DistributedImportance<>(model, guide, numSamples, blockSize, seed, n, sites);
    }

    /** The same sampler keeping, and summarizing, the values of these sites (each in every run, with one shape). */
    public DistributedImportance<A, R> summarizing(String... siteNames) {
        for (String s : siteNames) {
            Objects.requireNonNull(s, "DistributedImportance.summarizing: a site name is null");
        }
        return new DistributedImportance<>(model, guide, numSamples, blockSize, seed, partitions, siteNames.clone());
    }

    /** How many blocks the samples are drawn in. */
    public int numBlocks() {
        return (int) ((numSamples + blockSize - 1) / blockSize);
    }

    /** The seed of block {@code b}'s generator. */
    public long blockSeed(int b) {
        return Seeds.forIndex(seed, b);
    }

    /** How many samples block {@code b} draws. */
    public int blockLength(int b) {
        return (int) Math.min(blockSize, numSamples - (long) b * blockSize);
    }

    /** Draws every sample on the executors and returns the evidence and the summaries. */
    public ImportanceSummary run(SparkSession spark, A args) {
        requireSerializable(args);
        ParamSnapshot params = paramsOfProposal(args);
        List<Tuple2<Integer, WeightedMoments>> blocks = blocks(spark).mapPartitions(
                (Iterator<Integer> it) -> {
                    List<Tuple2<Integer, WeightedMoments>> out = new ArrayList<>();
                    ParamStore store = prepareStore(params, args);
                    it.forEachRemaining(b -> {
                        TracePosterior p = drawBlock(b, args, store);
                        Map<String, Tensor> values = new LinkedHashMap<>();
                        for (String s : sites) {
                            values.put(s, p.values(s));
                        }
                        out.add(new Tuple2<>(b, WeightedMoments.of(p.logWeights(), values)));
                    });
                    return out.iterator();
                }).collect();
        List<Tuple2<Integer, WeightedMoments>> ordered = new ArrayList<>(blocks);
        ordered.sort(Comparator.comparing(Tuple2::_1));
        WeightedMoments total = new WeightedMoments();
        for (Tuple2<Integer, WeightedMoments> t : ordered) {
            total.add(t._2());
        }
        return new ImportanceSummary(total);
    }

    /**
     * Every sample as a row, drawn lazily on the executors: {@code sample} (its number),
     * {@code log_weight}, and per summarized site a column of its values (flattened, row-major).
     * Nothing reaches the driver unless the caller collects it.
     */
    public Dataset<Row> samples(SparkSession spark, A args) {
        requireSerializable(args);
        ParamSnapshot params = paramsOfProposal(args);
        StructType schema = new StructType().add("sample", DataTypes.LongType, false).add("log_weight", DataTypes.DoubleType, false);
        for (String s : sites) {
            schema = schema.add(s, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        }
        JavaRDD<Row> rows = blocks(spark).mapPartitions((Iterator<Integer> it) -> {
            ParamStore store = prepareStore(params, args);
            // One block's rows at a time: a partition's samples are never all in memory at once.
            return new Iterator<Row>() {
                private Iterator<Row> block = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!block.hasNext() && it.hasNext()) {
                        block = rowsOfBlock(it.next(), args, store).iterator();
                    }
                    return block.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return block.next();
                }
            };
        });
        return spark.createDataFrame(rows, schema);
    }

    /** Block {@code b}'s samples as rows: number, log weight, the kept sites' values. */
    private List<Row> rowsOfBlock(int b, A args, ParamStore store) {
        TracePosterior p = drawBlock(b, args, store);
        double[] lw = p.logWeights();
        int width = sites.length;
        double[][] values = new double[width][];
        int[] per = new int[width];
        for (int s = 0; s < width; s++) {
            Tensor v = p.values(sites[s]);
            values[s] = v.toArray();
            per[s] = v.numel() / lw.length;
        }
        List<Row> out = new ArrayList<>(lw.length);
        for (int i = 0; i < lw.length; i++) {
            Object[] row = new Object[2 + width];
            row[0] = (long) b * blockSize + i;
            row[1] = lw[i];
            for (int s = 0; s < width; s++) {
                row[2 + s] = Arrays.copyOfRange(values[s], i * per[s], (i + 1) * per[s]);
            }
            out.add(RowFactory.create(row));
        }
        return out;
    }

    /**
     * Draws block {@code b} on this thread, in {@code store}: what an executor does for that block.
     * A block is a runtime {@link Importance} run of {@link #blockLength} samples under a generator
     * seeded with {@link #blockSeed}, so a single-machine loop over the blocks draws the same samples.
     */
    public TracePosterior drawBlock(int b, A args, ParamStore store) {
        Rng previous = Rng.install(Rng.seeded(blockSeed(b)));
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Importance<A, R> importance = new Importance<>(model, guide, blockLength(b));
            return (sites.length == 0 ? importance : importance.keepingOnly(sites)).run(args);
        } finally {
            Rng.install(previous);
        }
    }

    private JavaRDD<Integer> blocks(SparkSession spark) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = partitions > 0 ? partitions : sc.defaultParallelism();
        List<Integer> numbers = IntStream.range(0, numBlocks()).boxed().toList();
        return sc.parallelize(numbers, Math.min(slices, numbers.size()));
    }

    /**
     * A param store on the executor holding the driver's params: the proposal runs once (under a
     * generator of its own, outside any block's stream) to create them with their constraints,
     * then takes the driver's values.
     */
    private ParamStore prepareStore(ParamSnapshot params, A args) {
        ParamStore store = new ParamStore();
        if (params.isEmpty()) {
            return store;
        }
        Rng previous = Rng.install(Rng.seeded(~seed));
        try (ParamStore.Scope s = ParamStore.use(store); Autograd.Scope noGrad = Autograd.noGrad()) {
            (guide != null ? guide : model).call(args);
        } finally {
            Rng.install(previous);
        }
        params.applyTo(store);
        return store;
    }

    /**
     * The driver's values of the params the proposal reads, found by running it once here (under a
     * generator of its own, so the caller's stream is untouched).
     */
    private ParamSnapshot paramsOfProposal(A args) {
        Rng previous = Rng.install(Rng.seeded(~seed));
        Set<String> names = new LinkedHashSet<>();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            SparkModel<A, ?> proposal = guide != null ? guide : model;
            for (Site site : Poutine.trace(proposal).getTrace(args).sites()) {
                if (site.isParam()) {
                    names.add(site.name());
                }
            }
        } finally {
            Rng.install(previous);
        }
        return ParamSnapshot.of(ParamStore.current(), names);
    }

    private static void requireSerializable(Object args) {
        if (args != null && !(args instanceof Serializable)) {
            throw new IllegalArgumentException("DistributedImportance: the model's arguments (" + args.getClass().getName()
                    + ") are shipped to the executors and must be Serializable; make the argument type a record of numbers and "
                    + "arrays that implements Serializable");
        }
    }
}
