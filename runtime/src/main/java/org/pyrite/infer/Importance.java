package org.pyrite.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.dist.Rng;
import org.pyrite.dist.Validation;
import org.pyrite.params.ParamStore;
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
    private ExecutorService pool;

    /** Importance sampling with the model's prior as the proposal. */
    public Importance(Model<A, R> model, int numSamples) {
        this(model, null, numSamples);
    }

    /** Importance sampling with {@code guide} (same arguments as the model) as the proposal. */
    public Importance(Model<A, R> model, Model<A, ?> guide, int numSamples) {
        this(model, guide, numSamples, 1);
    }

    private Importance(Model<A, R> model, Model<A, ?> guide, int numSamples, int parallelism) {
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
    }

    /**
     * The same sampler spread over {@code threads} threads (the calling thread and
     * {@code threads - 1} daemon workers it owns, which end after a second without work). The
     * samples are drawn in chunks, each from its own generator seeded from the calling thread's,
     * so a seeded run is reproducible whichever thread draws which chunk; the
     * workers read params from the calling thread's current {@link org.pyrite.params.ParamStore}
     * and must not write them.
     */
    public Importance<A, R> parallelism(int threads) {
        return new Importance<>(model, guide, numSamples, threads);
    }

    /** Draws {@code numSamples} weighted traces for these arguments. */
    public TracePosterior run(A args) {
        if (parallelism == 1 || numSamples < parallelism) {
            List<Trace> traces = new ArrayList<>(numSamples);
            double[] logWeights = new double[numSamples];
            draw(args, 0, numSamples, traces, logWeights);
            return new TracePosterior(traces, logWeights);
        }
        return runParallel(args);
    }

    /**
     * The samples in fixed chunks, each with its own generator seeded from the caller's, which the
     * calling thread and the workers claim in turn: a thread that starts late (a worker waking up)
     * simply takes fewer chunks, and the result does not depend on which thread drew which chunk.
     */
    private TracePosterior runParallel(A args) {
        ParamStore store = ParamStore.current();
        boolean validation = Validation.isEnabled();
        Rng caller = Rng.current();
        int chunkSize = Math.max(64, numSamples / (parallelism * 8));
        int chunks = (numSamples + chunkSize - 1) / chunkSize;
        long[] seeds = new long[chunks];
        for (int c = 0; c < chunks; c++) {
            seeds[c] = caller.provider().nextLong();
        }
        List<List<Trace>> drawn = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            drawn.add(new ArrayList<>(Math.min(chunkSize, numSamples - c * chunkSize)));
        }
        double[] logWeights = new double[numSamples];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            Rng previous = Rng.current();
            boolean previousValidation = Validation.isEnabled();
            Validation.setEnabled(validation);
            try (ParamStore.Scope s = ParamStore.use(store)) {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    Rng.install(Rng.seeded(seeds[c]));
                    int from = c * chunkSize;
                    draw(args, from, Math.min(numSamples, from + chunkSize), drawn.get(c), logWeights);
                }
            } finally {
                Validation.setEnabled(previousValidation);
                Rng.install(previous);
            }
        };
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 1; w < parallelism; w++) {
            futures.add(pool().submit(work));
        }
        work.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Importance: interrupted while waiting for a worker", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException("Importance: a worker failed", cause);
            }
        }
        List<Trace> traces = new ArrayList<>(numSamples);
        for (List<Trace> chunk : drawn) {
            traces.addAll(chunk);
        }
        return new TracePosterior(traces, logWeights);
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            // Idle workers end after a second, so a sampler that is dropped leaves no threads behind.
            ThreadPoolExecutor executor = new ThreadPoolExecutor(parallelism - 1, parallelism - 1, 1, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "pyrite-importance");
                        t.setDaemon(true);
                        return t;
                    });
            executor.allowCoreThreadTimeOut(true);
            pool = executor;
        }
        return pool;
    }

    /** Draws samples {@code [from, to)} into {@code traces} (appended) and {@code logWeights} (by index). */
    private void draw(A args, int from, int to, List<Trace> traces, double[] logWeights) {
        // Weights need values only: no gradient record is kept while sampling.
        Poutine.TracedModel<A, R> tracedModel = Poutine.trace(model);
        Poutine.TracedModel<A, ?> tracedGuide = guide == null ? null : Poutine.trace(guide);
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int i = from; i < to; i++) {
                Trace modelTrace;
                double logWeight;
                if (guide == null) {
                    modelTrace = tracedModel.getTrace(args);
                    logWeight = 0.0;
                    for (Site s : modelTrace.sites()) {
                        if (s.isSample() && s.isObserved()) {
                            logWeight += s.logProbSum().item();
                        }
                    }
                } else {
                    Trace guideTrace = tracedGuide.getTrace(args);
                    modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
                    logWeight = modelTrace.logProbSum().item() - guideTrace.logProbSum().item();
                }
                traces.add(modelTrace);
                logWeights[i] = logWeight;
            }
        }
    }
}
