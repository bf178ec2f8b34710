package org.pyrite.infer.autoguide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.distributions.transforms.IdentityTransform;
import org.pyrite.distributions.transforms.IndependentTransform;
import org.pyrite.distributions.transforms.Transform;
import org.pyrite.distributions.transforms.Transforms;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.Site;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * What an autoguide learned about one latent sample site of its model from the prototype trace:
 * the value's shape, the support and its bijection from unconstrained space, the event dimensions
 * on both sides, and the initial value the {@link InitStrategy} chose.
 *
 * <pre>{@code
 * AutoNormal<Tensor> guide = new AutoNormal<>(model);
 * guide.median(data);                                   // traces the model once
 * LatentSite rate = guide.latentSite("rate");           // a Gamma site
 * rate.support();                                       // positive (x > 0)
 * rate.unconstrain(Tensor.scalar(2.0));                 // log 2
 * }</pre>
 *
 * <p>The unconstrained shape is the constrained one mapped back through the bijection: the same
 * for element-wise supports, one fewer entry for a simplex ({@code K -> K - 1}), and the
 * {@code n (n + 1) / 2} free entries of a lower-Cholesky factor as one vector. Its event
 * dimension is Pyro's {@code fn.event_dim + u.dim() - value.dim()}.
 *
 * <p><b>Plates.</b> A site inside vectorized plates keeps their frames ({@link #plates()}), and
 * autoguides sample it inside the same plates. Shapes here are <em>full</em> shapes: along a
 * subsampled plate's dimension they have the plate's full size, not the subsample's, so a guide's
 * params cover every entry and each run uses the rows of its mini-batch; the initial value is the
 * prototype's repeated periodically to that size (as Pyro does).
 */
public final class LatentSite {
    private final String name;
    private final Distribution distribution;
    private final int[] shape;
    private final Constraint support;
    private final int eventDim;
    private final Transform transform;
    private final int[] unconstrainedShape;
    private final int unconstrainedEventDim;
    private final Tensor initValue;
    private final Tensor initUnconstrained;
    private final List<PlateFrame> plates;
    private final boolean subsampled;

    private LatentSite(String name, Distribution distribution, Constraint support, Transform transform, Tensor prototypeValue,
            List<PlateFrame> plates) {
        this.name = name;
        this.distribution = distribution;
        this.support = support;
        this.eventDim = distribution.eventShape().length;
        this.transform = transform;
        this.plates = plates;
        Tensor full = prototypeValue.detach();
        boolean anySubsampled = false;
        for (PlateFrame f : plates) {
            if (f.subsampleSize() != f.size()) {
                anySubsampled = true;
                full = periodicRepeat(full, batchDim(full.rank(), eventDim, f), f.size());
            }
        }
        this.subsampled = anySubsampled;
        this.shape = full.shape();
        this.initValue = full;
        this.initUnconstrained = transform.inverse(this.initValue).detach();
        this.unconstrainedShape = initUnconstrained.shape();
        this.unconstrainedEventDim = eventDim + unconstrainedShape.length - shape.length;
    }

    /**
     * The description of a latent site of a prototype trace, whose value is the initial value.
     *
     * @throws IllegalArgumentException naming the site and {@code guideName} when the support is
     *     discrete or has no bijection from unconstrained space
     */
    static LatentSite of(String guideName, Site site) {
        Distribution fn = site.distribution();
        Constraint support = fn.support();
        if (support.isDiscrete()) {
            throw new IllegalArgumentException(guideName + " cannot handle the latent site '" + site.name() + "': its "
                    + fn.name() + " distribution has the discrete support " + support.describe()
                    + ", and autoguides fit continuous latent sites only (they work in unconstrained real space). "
                    + "Marginalize it out of the model, observe it, or write the guide for it by hand");
        }
        Transform t;
        try {
            t = unconstrainingTransform(support);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(guideName + " cannot handle the latent site '" + site.name() + "' ("
                    + fn.name() + "): " + e.getMessage(), e);
        }
        List<PlateFrame> plates = new ArrayList<>();
        for (PlateFrame f : site.frames()) {
            if (f.isVectorized()) {
                plates.add(f);
            } else if (f.subsampleSize() != f.size()) {
                throw new IllegalArgumentException(guideName + " cannot handle the latent site '" + site.name() + "' inside the "
                        + "subsampled sequential " + f + ": its sites change from run to run. Use a vectorized plate for it");
            }
        }
        return new LatentSite(site.name(), fn, support, t, site.value(), Collections.unmodifiableList(plates));
    }

    /** The tensor dimension plate {@code f} holds in a tensor of rank {@code rank} whose {@code eventDim} rightmost dimensions form events. */
    static int batchDim(int rank, int eventDim, PlateFrame f) {
        return rank - eventDim + f.dim();
    }

    /** {@code t} repeated along {@code dim} to {@code size} entries: entry {@code i} is entry {@code i mod t.size(dim)}. */
    private static Tensor periodicRepeat(Tensor t, int dim, int size) {
        int n = t.size(dim);
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i % n;
        }
        return t.index(dim, idx);
    }

    /**
     * The bijection from unconstrained space onto {@code support} autoguides use: Pyro's
     * {@code biject_to}, except that lower-Cholesky factors are parametrized by their free entries
     * only ({@link PackedLowerCholeskyTransform}).
     */
    static Transform unconstrainingTransform(Constraint support) {
        if (support == Constraints.lowerCholesky()) {
            return new PackedLowerCholeskyTransform();
        }
        if (support instanceof Constraints.Independent) {
            Constraints.Independent ind = (Constraints.Independent) support;
            if (ind.base() == Constraints.lowerCholesky()) {
                return new IndependentTransform(new PackedLowerCholeskyTransform(), ind.reinterpreted());
            }
        }
        return Transforms.bijectTo(support);
    }

    /** Whether {@code t} is the identity (possibly with reinterpreted dimensions). */
    static boolean isIdentity(Transform t) {
        if (t instanceof IndependentTransform) {
            return isIdentity(((IndependentTransform) t).base());
        }
        return t instanceof IdentityTransform;
    }

    /** The site's name. */
    public String name() {
        return name;
    }

    /** The site's distribution in the prototype trace. */
    public Distribution distribution() {
        return distribution;
    }

    /**
     * The plates (vectorized) the site sits in, innermost first, as the prototype run recorded
     * them; autoguides sample the site inside them.
     */
    public List<PlateFrame> plates() {
        return plates;
    }

    /** Whether one of the site's plates is subsampled (the guide then uses the mini-batch's rows of its params). */
    public boolean isSubsampled() {
        return subsampled;
    }

    /**
     * The shape of the (constrained) value, batch shape + event shape, with every subsampled
     * plate's dimension at the plate's full size.
     */
    public int[] shape() {
        return shape.clone();
    }

    /** The support of the site's distribution. */
    public Constraint support() {
        return support;
    }

    /** How many rightmost dimensions of the value form one event. */
    public int eventDim() {
        return eventDim;
    }

    /** The bijection from unconstrained space onto the support. */
    public Transform transform() {
        return transform;
    }

    /** Whether the support is the real line (or real vectors), so the bijection is the identity. */
    public boolean isUnconstrained() {
        return isIdentity(transform);
    }

    /** The (full) shape of the value in unconstrained space; its batch dimensions are the value's. */
    public int[] unconstrainedShape() {
        return unconstrainedShape.clone();
    }

    /** How many entries the value has in unconstrained space. */
    public int unconstrainedNumel() {
        return Shape.numel(unconstrainedShape);
    }

    /** How many rightmost dimensions of the unconstrained value form one event. */
    public int unconstrainedEventDim() {
        return unconstrainedEventDim;
    }

    /** The initial value the init strategy chose (constrained, full shape). */
    public Tensor initValue() {
        return initValue;
    }

    /** The initial value in unconstrained space. */
    public Tensor initUnconstrained() {
        return initUnconstrained;
    }

    /** {@code unconstrained} (with any leading dimensions) pushed onto the support. */
    public Tensor constrain(Tensor unconstrained) {
        return transform.forward(unconstrained);
    }

    /** A value in the support (with any leading dimensions) mapped to unconstrained space. */
    public Tensor unconstrain(Tensor value) {
        return transform.inverse(value);
    }

    @Override
    public String toString() {
        return "LatentSite(" + name + ", shape=" + Arrays.toString(shape) + ", support=" + support.describe()
                + ", unconstrainedShape=" + Arrays.toString(unconstrainedShape) + ")";
    }
}
