package org.pyrite.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
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

    /** Importance sampling with the model's prior as the proposal. */
    public Importance(Model<A, R> model, int numSamples) {
        this(model, null, numSamples);
    }

    /** Importance sampling with {@code guide} (same arguments as the model) as the proposal. */
    public Importance(Model<A, R> model, Model<A, ?> guide, int numSamples) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        if (numSamples < 1) {
            throw new IllegalArgumentException("Importance: numSamples must be >= 1, got " + numSamples);
        }
        this.numSamples = numSamples;
    }

    /** Draws {@code numSamples} weighted traces for these arguments. */
    public TracePosterior run(A args) {
        List<Trace> traces = new ArrayList<>(numSamples);
        double[] logWeights = new double[numSamples];
        // Weights need values only: no gradient record is kept while sampling.
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int i = 0; i < numSamples; i++) {
                Trace modelTrace;
                double logWeight;
                if (guide == null) {
                    modelTrace = Poutine.trace(model).getTrace(args);
                    logWeight = 0.0;
                    for (Site s : modelTrace.observedSites()) {
                        logWeight += s.logProbSum().item();
                    }
                } else {
                    Trace guideTrace = Poutine.trace(guide).getTrace(args);
                    modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
                    logWeight = modelTrace.logProbSum().item() - guideTrace.logProbSum().item();
                }
                traces.add(modelTrace);
                logWeights[i] = logWeight;
            }
        }
        return new TracePosterior(traces, logWeights);
    }
}
