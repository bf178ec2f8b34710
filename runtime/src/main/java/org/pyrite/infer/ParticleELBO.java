package org.pyrite.infer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * The machinery {@link TraceELBO} and {@link TraceMeanFieldELBO} share: particles run one after
 * another or all at once in an outer particle plate, the site checks, the non-finite-loss report,
 * and the score-function terms. Subclasses say how one pair of traces makes an ELBO.
 */
abstract class ParticleELBO implements ELBO {
    private final int numParticles;
    private final boolean vectorize;
    private volatile int maxPlateNesting = -1;

    ParticleELBO(String name, int numParticles, boolean vectorize) {
        if (numParticles < 1) {
            throw new IllegalArgumentException(name + ": numParticles must be >= 1, got " + numParticles);
        }
        this.numParticles = numParticles;
        this.vectorize = vectorize;
    }

    /** Particles per estimate. */
    public final int numParticles() {
        return numParticles;
    }

    /** Whether particles run at once in an outer plate. */
    public final boolean vectorizeParticles() {
        return vectorize;
    }

    /** How a particle's log-densities are reduced: to a scalar, or to one value per vectorized particle. */
    interface Reduction extends UnaryOperator<Tensor> {
        /** A site's reduced (scaled, masked) log-density. */
        default Tensor site(Site s) {
            return apply(s.logProb());
        }
    }

    /** Everything summed to a scalar: a site's sum comes from {@link Site#logProbSum()}. */
    static final Reduction SUM_ALL = new Reduction() {
        @Override
        public Tensor apply(Tensor lp) {
            return lp.isScalar() ? lp : lp.sum();
        }

        @Override
        public Tensor site(Site s) {
            return s.logProbSum();
        }
    };

    /**
     * The ELBO of one model/guide trace pair, each site's contribution reduced by {@code reduce}
     * (to a scalar, or to one value per vectorized particle).
     */
    abstract Tensor elbo(Trace modelTrace, Trace guideTrace, Reduction reduce);

    @Override
    public final <A> Estimate estimate(Model<A, ?> model, Model<A, ?> guide, A args, boolean checkSites) {
        Set<String> params = new LinkedHashSet<>();
        if (vectorize && numParticles > 1) {
            int nesting = maxPlateNesting(model, guide, args);
            int dim = -(nesting + 1);
            Trace guideTrace = Poutine.trace(ParticleELBOSupport.inPlate(guide, numParticles, dim)).getTrace(args);
            Trace modelTrace = Poutine.trace(Poutine.replay(ParticleELBOSupport.inPlate(model, numParticles, dim), guideTrace)).getTrace(args);
            if (checkSites) {
                TraceELBO.checkSitesMatch(modelTrace, guideTrace);
            }
            Reduction toParticles = lp -> toParticles(lp, nesting);
            Tensor elbo = elbo(modelTrace, guideTrace, toParticles);
            double loss = -elbo.mean().item();
            requireFinite(loss, modelTrace, guideTrace);
            Tensor surrogate = withScoreTerms(elbo, modelTrace, guideTrace, toParticles).mean().neg();
            collectParams(guideTrace, params);
            collectParams(modelTrace, params);
            return new Estimate(loss, surrogate, new ArrayList<>(params));
        }
        double loss = 0.0;
        Tensor surrogate = null;
        for (int p = 0; p < numParticles; p++) {
            Trace guideTrace = Poutine.trace(guide).getTrace(args);
            Trace modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
            if (checkSites && p == 0) {
                TraceELBO.checkSitesMatch(modelTrace, guideTrace);
            }
            Tensor elbo = elbo(modelTrace, guideTrace, SUM_ALL);
            double value = elbo.item();
            requireFinite(value, modelTrace, guideTrace);
            loss -= value;
            Tensor particle = withScoreTerms(elbo, modelTrace, guideTrace, SUM_ALL).neg();
            surrogate = surrogate == null ? particle : surrogate.add(particle);
            collectParams(guideTrace, params);
            collectParams(modelTrace, params);
        }
        if (numParticles > 1) {
            surrogate = surrogate.div(numParticles);
        }
        return new Estimate(loss / numParticles, surrogate, new ArrayList<>(params));
    }

    /**
     * The surrogate whose gradient estimates the ELBO's: {@code elbo} plus, for each guide site
     * without a reparameterized sampler, Pyro's score-function term {@code sum(log q(z) *
     * stopgrad(cost))}, where an entry's cost is the model's minus the guide's log-density summed
     * down to that site's own plates ({@link MultiFrameTensor#sumTo}); {@code log q(z)} is unscaled
     * and unmasked there, as in Pyro's {@code ScoreParts}. Such a site's own {@code -log q(z)}, whose
     * gradient has expectation zero, is left out of the surrogate, as Pyro leaves it out.
     */
    private static Tensor withScoreTerms(Tensor elbo, Trace modelTrace, Trace guideTrace, Reduction reduce) {
        Tensor surrogate = elbo;
        MultiFrameTensor logR = null;
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && !s.isObserved() && !s.distribution().hasRsample()) {
                if (logR == null) {
                    logR = MultiFrameTensor.logR(modelTrace, guideTrace);
                }
                Tensor score = s.distribution().logProb(s.value());
                Tensor cost = logR.sumTo(s.frames());
                // elbo holds this site's -log q(z) (its value counts); adding it back removes its gradient.
                surrogate = surrogate.add(reduce.site(s)).add(reduce.apply(cost.mul(score)));
            }
        }
        return surrogate;
    }

    private static void requireFinite(double value, Trace modelTrace, Trace guideTrace) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            return;
        }
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

    private static void collectParams(Trace t, Set<String> into) {
        for (Site s : t.sites()) {
            if (s.isParam()) {
                into.add(s.name());
            }
        }
    }

    /** The deepest plate dimension model and guide use, found by tracing both once (Pyro's guess). */
    private <A> int maxPlateNesting(Model<A, ?> model, Model<A, ?> guide, A args) {
        int n = maxPlateNesting;
        if (n < 0) {
            try (org.pyrite.tensor.Autograd.Scope noGrad = org.pyrite.tensor.Autograd.noGrad()) {
                Trace g = Poutine.trace(guide).getTrace(args);
                Trace m = Poutine.trace(Poutine.replay(model, g)).getTrace(args);
                n = Math.max(ParticleELBOSupport.nesting(g), ParticleELBOSupport.nesting(m));
            }
            maxPlateNesting = n;
        }
        return n;
    }

    /** Sums a site's log-density over every dimension but the particle dimension: one value per particle. */
    private Tensor toParticles(Tensor lp, int nesting) {
        int axis = lp.rank() - (nesting + 1);
        if (axis < 0) {
            throw new IllegalStateException("a site's log-density has shape " + java.util.Arrays.toString(lp.shape())
                    + ", too few dimensions for the particle plate at dim " + (-(nesting + 1))
                    + "; declare batch dimensions with plates so vectorized particles can find them");
        }
        int[] others = new int[lp.rank() - 1];
        for (int i = 0, j = 0; i < lp.rank(); i++) {
            if (i != axis) {
                others[j++] = i;
            }
        }
        Tensor r = others.length == 0 ? lp : lp.sum(others, false);
        return r.numel() == numParticles ? r : r.expand(numParticles);
    }
}
