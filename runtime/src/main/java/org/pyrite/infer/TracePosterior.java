package org.pyrite.infer;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.pyrite.handlers.Trace;

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
    private final List<Trace> traces;
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
        this.logWeights = logWeights.clone();
    }

    private TracePosterior(Trace[] traces, double[] logWeights) {
        this.traces = Arrays.asList(traces);
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
        return new TracePosterior(traces, logWeights);
    }

    /** The traces, in the order they were drawn. */
    public List<Trace> traces() {
        return Collections.unmodifiableList(traces);
    }

    /** How many traces. */
    public int size() {
        return traces.size();
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
