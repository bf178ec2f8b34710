package org.pyrite.infer.mcmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.pyrite.context.PyriteContext;
import org.pyrite.distributions.Rng;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * Markov chain Monte Carlo with a Hamiltonian kernel ({@link NUTS} or {@link HMC}), Pyro's
 * {@code MCMC}: each chain warms up for {@code warmupSteps} transitions (Stan's adaptation) and
 * then keeps {@code numSamples} draws.
 *
 * <pre>{@code
 * MCMC<Data> mcmc = new MCMC<>(new NUTS<>(model), 1000, 500).numChains(4);
 * mcmc.run(data);
 * Map<String, Tensor> draws = mcmc.getSamples();      // leading dim: 4 x 1000, chain after chain
 * new Predictive<>(model, draws).call(data);          // posterior predictive from the draws
 * }</pre>
 *
 * <p><b>Chains and threads.</b> Chains run on separate threads, by default as many as there are
 * processors (at most one per chain). Each chain has its own generator, seeded by a number drawn
 * from the caller's generator before any chain starts, so a seeded run gives the same draws on
 * one thread as on four. Each chain runs in the caller's captured context
 * ({@link PyriteContext#capture()}): it sees the handlers the caller entered, its param store
 * (read-only there) and its validation setting.
 *
 * @param <A> the model's argument type
 */
public final class MCMC<A> {
    private final HamiltonianKernel<A, ?> kernel;
    private final int numSamples;
    private final int warmupSteps;
    private int numChains = 1;
    private int threads;
    private boolean showProgress = true;
    private List<Chain<A>> chains;

    /**
     * MCMC with {@code kernel}, keeping {@code numSamples} draws per chain after
     * {@code warmupSteps} warm-up transitions (both at least 1).
     */
    public MCMC(HamiltonianKernel<A, ?> kernel, int numSamples, int warmupSteps) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        if (numSamples < 1) {
            throw new IllegalArgumentException("MCMC: numSamples must be >= 1, got " + numSamples);
        }
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("MCMC: warmupSteps must be >= 1, got " + warmupSteps
                    + " (without warm-up the step size and mass matrix are never adapted)");
        }
        this.numSamples = numSamples;
        this.warmupSteps = warmupSteps;
    }

    /** Runs {@code k} (at least 1) independent chains (default 1). */
    public MCMC<A> numChains(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("MCMC: numChains must be >= 1, got " + k);
        }
        this.numChains = k;
        return this;
    }

    /**
     * Runs the chains on at most {@code n} (at least 1) threads (default: the available
     * processors); the draws do not depend on it.
     */
    public MCMC<A> threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("MCMC: threads must be >= 1, got " + n);
        }
        this.threads = n;
        return this;
    }

    /**
     * Whether to show a progress bar per chain on the console while running (default true; never
     * shown when the JVM has no console, as under a build tool or with output redirected).
     */
    public MCMC<A> progressBar(boolean show) {
        this.showProgress = show;
        return this;
    }

    /** Runs every chain on the model called with {@code args}; the results replace any earlier run's. */
    public MCMC<A> run(A args) {
        long[] seeds = new long[numChains];
        Rng rng = Rng.current();
        for (int c = 0; c < numChains; c++) {
            seeds[c] = rng.provider().nextLong();
        }
        PyriteContext caller = PyriteContext.capture();
        int poolSize = Math.min(numChains, threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, r -> {
            Thread t = new Thread(r, "pyrite-mcmc-chain");
            t.setDaemon(true);
            return t;
        });
        Progress progress = showProgress ? Progress.onConsole(numChains, warmupSteps, numSamples) : null;
        CompletionService<Chain<A>> running = new ExecutorCompletionService<>(pool);
        try {
            for (int c = 0; c < numChains; c++) {
                long seed = seeds[c];
                int index = c;
                running.submit(() -> PyriteContext.runWith(caller, () -> runChain(args, seed, progress, index)));
            }
            // In the order they finish, so the first failure stops the others at once (finally: shutdownNow).
            List<Chain<A>> done = new ArrayList<>(Collections.nCopies(numChains, null));
            for (int k = 0; k < numChains; k++) {
                Chain<A> chain = await(running, progress);
                done.set(chain.index(), chain);
            }
            chains = done;
        } finally {
            pool.shutdownNow();
            if (progress != null) {
                progress.finish();
            }
        }
        return this;
    }

    private Chain<A> runChain(A args, long seed, Progress progress, int index) {
        Rng.install(Rng.seeded(seed));
        PotentialEnergy<A> potential = PotentialEnergy.of(kernel.model(), args, kernel.init());
        Chain<A> chain = new Chain<>(kernel, potential, numSamples, warmupSteps);
        chain.reportTo(progress, index);
        chain.run();
        return chain;
    }

    private static <T> T await(CompletionService<T> running, Progress progress) {
        try {
            if (progress == null) {
                return running.take().get();
            }
            while (true) {
                Future<T> f = running.poll(200, TimeUnit.MILLISECONDS);
                if (f != null) {
                    return f.get();
                }
                progress.draw();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("MCMC: interrupted while waiting for the chains", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("MCMC: a chain failed: " + cause, cause);
        }
    }

    private List<Chain<A>> chains() {
        if (chains == null) {
            throw new IllegalStateException("MCMC: no draws yet; call run(args) first");
        }
        return chains;
    }

    /**
     * Each latent site's draws (constrained), the chains one after another along a leading
     * dimension of {@code numChains * numSamples}, followed by the site's shape.
     */
    public Map<String, Tensor> getSamples() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Tensor>> e : samplesByChain().entrySet()) {
            out.put(e.getKey(), Tensor.cat(0, e.getValue().toArray(new Tensor[0])));
        }
        return out;
    }

    /** Each latent site's draws per chain: one tensor per chain, of shape {@code [numSamples, ...siteShape]}. */
    public Map<String, List<Tensor>> samplesByChain() {
        List<Chain<A>> cs = chains();
        PotentialEnergy<A> layout = cs.get(0).potential();
        List<String> siteNames = layout.siteNames();
        List<int[]> siteShapes = new ArrayList<>();
        for (String name : siteNames) {
            siteShapes.add(layout.siteShape(name));
        }
        Map<String, List<Tensor>> out = new LinkedHashMap<>();
        int rowSize = 0;
        for (int[] s : siteShapes) {
            rowSize += Shape.numel(s);
        }
        int offset = 0;
        for (int k = 0; k < siteNames.size(); k++) {
            int[] shape = siteShapes.get(k);
            int size = Shape.numel(shape);
            int[] full = new int[shape.length + 1];
            full[0] = numSamples;
            System.arraycopy(shape, 0, full, 1, shape.length);
            List<Tensor> perChain = new ArrayList<>();
            for (Chain<A> c : cs) {
                double[] values = new double[numSamples * size];
                for (int i = 0; i < numSamples; i++) {
                    System.arraycopy(c.draws, i * rowSize + offset, values, i * size, size);
                }
                perChain.add(Tensor.fromArray(values, full));
            }
            out.put(siteNames.get(k), List.copyOf(perChain));
            offset += size;
        }
        return out;
    }

    /**
     * Pyro's summary of the draws: per element of each site, mean, sd, median, the 90% interval,
     * bulk n_eff on split chains and split R-hat, and the divergences after warm-up.
     *
     * <pre>{@code
     * Summary s = mcmc.summary();
     * s.print();
     * double rHat = s.site("mu").rHat();
     * }</pre>
     */
    public Summary summary() {
        return Summary.of(samplesByChain(), divergences(), acceptance());
    }

    /** The divergent transitions after warm-up, per chain. */
    public int[] divergences() {
        return chains().stream().mapToInt(c -> c.divergences).toArray();
    }

    /** The divergent transitions during warm-up, per chain. */
    public int[] warmupDivergences() {
        return chains().stream().mapToInt(c -> c.warmupDivergences).toArray();
    }

    /** The mean acceptance statistic after warm-up, per chain. */
    public double[] acceptance() {
        return chains().stream().mapToDouble(c -> c.meanAcceptance).toArray();
    }

    /** The step size each chain sampled with (adapted in warm-up unless switched off). */
    public double[] stepSizes() {
        return chains().stream().mapToDouble(c -> c.stepSize).toArray();
    }

    /**
     * The inverse mass matrix chain {@code chain} sampled with, over the unconstrained coordinates
     * (sites in {@link #getSamples()} order, each flattened); diagonal unless the kernel is dense.
     */
    public double[][] inverseMassMatrix(int chain) {
        return chains().get(chain).inverseMass.matrix();
    }

    /** Gradient evaluations per chain over warm-up and sampling (the work NUTS did). */
    public long[] gradientEvaluations() {
        return chains().stream().mapToLong(c -> c.gradientEvaluations).toArray();
    }

    @Override
    public String toString() {
        return "MCMC(" + kernel.getClass().getSimpleName() + ", numSamples=" + numSamples + ", warmupSteps=" + warmupSteps
                + ", numChains=" + numChains + (chains == null ? "" : ", sites=" + chains.get(0).potential().siteNames()
                + ", divergences=" + Arrays.toString(divergences())) + ")";
    }
}
