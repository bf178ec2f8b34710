package org.pyrite.infer.autoguide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.numbers.gamma.InverseErfc;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.handlers.BlockMessenger;
import org.pyrite.diagnostics.Names;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.handlers.TraceMessenger;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * A guide built automatically from a model (Pyro's {@code AutoGuide}): called with the model's
 * arguments, it samples every latent site of the model and returns the sampled (constrained)
 * values by site name.
 *
 * <pre>{@code
 * Model<Tensor, Tensor> model = ...;                       // latent "mu", observed "y"
 * AutoNormal<Tensor> guide = new AutoNormal<>(model);
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.01), new TraceELBO());
 * for (int t = 0; t < 2000; t++) {
 *     svi.step(data);
 * }
 * Map<String, Tensor> fit = guide.median();                // the posterior median of every latent site
 * }</pre>
 *
 * <p>At its first call (with the first arguments, as in Pyro) the guide runs the model once under
 * {@code block(trace(...))} with an {@link InitMessenger}, so nothing outside sees the run: the
 * resulting <em>prototype trace</em> tells it the latent sites (sample sites that are neither
 * observed nor deterministic), their shapes, supports and event dimensions, and the initial values
 * of its parameters, which it then creates in the current param store. Every site must have a continuous support; supports are respected through the
 * bijection from unconstrained space ({@link LatentSite#transform()}).
 *
 * <p>Parameters live in the current {@link ParamStore} under names that start with the guide's
 * {@linkplain #prefix() prefix}, by default the class name as in Pyro (e.g.
 * {@code "AutoNormal.locs.mu"}); give two guides of one class in one store different prefixes.
 *
 * @param <A> the model's argument type
 */
public abstract class AutoGuide<A> implements Model<A, Map<String, Tensor>> {
    private static final Map<String, Object> AUXILIARY = Map.of("is_auxiliary", Boolean.TRUE);
    private final Model<A, ?> model;
    private final InitStrategy initStrategy;
    private final String prefix;
    private volatile boolean ready;
    private boolean subsampled;
    private Trace prototypeTrace;
    private List<LatentSite> sites;
    private Map<String, LatentSite> sitesByName;

    /** A guide for {@code model} starting from {@code initStrategy}, its params named {@code prefix + "."...}. */
    protected AutoGuide(Model<A, ?> model, InitStrategy initStrategy, String prefix) {
        this.model = Objects.requireNonNull(model, "model");
        this.initStrategy = Objects.requireNonNull(initStrategy, "initStrategy");
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the param prefix must be a non-empty string");
        }
        this.prefix = prefix;
    }

    /** The model this guide was built for. */
    public final Model<A, ?> model() {
        return model;
    }

    /** The start of every param name of this guide (and of its auxiliary site names). */
    public final String prefix() {
        return prefix;
    }

    /** How the initial values are chosen. */
    public final InitStrategy initStrategy() {
        return initStrategy;
    }

    /**
     * Samples every latent site of the model (tracing the model first if this is the first call)
     * and returns the constrained values by site name, in the model's order. Sites inside plates
     * are sampled inside the same plates; a subsampled plate draws its mini-batch once per call
     * (at its first site), and the model, replayed against the guide's trace, uses it too.
     */
    @Override
    @SuppressWarnings("try") // the memo scope is used for its effect
    public final Map<String, Tensor> call(A args) {
        ensureSetUp(args);
        if (!subsampled) {
            return forward(args);
        }
        try (SubsampleMemo memo = new SubsampleMemo().enter()) {
            return forward(args);
        }
    }

    /** The sampling body: called once the prototype is set up. */
    protected abstract Map<String, Tensor> forward(A args);

    /** Traces the model with {@code args} unless that has been done; afterwards the latent sites are known. */
    protected final void ensureSetUp(A args) {
        if (!ready) {
            synchronized (this) {
                if (!ready) {
                    setupPrototype(args);
                    createParams();
                    ready = true;
                }
            }
        }
    }

    /**
     * Runs the model once, hidden from outer handlers, under an {@link InitMessenger}, and records
     * its latent sites (Pyro's {@code _setup_prototype}). Subclasses that need more set-up call
     * {@code super.setupPrototype(args)} first.
     */
    @SuppressWarnings("try") // the handler scopes are used for their effect, not referenced
    protected void setupPrototype(A args) {
        TraceMessenger tracer = new TraceMessenger();
        try (BlockMessenger hidden = BlockMessenger.hideAll().enter()) {
            try (TraceMessenger t = tracer.enter(); InitMessenger init = new InitMessenger(initStrategy).enter()) {
                model.call(args);
            }
        }
        Trace trace = tracer.trace();
        List<LatentSite> found = new ArrayList<>();
        Map<String, LatentSite> byName = new LinkedHashMap<>();
        for (Site s : trace.latentSites()) {
            if (Boolean.TRUE.equals(s.infer().get("_deterministic"))) {
                continue;
            }
            LatentSite ls = LatentSite.of(getClass().getSimpleName(), s);
            found.add(ls);
            byName.put(ls.name(), ls);
        }
        this.prototypeTrace = trace;
        this.subsampled = found.stream().anyMatch(LatentSite::isSubsampled);
        this.sites = Collections.unmodifiableList(found);
        this.sitesByName = Collections.unmodifiableMap(byName);
    }

    /**
     * Takes over {@code source}'s prototype (a guide for the same model), so a guide derived from a
     * fitted one, like the Laplace approximation's, needs no run of the model of its own.
     */
    final void adoptPrototype(AutoGuide<A> source) {
        source.requireSetUp();
        synchronized (this) {
            this.prototypeTrace = source.prototypeTrace;
            this.subsampled = source.subsampled;
            this.sites = source.sites;
            this.sitesByName = source.sitesByName;
            this.ready = true;
        }
    }

    /**
     * Creates the guide's params in the current store (where missing), right after the prototype
     * is set up, as Pyro's autoguides do: later calls only read them, so calls on several threads
     * sharing one store (e.g. a parallel {@code Importance}) never create params concurrently.
     */
    protected abstract void createParams();

    /** Whether the model has been traced (by a call, or by {@link #median(Object)}). */
    public final boolean isSetUp() {
        return ready;
    }

    /** The model's trace at the initial values (Pyro's {@code prototype_trace}). */
    public final Trace prototypeTrace() {
        requireSetUp();
        return prototypeTrace;
    }

    /** The latent sites this guide covers, in the model's order. */
    public final List<LatentSite> latentSites() {
        requireSetUp();
        return sites;
    }

    /** The latent site of this name; throws naming the known ones when there is none. */
    public final LatentSite latentSite(String name) {
        requireSetUp();
        LatentSite s = sitesByName.get(name);
        if (s == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no latent site '" + name + "'; its sites: "
                    + sitesByName.keySet() + Names.didYouMean(name, sitesByName.keySet()));
        }
        return s;
    }

    /** The posterior median of every latent site under the fitted guide (constrained), by name. */
    public abstract Map<String, Tensor> median();

    /** {@link #median()}, tracing the model with {@code args} first if the guide has not run yet. */
    public final Map<String, Tensor> median(A args) {
        ensureSetUp(args);
        return median();
    }

    /**
     * Quantiles of every latent site's marginal under the fitted guide (constrained), by name: for
     * each site a tensor of shape {@code [qs.length] + siteShape} (Pyro's {@code quantiles}).
     *
     * @param qs probabilities strictly between 0 and 1
     */
    public abstract Map<String, Tensor> quantiles(double... qs);

    /**
     * {@link #quantiles(double...)}, tracing the model with {@code args} first if the guide has not
     * run yet (the array comes first so that a {@code Double} argument type cannot make the call ambiguous).
     */
    public final Map<String, Tensor> quantiles(double[] qs, A args) {
        ensureSetUp(args);
        return quantiles(qs);
    }

    /** Throws when the model has not been traced yet. */
    protected final void requireSetUp() {
        // sites is set at the end of the base set-up, so a subclass's set-up may already use it.
        if (!ready && sites == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has not seen its model yet: it traces the model at "
                    + "its first call, so call it once (e.g. run an SVI step), or pass the model's arguments, as in median(args)");
        }
    }

    // ------------------------------------------------------------------ helpers for subclasses

    /**
     * {@code Pyrite.param(name, init, constraint)}, checked to have {@code shape}: a param left in
     * the store by another model of other shapes is an error naming it, not a broadcast surprise.
     */
    protected final Tensor param(String name, Tensor init, Constraint constraint, int[] shape) {
        return checkShape(name, Pyrite.param(name, init, constraint), shape);
    }

    /**
     * The current value of a param of this guide in the current store, without gradient and
     * without going through handlers (for {@link #median()} and the like); created from
     * {@code init} if missing, as at the first call.
     */
    protected final Tensor storedParam(String name, Tensor init, Constraint constraint, int[] shape) {
        return checkShape(name, ParamStore.current().getOrInit(name, () -> init, constraint), shape).detach();
    }

    private Tensor checkShape(String name, Tensor value, int[] shape) {
        if (!Arrays.equals(value.shape(), shape)) {
            throw new IllegalStateException("param '" + name + "' in the store has shape " + Arrays.toString(value.shape())
                    + ", but " + getClass().getSimpleName() + " needs " + Arrays.toString(shape)
                    + " for its model; it was left by another model: clear the store or give this guide another prefix");
        }
        return value;
    }

    /**
     * Enters the plates {@code site} sat in within the model (the returned scope leaves them):
     * sample the site inside, with params narrowed to the mini-batch by {@link SitePlates#select}.
     */
    protected static SitePlates enterPlates(LatentSite site) {
        return new SitePlates(site.plates());
    }

    /**
     * A sample site that exists only in the guide (Pyro's {@code infer={"is_auxiliary": True}}),
     * such as the joint latent vector of an {@link AutoContinuous} guide: the ELBO counts its
     * log-density, and the model/guide site check does not look for it in the model.
     */
    protected static Tensor sampleAuxiliary(String name, Distribution distribution) {
        return Pyrite.sample(name, distribution, AUXILIARY);
    }

    /** The standard normal quantiles {@code Phi^-1(q)}, each {@code q} strictly between 0 and 1. */
    protected static double[] standardNormalQuantiles(double... qs) {
        if (qs == null || qs.length == 0) {
            throw new IllegalArgumentException("quantiles: pass at least one probability, e.g. quantiles(0.05, 0.5, 0.95)");
        }
        double[] z = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            double q = qs[i];
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("quantiles: probabilities must lie strictly between 0 and 1, got " + q);
            }
            z[i] = -Math.sqrt(2) * InverseErfc.value(2 * q);
        }
        return z;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(prefix=" + prefix + ", init=" + initStrategy
                + (ready ? ", sites=" + sitesByName.keySet() : ", not set up") + ")";
    }
}
