package org.pyrite.infer.autoguide;

import org.pyrite.Model;
import org.pyrite.distributions.MultivariateNormal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * A multivariate Normal with full covariance over the joint unconstrained latent vector (Pyro's
 * {@code AutoMultivariateNormal}; see {@link AutoContinuous} for how sites are packed and
 * constrained), so it can capture posterior correlations between and within sites.
 *
 * <pre>{@code
 * AutoMultivariateNormal<Tensor> guide = new AutoMultivariateNormal<>(model);
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.01), new TraceELBO());
 * svi.run(3000, data);
 * Tensor cov = guide.getPosterior().covariance();   // [latentDim, latentDim], unconstrained space
 * }</pre>
 *
 * <p>Params: {@code "<prefix>.loc"} (shape {@code [latentDim]}, at the init strategy's values) and
 * {@code "<prefix>.scale_tril"}, the lower Cholesky factor of the covariance (constraint
 * {@code lowerCholesky}, initialized to {@code initScale} times the identity, 0.1 by default).
 * A guide made by {@link AutoLaplaceApproximation#laplaceApproximation} instead holds a fixed
 * location and factor and reads no params.
 *
 * @param <A> the model's argument type
 */
public final class AutoMultivariateNormal<A> extends AutoContinuous<A> {
    private final double initScale;
    private final Tensor fixedLoc;
    private final Tensor fixedScaleTril;
    private volatile Tensor initScaleTril;

    /** A full-covariance Normal guide for {@code model}, at the prior medians with scale 0.1. */
    public AutoMultivariateNormal(Model<A, ?> model) {
        this(model, InitStrategy.initToMedian());
    }

    /** A full-covariance Normal guide for {@code model}, its loc where {@code init} says, scale 0.1. */
    public AutoMultivariateNormal(Model<A, ?> model, InitStrategy init) {
        this(model, init, AutoNormal.DEFAULT_INIT_SCALE);
    }

    /** A full-covariance Normal guide for {@code model}, its loc where {@code init} says, factor {@code initScale} (&gt; 0) times I. */
    public AutoMultivariateNormal(Model<A, ?> model, InitStrategy init, double initScale) {
        this(model, init, initScale, "AutoMultivariateNormal");
    }

    /** As {@link #AutoMultivariateNormal(Model, InitStrategy, double)}, with params named {@code prefix + ".loc"} etc. */
    public AutoMultivariateNormal(Model<A, ?> model, InitStrategy init, double initScale, String prefix) {
        super(model, init, prefix);
        if (!(initScale > 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("AutoMultivariateNormal: initScale must be finite and > 0, got " + initScale);
        }
        this.initScale = initScale;
        this.fixedLoc = null;
        this.fixedScaleTril = null;
    }

    /** A guide with a fixed location and Cholesky factor over {@code source}'s latent layout (no params). */
    AutoMultivariateNormal(AutoContinuous<A> source, Tensor loc, Tensor scaleTril) {
        super(source.model(), source.initStrategy(), "AutoMultivariateNormal");
        adoptPrototype(source);
        int d = latentDim();
        if (loc.rank() != 1 || loc.size(0) != d || scaleTril.rank() != 2 || scaleTril.size(0) != d || scaleTril.size(1) != d) {
            throw new IllegalArgumentException("AutoMultivariateNormal: a fixed loc [" + d + "] and scale_tril [" + d + ", " + d
                    + "] are needed, got " + loc + " and " + scaleTril);
        }
        this.initScale = AutoNormal.DEFAULT_INIT_SCALE;
        this.fixedLoc = loc.detach();
        this.fixedScaleTril = scaleTril.detach();
    }

    private String locName() {
        return prefix() + ".loc";
    }

    private String scaleTrilName() {
        return prefix() + ".scale_tril";
    }

    private Tensor initScaleTril() {
        Tensor t = initScaleTril;
        if (t == null) {
            t = Tensor.eye(latentDim()).mul(initScale);
            initScaleTril = t;
        }
        return t;
    }

    /** {@code MultivariateNormal(loc, scaleTril)} from the current params (or the fixed values). */
    @Override
    public MultivariateNormal getPosterior() {
        if (fixedLoc != null) {
            return MultivariateNormal.withScaleTril(fixedLoc, fixedScaleTril);
        }
        int d = latentDim();
        Tensor loc = param(locName(), initLatent(), null, new int[] {d});
        Tensor scaleTril = param(scaleTrilName(), initScaleTril(), Constraints.lowerCholesky(), new int[] {d, d});
        return MultivariateNormal.withScaleTril(loc, scaleTril);
    }

    /** The location and the marginal standard deviations: the row norms of the Cholesky factor. */
    @Override
    protected Tensor[] locAndScale() {
        Tensor loc;
        Tensor scaleTril;
        if (fixedLoc != null) {
            loc = fixedLoc;
            scaleTril = fixedScaleTril;
        } else {
            int d = latentDim();
            loc = storedParam(locName(), initLatent(), null, new int[] {d});
            scaleTril = storedParam(scaleTrilName(), initScaleTril(), Constraints.lowerCholesky(), new int[] {d, d});
        }
        return new Tensor[] {loc, scaleTril.square().sum(-1).sqrt()};
    }
}
