package org.pyrite.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * Posterior predictive draws (Pyro's {@code Predictive}): latent sites take values from a guide
 * or from given posterior samples, the rest of the model runs forward, and the chosen sites'
 * values come back stacked along a leading sample dimension.
 *
 * <pre>{@code
 * Predictive<Data> predictive = new Predictive<>(model, guide, 1000).returnSites("obs");
 * Tensor draws = predictive.call(new Data(xNew, null)).get("obs");   // shape [1000, ...]
 * }</pre>
 *
 * <p>By default the sites returned are the model's sample sites that the posterior does not
 * supply (observations, deterministic sites, latents the guide lacks). Draws run one after
 * another; {@link #vectorized()} runs them at once in an outer plate of {@code numSamples}
 * entries, which needs a model whose batch dimensions are declared with plates; the draws then
 * have the same shapes as the sequential ones. Observed sites
 * keep their data: to draw them, call the model with its observations left out.
 *
 * @param <A> the model's argument type
 */
public final class Predictive<A> {
    private final Model<A, ?> model;
    private final Model<A, ?> guide;
    private final Map<String, Tensor> samples;
    private final int numSamples;
    private final List<String> returnSites;
    private final boolean vectorized;

    private Predictive(Model<A, ?> model, Model<A, ?> guide, Map<String, Tensor> samples, int numSamples,
                       List<String> returnSites, boolean vectorized) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = guide;
        this.samples = samples;
        this.numSamples = numSamples;
        this.returnSites = returnSites;
        this.vectorized = vectorized;
        if (numSamples < 1) {
            throw new IllegalArgumentException("Predictive: numSamples must be >= 1, got " + numSamples);
        }
    }

    /** Draws with latent values from {@code guide}, {@code numSamples} times. */
    public Predictive(Model<A, ?> model, Model<A, ?> guide, int numSamples) {
        this(model, Objects.requireNonNull(guide, "guide"), null, numSamples, null, false);
    }

    /**
     * Draws with latent values from {@code posteriorSamples}: each tensor holds one site's
     * samples along its leading dimension, all of one length.
     */
    public Predictive(Model<A, ?> model, Map<String, Tensor> posteriorSamples) {
        this(model, null, Map.copyOf(posteriorSamples), sampleCount(posteriorSamples), null, false);
    }

    private static int sampleCount(Map<String, Tensor> posteriorSamples) {
        int n = -1;
        for (Map.Entry<String, Tensor> e : posteriorSamples.entrySet()) {
            Tensor t = e.getValue();
            if (t.rank() == 0) {
                throw new IllegalArgumentException("Predictive: posterior samples of '" + e.getKey() + "' need a leading sample dimension");
            }
            if (n >= 0 && t.size(0) != n) {
                throw new IllegalArgumentException("Predictive: '" + e.getKey() + "' has " + t.size(0) + " samples, others have " + n);
            }
            n = t.size(0);
        }
        if (n < 0) {
            throw new IllegalArgumentException("Predictive: no posterior samples given");
        }
        return n;
    }

    /** The same draws, returning only these sites. */
    public Predictive<A> returnSites(String... sites) {
        return new Predictive<>(model, guide, samples, numSamples, List.of(sites), vectorized);
    }

    /** The same draws run at once in an outer plate (the model must declare its batch dimensions with plates). */
    public Predictive<A> vectorized() {
        return new Predictive<>(model, guide, samples, numSamples, returnSites, true);
    }

    /**
     * The draws: site name to a tensor of shape {@code [numSamples] + padding + site shape}, where
     * the padding is Pyro's: size-1 dimensions for the plate dimensions the site has no batch
     * dimension for (none for a site inside all plates; {@code [numSamples, 1, 2]} for a 2-vector
     * outside a model's one plate). Sequential and vectorized draws have the same shapes.
     */
    public Map<String, Tensor> call(A args) {
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            return vectorized ? callVectorized(args) : callSequential(args);
        }
    }

    private Map<String, Tensor> callSequential(A args) {
        Map<String, List<Tensor>> out = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int i = 0; i < numSamples; i++) {
            Trace posterior = null;
            Model<A, ?> run = model;
            if (guide != null) {
                posterior = Poutine.trace(guide).getTrace(args);
                run = Poutine.replay(model, posterior);
            } else {
                Map<String, Tensor> values = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : samples.entrySet()) {
                    values.put(e.getKey(), e.getValue().select(0, i));
                }
                run = Poutine.condition(model, values);
            }
            Trace t = Poutine.trace(run).getTrace(args);
            List<String> names = sitesToReturn(t, posterior);
            if (i == 0) {
                int nesting = Math.max(ParticleELBOSupport.nesting(t), posterior == null ? 0 : ParticleELBOSupport.nesting(posterior));
                for (String name : names) {
                    shapes.put(name, drawsShape(t.site(name), nesting));
                }
            }
            for (String name : names) {
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(t.site(name).value());
            }
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<Tensor>> e : out.entrySet()) {
            if (e.getValue().size() != numSamples) {
                throw new IllegalStateException("Predictive: site '" + e.getKey() + "' appeared in " + e.getValue().size() + " of "
                        + numSamples + " runs; the model's sites must not depend on the draws to be stacked");
            }
            result.put(e.getKey(), Tensor.stack(0, e.getValue().toArray(new Tensor[0])).reshape(shapes.get(e.getKey())));
        }
        return result;
    }

    /**
     * Pyro's shape for a site's draws: the sample dimension, then as many size-1 dimensions as the
     * site lacks batch dimensions for all {@code nesting} plate dimensions, then one draw's shape;
     * so a 2-vector outside a model's one plate comes back {@code [numSamples, 1, 2]}, ready to
     * broadcast against the plate's sites.
     */
    private int[] drawsShape(Site s, int nesting) {
        int[] one = s.value().shape();
        int pad = Math.max(0, nesting - s.distribution().batchShape().length);
        int[] shape = new int[1 + pad + one.length];
        shape[0] = numSamples;
        java.util.Arrays.fill(shape, 1, 1 + pad, 1);
        System.arraycopy(one, 0, shape, 1 + pad, one.length);
        return shape;
    }

    private Map<String, Tensor> callVectorized(A args) {
        if (guide == null) {
            throw new UnsupportedOperationException("Predictive: vectorized draws from posterior samples are not supported; "
                    + "use the sequential form");
        }
        // Trace once to find the deepest plate, then put the samples on the dimension to its left.
        Trace probeGuide = Poutine.trace(guide).getTrace(args);
        Trace probe = Poutine.trace(Poutine.replay(model, probeGuide)).getTrace(args);
        int nesting = Math.max(ParticleELBOSupport.nesting(probe), ParticleELBOSupport.nesting(probeGuide));
        int dim = -(nesting + 1);
        Trace posterior = Poutine.trace(ParticleELBOSupport.inPlate(guide, numSamples, dim)).getTrace(args);
        Trace t = Poutine.trace(Poutine.replay(ParticleELBOSupport.inPlate(model, numSamples, dim), posterior)).getTrace(args);
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (String name : sitesToReturn(t, posterior)) {
            Site s = t.site(name);
            Tensor v = s.value();
            int axis = v.rank() - s.distribution().eventShape().length - (nesting + 1);
            if (axis < 0 || v.size(axis) != numSamples) {
                throw new IllegalStateException("Predictive: site '" + name + "' has shape " + java.util.Arrays.toString(v.shape())
                        + " without the sample dimension at " + dim + "; declare its batch dimensions with plates");
            }
            Tensor front = axis == 0 ? v : v.unsqueeze(0).transpose(0, axis + 1).squeeze(axis + 1);
            // As Pyro does: the shape comes from a plain (unvectorized) run, the same as sequential draws.
            int[] target = drawsShape(probe.site(name), nesting);
            result.put(name, front.numel() == org.pyrite.tensor.Shape.numel(target) ? front.reshape(target) : front.expand(target));
        }
        return result;
    }

    private List<String> sitesToReturn(Trace t, Trace posterior) {
        if (returnSites != null) {
            for (String s : returnSites) {
                t.site(s); // throws naming the site (with a suggestion) when it does not exist
            }
            return returnSites;
        }
        List<String> names = new ArrayList<>();
        for (Site s : t.sites()) {
            boolean supplied = posterior != null ? posterior.contains(s.name()) && !s.isObserved()
                    : samples.containsKey(s.name());
            if (s.isSample() && !supplied) {
                names.add(s.name());
            }
        }
        return names;
    }
}
