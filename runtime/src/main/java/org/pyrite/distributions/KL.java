package org.pyrite.distributions;

import org.pyrite.tensor.Tensor;

/**
 * Closed-form KL divergences {@code KL(q || p)} between pairs of distributions (Pyro's
 * {@code kl_divergence} registry): Normal–Normal, Gamma–Gamma, Beta–Beta, and
 * {@link Independent} wrappers of any registered pair (summed over the reinterpreted dimensions).
 *
 * <pre>{@code
 * Tensor kl = KL.divergence(Normal.of(0.1, 0.9), Normal.of(0.0, 1.0));
 * }</pre>
 */
public final class KL {
    private KL() {}

    /** Whether {@link #divergence} has a closed form for this pair. */
    public static boolean isRegistered(Distribution q, Distribution p) {
        if (q instanceof Independent && p instanceof Independent) {
            Independent iq = (Independent) q;
            Independent ip = (Independent) p;
            return iq.reinterpretedDims() == ip.reinterpretedDims() && isRegistered(iq.base(), ip.base());
        }
        return (q instanceof Normal && p instanceof Normal)
                || (q instanceof Gamma && p instanceof Gamma)
                || (q instanceof Beta && p instanceof Beta);
    }

    /**
     * {@code KL(q || p)}, of the broadcast batch shape of the two.
     *
     * @throws IllegalArgumentException when the pair has no closed form here
     */
    public static Tensor divergence(Distribution q, Distribution p) {
        if (q instanceof Independent && p instanceof Independent) {
            Independent iq = (Independent) q;
            Independent ip = (Independent) p;
            if (iq.reinterpretedDims() == ip.reinterpretedDims()) {
                Tensor kl = divergence(iq.base(), ip.base());
                for (int i = 0; i < iq.reinterpretedDims(); i++) {
                    kl = kl.sum(-1);
                }
                return kl;
            }
        }
        if (q instanceof Normal && p instanceof Normal) {
            Normal a = (Normal) q;
            Normal b = (Normal) p;
            Tensor ratio = a.scale().div(b.scale());
            Tensor diff = a.loc().sub(b.loc()).div(b.scale());
            return ratio.square().add(diff.square()).sub(1.0).mul(0.5).sub(ratio.log());
        }
        if (q instanceof Gamma && p instanceof Gamma) {
            Gamma a = (Gamma) q;
            Gamma b = (Gamma) p;
            Tensor a1 = a.concentration();
            Tensor b1 = a.rate();
            Tensor a2 = b.concentration();
            Tensor b2 = b.rate();
            return a1.sub(a2).mul(a1.digamma()).sub(a1.lgamma()).add(a2.lgamma())
                    .add(a2.mul(b1.log().sub(b2.log()))).add(a1.mul(b2.sub(b1)).div(b1));
        }
        if (q instanceof Beta && p instanceof Beta) {
            Beta a = (Beta) q;
            Beta b = (Beta) p;
            Tensor a1 = a.concentration1();
            Tensor b1 = a.concentration0();
            Tensor a2 = b.concentration1();
            Tensor b2 = b.concentration0();
            Tensor logBetaP = a2.lgamma().add(b2.lgamma()).sub(a2.add(b2).lgamma());
            Tensor logBetaQ = a1.lgamma().add(b1.lgamma()).sub(a1.add(b1).lgamma());
            return logBetaP.sub(logBetaQ).add(a1.sub(a2).mul(a1.digamma())).add(b1.sub(b2).mul(b1.digamma()))
                    .add(a2.sub(a1).add(b2).sub(b1).mul(a1.add(b1).digamma()));
        }
        throw new IllegalArgumentException("no closed-form KL divergence for " + q.name() + " || " + p.name()
                + "; use a Monte Carlo estimate (TraceELBO)");
    }
}
