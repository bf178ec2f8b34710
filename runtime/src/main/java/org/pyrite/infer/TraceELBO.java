package org.pyrite.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pyrite.distributions.Distribution;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The Monte Carlo ELBO of Pyro's {@code Trace_ELBO}: per particle, run the guide, replay the
 * model against it, and take {@code log p(model trace) - log q(guide trace)}.
 *
 * <pre>{@code
 * SVI<Double> svi = new SVI<>(conditioned, guide, new Adam(0.01), new TraceELBO());
 * ELBO eight = new TraceELBO(8, true);   // eight particles in one vectorized run
 * }</pre>
 *
 * <p>Gradients: reparameterized guide sites pass gradients pathwise through their values; for
 * the others the surrogate adds Pyro's score-function term {@code sum(log q(z) * stopgrad(cost))},
 * where each entry of a plate is charged with the model's minus the guide's log-density summed
 * down to that site's own plates (so the entries of a plate do not charge each other), and leaves
 * out the site's own {@code -log q(z)}, whose gradient has expectation zero. The gradient is
 * unbiased for discrete and other non-reparameterizable latents; dependency tracking beyond plates
 * (Pyro's {@code TraceGraph_ELBO}) is not done here.
 *
 * <p>With {@code vectorizeParticles}, model and guide run once inside an outer plate of
 * {@code numParticles} entries, on the dimension left of the deepest plate they use (found by
 * tracing them once), as Pyro's {@code vectorize_particles}; models must then declare their batch
 * dimensions with plates.
 */
public final class TraceELBO extends ParticleELBO {
    /** One particle per estimate. */
    public TraceELBO() {
        this(1);
    }

    /** {@code numParticles} independent particles averaged per estimate, run one after another. */
    public TraceELBO(int numParticles) {
        this(numParticles, false);
    }

    /** {@code numParticles} particles, vectorized in one run when {@code vectorizeParticles}. */
    public TraceELBO(int numParticles, boolean vectorizeParticles) {
        super("TraceELBO", numParticles, vectorizeParticles);
    }

    @Override
    Tensor elbo(Trace modelTrace, Trace guideTrace, Reduction reduce) {
        Tensor elbo = null;
        for (Site s : modelTrace.sites()) {
            if (s.isSample()) {
                Tensor lp = reduce.site(s);
                elbo = elbo == null ? lp : elbo.add(lp);
            }
        }
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && !s.isObserved()) {
                Tensor lq = reduce.site(s);
                elbo = elbo == null ? lq.neg() : elbo.sub(lq);
            }
        }
        return elbo == null ? Tensor.scalar(0.0) : elbo;
    }

    /** Latent model sites must all be in the guide, and every guide sample site must be in the model. */
    static void checkSitesMatch(Trace modelTrace, Trace guideTrace) {
        List<String> missingInGuide = new ArrayList<>();
        for (Site s : modelTrace.latentSites()) {
            if (!guideTrace.contains(s.name()) && !isMarked(s, "_deterministic")) {
                missingInGuide.add(s.name());
            }
        }
        List<String> missingInModel = new ArrayList<>();
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && !modelTrace.contains(s.name()) && !isMarked(s, "_deterministic") && !isMarked(s, "is_auxiliary")) {
                missingInModel.add(s.name());
            }
        }
        if (missingInGuide.isEmpty() && missingInModel.isEmpty()) {
            checkGuidePlatesInModel(modelTrace, guideTrace);
            checkShapesMatch(modelTrace, guideTrace);
            return;
        }
        StringBuilder msg = new StringBuilder("the guide does not match the model:");
        if (!missingInGuide.isEmpty()) {
            msg.append(" latent model sites missing from the guide: ").append(missingInGuide)
                    .append(" (the model would silently sample them from the prior; add them to the guide)");
        }
        if (!missingInModel.isEmpty()) {
            msg.append(missingInGuide.isEmpty() ? "" : ";").append(" guide sites missing from the model: ").append(missingInModel)
                    .append(" (rename them to match model sites, remove them, or mark auxiliary sites with infer is_auxiliary)");
        }
        throw new IllegalArgumentException(msg.toString());
    }

    /**
     * As Pyro's {@code check_model_guide_match}: a latent site's guide distribution has the model's
     * event rank, and batch and event shapes that agree with the model's dimension by dimension
     * from the right (a missing dimension counts as 1), so a guide value is never broadcast into a
     * differently shaped density.
     */
    private static void checkShapesMatch(Trace modelTrace, Trace guideTrace) {
        for (Site m : modelTrace.latentSites()) {
            Site g = guideTrace.siteOrNull(m.name());
            if (g == null || !g.isSample()) {
                continue;
            }
            Distribution md = m.distribution();
            Distribution gd = g.distribution();
            int[] modelEvent = md.eventShape();
            int[] guideEvent = gd.eventShape();
            if (modelEvent.length != guideEvent.length) {
                throw new IllegalArgumentException("model and guide event dims disagree at site '" + m.name() + "': model "
                        + describe(md) + " has " + modelEvent.length + ", guide " + describe(gd) + " has " + guideEvent.length
                        + "; give the guide's distribution the model's event shape (e.g. with toEvent)");
            }
            int[] modelShape = Shape.concat(md.batchShape(), modelEvent);
            int[] guideShape = Shape.concat(gd.batchShape(), guideEvent);
            for (int i = 1; i <= Math.max(modelShape.length, guideShape.length); i++) {
                int ms = i <= modelShape.length ? modelShape[modelShape.length - i] : 1;
                int gs = i <= guideShape.length ? guideShape[guideShape.length - i] : 1;
                if (ms != gs) {
                    throw new IllegalArgumentException("model and guide shapes disagree at site '" + m.name() + "': model "
                            + describe(md) + " vs guide " + describe(gd) + " (dimension " + (-i) + ": " + ms + " vs " + gs
                            + "); make the guide's distribution the model's shape");
                }
            }
        }
    }

    /** A plate in the guide that the model does not have is an error (Pyro's check on guide-only plates). */
    private static void checkGuidePlatesInModel(Trace modelTrace, Trace guideTrace) {
        Set<String> modelPlates = plateNames(modelTrace);
        Set<String> guideOnly = plateNames(guideTrace);
        guideOnly.removeAll(modelPlates);
        if (!guideOnly.isEmpty()) {
            throw new IllegalArgumentException("the guide does not match the model: plates in the guide but not in the model: "
                    + guideOnly + "; a guide's plates must be the model's (use the same names)");
        }
    }

    private static Set<String> plateNames(Trace t) {
        Set<String> names = new TreeSet<>();
        for (Site s : t.sites()) {
            for (PlateFrame f : s.frames()) {
                names.add(f.name());
            }
        }
        return names;
    }

    private static String describe(Distribution d) {
        return d.getClass().getSimpleName() + "(batch " + Shape.toString(d.batchShape()) + ", event " + Shape.toString(d.eventShape())
                + ")";
    }

    private static boolean isMarked(Site s, String key) {
        return Boolean.TRUE.equals(s.infer().get(key));
    }
}
