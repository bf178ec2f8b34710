package org.pyrite.infer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Empirical;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * Sequential Monte Carlo filtering (Pyro's {@code SMCFilter}): sequential importance resampling
 * over a population of particles for a state-space model given as an {@link SMCProgram}. Each
 * {@link #init} and {@link #step} runs the guide (or, without one, the model's own prior) as the
 * proposal in a vectorized plate of the particles, then the model replayed against it, and
 * multiplies each particle's weight by {@code p(z_t, y_t | z_(t-1)) / q(z_t)}; when the effective
 * sample size falls below {@code essThreshold} times the particles, the particles are resampled
 * systematically and their weights reset. The filter also keeps the log evidence
 * {@code log p(y_1..t)} (Pyro's filter does not): its exponent is an unbiased estimate of the
 * evidence.
 *
 * <pre>{@code
 * SMCFilter<Void, Double> filter = new SMCFilter<>(new Tracker(), 1000, 0);
 * filter.init(null);
 * for (double y : observations) {
 *     filter.step(y);
 * }
 * double position = filter.getEmpirical().get("x").mean().item();
 * double logEvidence = filter.logEvidence();
 * }</pre>
 *
 * <p>Not thread-safe: a filter is one sequence of steps. A step that fails (a NaN density, every
 * particle of weight zero) leaves the state and the weights as they were.
 *
 * @param <I> the argument type of the programs' {@code init}
 * @param <S> the argument type of their {@code step}
 */
public final class SMCFilter<I, S> {
    private final SMCProgram<I, S> model;
    private final SMCProgram<I, S> guide;
    private final int numParticles;
    private final int maxPlateNesting;
    private final double essThreshold;
    private final SMCState state;
    private double[] logWeights;
    /** The log evidence up to the last resampling; the weights since then hold the rest. */
    private double logEvidenceBefore;
    private int resamplings;
    private boolean initialized;

    /** A bootstrap filter: the model's own transitions propose; resampling below half the particles. */
    public SMCFilter(SMCProgram<I, S> model, int numParticles, int maxPlateNesting) {
        this(model, null, numParticles, maxPlateNesting, 0.5);
    }

    /** A filter proposing from {@code guide}; resampling below half the particles. */
    public SMCFilter(SMCProgram<I, S> model, SMCProgram<I, S> guide, int numParticles, int maxPlateNesting) {
        this(model, Objects.requireNonNull(guide, "guide"), numParticles, maxPlateNesting, 0.5);
    }

    /**
     * A filter proposing from {@code guide} ({@code null}: from the model), resampling when the
     * effective sample size falls below {@code essThreshold * numParticles}.
     *
     * @param maxPlateNesting how many plates the programs nest (the particles take the batch
     *     dimension to the left of them, {@code -1 - maxPlateNesting})
     */
    public SMCFilter(SMCProgram<I, S> model, SMCProgram<I, S> guide, int numParticles, int maxPlateNesting, double essThreshold) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        if (numParticles < 1) {
            throw new IllegalArgumentException("SMCFilter: numParticles must be >= 1, got " + numParticles);
        }
        if (maxPlateNesting < 0) {
            throw new IllegalArgumentException("SMCFilter: maxPlateNesting must be >= 0, got " + maxPlateNesting);
        }
        if (!(essThreshold > 0 && essThreshold <= 1)) {
            throw new IllegalArgumentException("SMCFilter: essThreshold must be in (0, 1], got " + essThreshold);
        }
        this.numParticles = numParticles;
        this.maxPlateNesting = maxPlateNesting;
        this.essThreshold = essThreshold;
        this.state = new SMCState(numParticles);
        this.logWeights = new double[numParticles];
    }

    /** Starts the filter afresh: empties the state, resets the weights and the evidence, and runs the programs' {@code init}. */
    public void init(I args) {
        state.clear();
        logWeights = new double[numParticles];
        logEvidenceBefore = 0;
        resamplings = 0;
        initialized = false;
        advance("init", (program, s) -> program.init(s, args));
        initialized = true;
    }

    /** One filtering step: proposes, reweights and, if the weights have degenerated, resamples. */
    public void step(S args) {
        if (!initialized) {
            throw new IllegalStateException("SMCFilter: step before init; call init first");
        }
        advance("step", (program, s) -> program.step(s, args));
    }

    private void advance(String phase, BiConsumer<SMCProgram<I, S>, SMCState> call) {
        Map<String, Tensor> before = state.snapshot();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            Trace guideTrace = null;
            if (guide != null) {
                state.lock(true);
                try {
                    guideTrace = traceInParticles(s -> call.accept(guide, s), null);
                } finally {
                    state.lock(false);
                }
            }
            Trace modelTrace = traceInParticles(s -> call.accept(model, s), guideTrace);
            double[] updated = reweighted(phase, modelTrace, guideTrace);
            logWeights = updated;
            maybeResample();
        } catch (RuntimeException e) {
            state.restore(before);
            throw e;
        }
    }

    /** Runs one program in the particle plate, hidden from outer handlers, replayed against {@code replay} if given. */
    private Trace traceInParticles(Consumer<SMCState> body, Trace replay) {
        Model<Object, Void> inPlate = ignored -> {
            try (PlateMessenger particles = Pyrite.plate("particles", numParticles, numParticles, -1 - maxPlateNesting)) {
                body.accept(state);
            }
            return null;
        };
        Model<Object, Void> run = replay == null ? inPlate : Poutine.replay(inPlate, replay);
        Poutine.TracedModel<Object, Void> traced = Poutine.trace(run);
        return Poutine.block((Object a) -> traced.getTrace(a), msg -> true).call(null);
    }

    /** The weights times this step's incremental weights, as Pyro's {@code _update_weights}. */
    private double[] reweighted(String phase, Trace modelTrace, Trace guideTrace) {
        double[] lw = logWeights.clone();
        if (guideTrace != null) {
            for (Site g : guideTrace.latentSites()) {
                Site m = modelTrace.siteOrNull(g.name());
                if (m == null) {
                    throw new IllegalArgumentException("SMCFilter " + phase + ": the guide samples '" + g.name()
                            + "', which the model's " + phase + " does not; name the guide's sites as the model's");
                }
                double[] logP = perParticle(m, phase);
                double[] logQ = perParticle(g, phase);
                for (int i = 0; i < numParticles; i++) {
                    lw[i] += logP[i] - logQ[i];
                }
                requireSomeWeight(lw, phase, g.name());
            }
        }
        for (Site o : modelTrace.observedSites()) {
            double[] logP = perParticle(o, phase);
            for (int i = 0; i < numParticles; i++) {
                lw[i] += logP[i];
            }
            requireSomeWeight(lw, phase, o.name());
        }
        return lw;
    }

    /** A site's log-density summed per particle: the particles are batch dimension {@code -1 - maxPlateNesting}. */
    private double[] perParticle(Site site, String phase) {
        Tensor lp = site.logProb();
        int[] shape = lp.shape();
        int dim = shape.length - 1 - maxPlateNesting;
        boolean ok = dim >= 0 && shape[dim] == numParticles;
        for (int d = 0; ok && d < dim; d++) {
            ok = shape[d] == 1;
        }
        if (!ok) {
            throw new IllegalArgumentException("SMCFilter " + phase + ": site '" + site.name() + "' has log-density shape "
                    + Arrays.toString(shape) + ", but the " + numParticles + " particles should be its batch dimension "
                    + (-1 - maxPlateNesting) + "; sample it inside the step, and give maxPlateNesting as the number of plates"
                    + " the programs nest (now " + maxPlateNesting + ")");
        }
        double[] flat = lp.toArray();
        int inner = flat.length / numParticles;
        double[] out = new double[numParticles];
        for (int i = 0; i < numParticles; i++) {
            double s = 0;
            for (int k = 0; k < inner; k++) {
                s += flat[i * inner + k];
            }
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("SMCFilter " + phase + ": site '" + site.name() + "' has a NaN log-density for particle "
                        + i + "; check its distribution's parameters");
            }
            out[i] = s;
        }
        return out;
    }

    private void requireSomeWeight(double[] lw, String phase, String site) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : lw) {
            max = Math.max(max, v);
        }
        if (!(max > Double.NEGATIVE_INFINITY)) {
            throw new IllegalStateException("SMCFilter " + phase + ": every particle has weight zero after site '" + site
                    + "' (no hypothesis fits the observations); use more particles, a wider proposal, or check the data");
        }
    }

    private void maybeResample() {
        if (state.keys().isEmpty()) {
            return;
        }
        double[] p = normalized(logWeights);
        if (ess(p) < essThreshold * numParticles) {
            logEvidenceBefore += TracePosterior.logSumExp(logWeights) - Math.log(numParticles);
            state.resample(systematic(p, Rng.current().uniform()));
            logWeights = new double[numParticles];
            resamplings++;
        }
    }

    /**
     * Systematic resampling: one uniform {@code u} places {@code n} evenly spaced points
     * {@code (j + u) / n} on the cumulative weights; point {@code j} takes the particle whose
     * interval holds it. Each particle is kept {@code floor(n p_i)} or {@code ceil(n p_i)} times.
     */
    static int[] systematic(double[] probs, double u) {
        int n = probs.length;
        int[] index = new int[n];
        double cumulative = probs[0];
        int i = 0;
        for (int j = 0; j < n; j++) {
            double point = (j + u) / n;
            while (point > cumulative && i < n - 1) {
                i++;
                cumulative += probs[i];
            }
            index[j] = i;
        }
        return index;
    }

    private static double[] normalized(double[] logWeights) {
        double lse = TracePosterior.logSumExp(logWeights);
        double[] p = new double[logWeights.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logWeights[i] - lse);
        }
        return p;
    }

    private static double ess(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v * v;
        }
        return 1.0 / s;
    }

    /** The particles. */
    public SMCState state() {
        return state;
    }

    /** The particles' current log weights (a copy; relative to the last resampling). */
    public double[] logWeights() {
        return logWeights.clone();
    }

    /** The effective sample size of the current weights, {@code 1 / sum p_i^2}. */
    public double effectiveSampleSize() {
        return ess(normalized(logWeights));
    }

    /** How many times the particles were resampled since {@link #init}. */
    public int resamplings() {
        return resamplings;
    }

    /**
     * The estimate of the log evidence {@code log p(y_1..t)} of everything observed since
     * {@link #init}: the sum over resampling epochs of the log mean weight. Its exponent is
     * unbiased; the log itself is biased low by about half its variance.
     */
    public double logEvidence() {
        return logEvidenceBefore + TracePosterior.logSumExp(logWeights) - Math.log(numParticles);
    }

    /** The weighted particles of every state value, as Pyro's {@code get_empirical}. */
    public Map<String, Empirical> getEmpirical() {
        Tensor lw = Tensor.of(logWeights.clone());
        Map<String, Empirical> out = new LinkedHashMap<>();
        for (String key : state.keys()) {
            out.put(key, Empirical.of(state.get(key), lw));
        }
        return out;
    }
}
