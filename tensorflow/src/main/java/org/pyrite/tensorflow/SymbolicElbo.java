package org.pyrite.tensorflow;

import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.distributions.KL;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.ELBO;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.TraceMeanFieldELBO;
import org.pyrite.tensor.Tensor;

/**
 * The negative ELBO of {@link TraceELBO} or {@link TraceMeanFieldELBO} as one symbolic tensor,
 * computed from a guide trace and the model replayed against it, exactly as those classes compute
 * it on the CPU but without reading any value (their {@code estimate} reads the loss as a
 * {@code double}, which a graph being traced does not have).
 */
final class SymbolicElbo {
    private final boolean meanField;
    private final int particles;

    private SymbolicElbo(boolean meanField, int particles) {
        this.meanField = meanField;
        this.particles = particles;
    }

    /** The symbolic form of {@code elbo}, or an error saying which ELBOs compile. */
    static SymbolicElbo of(ELBO elbo) {
        if (elbo instanceof TraceELBO) {
            TraceELBO e = (TraceELBO) elbo;
            requireSequential(e.vectorizeParticles(), e.numParticles());
            return new SymbolicElbo(false, e.numParticles());
        }
        if (elbo instanceof TraceMeanFieldELBO) {
            TraceMeanFieldELBO e = (TraceMeanFieldELBO) elbo;
            requireSequential(e.vectorizeParticles(), e.numParticles());
            return new SymbolicElbo(true, e.numParticles());
        }
        throw new IllegalArgumentException("CompiledSVI compiles TraceELBO and TraceMeanFieldELBO, not "
                + elbo.getClass().getSimpleName() + "; use the CPU SVI for it");
    }

    private static void requireSequential(boolean vectorize, int n) {
        if (vectorize && n > 1) {
            throw new UnsupportedOperationException("vectorized particles do not compile yet; use numParticles " + n
                    + " without vectorizeParticles (the particles are unrolled into the graph) or the CPU SVI");
        }
    }

    /** The loss (-ELBO averaged over the particles) of one run of guide and model with {@code args}. */
    <A> Tensor loss(Model<A, ?> model, Model<A, ?> guide, A args) {
        Tensor total = null;
        for (int p = 0; p < particles; p++) {
            Trace guideTrace = Poutine.trace(guide).getTrace(args);
            Trace modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
            requireReparameterized(guideTrace);
            Tensor elbo = meanField ? meanFieldElbo(modelTrace, guideTrace) : traceElbo(modelTrace, guideTrace);
            total = total == null ? elbo.neg() : total.sub(elbo);
        }
        return particles == 1 ? total : total.div(particles);
    }

    private static void requireReparameterized(Trace guideTrace) {
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && !s.isObserved() && !s.distribution().hasRsample()) {
                throw new UnsupportedOperationException("guide site '" + s.name() + "' (" + s.distribution().getClass().getSimpleName()
                        + ") has no reparameterized sampler; score-function gradients do not compile yet, use the CPU SVI");
            }
        }
    }

    private static Tensor traceElbo(Trace modelTrace, Trace guideTrace) {
        Tensor elbo = Tensor.scalar(0.0);
        for (Site s : modelTrace.sites()) {
            if (s.isSample()) {
                elbo = elbo.add(s.logProbSum());
            }
        }
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && !s.isObserved()) {
                elbo = elbo.sub(s.logProbSum());
            }
        }
        return elbo;
    }

    private static Tensor meanFieldElbo(Trace modelTrace, Trace guideTrace) {
        Tensor elbo = Tensor.scalar(0.0);
        for (Site m : modelTrace.sites()) {
            if (!m.isSample()) {
                continue;
            }
            Site g = m.isObserved() ? null : guideTrace.siteOrNull(m.name());
            if (g != null && g.isSample() && KL.isRegistered(g.distribution(), m.distribution())) {
                Tensor kl = KL.divergence(g.distribution(), m.distribution());
                if (g.mask() != null) {
                    kl = Tensor.where(g.mask(), kl, Tensor.scalar(0.0));
                }
                Tensor scaled = g.scale() == 1.0 ? kl : kl.mul(g.scale());
                elbo = elbo.sub(scaled.isScalar() ? scaled : scaled.sum());
            } else {
                elbo = elbo.add(m.logProbSum());
                if (g != null && g.isSample()) {
                    elbo = elbo.sub(g.logProbSum());
                }
            }
        }
        for (Site g : guideTrace.sites()) {
            if (g.isSample() && !g.isObserved() && !modelTrace.contains(g.name())) {
                elbo = elbo.sub(g.logProbSum());
            }
        }
        return elbo;
    }
}
