package org.pyrite.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.pyrite.Poutine;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.Site;
import org.pyrite.infer.Predictive;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The posterior predictive spread over a Spark cluster: draws of the model's sites with the
 * latents taken from a trained guide, or from given posterior samples (e.g. MCMC's), made in
 * blocks on the executors with the runtime's {@link Predictive}, each block under a generator
 * seeded from the driver's seed and its number, and reduced there to means and standard
 * deviations of the returned sites; the driver merges one small summary per block, in block
 * order, so a seeded run gives the same result on any number of partitions.
 *
 * <pre>{@code
 * PredictiveSummary s = DistributedPredictive.fromGuide(model, guide, 1_000_000).returnSites("obs").seed(1)
 *         .run(PyriteSpark.session(), newData);
 * double[] mean = s.mean("obs");
 * }</pre>
 *
 * <p>A guide's params are shipped from the driver's current param store; posterior samples are
 * shipped with the tasks (block {@code b} gets draws {@code b * blockSize ...}). The arguments must
 * be serializable.
 *
 * @param <A> the model's argument type
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
public final class DistributedPredictive<A> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SparkModel<A, ?> model;
    private final SparkModel<A, ?> guide;
    private final ParamSnapshot samples;
    private final long numSamples;
    private final int blockSize;
    private final long seed;
    private final int partitions;
    private final String[] sites;

    private DistributedPredictive(SparkModel<A, ?> model, SparkModel<A, ?> guide, ParamSnapshot samples, long numSamples, int blockSize,
            long seed, int partitions, String[] sites) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        this.samples = samples;
        if (numSamples < 1) {
            throw new IllegalArgumentException("DistributedPredictive: numSamples must be >= 1, got " + numSamples);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("DistributedPredictive: blockSize must be >= 1, got " + blockSize);
        }
        this.numSamples = numSamples;
        this.blockSize = blockSize;
        this.seed = seed;
        this.partitions = partitions;
        this.sites = sites;
    }

    /** {@code numSamples} draws with the latents from {@code guide} (its params from the driver's current store). */
    public static <A> DistributedPredictive<A> fromGuide(SparkModel<A, ?> model, SparkModel<A, ?> guide, long numSamples) {
        return new DistributedPredictive<>(model, Objects.requireNonNull(guide, "guide"), null, numSamples, 1024, 0L, 0, null);
    }

    /** One draw per posterior sample: each tensor holds one latent site's samples along its leading dimension. */
    public static <A> DistributedPredictive<A> fromSamples(SparkModel<A, ?> model, Map<String, Tensor> posteriorSamples) {
        int n = -1;
        ParamStore holder = new ParamStore();
        for (Map.Entry<String, Tensor> e : posteriorSamples.entrySet()) {
            Tensor t = e.getValue();
            if (t.rank() == 0 || (n >= 0 && t.size(0) != n)) {
                throw new IllegalArgumentException("DistributedPredictive: the samples of '" + e.getKey() + "' have shape "
                        + java.util.Arrays.toString(t.shape()) + "; every site needs the same number of samples along a leading dimension");
            }
            n = t.size(0);
            holder.set(e.getKey(), t.detach(), null);
        }
        if (n < 0) {
            throw new IllegalArgumentException("DistributedPredictive: no posterior samples given");
        }
        return new DistributedPredictive<>(model, null, ParamSnapshot.of(holder), n, 1024, 0L, 0, null);
    }

    /** The same draws returning these sites (required: they are what is summarized). */
    public DistributedPredictive<A> returnSites(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("DistributedPredictive.returnSites: name at least one site");
        }
        return new DistributedPredictive<>(model, guide, samples, numSamples, blockSize, seed, partitions, names.clone());
    }

    /** The same draws in blocks of {@code size} (default 1,024): the unit of seeding and of work. */
    public DistributedPredictive<A> blockSize(int size) {
        return new DistributedPredictive<>(model, guide, samples, numSamples, size, seed, partitions, sites);
    }

    /** The same draws seeded with {@code s} (default 0). */
    public DistributedPredictive<A> seed(long s) {
        return new DistributedPredictive<>(model, guide, samples, numSamples, blockSize, s, partitions, sites);
    }

    /** The same draws over {@code n} partitions (default: the session's default parallelism). */
    public DistributedPredictive<A> partitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("DistributedPredictive: partitions must be >= 1, got " + n);
        }
        return new DistributedPredictive<>(model, guide, samples, numSamples, blockSize, seed, n, sites);
    }

    /** How many blocks the draws are made in. */
    public int numBlocks() {
        return (int) ((numSamples + blockSize - 1) / blockSize);
    }

    /** The seed of block {@code b}'s generator. */
    public long blockSeed(int b) {
        return Seeds.forIndex(seed, b);
    }

    /** The draws of block {@code b}: {@code [b * blockSize, ...)}. */
    public int blockLength(int b) {
        return (int) Math.min(blockSize, numSamples - (long) b * blockSize);
    }

    /** Makes every draw on the executors and returns the returned sites' summaries. */
    public PredictiveSummary run(SparkSession spark, A args) {
        if (sites == null) {
            throw new IllegalStateException("DistributedPredictive: name the sites to summarize with returnSites(...)");
        }
        if (args != null && !(args instanceof Serializable)) {
            throw new IllegalArgumentException("DistributedPredictive: the model's arguments (" + args.getClass().getName()
                    + ") are shipped to the executors and must be Serializable");
        }
        ParamSnapshot params = guide == null ? null : paramsOfGuide(args);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> numbers = IntStream.range(0, numBlocks()).boxed().toList();
        int slices = Math.min(partitions > 0 ? partitions : sc.defaultParallelism(), numbers.size());
        List<Tuple2<Integer, WeightedMoments>> blocks = sc.parallelize(numbers, slices).mapPartitions((Iterator<Integer> it) -> {
            List<Tuple2<Integer, WeightedMoments>> out = new ArrayList<>();
            ParamStore store = new ParamStore();
            if (params != null && !params.isEmpty()) {
                Rng previous = Rng.install(Rng.seeded(~seed));
                try (ParamStore.Scope s = ParamStore.use(store); Autograd.Scope noGrad = Autograd.noGrad()) {
                    guide.call(args);
                } finally {
                    Rng.install(previous);
                }
                params.applyTo(store);
            }
            Map<String, Tensor> all = samples == null ? null : samples.unconstrained(); // once per partition, not per block
            it.forEachRemaining(b -> {
                Map<String, Tensor> draws = drawBlock(b, args, store, all);
                out.add(new Tuple2<>(b, WeightedMoments.of(new double[blockLength(b)], draws)));
            });
            return out.iterator();
        }).collect();
        List<Tuple2<Integer, WeightedMoments>> ordered = new ArrayList<>(blocks);
        ordered.sort(Comparator.comparing(Tuple2::_1));
        WeightedMoments total = new WeightedMoments();
        for (Tuple2<Integer, WeightedMoments> t : ordered) {
            total.add(t._2());
        }
        return new PredictiveSummary(total);
    }

    /**
     * Block {@code b}'s draws of the returned sites, on this thread in {@code store}: the runtime's
     * {@link Predictive} under a generator seeded with {@link #blockSeed}, what an executor does.
     */
    public Map<String, Tensor> drawBlock(int b, A args, ParamStore store) {
        return drawBlock(b, args, store, samples == null ? null : samples.unconstrained());
    }

    private Map<String, Tensor> drawBlock(int b, A args, ParamStore store, Map<String, Tensor> allSamples) {
        Rng previous = Rng.install(Rng.seeded(blockSeed(b)));
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Predictive<A> predictive;
            if (guide != null) {
                predictive = new Predictive<>(model, guide, blockLength(b));
            } else {
                Map<String, Tensor> slice = new LinkedHashMap<>();
                int from = b * blockSize;
                allSamples.forEach((site, all) -> slice.put(site, all.slice(0, from, from + blockLength(b))));
                predictive = new Predictive<>(model, slice);
            }
            return predictive.returnSites(sites).call(args);
        } finally {
            Rng.install(previous);
        }
    }

    private ParamSnapshot paramsOfGuide(A args) {
        Rng previous = Rng.install(Rng.seeded(~seed));
        Set<String> names = new LinkedHashSet<>();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (Site site : Poutine.trace(guide).getTrace(args).sites()) {
                if (site.isParam()) {
                    names.add(site.name());
                }
            }
        } finally {
            Rng.install(previous);
        }
        return ParamSnapshot.of(ParamStore.current(), names);
    }
}
