package org.pyrite.infer;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyrite.diagnostics.Names;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * A weighted collection of execution traces: what importance sampling returns (Pyro's
 * {@code TracePosterior} after {@code run}). Immutable.
 *
 * <pre>{@code
 * TracePosterior post = new Importance<>(conditioned, 1000).run(8.5);
 * double logEvidence = post.logNormalizer();
 * double ess = post.effectiveSampleSize();
 * EmpiricalMarginal w = new EmpiricalMarginal(post, "weight");
 * }</pre>
 */
public final class TracePosterior {
    /** The traces, or {@code null} when only some sites' values were kept. */
    private final List<Trace> traces;
    /** Site name to its values stacked along a leading sample dimension, when traces were not kept. */
    private final Map<String, Tensor> kept;
    private final double[] logWeights;

    /** Traces with their log importance weights. */
    public TracePosterior(List<Trace> traces, double[] logWeights) {
        if (traces.size() != logWeights.length) {
            throw new IllegalArgumentException(traces.size() + " traces but " + logWeights.length + " log weights");
        }
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("a posterior needs at least one trace");
        }
        this.traces = List.copyOf(traces);
        this.kept = null;
        this.logWeights = logWeights.clone();
    }

    private TracePosterior(List<Trace> traces, Map<String, Tensor> kept, double[] logWeights) {
        this.traces = traces;
        this.kept = kept;
        this.logWeights = logWeights;
    }

    /**
     * A posterior that takes ownership of freshly drawn arrays, without the defensive copies of the
     * public constructor (10,000 traces are a serial copy at the end of a parallel run).
     */
    static TracePosterior owning(Trace[] traces, double[] logWeights) {
        if (traces.length != logWeights.length || traces.length == 0) {
            throw new IllegalArgumentException(traces.length + " traces and " + logWeights.length + " log weights; need the same number, at least one");
        }
        return new TracePosterior(Arrays.asList(traces), null, logWeights);
    }

    /** A posterior of some sites' values only (stacked along a leading sample dimension) and the log weights. */
    static TracePosterior keeping(Map<String, Tensor> values, double[] logWeights) {
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            if (e.getValue().size(0) != logWeights.length) {
                throw new IllegalArgumentException("site '" + e.getKey() + "' has " + e.getValue().size(0) + " values for "
                        + logWeights.length + " log weights");
            }
        }
        return new TracePosterior(null, Collections.unmodifiableMap(new LinkedHashMap<>(values)), logWeights);
    }

    /**
     * Whether the whole traces were kept; {@code false} for a run that kept only some sites'
     * values ({@link Importance#keepingOnly}).
     */
    public boolean hasTraces() {
        return traces != null;
    }

    /**
     * The values of site {@code site} in every sample, stacked along a leading sample dimension,
     * from the traces or from the values a {@link Importance#keepingOnly} run kept.
     */
    public Tensor values(String site) {
        if (kept != null) {
            Tensor v = kept.get(site);
            if (v == null) {
                throw new IllegalArgumentException("this posterior kept only the values of sites " + kept.keySet() + ", not '" + site
                        + "'" + Names.didYouMean(site, kept.keySet()) + "; name it in Importance.keepingOnly");
            }
            return v;
        }
        Tensor[] values = new Tensor[traces.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = traces.get(i).site(site).value().detach();
        }
        return Tensor.stack(0, values);
    }

    /** The traces, in the order they were drawn; not available after a {@link Importance#keepingOnly} run. */
    public List<Trace> traces() {
        if (traces == null) {
            throw new IllegalStateException("this posterior kept only the values of sites " + kept.keySet()
                    + " (Importance.keepingOnly), not the traces; read them with values(site), or run without keepingOnly");
        }
        return Collections.unmodifiableList(traces);
    }

    /** How many samples. */
    public int size() {
        return logWeights.length;
    }

    /** The log importance weights (a copy). */
    public double[] logWeights() {
        return logWeights.clone();
    }

    /**
     * The log of the mean importance weight: an estimate of the log evidence
     * {@code log p(observations)} (Pyro's {@code get_log_normalizer}).
     */
    public double logNormalizer() {
        return logSumExp(logWeights) - Math.log(logWeights.length);
    }

    /** The weights normalized to sum to 1. */
    public double[] normalizedWeights() {
        double lse = logSumExp(logWeights);
        double[] w = new double[logWeights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logWeights[i] - lse);
        }
        return w;
    }

    /** Kish's effective sample size {@code 1 / sum(w_i^2)} of the normalized weights. */
    public double effectiveSampleSize() {
        double s = 0;
        for (double w : normalizedWeights()) {
            s += w * w;
        }
        return 1.0 / s;
    }

    static double logSumExp(double[] xs) {
        double max = Arrays.stream(xs).max().orElse(Double.NEGATIVE_INFINITY);
        if (Double.isInfinite(max)) {
            return max;
        }
        double s = 0;
        for (double x : xs) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s);
    }
}
