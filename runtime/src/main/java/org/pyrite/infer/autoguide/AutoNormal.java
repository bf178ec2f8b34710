package org.pyrite.infer.autoguide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.TransformedDistribution;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * A mean-field guide with one independent Normal per latent coordinate in unconstrained space
 * (Pyro's {@code AutoNormal}). For a site with support {@code S} and bijection {@code T} onto it,
 * the guide samples {@code TransformedDistribution(Normal(loc, scale).toEvent(k), T)}: the trace
 * holds the constrained value, with the log-density of the pushed-forward Normal (the Normal's at
 * {@code T^-1(value)} minus {@code log|det J_T|}). Sites on the whole real line sample the Normal
 * itself, so analytic-KL objectives can recognize it.
 *
 * <pre>{@code
 * AutoNormal<Tensor> guide = new AutoNormal<>(model);
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.01), new TraceELBO());
 * svi.run(2000, data);
 * Map<String, Tensor> band = guide.quantiles(0.05, 0.5, 0.95);   // per site: [3, ...shape]
 * }</pre>
 *
 * <p>Params, shaped like the unconstrained site: {@code "<prefix>.locs.<site>"} (initialized at
 * the init strategy's value, mapped to unconstrained space) and {@code "<prefix>.scales.<site>"}
 * (positive, initialized to {@code initScale}, 0.1 by default as in Pyro). A site in a
 * subsampled plate (a local latent of a mini-batched model) has params for every entry of the
 * plate; each run samples the mini-batch's entries, inside the same plates as the model.
 *
 * @param <A> the model's argument type
 */
public final class AutoNormal<A> extends AutoGuide<A> {
    /** Pyro's initial scale of every coordinate. */
    public static final double DEFAULT_INIT_SCALE = 0.1;

    private final double initScale;
    /** Per latent site, in the order of {@link #latentSites()}: set once, at set-up. */
    private volatile SiteParams[] siteParams;

    /**
     * A latent site's param names and initial scale, built once: concatenating the names in every
     * call made two strings per site per step, a visible share of a small model's step and of
     * each draw from the fitted guide.
     */
    private record SiteParams(String locName, String scaleName, Tensor initScale) {}

    /** A mean-field Normal guide for {@code model}, at the prior medians with scale 0.1. */
    public AutoNormal(Model<A, ?> model) {
        this(model, InitStrategy.initToMedian());
    }

    /** A mean-field Normal guide for {@code model}, its locs where {@code init} says, scale 0.1. */
    public AutoNormal(Model<A, ?> model, InitStrategy init) {
        this(model, init, DEFAULT_INIT_SCALE);
    }

    /** A mean-field Normal guide for {@code model}, its locs where {@code init} says, every scale {@code initScale} (&gt; 0). */
    public AutoNormal(Model<A, ?> model, InitStrategy init, double initScale) {
        this(model, init, initScale, "AutoNormal");
    }

    /** As {@link #AutoNormal(Model, InitStrategy, double)}, with params named {@code prefix + ".locs." + site} etc. */
    public AutoNormal(Model<A, ?> model, InitStrategy init, double initScale, String prefix) {
        super(model, init, prefix);
        if (!(initScale > 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("AutoNormal: initScale must be finite and > 0, got " + initScale);
        }
        this.initScale = initScale;
    }

    /** The name of the param holding site {@code site}'s unconstrained location. */
    public String locName(String site) {
        return prefix() + ".locs." + site;
    }

    /** The name of the param holding site {@code site}'s unconstrained scale. */
    public String scaleName(String site) {
        return prefix() + ".scales." + site;
    }

    @Override
    protected void setupPrototype(A args) {
        super.setupPrototype(args);
        List<LatentSite> sites = latentSites();
        SiteParams[] params = new SiteParams[sites.size()];
        for (int i = 0; i < params.length; i++) {
            LatentSite s = sites.get(i);
            params[i] = new SiteParams(locName(s.name()), scaleName(s.name()), Tensor.full(initScale, s.unconstrainedShape()));
        }
        siteParams = params;
    }

    @Override
    protected Map<String, Tensor> forward(A args) {
        Map<String, Tensor> result = new LinkedHashMap<>();
        List<LatentSite> sites = latentSites();
        SiteParams[] params = siteParams;
        for (int i = 0; i < params.length; i++) {
            LatentSite s = sites.get(i);
            int[] shape = s.unconstrainedShape();
            Tensor loc = param(params[i].locName(), s.initUnconstrained(), null, shape);
            Tensor scale = param(params[i].scaleName(), params[i].initScale(), Constraints.positive(), shape);
            try (SitePlates plates = enterPlates(s)) {
                int k = s.unconstrainedEventDim();
                Distribution q = Normal.of(plates.select(loc, k), plates.select(scale, k)).toEvent(k);
                if (!s.isUnconstrained()) {
                    q = new TransformedDistribution(q, s.transform());
                }
                result.put(s.name(), Pyrite.sample(s.name(), q));
            }
        }
        return result;
    }

    @Override
    protected void createParams() {
        for (int i = 0; i < siteParams.length; i++) {
            loc(i);
            scale(i);
        }
    }

    /** The fitted unconstrained location of latent site {@code i} (detached). */
    private Tensor loc(int i) {
        LatentSite s = latentSites().get(i);
        return storedParam(siteParams[i].locName(), s.initUnconstrained(), null, s.unconstrainedShape());
    }

    /** The fitted unconstrained scale of latent site {@code i} (detached). */
    private Tensor scale(int i) {
        return storedParam(siteParams[i].scaleName(), siteParams[i].initScale(), Constraints.positive(),
                latentSites().get(i).unconstrainedShape());
    }

    /** {@code T(loc)} for every site: the median of each coordinate (a monotone map keeps medians). */
    @Override
    public Map<String, Tensor> median() {
        Map<String, Tensor> result = new LinkedHashMap<>();
        List<LatentSite> sites = latentSites();
        for (int i = 0; i < sites.size(); i++) {
            result.put(sites.get(i).name(), sites.get(i).constrain(loc(i)));
        }
        return result;
    }

    /**
     * {@code T(loc + scale * Phi^-1(q))} for every site and probability. For element-wise supports
     * these are exact marginal quantiles; for a simplex or a Cholesky factor, whose bijection mixes
     * coordinates, they are the coordinate-wise quantiles pushed through it, as in Pyro.
     */
    @Override
    public Map<String, Tensor> quantiles(double... qs) {
        double[] z = standardNormalQuantiles(qs);
        Map<String, Tensor> result = new LinkedHashMap<>();
        List<LatentSite> sites = latentSites();
        for (int site = 0; site < sites.size(); site++) {
            LatentSite s = sites.get(site);
            Tensor loc = loc(site);
            Tensor scale = scale(site);
            Tensor[] values = new Tensor[z.length];
            for (int i = 0; i < z.length; i++) {
                values[i] = s.constrain(loc.add(scale.mul(z[i])));
            }
            result.put(s.name(), Tensor.stack(0, values));
        }
        return result;
    }
}
