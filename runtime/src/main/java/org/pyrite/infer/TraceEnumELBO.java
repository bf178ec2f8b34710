package org.pyrite.infer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.handlers.EnumMessenger;
import org.pyrite.handlers.EnumeratedTerms;
import org.pyrite.handlers.GuideEnumeratedElbo;
import org.pyrite.handlers.Messenger;
import org.pyrite.handlers.TraceMessenger;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * The ELBO with enumerated discrete sites summed out exactly (Pyro's {@code TraceEnum_ELBO}).
 * Model sites marked {@code enumerate=parallel} (or all enumerable latent sites of a model wrapped
 * in {@code Poutine.configEnumerate}) take their whole support along a dimension left of the
 * {@code maxPlateNesting} plate dimensions; the model's log-density is then contracted over those
 * dimensions: each enumerated site summed inside the plates it sits in, the plate's product taken
 * after. The guide covers the other latent sites; a guide may enumerate its own discrete sites
 * too ({@code Poutine.configEnumerate(guide)}), and then every term is averaged exactly over them,
 * weighted by their guide probabilities (not combined with model-side enumeration in one run).
 *
 * <pre>{@code
 * SVI<Tensor> svi = new SVI<>(Poutine.configEnumerate(model), guide, new Adam(0.05), new TraceEnumELBO(1));
 * }</pre>
 *
 * <p>The value is exact in the enumerated sites, so a model whose latent sites are all enumerated
 * has {@code -loss} equal to its log marginal likelihood. Gradients flow through the contraction,
 * and pathwise through reparameterized guide sites. A discrete guide site that is sampled (neither
 * reparameterized nor enumerated) gets the score-function term {@code log q(z) * stopgrad(elbo)},
 * unbiased but without Rao-Blackwellization. A guide that samples (rather than enumerates) a site
 * the model enumerates is an error naming it.
 */
public final class TraceEnumELBO implements ELBO {
    private final int maxPlateNesting;
    private final int numParticles;

    /** The enumerated ELBO for models whose plates nest at most {@code maxPlateNesting} deep. */
    public TraceEnumELBO(int maxPlateNesting) {
        this(maxPlateNesting, 1);
    }

    /** As {@link #TraceEnumELBO(int)}, averaging {@code numParticles} runs of the guide per estimate. */
    public TraceEnumELBO(int maxPlateNesting, int numParticles) {
        if (maxPlateNesting < 0) {
            throw new IllegalArgumentException("TraceEnumELBO: maxPlateNesting must be >= 0, got " + maxPlateNesting);
        }
        if (numParticles < 1) {
            throw new IllegalArgumentException("TraceEnumELBO: numParticles must be >= 1, got " + numParticles);
        }
        this.maxPlateNesting = maxPlateNesting;
        this.numParticles = numParticles;
    }

    /** The plate nesting the enumeration dimensions are laid left of. */
    public int maxPlateNesting() {
        return maxPlateNesting;
    }

    @Override
    public <A> Estimate estimate(Model<A, ?> model, Model<A, ?> guide, A args, boolean checkSites) {
        int first = -1 - maxPlateNesting;
        Set<String> params = new LinkedHashSet<>();
        double loss = 0.0;
        Tensor surrogate = null;
        for (int p = 0; p < numParticles; p++) {
            Trace guideTrace;
            EnumMessenger guideEnum = new EnumMessenger(first);
            try (TraceMessenger tracer = new TraceMessenger().enter(); Messenger e = guideEnum.enter()) {
                guide.call(args);
                guideTrace = tracer.trace();
            }
            Trace modelTrace;
            // The model's enumeration continues the guide's: replayed guide values keep their dims.
            EnumMessenger modelEnum = new EnumMessenger(first, guideEnum.heldDims(), guideEnum.variableNames(), guideEnum.nextId());
            try (TraceMessenger tracer = new TraceMessenger().enter(); Messenger e = modelEnum.enter()) {
                Poutine.replay(model, guideTrace).call(args);
                modelTrace = tracer.trace();
            }
            checkModel(modelTrace, guideTrace, checkSites && p == 0);
            Tensor elbo;
            if (GuideEnumeratedElbo.applies(guideTrace)) {
                elbo = GuideEnumeratedElbo.of(modelTrace, guideTrace, maxPlateNesting);
            } else {
                elbo = EnumeratedTerms.of(modelTrace, maxPlateNesting).contract(false);
                for (Site s : guideTrace.sites()) {
                    if (s.isSample() && !s.isObserved()) {
                        elbo = elbo.sub(s.logProbSum());
                    }
                }
            }
            double value = elbo.item();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                List<String> bad = new ArrayList<>();
                modelTrace.nonFiniteSites().forEach(s -> bad.add("model site " + s));
                guideTrace.nonFiniteSites().forEach(s -> bad.add("guide site " + s));
                throw new IllegalStateException("the enumerated ELBO is " + value + (bad.isEmpty() ? "" : "; not finite: "
                        + String.join("; ", bad)) + ". Check the parameters' constraints and the values the guide proposes");
            }
            loss -= value;
            Tensor scores = scoreTerms(guideTrace, value);
            Tensor particle = scores == null ? elbo : elbo.add(scores);
            surrogate = surrogate == null ? particle.neg() : surrogate.sub(particle);
            collectParams(guideTrace, params);
            collectParams(modelTrace, params);
        }
        if (numParticles > 1) {
            surrogate = surrogate.div(numParticles);
        }
        return new Estimate(loss / numParticles, surrogate, new ArrayList<>(params));
    }

    /**
     * The score-function terms of the guide's sampled discrete sites (neither reparameterized nor
     * enumerated): {@code log q(z) * stopgrad(elbo)}, the whole particle's ELBO as the cost (no
     * Rao-Blackwellization: the contracted model term does not split by site).
     */
    @SuppressWarnings("unchecked")
    private static Tensor scoreTerms(Trace guideTrace, double elbo) {
        Tensor total = null;
        for (Site s : guideTrace.sites()) {
            if (!s.isSample() || s.isObserved() || s.infer().containsKey(EnumMessenger.VAR_KEY) || s.distribution().hasRsample()) {
                continue;
            }
            java.util.Map<Integer, Integer> dims = (java.util.Map<Integer, Integer>) s.infer().get(EnumMessenger.DIMS_KEY);
            if (dims != null && !dims.isEmpty()) {
                throw new UnsupportedOperationException("guide site '" + s.name() + "' is sampled without a reparameterized"
                        + " sampler but depends on an enumerated guide site; enumerate it too, or make it independent of"
                        + " the enumerated sites");
            }
            Tensor score = s.distribution().logProb(s.value());
            Tensor term = (score.isScalar() ? score : score.sum()).mul(elbo);
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static void checkModel(Trace modelTrace, Trace guideTrace, boolean checkSites) {
        for (Site m : modelTrace.sites()) {
            if (!m.isSample() || m.isObserved()) {
                continue;
            }
            boolean enumerated = m.infer().containsKey(EnumMessenger.VAR_KEY);
            Site g = guideTrace.siteOrNull(m.name());
            boolean enumeratedInGuide = g != null && g.infer().containsKey(EnumMessenger.VAR_KEY);
            if (!enumerated && !enumeratedInGuide && "parallel".equals(m.infer().get("enumerate"))) {
                throw new IllegalArgumentException("site '" + m.name() + "' is enumerated in the model, but the guide samples it;"
                        + " TraceEnumELBO sums it out in the model, so remove it from the guide (for an autoguide, block it"
                        + " from the model the guide sees: Poutine.block(model, \"" + m.name() + "\"))");
            }
            if (checkSites && !enumerated && !guideTrace.contains(m.name()) && !Boolean.TRUE.equals(m.infer().get("_deterministic"))) {
                throw new IllegalArgumentException("the guide does not match the model: latent model site '" + m.name()
                        + "' is neither in the guide nor enumerated (the model would silently sample it from the prior); add it"
                        + " to the guide, or mark it enumerate=parallel if its distribution has a finite support");
            }
        }
        if (checkSites) {
            for (Site g : guideTrace.sites()) {
                if (g.isSample() && !modelTrace.contains(g.name()) && !Boolean.TRUE.equals(g.infer().get("is_auxiliary"))
                        && !Boolean.TRUE.equals(g.infer().get("_deterministic"))) {
                    throw new IllegalArgumentException("the guide does not match the model: guide site '" + g.name()
                            + "' is not in the model; rename it to match a model site, or remove it");
                }
            }
        }
    }

    private static void collectParams(Trace t, Set<String> into) {
        for (Site s : t.sites()) {
            if (s.isParam()) {
                into.add(s.name());
            }
        }
    }
}
