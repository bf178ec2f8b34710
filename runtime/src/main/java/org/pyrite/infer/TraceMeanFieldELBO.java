package org.pyrite.infer;

import org.pyrite.distributions.KL;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * The ELBO of Pyro's {@code TraceMeanField_ELBO}: where a latent site's guide and prior have a
 * closed-form KL divergence ({@link KL}: Normal, Gamma, Beta, and their {@code toEvent} forms),
 * the site contributes {@code -KL(q || p)} exactly instead of the Monte Carlo
 * {@code log p(z) - log q(z)}; other sites are estimated as in {@link TraceELBO}.
 *
 * <pre>{@code
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.01), new TraceMeanFieldELBO());
 * }</pre>
 *
 * <p>As in Pyro this assumes a mean-field guide and priors that do not depend on other latent
 * sites; otherwise the estimate is biased. Every guide site must have a reparameterized sampler.
 */
public final class TraceMeanFieldELBO extends ParticleELBO {
    /** One particle per estimate. */
    public TraceMeanFieldELBO() {
        this(1, false);
    }

    /** {@code numParticles} particles, vectorized in one run when {@code vectorizeParticles}. */
    public TraceMeanFieldELBO(int numParticles, boolean vectorizeParticles) {
        super("TraceMeanFieldELBO", numParticles, vectorizeParticles);
    }

    @Override
    Tensor elbo(Trace modelTrace, Trace guideTrace, Reduction reduce) {
        for (Site g : guideTrace.sites()) {
            if (g.isSample() && !g.isObserved() && !g.distribution().hasRsample()) {
                // As Pyro's check_fully_reparametrized: the KL terms' exact gradients and the score
                // function's downstream costs do not mix.
                throw new IllegalArgumentException("TraceMeanFieldELBO needs a guide whose sites all have a reparameterized"
                        + " sampler, but guide site '" + g.name() + "' (" + g.distribution().getClass().getSimpleName()
                        + ") has none; use TraceELBO for this guide");
            }
        }
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
                elbo = elbo.add(reduce.site(m));
                if (g != null && g.isSample()) {
                    elbo = elbo.sub(reduce.site(g));
                }
            }
        }
        for (Site g : guideTrace.sites()) {
            // Guide sites the model lacks (auxiliary latents) still count against the ELBO.
            if (g.isSample() && !g.isObserved() && !modelTrace.contains(g.name())) {
                elbo = elbo.sub(reduce.site(g));
            }
        }
        return elbo;
    }
}
