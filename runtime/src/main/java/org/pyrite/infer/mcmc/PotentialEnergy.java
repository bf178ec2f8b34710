package org.pyrite.infer.mcmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pyrite.Model;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.transforms.IdentityTransform;
import org.pyrite.distributions.transforms.IndependentTransform;
import org.pyrite.distributions.transforms.Transform;
import org.pyrite.distributions.transforms.Transforms;
import org.pyrite.handlers.EnumMessenger;
import org.pyrite.handlers.EnumeratedTerms;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.handlers.TraceMessenger;
import org.pyrite.infer.autoguide.InitMessenger;
import org.pyrite.infer.autoguide.InitStrategy;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The potential energy of a model for HMC and NUTS: minus its log joint density over one flat
 * vector of its latent sites in unconstrained space (Pyro's {@code potential_fn}).
 *
 * <p>Each latent site is mapped from unconstrained coordinates onto its support by
 * {@link Transforms#bijectTo} of the support, and the log absolute determinant of that map's
 * Jacobian is added, so the density is the one of the unconstrained variables. Everything the
 * model's trace counts counts here: observed sites ({@code obs=} or {@code condition}), factors,
 * vectorized plates, masks and scales. The gradient comes from the tape. Discrete latent sites
 * marked {@code enumerate=parallel} (or under {@code Poutine.configEnumerate}) are summed out
 * exactly, as {@code TraceEnumELBO} sums them, with enumeration left of the deepest plate the
 * model's first run used (Pyro's guess of {@code max_plate_nesting}); they are not coordinates,
 * and {@code Poutine.inferDiscrete} recovers them from the draws afterwards.
 *
 * <pre>{@code
 * PotentialEnergy<Data> u = PotentialEnergy.of(model, data, InitStrategy.initToMedian());
 * double[] z = u.initialPoint();
 * double[] grad = new double[u.dimension()];
 * double energy = u.evaluate(z, grad);            // -log p(data, latents) - log|J|
 * Map<String, Tensor> values = u.constrain(z);    // on each site's support
 * }</pre>
 *
 * <p>Not thread-safe: each chain makes its own.
 *
 * @param <A> the model's argument type
 */
public final class PotentialEnergy<A> {
    /** How many initial points are tried before giving up (Pyro's and Stan's count). */
    public static final int MAX_INIT_TRIES = 100;

    private final Model<A, ?> model;
    private final A args;
    private final String[] names;
    private final Distribution[] prototypes;
    private final Transform[] transforms;
    private final boolean[] identity;
    private final int[][] shapes;
    private final int[][] unconstrainedShapes;
    private final int[] offsets;
    private final int dimension;
    private final LatentValuesMessenger values;
    private final double[] initialPoint;
    /** The plate nesting enumerated sites are laid left of, or -1 when the model enumerates none. */
    private final int enumNesting;

    private PotentialEnergy(Model<A, ?> model, A args, Trace prototype) {
        this.model = model;
        this.args = args;
        List<Site> latent = new ArrayList<>();
        boolean enumerates = false;
        int nesting = 0;
        for (Site s : prototype.sites()) {
            for (PlateFrame f : s.frames()) {
                nesting = f.isVectorized() ? Math.max(nesting, -f.dim()) : nesting;
            }
            if (s.isSample() && !s.isObserved()) {
                if (s.distribution().support().isDiscrete() && "parallel".equals(s.infer().get("enumerate"))) {
                    enumerates = true; // summed out of the potential, not a coordinate
                } else {
                    latent.add(s);
                }
            }
        }
        // As Pyro guesses max_plate_nesting for MCMC: the deepest plate the model's first run used.
        this.enumNesting = enumerates ? nesting : -1;
        if (latent.isEmpty()) {
            throw new IllegalArgumentException("MCMC: the model has no latent sample sites, so there is nothing to sample;"
                    + " its sites are " + prototype.names());
        }
        int n = latent.size();
        names = new String[n];
        prototypes = new Distribution[n];
        transforms = new Transform[n];
        identity = new boolean[n];
        shapes = new int[n][];
        unconstrainedShapes = new int[n][];
        offsets = new int[n + 1];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Site s = latent.get(i);
            Distribution d = s.distribution();
            checkContinuous(s);
            names[i] = s.name();
            prototypes[i] = d;
            transforms[i] = Transforms.bijectTo(d.support());
            identity[i] = isIdentity(transforms[i]);
            shapes[i] = s.value().shape();
            unconstrainedShapes[i] = transforms[i].inverseShape(shapes[i]);
            offsets[i + 1] = offsets[i] + Shape.numel(unconstrainedShapes[i]);
            index.put(names[i], i);
        }
        dimension = offsets[n];
        values = new LatentValuesMessenger(Collections.unmodifiableMap(index));
        initialPoint = unconstrain(prototype.values());
    }

    /**
     * The potential of {@code model} called with {@code args}, its latent sites found by one run in
     * which {@code init} chose their values; that run's values are the first candidate
     * {@link #initialPoint()}.
     *
     * @throws IllegalArgumentException naming the site, when a latent site is discrete or sits in a
     *     subsampled plate, or the model has no latent sites
     */
    public static <A> PotentialEnergy<A> of(Model<A, ?> model, A args, InitStrategy init) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(init, "init");
        return new PotentialEnergy<>(model, args, prototype(model, args, init));
    }

    private static <A> Trace prototype(Model<A, ?> model, A args, InitStrategy init) {
        // A discrete site is refused before the strategy looks for a bijection it does not have.
        // A discrete site gets a draw rather than the strategy's bijection-based value: it may yet be
        // observed by a condition the caller entered outside this run (such handlers see sites last);
        // if it stays latent, the trace shows it and the error names it.
        InitStrategy continuousOnly = (name, d) -> d.support().isDiscrete() ? d.sample() : init.init(name, d);
        try (TraceMessenger tracer = new TraceMessenger().enter();
             InitMessenger ignored = new InitMessenger(continuousOnly).enter();
             Autograd.Scope noGrad = Autograd.noGrad()) {
            model.call(args);
            return tracer.trace();
        }
    }

    private static void checkContinuous(Site s) {
        Distribution d = s.distribution();
        if (d.support().isDiscrete()) {
            throw discrete(s.name(), d);
        }
        for (PlateFrame f : s.frames()) {
            if (f.subsampleSize() != f.size()) {
                throw new IllegalArgumentException("MCMC: the latent site '" + s.name() + "' sits in the subsampled " + f
                        + "; HMC and NUTS need the full data's density, so use the plate without a subsample size");
            }
        }
    }

    private static IllegalArgumentException discrete(String name, Distribution d) {
        return new IllegalArgumentException("MCMC: the latent site '" + name + "' has the discrete distribution " + d.name()
                + " (support " + d.support().describe() + "); HMC and NUTS move through continuous space only."
                + " Mark it for enumeration so the potential sums it out (sample(name, dist, Map.of(\"enumerate\","
                + " \"parallel\")), or wrap the model in Poutine.configEnumerate), or observe it");
    }

    private static boolean isIdentity(Transform t) {
        if (t instanceof IndependentTransform) {
            return isIdentity(((IndependentTransform) t).base());
        }
        return t instanceof IdentityTransform;
    }

    /** How many unconstrained coordinates the latent sites have together. */
    public int dimension() {
        return dimension;
    }

    /** The latent sites' names, in the order of their coordinates. */
    public List<String> siteNames() {
        return List.of(names);
    }

    /** The (constrained) shape of the latent site {@code name}. */
    public int[] siteShape(String name) {
        return shapes[indexOf(name)].clone();
    }

    /** Where the site {@code name}'s coordinates start in the flat vector. */
    public int offset(String name) {
        return offsets[indexOf(name)];
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no latent site '" + name + "'; the latent sites are " + Arrays.toString(names));
    }

    /** The point the init strategy chose, in unconstrained space (a copy). */
    public double[] initialPoint() {
        return initialPoint.clone();
    }

    /**
     * The potential energy at {@code z}, and its gradient into {@code grad} (when not null). A point
     * where the model's density is not finite gives {@code +Infinity} (and an unspecified gradient);
     * so does one whose values leave a support numerically (an {@code exp} that overflowed) and make
     * a distribution refuse them, as happens at the far end of a diverging trajectory.
     */
    public double evaluate(double[] z, double[] grad) {
        for (double v : z) {
            if (!Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        Tensor[] leaves = new Tensor[names.length];
        Tensor[] constrained = new Tensor[names.length];
        Tensor logDet = null;
        boolean withGrad = grad != null;
        for (int i = 0; i < names.length; i++) {
            Tensor u = slice(z, i);
            leaves[i] = withGrad ? u.requiringGrad() : u;
            constrained[i] = transforms[i].forward(leaves[i]);
            if (!identity[i]) {
                Tensor ld = transforms[i].logAbsDetJacobian(leaves[i], constrained[i]);
                ld = ld.isScalar() ? ld : ld.sum();
                logDet = logDet == null ? ld : logDet.add(ld);
            }
        }
        Tensor logJoint;
        try {
            Trace trace = run(constrained);
            checkSameLatentSites(trace);
            // Log-densities are computed lazily, so a value a distribution refuses is found here too.
            logJoint = enumNesting < 0 ? trace.logProbSum() : EnumeratedTerms.of(trace, enumNesting).contract(false);
        } catch (IllegalArgumentException e) {
            if (outsideSupport(constrained)) {
                return Double.POSITIVE_INFINITY;
            }
            throw e;
        }
        if (logDet != null) {
            logJoint = logJoint.add(logDet);
        }
        double energy = -logJoint.item();
        if (Double.isNaN(energy) || energy == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (withGrad) {
            Tensor[] g = Autograd.grad(logJoint, leaves);
            for (int i = 0; i < names.length; i++) {
                int from = offsets[i];
                if (g[i].isScalar()) {
                    grad[from] = -g[i].item();
                } else {
                    double[] gi = g[i].toArray();
                    for (int k = 0; k < gi.length; k++) {
                        grad[from + k] = -gi[k];
                    }
                }
            }
        }
        return energy;
    }

    private Trace run(Tensor[] constrained) {
        values.setValues(constrained);
        try (TraceMessenger tracer = new TraceMessenger().enter(); LatentValuesMessenger ignored = values.enter()) {
            if (enumNesting < 0) {
                model.call(args);
            } else {
                try (EnumMessenger enumerate = new EnumMessenger(-1 - enumNesting).enter()) {
                    model.call(args);
                }
            }
            return tracer.trace();
        } finally {
            values.setValues(null);
        }
    }

    /**
     * A latent site the first run did not have means the model's structure changed: an error, as a
     * potential over another set of variables would be silently wrong.
     */
    private void checkSameLatentSites(Trace trace) {
        int latent = 0;
        for (Site s : trace.sites()) {
            if (s.isSample() && !s.isObserved() && !s.infer().containsKey(EnumMessenger.VAR_KEY)) {
                if (!values.knows(s.name())) {
                    throw new IllegalStateException("MCMC: the latent site '" + s.name() + "' (" + s.distribution().name()
                            + ") was not in the model's first run, whose latent sites are " + Arrays.toString(names)
                            + "; HMC and NUTS need a model whose latent sites are the same on every run (no site that"
                            + " depends on a sampled value)");
                }
                latent++;
            }
        }
        if (latent != names.length) {
            throw new IllegalStateException("MCMC: a run of the model had " + latent + " of its first run's latent sites "
                    + Arrays.toString(names) + "; HMC and NUTS need a model whose latent sites are the same on every run");
        }
    }

    private boolean outsideSupport(Tensor[] constrained) {
        for (int i = 0; i < constrained.length; i++) {
            for (double v : constrained[i].toArray()) {
                if (!Double.isFinite(v)) {
                    return true;
                }
            }
            for (double ok : prototypes[i].support().check(constrained[i].detach()).toArray()) {
                if (ok == 0.0) {
                    return true;
                }
            }
        }
        return false;
    }

    private Tensor slice(double[] z, int i) {
        int from = offsets[i];
        int[] shape = unconstrainedShapes[i];
        if (shape.length == 0) {
            return Tensor.scalar(z[from]);
        }
        return Tensor.fromArray(Arrays.copyOfRange(z, from, offsets[i + 1]), shape);
    }

    /** The latent sites' values at {@code z}, each on its support and of its site's shape. */
    public Map<String, Tensor> constrain(double[] z) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int i = 0; i < names.length; i++) {
                out.put(names[i], transforms[i].forward(slice(z, i)));
            }
        }
        return out;
    }

    /**
     * Writes the constrained values at {@code z} into {@code out}, site after site, each flattened
     * (a draw's row of the samples), and returns how many numbers it wrote.
     */
    int constrainInto(double[] z, double[] out, int at) {
        int k = at;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int i = 0; i < names.length; i++) {
                if (identity[i]) {
                    int len = offsets[i + 1] - offsets[i];
                    System.arraycopy(z, offsets[i], out, k, len);
                    k += len;
                } else {
                    Tensor y = transforms[i].forward(slice(z, i));
                    if (y.isScalar()) {
                        out[k++] = y.item();
                    } else {
                        double[] ya = y.toArray();
                        System.arraycopy(ya, 0, out, k, ya.length);
                        k += ya.length;
                    }
                }
            }
        }
        return k - at;
    }

    /** How many numbers one draw of all sites' constrained values holds. */
    int constrainedSize() {
        int n = 0;
        for (int[] s : shapes) {
            n += Shape.numel(s);
        }
        return n;
    }

    /** The flat unconstrained vector of {@code values} (constrained, by site name; every latent site). */
    public double[] unconstrain(Map<String, Tensor> values) {
        double[] z = new double[dimension];
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int i = 0; i < names.length; i++) {
                Tensor v = values.get(names[i]);
                if (v == null) {
                    throw new IllegalArgumentException("no value for the latent site '" + names[i] + "'");
                }
                double[] u = transforms[i].inverse(v.detach()).toArray();
                System.arraycopy(u, 0, z, offsets[i], u.length);
            }
        }
        return z;
    }

    /**
     * A point where the potential and its gradient are finite: the init strategy's, else up to
     * {@value #MAX_INIT_TRIES} tries in all of draws uniform in (-2, 2) in unconstrained space
     * (as Pyro and Stan do). {@code grad} receives the gradient there.
     *
     * @throws IllegalStateException naming the sites whose log-density is not finite at the last try
     */
    double[] findInitialPoint(double[] grad) {
        double[] z = initialPoint.clone();
        for (int attempt = 1; ; attempt++) {
            double u = evaluate(z, grad);
            if (Double.isFinite(u) && allFinite(grad)) {
                return z;
            }
            if (attempt == MAX_INIT_TRIES) {
                throw new IllegalStateException("MCMC: no initial point with a finite log-density and gradient in "
                        + MAX_INIT_TRIES + " tries; at the last one, the non-finite terms are " + nonFiniteTerms(z)
                        + ". Check the model's data and priors, or give initial values with InitStrategy.initToValue");
            }
            z = unconstrain(prototype(model, args, InitStrategy.initToUniform()).values());
        }
    }

    private List<String> nonFiniteTerms(double[] z) {
        Map<String, Tensor> constrained = constrain(z);
        Tensor[] vals = new Tensor[names.length];
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            vals[i] = constrained.get(names[i]);
            double ld = transforms[i].logAbsDetJacobian(slice(z, i), vals[i]).sum().item();
            if (!Double.isFinite(ld)) {
                out.add(names[i] + " (log-Jacobian of its transform " + ld + ")");
            }
        }
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            out.addAll(run(vals).nonFiniteSites());
        } catch (IllegalArgumentException e) {
            out.add(e.getMessage());
        }
        if (out.isEmpty()) {
            out.add("none in the log-density itself, but its gradient is not finite");
        }
        return out;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
