package org.pyrite.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.pyrite.distributions.Rng;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Optimizer;
import org.pyrite.params.ParamStore;
import org.pyrite.params.ParamTransaction;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * SVI on a data set spread over a Spark cluster, data-parallel: each step the driver draws the
 * mini-batch's row indices and sends them with the current params to every partition; each
 * partition computes, on its rows of the mini-batch, its share of the subsampled ELBO and of its
 * gradient; the driver adds the shares up and lets the optimizer move its params. The step equals
 * the single-machine SVI step on the same mini-batch with the same guide noise (up to the order of
 * floating-point sums): see {@link #indicesOfStep} and {@link #stepSeed}.
 *
 * <pre>{@code
 * try (DataParallelSVI<Batch> svi = DataParallelSVI.of(Logistic::model, Batch::of)
 *         .guide(AutoNormal::new).optimizer(new Adam(0.01)).plate("data").batchSize(1000).seed(0)
 *         .on(data.repartition(4))) {
 *     svi.run(2000);
 *     double loss = svi.evaluateLoss(200);
 *     Tensor loc = svi.params().get("AutoNormal.locs.w");
 * }
 * }</pre>
 *
 * <p>The model's latents must be global (outside the data plate), and the model reads its rows
 * through {@code plate(name, fullSize, subsampleSize)} and the plate's {@code subsample()}
 * ({@link RowsToBatch}). The rows are cached on the executors for the whole fit; the params (a few
 * numbers per latent) travel with each step's tasks. Every step is one Spark job, whose fixed cost
 * (tens of milliseconds in local mode, more on a cluster) is paid however little the step computes:
 * this pays off only when a step's gradient on the mini-batch takes longer than that.
 *
 * @param <B> the model's argument type (a batch of rows)
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
public final class DataParallelSVI<B> implements AutoCloseable {
    private final ShareStep<B> task;
    private final Optimizer<?> optimizer;
    private final String plate;
    private final int batchSize;
    private final long seed;
    private final String runId;
    private final JavaRDD<PartitionRows> parts;
    private final int[] starts;
    private final int fullSize;
    private final ParamStore store = new ParamStore();
    private int steps;
    private int evaluations;

    private DataParallelSVI(Builder<B> b, Dataset<Row> data) {
        this.optimizer = Objects.requireNonNull(b.optimizer, "DataParallelSVI: set the optimizer, e.g. optimizer(new Adam(0.01))");
        this.plate = b.plate;
        this.seed = b.seed;
        this.runId = UUID.randomUUID().toString();
        this.task = new ShareStep<>(b.model, b.toBatch, b.guide, b.plate, runId);
        this.parts = data.javaRDD().mapPartitionsWithIndex((p, it) -> {
            List<Row> rows = new ArrayList<>();
            it.forEachRemaining(rows::add);
            return List.of(new PartitionRows(p, rows)).iterator();
        }, true).cache();
        List<Integer> counts = parts.map(p -> p.rows().size()).collect();
        starts = new int[counts.size() + 1];
        for (int p = 0; p < counts.size(); p++) {
            starts[p + 1] = starts[p] + counts.get(p);
        }
        fullSize = starts[counts.size()];
        if (fullSize == 0) {
            throw new IllegalArgumentException("DataParallelSVI: the data set has no rows");
        }
        if (b.batchSize < 1 || b.batchSize > fullSize) {
            throw new IllegalArgumentException("DataParallelSVI: batchSize must be in 1.." + fullSize + " (the data set's rows), got "
                    + b.batchSize);
        }
        this.batchSize = b.batchSize;
        initParams(b, data.limit(1).collectAsList());
    }

    /** Starts the configuration of a fit of {@code model}, whose argument {@code toBatch} makes from rows. */
    public static <B> Builder<B> of(SparkModel<B, ?> model, RowsToBatch<B> toBatch) {
        return new Builder<>(model, toBatch);
    }

    /**
     * The driver's params, created as the guide creates them on its first call (on one row of the
     * data, as a data set of that row alone: the guide traces the model hidden from every handler,
     * so its plate must not subsample), under a generator of their own.
     */
    @SuppressWarnings("unchecked")
    private void initParams(Builder<B> b, List<Row> firstRow) {
        B args = b.toBatch.convert(firstRow, 1, 1);
        Rng previous = Rng.install(Rng.seeded(0L));
        try (ParamStore.Scope s = ParamStore.use(store); Autograd.Scope noGrad = Autograd.noGrad()) {
            checkPlate(org.pyrite.Poutine.trace(b.model).getTrace(args));
            ((org.pyrite.Model<B, ?>) b.guide.create(b.model)).call(args);
        } finally {
            Rng.install(previous);
        }
    }

    /** The model must read its rows in the data plate, and have no latent there (each partition would need those rows' local params). */
    private void checkPlate(org.pyrite.handlers.Trace trace) {
        boolean found = false;
        for (org.pyrite.handlers.Site site : trace.sites()) {
            if (!site.isSample() || site.frames().stream().noneMatch(f -> f.name().equals(plate))) {
                continue;
            }
            found = true;
            if (!site.isObserved()) {
                throw new IllegalArgumentException("site '" + site.name() + "' is a latent inside plate '" + plate + "': data-parallel SVI "
                        + "fits global latents only (each partition would need the guide's local params of its rows); move it "
                        + "outside the plate or fit on one machine");
            }
        }
        if (!found) {
            throw new IllegalArgumentException("the model has no observed site inside a plate named '" + plate + "'; declare its rows "
                    + "with plate(\"" + plate + "\", fullSize, subsampleSize), or name the model's plate with plate(name)");
        }
    }

    /** The rows of step {@code t}'s mini-batch (ascending indices in partition order, 0-based). */
    public int[] indicesOfStep(int t) {
        return Subsample.draw(Seeds.forIndex(seed, 2L * t + 1), fullSize, batchSize);
    }

    /** The seed of the generator the guide draws from at step {@code t} (on every partition). */
    public long stepSeed(int t) {
        return Seeds.forIndex(seed, 2L * t);
    }

    /** How many rows the data set has. */
    public int fullSize() {
        return fullSize;
    }

    /** How many steps have been taken. */
    public int stepsTaken() {
        return steps;
    }

    /** The driver's param store, holding the current params (read them, e.g. {@code params().get("AutoNormal.locs.w")}). */
    public ParamStore params() {
        return store;
    }

    /**
     * One step on the next mini-batch; returns its loss estimate before the update. A step whose
     * update fails (non-finite, out of a constraint) changes no param, as {@code SVI.step}.
     */
    public double step() {
        int t = steps;
        int[] batch = indicesOfStep(t);
        List<ShareGradient> shares = shares(batch, new long[] {stepSeed(t)}, true);
        Map<String, double[]> sum = new LinkedHashMap<>();
        double loss = 0;
        for (ShareGradient g : shares) {
            if (g.isNone()) {
                continue;
            }
            loss += g.losses()[0];
            for (int i = 0; i < g.names().length; i++) {
                double[] share = g.grads()[i];
                double[] into = sum.get(g.names()[i]);
                if (into == null) {
                    sum.put(g.names()[i], share.clone());
                } else {
                    for (int j = 0; j < into.length; j++) {
                        into[j] += share[j];
                    }
                }
            }
        }
        String[] names = sum.keySet().toArray(new String[0]);
        Tensor[] leaves = new Tensor[names.length];
        Tensor[] grads = new Tensor[names.length];
        for (int i = 0; i < names.length; i++) {
            leaves[i] = store.unconstrained(names[i]);
            double[] g = sum.get(names[i]);
            for (double v : g) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("step " + t + ": the gradient of param '" + names[i] + "' is not finite; no "
                            + "parameter was changed. Check its initial value and constraint, or lower the learning rate");
                }
            }
            grads[i] = Tensor.fromArray(g, leaves[i].shape());
        }
        try (ParamTransaction tx = store.begin("run a data-parallel SVI step")) {
            Optimizer<?>.Proposal proposal = optimizer.propose(names, leaves, grads);
            tx.update(names, proposal.values(), optimizer);
            proposal.commit();
        }
        steps++;
        return loss;
    }

    /** {@code n} steps; returns the loss of each. */
    public double[] run(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("DataParallelSVI.run: steps must be >= 0, got " + n);
        }
        double[] losses = new double[n];
        for (int i = 0; i < n; i++) {
            losses[i] = step();
        }
        return losses;
    }

    /**
     * The full-data loss of the current params: the mean of {@code particles} estimates of the
     * loss on every row, all computed in one Spark job.
     */
    public double evaluateLoss(int particles) {
        if (particles < 1) {
            throw new IllegalArgumentException("DataParallelSVI.evaluateLoss: particles must be >= 1, got " + particles);
        }
        int[] all = new int[fullSize];
        java.util.Arrays.setAll(all, i -> i);
        long[] seeds = new long[particles];
        for (int j = 0; j < particles; j++) {
            seeds[j] = Seeds.forIndex(~seed, (long) evaluations * particles + j);
        }
        evaluations++;
        double total = 0;
        for (ShareGradient g : shares(all, seeds, false)) {
            if (!g.isNone()) {
                for (double l : g.losses()) {
                    total += l;
                }
            }
        }
        return total / particles;
    }

    private List<ShareGradient> shares(int[] batch, long[] seeds, boolean withGradient) {
        ShareStep<B> step = task;
        int[] offsets = starts;
        int n = fullSize;
        int owner = partitionOf(batch[0]);
        ParamSnapshot params = ParamSnapshot.of(store);
        return parts.map(p -> step.compute(p, offsets[p.partition()], batch, n, owner, params, seeds, withGradient)).collect();
    }

    private int partitionOf(int row) {
        for (int p = 0; p + 1 < starts.length; p++) {
            if (row < starts[p + 1]) {
                return p;
            }
        }
        throw new IllegalStateException("row " + row + " is beyond the data set's " + fullSize + " rows");
    }

    /** Drops the executors' cached rows and guides of this fit. */
    @Override
    public void close() {
        String id = runId;
        parts.foreachPartition(it -> ExecutorState.forget(id));
        parts.unpersist(false);
    }

    /**
     * The configuration of a data-parallel fit.
     *
     * @param <B> the model's argument type
     */
    public static final class Builder<B> {
        private final SparkModel<B, ?> model;
        private final RowsToBatch<B> toBatch;
        private SparkGuide<B> guide = AutoNormal::new;
        private Optimizer<?> optimizer;
        private String plate = "data";
        private int batchSize = -1;
        private long seed;

        private Builder(SparkModel<B, ?> model, RowsToBatch<B> toBatch) {
            this.model = Objects.requireNonNull(model, "model");
            this.toBatch = Objects.requireNonNull(toBatch, "toBatch");
        }

        /** How each machine builds the guide (default {@code AutoNormal::new}). */
        public Builder<B> guide(SparkGuide<B> g) {
            this.guide = Objects.requireNonNull(g, "guide");
            return this;
        }

        /** The optimizer, on the driver (required). */
        public Builder<B> optimizer(Optimizer<?> o) {
            this.optimizer = Objects.requireNonNull(o, "optimizer");
            return this;
        }

        /** The name of the model's data plate (default {@code "data"}). */
        public Builder<B> plate(String name) {
            this.plate = Objects.requireNonNull(name, "plate");
            return this;
        }

        /** Rows per mini-batch (default: every row, full-batch SVI). */
        public Builder<B> batchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        /** The seed of the mini-batches and the guide's noise (default 0). */
        public Builder<B> seed(long s) {
            this.seed = s;
            return this;
        }

        /** Caches {@code data}'s rows on the executors, partitioned as they are, and creates the params. */
        public DataParallelSVI<B> on(Dataset<Row> data) {
            Builder<B> b = this;
            if (batchSize == -1) {
                b = copy();
                b.batchSize = (int) Math.min(Integer.MAX_VALUE, data.count());
            }
            return new DataParallelSVI<>(b, data);
        }

        private Builder<B> copy() {
            Builder<B> c = new Builder<>(model, toBatch);
            c.guide = guide;
            c.optimizer = optimizer;
            c.plate = plate;
            c.batchSize = batchSize;
            c.seed = seed;
            return c;
        }
    }
}
