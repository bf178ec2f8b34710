package org.pyrite.infer.autoguide;

import org.pyrite.Model;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * A Normal with diagonal covariance over the joint unconstrained latent vector (Pyro's
 * {@code AutoDiagonalNormal}; see {@link AutoContinuous} for how sites are packed and constrained).
 *
 * <pre>{@code
 * AutoDiagonalNormal<Tensor> guide = new AutoDiagonalNormal<>(model);
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.01), new TraceELBO());
 * svi.run(2000, data);
 * Map<String, Tensor> median = guide.median();
 * }</pre>
 *
 * <p>Params: {@code "<prefix>.loc"} (shape {@code [latentDim]}, at the init strategy's values) and
 * {@code "<prefix>.scale"} (positive, {@code initScale} everywhere, 0.1 by default as in Pyro).
 *
 * @param <A> the model's argument type
 */
public final class AutoDiagonalNormal<A> extends AutoContinuous<A> {
    private final double initScale;
    private volatile Tensor initScales;

    /** A diagonal Normal guide for {@code model}, at the prior medians with scale 0.1. */
    public AutoDiagonalNormal(Model<A, ?> model) {
        this(model, InitStrategy.initToMedian());
    }

    /** A diagonal Normal guide for {@code model}, its loc where {@code init} says, scale 0.1. */
    public AutoDiagonalNormal(Model<A, ?> model, InitStrategy init) {
        this(model, init, AutoNormal.DEFAULT_INIT_SCALE);
    }

    /** A diagonal Normal guide for {@code model}, its loc where {@code init} says, every scale {@code initScale} (&gt; 0). */
    public AutoDiagonalNormal(Model<A, ?> model, InitStrategy init, double initScale) {
        this(model, init, initScale, "AutoDiagonalNormal");
    }

    /** As {@link #AutoDiagonalNormal(Model, InitStrategy, double)}, with params named {@code prefix + ".loc"} etc. */
    public AutoDiagonalNormal(Model<A, ?> model, InitStrategy init, double initScale, String prefix) {
        super(model, init, prefix);
        if (!(initScale > 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("AutoDiagonalNormal: initScale must be finite and > 0, got " + initScale);
        }
        this.initScale = initScale;
    }

    private Tensor initScales() {
        Tensor t = initScales;
        if (t == null) {
            t = Tensor.full(initScale, latentDim());
            initScales = t;
        }
        return t;
    }

    private String locName() {
        return prefix() + ".loc";
    }

    private String scaleName() {
        return prefix() + ".scale";
    }

    /** {@code Normal(loc, scale).toEvent(1)} from the current params. */
    @Override
    public Distribution getPosterior() {
        int d = latentDim();
        Tensor loc = param(locName(), initLatent(), null, new int[] {d});
        Tensor scale = param(scaleName(), initScales(), Constraints.positive(), new int[] {d});
        return Normal.of(loc, scale).toEvent(1);
    }

    @Override
    protected Tensor[] locAndScale() {
        int d = latentDim();
        return new Tensor[] {
            storedParam(locName(), initLatent(), null, new int[] {d}),
            storedParam(scaleName(), initScales(), Constraints.positive(), new int[] {d})
        };
    }
}
