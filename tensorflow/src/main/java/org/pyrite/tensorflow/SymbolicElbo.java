package org.pyrite.tensorflow;

import org.pyrite.Model;
import org.pyrite.Poutine;
import java.util.function.Function;
import org.pyrite.distributions.KL;
import org.pyrite.handlers.Messenger;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.ELBO;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.TraceMeanFieldELBO;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * The negative ELBO of {@link TraceELBO} or {@link TraceMeanFieldELBO} as one symbolic tensor,
 * computed from a guide trace and the model replayed against it, exactly as those classes compute
 * it on the CPU but without reading any value (their {@code estimate} reads the loss as a
 * {@code double}, which a graph being traced does not have).
 */
final class SymbolicElbo {
    private static final String PARTICLE_PLATE = "num_particles_vectorized";

    private final boolean meanField;
    private final int particles;
    private final boolean vectorized;
    private int nesting = -1;

    private SymbolicElbo(boolean meanField, int particles, boolean vectorized) {
        this.meanField = meanField;
        this.particles = particles;
        this.vectorized = vectorized && particles > 1;
    }

    /** The symbolic form of {@code elbo}, or an error saying which ELBOs compile. */
    static SymbolicElbo of(ELBO elbo) {
        if (elbo instanceof TraceELBO) {
            TraceELBO e = (TraceELBO) elbo;
            return new SymbolicElbo(false, e.numParticles(), e.vectorizeParticles());
        }
        if (elbo instanceof TraceMeanFieldELBO) {
            TraceMeanFieldELBO e = (TraceMeanFieldELBO) elbo;
            return new SymbolicElbo(true, e.numParticles(), e.vectorizeParticles());
        }
        throw new IllegalArgumentException("CompiledSVI compiles TraceELBO and TraceMeanFieldELBO, not "
                + elbo.getClass().getSimpleName() + "; use the CPU SVI for it");
    }

    /**
     * Finds, for vectorized particles, the deepest plate model and guide use, by running them once
     * on the CPU (Pyro's guess, as the CPU ELBO makes it); call before tracing.
     */
    <A> void prepare(Model<A, ?> model, Model<A, ?> guide, A args) {
        if (!vectorized) {
            return;
        }
        try (Autograd.Scope noTape = Autograd.noGrad()) {
            Trace g = Poutine.trace(guide).getTrace(args);
            Trace m = Poutine.trace(Poutine.replay(model, g)).getTrace(args);
            nesting = Math.max(nesting(g), nesting(m));
        }
    }

    private static int nesting(Trace t) {
        int n = 0;
        for (Site s : t.sites()) {
            for (PlateFrame f : s.frames()) {
                if (f.isVectorized()) {
                    n = Math.max(n, -f.dim());
                }
            }
        }
        return n;
    }

    /** The loss (-ELBO averaged over the particles) of one run of guide and model with {@code args}. */
    <A> Tensor loss(Model<A, ?> model, Model<A, ?> guide, A args) {
        if (vectorized) {
            return vectorizedLoss(model, guide, args);
        }
        Tensor total = null;
        for (int p = 0; p < particles; p++) {
            Trace guideTrace = Poutine.trace(guide).getTrace(args);
            Trace modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
            requireReparameterized(guideTrace);
            Tensor elbo = meanField ? meanFieldElbo(modelTrace, guideTrace, SUM) : traceElbo(modelTrace, guideTrace, SUM);
            total = total == null ? elbo.neg() : total.sub(elbo);
        }
        return particles == 1 ? total : total.div(particles);
    }

    /** All particles in one run, inside an outer plate left of the deepest plate, as the CPU ELBO runs them. */
    private <A> Tensor vectorizedLoss(Model<A, ?> model, Model<A, ?> guide, A args) {
        if (nesting < 0) {
            throw new IllegalStateException("prepare was not called before tracing vectorized particles");
        }
        int dim = -(nesting + 1);
        Trace guideTrace = Poutine.trace(inPlate(guide, dim)).getTrace(args);
        Trace modelTrace = Poutine.trace(Poutine.replay(inPlate(model, dim), guideTrace)).getTrace(args);
        requireReparameterized(guideTrace);
        Function<Tensor, Tensor> toParticles = this::toParticles;
        Tensor elbo = meanField ? meanFieldElbo(modelTrace, guideTrace, toParticles) : traceElbo(modelTrace, guideTrace, toParticles);
        return elbo.mean().neg();
    }

    private <A> Model<A, Object> inPlate(Model<A, ?> m, int dim) {
        return a -> {
            try (Messenger p = new PlateMessenger(PARTICLE_PLATE, particles, particles, dim, true).enter()) {
                return m.call(a);
            }
        };
    }

    /** A site's log-density summed over every dimension but the particle dimension. */
    private Tensor toParticles(Tensor lp) {
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
        return r.numel() == particles ? r : r.expand(particles);
    }

    /** Everything summed to a scalar. */
    private static final Function<Tensor, Tensor> SUM = lp -> lp.isScalar() ? lp : lp.sum();

    private static void requireReparameterized(Trace guideTrace) {
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && !s.isObserved() && !s.distribution().hasRsample()) {
                throw new UnsupportedOperationException("guide site '" + s.name() + "' (" + s.distribution().getClass().getSimpleName()
                        + ") has no reparameterized sampler; score-function gradients do not compile yet, use the CPU SVI");
            }
        }
    }

    /** A site's contribution: its scaled log-density reduced by {@code reduce}. */
    private static Tensor site(Site s, Function<Tensor, Tensor> reduce) {
        return reduce == SUM ? s.logProbSum() : reduce.apply(s.logProb());
    }

    private static Tensor traceElbo(Trace modelTrace, Trace guideTrace, Function<Tensor, Tensor> reduce) {
        Tensor elbo = Tensor.scalar(0.0);
        for (Site s : modelTrace.sites()) {
            if (s.isSample()) {
                elbo = elbo.add(site(s, reduce));
            }
        }
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && !s.isObserved()) {
                elbo = elbo.sub(site(s, reduce));
            }
        }
        return elbo;
    }

    private static Tensor meanFieldElbo(Trace modelTrace, Trace guideTrace, Function<Tensor, Tensor> reduce) {
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
                elbo = elbo.sub(reduce.apply(g.scale() == 1.0 ? kl : kl.mul(g.scale())));
            } else {
                elbo = elbo.add(site(m, reduce));
                if (g != null && g.isSample()) {
                    elbo = elbo.sub(site(g, reduce));
                }
            }
        }
        for (Site g : guideTrace.sites()) {
            if (g.isSample() && !g.isObserved() && !modelTrace.contains(g.name())) {
                elbo = elbo.sub(site(g, reduce));
            }
        }
        return elbo;
    }
}
