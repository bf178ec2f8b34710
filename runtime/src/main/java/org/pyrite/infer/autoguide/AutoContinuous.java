package org.pyrite.infer.autoguide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Delta;
import org.pyrite.distributions.Distribution;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The base of guides with one joint distribution over all latent sites (Pyro's
 * {@code AutoContinuous}): every site's unconstrained value is flattened and concatenated, in the
 * model's order, into one vector of length {@link #latentDim()}, and the guide samples that vector
 * from {@link #getPosterior()} at the auxiliary site {@code "_<prefix>_latent"}. Each model site
 * then gets a {@code Delta} at its slice pushed through the site's bijection {@code T}, with
 * log-density {@code -log|det J_T|}, so the guide's total log-density is that of the transformed
 * joint distribution.
 *
 * <pre>{@code
 * AutoDiagonalNormal<Tensor> guide = new AutoDiagonalNormal<>(model);
 * svi.run(2000, data);                                    // with guide as the SVI guide
 * Tensor z = guide.getPosterior().sample();               // one unconstrained joint draw, shape [latentDim]
 * Map<String, Tensor> values = guide.unpackAndConstrain(z);
 * }</pre>
 *
 * <p>The joint site is marked {@code "is_auxiliary"} in its infer options: it exists only in the
 * guide, and {@code TraceELBO}'s model/guide site check skips it. Each site's {@code Delta} is
 * sampled inside the site's plates. Latent vectors may carry leading (e.g. particle) dimensions:
 * unpacking slices the last one and shapes each site's slice to the broadcast of its shape with
 * them, as Pyro does. As in Pyro, sites in subsampled plates are not supported (the joint vector
 * would have to cover the whole data set): they are an error naming the site; use
 * {@link AutoNormal} for such models.
 *
 * @param <A> the model's argument type
 */
public abstract class AutoContinuous<A> extends AutoGuide<A> {
    private volatile int[] offsets;
    private volatile Tensor initLatent;

    /** A joint guide for {@code model}, starting where {@code init} says, with the given param prefix. */
    protected AutoContinuous(Model<A, ?> model, InitStrategy init, String prefix) {
        super(model, init, prefix);
    }

    /** Refuses sites in subsampled plates, which one joint vector cannot mini-batch. */
    @Override
    protected void setupPrototype(A args) {
        super.setupPrototype(args);
        for (LatentSite s : latentSites()) {
            if (s.isSubsampled()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " cannot handle the latent site '" + s.name()
                        + "' in the subsampled " + s.plates().stream().filter(f -> f.subsampleSize() != f.size()).findFirst().get()
                        + ": a joint latent vector covers every entry at each step. Use AutoNormal or AutoDelta, which "
                        + "mini-batch local sites, or do not subsample that plate");
            }
        }
    }

    /** The joint distribution over the unconstrained latent vector (event shape {@code [latentDim()]}). */
    public abstract Distribution getPosterior();

    /**
     * The location and the marginal standard deviations of {@link #getPosterior()} (detached, shape
     * {@code [latentDim()]}), from which {@link #median()} and {@link #quantiles} are computed.
     */
    protected abstract Tensor[] locAndScale();

    @Override
    protected void createParams() {
        locAndScale();
    }

    /** The name of the auxiliary joint site, {@code "_<prefix>_latent"} as in Pyro. */
    public final String latentName() {
        return "_" + prefix() + "_latent";
    }

    /** The length of the joint unconstrained vector: the sum of the sites' unconstrained sizes. */
    public final int latentDim() {
        int[] o = offsets();
        return o[o.length - 1];
    }

    /** Where each site's slice starts in the joint vector; the last entry is the total length. */
    private int[] offsets() {
        int[] o = offsets;
        if (o == null) {
            List<LatentSite> sites = latentSites();
            if (sites.isEmpty()) {
                throw new IllegalStateException(getClass().getSimpleName() + " found no latent sample sites in its model; "
                        + "a joint guide needs at least one (observed and deterministic sites are not latent)");
            }
            o = new int[sites.size() + 1];
            for (int i = 0; i < sites.size(); i++) {
                o[i + 1] = o[i] + sites.get(i).unconstrainedNumel();
            }
            offsets = o;
        }
        return o;
    }

    /** The sites' initial unconstrained values, concatenated: where the joint location starts. */
    protected final Tensor initLatent() {
        Tensor init = initLatent;
        if (init == null) {
            List<LatentSite> sites = latentSites();
            Tensor[] parts = new Tensor[sites.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = sites.get(i).initUnconstrained().reshape(sites.get(i).unconstrainedNumel());
            }
            init = Tensor.cat(0, parts);
            initLatent = init;
        }
        return init;
    }

    /** Draws the joint unconstrained vector at the auxiliary site (Pyro's {@code sample_latent}). */
    public final Tensor sampleLatent() {
        return sampleAuxiliary(latentName(), getPosterior());
    }

    @Override
    @SuppressWarnings("try") // the plate scopes are used for their effect
    protected Map<String, Tensor> forward(A args) {
        Tensor latent = sampleLatent();
        Map<String, Tensor> result = new LinkedHashMap<>();
        List<LatentSite> sites = latentSites();
        int[] o = offsets();
        for (int i = 0; i < sites.size(); i++) {
            LatentSite s = sites.get(i);
            Tensor x = slice(latent, s, o[i], o[i + 1], true);
            Tensor value = s.constrain(x);
            Tensor logDensity;
            if (s.isUnconstrained()) {
                logDensity = Tensor.scalar(0.0);
            } else {
                // The Delta's log-density is log|det J| of the inverse map: -log|det J_T(x)|, summed
                // down to the Delta's batch shape.
                Tensor ladj = s.transform().logAbsDetJacobian(x, value);
                logDensity = sumRightmost(ladj, ladj.rank() - (value.rank() - s.eventDim())).neg();
            }
            try (SitePlates plates = enterPlates(s)) {
                result.put(s.name(), Pyrite.sample(s.name(), Delta.of(value, logDensity, s.eventDim())));
            }
        }
        return result;
    }

    /**
     * Site {@code s}'s unconstrained values from the slice {@code [start, end)}. In a guide run
     * ({@code inRun}), shaped as Pyro does to the broadcast of the site's unconstrained shape with
     * the latent's leading dimensions followed by one 1 per event dimension: an outer (particle)
     * plate sits left of the site's plates, its latent has a 1 for each of them, and those merge
     * into the site's plate dimensions. Otherwise (a batch of joint vectors) {@code leading +
     * s.unconstrainedShape()}.
     */
    private static Tensor slice(Tensor latent, LatentSite s, int start, int end, boolean inRun) {
        int[] shape = latent.shape();
        int[] leading = Shape.slice(shape, 0, shape.length - 1);
        int[] target;
        if (inRun) {
            int[] ones = new int[s.unconstrainedEventDim()];
            java.util.Arrays.fill(ones, 1);
            target = Shape.broadcast(s.unconstrainedShape(), Shape.concat(leading, ones));
        } else {
            target = Shape.concat(leading, s.unconstrainedShape());
        }
        return latent.slice(-1, start, end).reshape(target);
    }

    private static Tensor sumRightmost(Tensor t, int n) {
        Tensor s = t;
        for (int i = 0; i < n; i++) {
            s = s.sum(-1);
        }
        return s;
    }

    /**
     * The joint unconstrained vector (shape {@code [..., latentDim()]}) split into the sites'
     * unconstrained values, by name (Pyro's {@code _unpack_latent}); each of shape
     * {@code leading + site.unconstrainedShape()}, e.g. {@code [n] + ...} for
     * {@code getPosterior().sample(n)}.
     */
    public final Map<String, Tensor> unpackLatent(Tensor latent) {
        checkLatent(latent);
        Map<String, Tensor> result = new LinkedHashMap<>();
        List<LatentSite> sites = latentSites();
        int[] o = offsets();
        for (int i = 0; i < sites.size(); i++) {
            result.put(sites.get(i).name(), slice(latent, sites.get(i), o[i], o[i + 1], false));
        }
        return result;
    }

    /** The joint unconstrained vector split into sites and pushed onto their supports, by name. */
    public final Map<String, Tensor> unpackAndConstrain(Tensor latent) {
        checkLatent(latent);
        Map<String, Tensor> result = new LinkedHashMap<>();
        List<LatentSite> sites = latentSites();
        int[] o = offsets();
        for (int i = 0; i < sites.size(); i++) {
            LatentSite s = sites.get(i);
            result.put(s.name(), s.constrain(slice(latent, s, o[i], o[i + 1], false)));
        }
        return result;
    }

    private void checkLatent(Tensor latent) {
        if (latent.rank() < 1 || latent.size(-1) != latentDim()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a latent vector must have shape [..., "
                    + latentDim() + "], got " + Shape.toString(latent.shape()));
        }
    }

    /** The joint location unpacked and constrained: each coordinate's median, pushed onto the supports. */
    @Override
    public Map<String, Tensor> median() {
        return unpackAndConstrain(locAndScale()[0]);
    }

    /**
     * {@code loc + sd * Phi^-1(q)} in unconstrained space, coordinate by coordinate with the
     * marginal standard deviations, unpacked and pushed onto the supports (Pyro's
     * {@code quantiles}); per site a tensor of shape {@code [qs.length] + siteShape}.
     */
    @Override
    public Map<String, Tensor> quantiles(double... qs) {
        double[] z = standardNormalQuantiles(qs);
        Tensor[] ls = locAndScale();
        Map<String, Tensor[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < z.length; i++) {
            Map<String, Tensor> at = unpackAndConstrain(ls[0].add(ls[1].mul(z[i])));
            for (Map.Entry<String, Tensor> e : at.entrySet()) {
                parts.computeIfAbsent(e.getKey(), k -> new Tensor[z.length])[i] = e.getValue();
            }
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        parts.forEach((name, values) -> result.put(name, Tensor.stack(0, values)));
        return result;
    }
}
