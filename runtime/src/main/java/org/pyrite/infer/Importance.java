package org.pyrite.infer;

import java.util.Arrays;
import java.util.Objects;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.concurrent.ChunkPool;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.distributions.Rng;
import org.pyrite.tensor.Autograd;

/**
 * Importance sampling over execution traces (Pyro's {@code Importance}): each trace of the model
 * is weighted by {@code p(trace) / q(trace)}, with the guide as the proposal {@code q}, or the
 * model's own prior when there is no guide (then the weight is the likelihood of the observed
 * sites).
 *
 * <pre>{@code
 * Importance<Double, Tensor> importance = new Importance<>(conditioned, Tutorial::scalePriorGuide, 1000);
 * TracePosterior posterior = importance.run(8.5);
 * EmpiricalMarginal weight = new EmpiricalMarginal(posterior, "weight");
 * }</pre>
 *
 * @param <A> the model's argument type
 * @param <R> the model's return type
 */
public final class Importance<A, R> {
    private final Model<A, R> model;
    private final Model<A, ?> guide;
    private final int numSamples;
    private final int parallelism;
    /** The sites a run keeps instead of whole traces, or {@code null} to keep the traces. */
    private final String[] keep;
    /** The smallest chunk: a few microseconds of the tutorial's model, against tens of nanoseconds to claim it. */
    private static final int MIN_CHUNK = 64;
    private ChunkPool pool;
    /**
     * What a sample of this model costs, learned by the pool: a run is spread over threads only
     * when it is long enough for the hand-off to pay (a handful of samples runs on the caller).
     */
    private final ChunkPool.Work work = new ChunkPool.Work("importance samples");

    /** Importance sampling with the model's prior as the proposal. */
    public Importance(Model<A, R> model, int numSamples) {
        this(model, null, numSamples);
    }

    /** Importance sampling with {@code guide} (same arguments as the model) as the proposal. */
    public Importance(Model<A, R> model, Model<A, ?> guide, int numSamples) {
        this(model, guide, numSamples, 1, null);
    }

    private Importance(Model<A, R> model, Model<A, ?> guide, int numSamples, int parallelism, String[] keep) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        if (numSamples < 1) {
            throw new IllegalArgumentException("Importance: numSamples must be >= 1, got " + numSamples);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("Importance: parallelism must be >= 1, got " + parallelism);
        }
        this.numSamples = numSamples;
        this.parallelism = parallelism;
        this.keep = keep;
    }

    /**
     * The same sampler spread over {@code threads} threads (the calling thread and
     * {@code threads - 1} daemon workers it owns, which spin for a fraction of a millisecond after a
     * run, so back-to-back runs do not wait for a parked thread to wake, and end after a second
     * without work). A seeded run gives the same traces on any number of threads ({@link #run});
     * the workers read params from the calling thread's current {@link org.pyrite.params.ParamStore}
     * and may not create any (a param a guide creates on its first run is an error there: run it
     * once on the calling thread first).
     */
    public Importance<A, R> parallelism(int threads) {
        return new Importance<>(model, guide, numSamples, threads, keep);
    }

    /**
     * The same sampler keeping, of each sample, only its log weight and the values of
     * {@code sites}, instead of the whole trace: what {@link EmpiricalMarginal} of those sites and
     * the log evidence need, in a fraction of the memory (a kept trace of the tutorial's model
     * takes about 500 bytes, a kept scalar site 8). Use it for runs of millions of samples:
     *
     * <pre>{@code
     * TracePosterior post = new Importance<>(conditioned, 10_000_000).keepingOnly("weight").run(8.5);
     * double mean = new EmpiricalMarginal(post, "weight").mean().item();
     * }</pre>
     *
     * The values and weights are the same as a full run's with the same seed; the posterior's
     * {@link TracePosterior#traces()} is then unavailable. Each kept site must be in every run of
     * the model, with one shape.
     */
    public Importance<A, R> keepingOnly(String... sites) {
        if (sites.length == 0) {
            throw new IllegalArgumentException("Importance.keepingOnly: name at least one site to keep");
        }
        for (String site : sites) {
            Objects.requireNonNull(site, "Importance.keepingOnly: a site name is null");
        }
        return new Importance<>(model, guide, numSamples, parallelism, sites.clone());
    }

    /**
     * Draws {@code numSamples} weighted traces for these arguments. The samples are drawn in fixed
     * chunks ({@link #chunkBounds}), each from its own generator seeded from the calling thread's,
     * so a seeded run gives the same traces on one thread as on several. On several threads the
     * calling thread and the workers claim chunks ({@link ChunkPool}): a thread that starts late (a
     * worker waking up) simply takes fewer; each chunk runs in the caller's
     * {@link org.pyrite.context.PyriteContext}, under the caller's handlers, plates, param store and
     * validation setting.
     */
    public TracePosterior run(A args) {
        int[] bounds = chunkBounds(numSamples);
        int chunks = bounds.length - 1;
        long[] seeds = new long[chunks];
        Rng caller = Rng.current();
        for (int c = 0; c < chunks; c++) {
            seeds[c] = caller.provider().nextLong();
        }
        double[] logWeights = new double[numSamples];
        Trace[] drawn = keep == null ? new Trace[numSamples] : null;
        KeptSites kept = keep == null ? null : KeptSites.shapedLike(probe(args), numSamples, keep);
        Sink sink = kept == null ? (i, t) -> drawn[i] = t : kept::store;
        ChunkPool.Chunks chunk = (c, first, last) -> {
            Rng previous = Rng.install(Rng.seeded(seeds[c]));
            try {
                draw(args, bounds[c], bounds[c + 1], sink, logWeights);
            } finally {
                Rng.install(previous);
            }
        };
        if (parallelism == 1) {
            for (int c = 0; c < chunks; c++) {
                chunk.run(c, c, c + 1);
            }
        } else {
            pool().forEachChunk(work, bounds, chunk);
        }
        return kept == null ? TracePosterior.owning(drawn, logWeights) : TracePosterior.keeping(kept.values(), logWeights);
    }

    /**
     * One model trace, for the shapes of the sites to keep: drawn from a generator of its own, so
     * the caller's stream (and so the run's samples) are the same as without keepingOnly.
     */
    private Trace probe(A args) {
        Rng previous = Rng.install(Rng.seeded(0x9E3779B97F4A7C15L));
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            if (guide == null) {
                return Poutine.trace(model).getTrace(args);
            }
            Trace guideTrace = Poutine.trace(guide).getTrace(args);
            return Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
        } finally {
            Rng.install(previous);
        }
    }

    /** Where a drawn sample's trace goes: kept whole, or its chosen sites copied out. */
    @FunctionalInterface
    private interface Sink {
        void accept(int i, Trace modelTrace);
    }

    /**
     * Chunk boundaries: large chunks at both ends, smaller towards the middle. The caller claims
     * chunks from the front and the workers from the back, so they meet in the middle over small
     * chunks and finish within about {@link #MIN_CHUNK} samples of each other, while the large
     * chunks keep the count of chunks (and their fixed costs) low. Each end's chunk takes a quarter
     * of what is left of that end's half.
     */
    static int[] chunkBounds(int n) {
        int half = n / 2;
        int[] front = endChunks(half);
        int[] back = endChunks(n - half);
        int[] bounds = new int[front.length + back.length + 1];
        int p = 0;
        for (int size : front) {
            bounds[p + 1] = bounds[p] + size;
            p++;
        }
        for (int i = back.length - 1; i >= 0; i--) {
            bounds[p + 1] = bounds[p] + back[i];
            p++;
        }
        return bounds;
    }

    /** The chunk sizes of one end holding {@code n} samples, outermost first. */
    private static int[] endChunks(int n) {
        int[] sizes = new int[64];
        int count = 0;
        for (int left = n; left > 0; ) {
            int size = Math.min(left, Math.max(MIN_CHUNK, left / 4));
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            sizes[count++] = size;
            left -= size;
        }
        return Arrays.copyOf(sizes, count);
    }

    private synchronized ChunkPool pool() {
        if (pool == null) {
            // Helpers spin briefly between runs and end after a second without work, so a sampler
            // that is dropped leaves no threads behind.
            pool = new ChunkPool(parallelism, "pyrite-importance");
        }
        return pool;
    }

    /** Draws samples {@code [from, to)} into {@code sink} and {@code logWeights}, by index. */
    private void draw(A args, int from, int to, Sink sink, double[] logWeights) {
        // Weights need values only: no gradient record is kept while sampling.
        Poutine.TracedModel<A, R> tracedModel = Poutine.trace(model);
        Poutine.TracedModel<A, ?> tracedGuide = guide == null ? null : Poutine.trace(guide);
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int i = from; i < to; i++) {
                Trace modelTrace;
                double logWeight;
                if (guide == null) {
                    modelTrace = tracedModel.getTrace(args);
                    logWeight = modelTrace.logProbSum(Site::isObserved).item();
                } else {
                    Trace guideTrace = tracedGuide.getTrace(args);
                    modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
                    if (i == from) {
                        // A latent site the guide lacks would be drawn from its prior: not importance
                        // sampling. The same check, and message, as SVI's.
                        TraceELBO.checkSitesMatch(modelTrace, guideTrace);
                    }
                    logWeight = modelTrace.logProbSum().item() - guideTrace.logProbSum().item();
                }
                sink.accept(i, modelTrace);
                logWeights[i] = logWeight;
            }
        }
    }
}
