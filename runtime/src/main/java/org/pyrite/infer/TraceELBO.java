package org.pyrite.infer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * The Monte Carlo ELBO of Pyro's {@code Trace_ELBO}: per particle, run the guide, replay the
 * model against it, and take {@code log p(model trace) - log q(guide trace)}.
 *
 * <pre>{@code
 * SVI<Double> svi = new SVI<>(conditioned, guide, new Adam(0.01), new TraceELBO());
 * }</pre>
 *
 * <p>Gradients: reparameterized guide sites pass gradients pathwise through their values; for
 * the others the surrogate adds the score-function term {@code log q(z) * stopgrad(elbo)}, so the
 * gradient is unbiased for discrete and other non-reparameterizable latents too (without
 * Pyro's dependency-based variance reduction).
 */
public final class TraceELBO implements ELBO {
    private final int numParticles;

    /** One particle per estimate. */
    public TraceELBO() {
        this(1);
    }

    /** {@code numParticles} independent particles averaged per estimate. */
    public TraceELBO(int numParticles) {
        if (numParticles < 1) {
            throw new IllegalArgumentException("TraceELBO: numParticles must be >= 1, got " + numParticles);
        }
        this.numParticles = numParticles;
    }

    /** Particles per estimate. */
    public int numParticles() {
        return numParticles;
    }

    @Override
    public <A> Estimate estimate(Model<A, ?> model, Model<A, ?> guide, A args, boolean checkSites) {
        double loss = 0.0;
        Tensor surrogate = null;
        Set<String> params = new LinkedHashSet<>();
        for (int p = 0; p < numParticles; p++) {
            Trace guideTrace = Poutine.trace(guide).getTrace(args);
            Trace modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
            if (checkSites && p == 0) {
                checkSitesMatch(modelTrace, guideTrace);
            }
            Tensor elbo = modelTrace.logProbSum().sub(guideTrace.logProbSum());
            double value = elbo.item();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                List<String> bad = new ArrayList<>();
                for (String s : modelTrace.nonFiniteSites()) {
                    bad.add("model site " + s);
                }
                for (String s : guideTrace.nonFiniteSites()) {
                    bad.add("guide site " + s);
                }
                throw new IllegalStateException("the ELBO is " + value + (bad.isEmpty() ? "" : "; not finite: " + String.join("; ", bad))
                        + ". Check the parameters' constraints and the values the guide proposes");
            }
            Tensor surrogateElbo = elbo;
            Tensor weight = elbo.detach();
            for (Site s : guideTrace.sites()) {
                if (s.isSample() && !s.isObserved() && !s.distribution().hasRsample()) {
                    surrogateElbo = surrogateElbo.add(s.logProbSum().mul(weight));
                }
            }
            loss -= value;
            Tensor particle = surrogateElbo.neg();
            surrogate = surrogate == null ? particle : surrogate.add(particle);
            collectParams(guideTrace, params);
            collectParams(modelTrace, params);
        }
        if (numParticles > 1) {
            surrogate = surrogate.div(numParticles);
        }
        return new Estimate(loss / numParticles, surrogate, new ArrayList<>(params));
    }

    private static void collectParams(Trace t, Set<String> into) {
        for (Site s : t.sites()) {
            if (s.isParam()) {
                into.add(s.name());
            }
        }
    }

    /** Latent model sites must all be in the guide, and every guide sample site must be in the model. */
    static void checkSitesMatch(Trace modelTrace, Trace guideTrace) {
        List<String> missingInGuide = new ArrayList<>();
        for (Site s : modelTrace.latentSites()) {
            if (!guideTrace.contains(s.name()) && !Boolean.TRUE.equals(s.infer().get("_deterministic"))) {
                missingInGuide.add(s.name());
            }
        }
        List<String> missingInModel = new ArrayList<>();
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && !modelTrace.contains(s.name()) && !Boolean.TRUE.equals(s.infer().get("_deterministic"))) {
                missingInModel.add(s.name());
            }
        }
        if (missingInGuide.isEmpty() && missingInModel.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("the guide does not match the model:");
        if (!missingInGuide.isEmpty()) {
            msg.append(" latent model sites missing from the guide: ").append(missingInGuide)
                    .append(" (the model would silently sample them from the prior; add them to the guide)");
        }
        if (!missingInModel.isEmpty()) {
            msg.append(missingInGuide.isEmpty() ? "" : ";").append(" guide sites missing from the model: ").append(missingInModel)
                    .append(" (rename them to match model sites or remove them)");
        }
        throw new IllegalArgumentException(msg.toString());
    }
}
