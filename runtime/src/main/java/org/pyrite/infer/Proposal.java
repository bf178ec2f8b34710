package org.pyrite.infer;

import java.util.Objects;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;

/**
 * A proposal for samplers that accept or reject whole traces (rejection sampling, independent
 * Metropolis-Hastings): a model trace drawn from the guide, or from the model's prior when there is
 * no guide, with its log importance weight {@code log p(x, z) - log q(z)}, which is the
 * log-likelihood of the observed sites under a prior proposal. The same weights as
 * {@link Importance}'s, and the same guide check as SVI's.
 */
final class Proposal<A> {
    private final Model<A, ?> model;
    private final Model<A, ?> guide;
    private final Poutine.TracedModel<A, ?> tracedModel;
    private final Poutine.TracedModel<A, ?> tracedGuide;
    private boolean checked;

    Proposal(Model<A, ?> model, Model<A, ?> guide) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        this.tracedModel = Poutine.trace(model);
        this.tracedGuide = guide == null ? null : Poutine.trace(guide);
    }

    /** Whether the proposal is the model's prior. */
    boolean fromPrior() {
        return guide == null;
    }

    /** Draws one model trace (the caller holds a no-grad scope) and its log weight. */
    Weighted draw(A args) {
        if (guide == null) {
            Trace t = tracedModel.getTrace(args);
            return new Weighted(t, t.logProbSum(Site::isObserved).item());
        }
        Trace guideTrace = tracedGuide.getTrace(args);
        Trace modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
        if (!checked) {
            TraceELBO.checkSitesMatch(modelTrace, guideTrace);
            checked = true;
        }
        return new Weighted(modelTrace, modelTrace.logProbSum().item() - guideTrace.logProbSum().item());
    }

    /** A model trace and its log weight. */
    static final class Weighted {
        final Trace trace;
        final double logWeight;

        Weighted(Trace trace, double logWeight) {
            this.trace = trace;
            this.logWeight = logWeight;
        }
    }
}
