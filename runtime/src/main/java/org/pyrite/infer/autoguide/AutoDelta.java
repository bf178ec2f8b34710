package org.pyrite.infer.autoguide;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Delta;
import org.pyrite.tensor.Tensor;

/**
 * A point-mass guide: MAP estimation (Pyro's {@code AutoDelta}). Each latent site gets one param
 * holding its constrained value, kept in the site's support by the param store's bijection, and
 * the guide samples {@code Delta(value, eventDim)} there. With {@code TraceELBO} the loss is then
 * {@code -log p(data, value)} (plus a constant), so SVI climbs to the posterior mode in the
 * constrained space.
 *
 * <pre>{@code
 * AutoDelta<Tensor> guide = new AutoDelta<>(model);
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.05), new TraceELBO());
 * svi.run(1000, data);
 * Tensor mapMu = guide.median().get("mu");
 * }</pre>
 *
 * <p>Params: {@code "<prefix>.<site>"} (Pyro: {@code "AutoDelta.mu"}), covering every entry of a
 * subsampled plate; each run uses the mini-batch's entries, inside the model's plates.
 *
 * @param <A> the model's argument type
 */
public final class AutoDelta<A> extends AutoGuide<A> {
    /** MAP for {@code model}, starting at the prior medians ({@link InitStrategy#initToMedian()}). */
    public AutoDelta(Model<A, ?> model) {
        this(model, InitStrategy.initToMedian());
    }

    /** MAP for {@code model}, starting where {@code init} says. */
    public AutoDelta(Model<A, ?> model, InitStrategy init) {
        this(model, init, "AutoDelta");
    }

    /** MAP for {@code model}, starting where {@code init} says, with params named {@code prefix + "." + site}. */
    public AutoDelta(Model<A, ?> model, InitStrategy init, String prefix) {
        super(model, init, prefix);
    }

    /** The name of the param holding site {@code site}'s value. */
    public String paramName(String site) {
        return prefix() + "." + site;
    }

    @Override
    protected Map<String, Tensor> forward(A args) {
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (LatentSite s : latentSites()) {
            Tensor value = param(paramName(s.name()), s.initValue(), s.support(), s.shape());
            try (SitePlates plates = enterPlates(s)) {
                result.put(s.name(), Pyrite.sample(s.name(), Delta.of(plates.select(value, s.eventDim()), 0.0, s.eventDim())));
            }
        }
        return result;
    }

    @Override
    protected void createParams() {
        median();
    }

    /** The fitted point of every site (the MAP estimate once SVI has converged). */
    @Override
    public Map<String, Tensor> median() {
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (LatentSite s : latentSites()) {
            result.put(s.name(), storedParam(paramName(s.name()), s.initValue(), s.support(), s.shape()));
        }
        return result;
    }

    /** A point mass's quantiles: the point, once per probability. */
    @Override
    public Map<String, Tensor> quantiles(double... qs) {
        standardNormalQuantiles(qs); // validates the probabilities
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : median().entrySet()) {
            Tensor[] copies = new Tensor[qs.length];
            java.util.Arrays.fill(copies, e.getValue());
            result.put(e.getKey(), Tensor.stack(0, copies));
        }
        return result;
    }
}
