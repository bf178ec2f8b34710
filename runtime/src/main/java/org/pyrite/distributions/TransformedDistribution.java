package org.pyrite.distributions;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.distributions.transforms.AffineTransform;
import org.pyrite.distributions.transforms.ComposeTransform;
import org.pyrite.distributions.transforms.IdentityTransform;
import org.pyrite.distributions.transforms.Transform;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The distribution of {@code y = f_n(... f_1(x))} for {@code x} drawn from a base distribution
 * (Pyro's and torch's {@code TransformedDistribution}).
 *
 * <pre>{@code
 * // the log-normal: exp of a normal
 * Distribution logNormal = new TransformedDistribution(Normal.of(0.0, 1.0), new ExpTransform());
 * Tensor y = logNormal.sample();              // positive
 * Tensor lp = logNormal.logProb(y);           // log N(log y; 0, 1) - log y
 *
 * // a distribution on the 3-simplex from a normal on R^2
 * Distribution onSimplex = new TransformedDistribution(
 *         Normal.of(Tensor.zeros(2), Tensor.ones(2)), new StickBreakingTransform());
 * // batchShape [], eventShape [3]
 * }</pre>
 *
 * <p>{@code logProb(y) = base.logProb(x) - sum log|det J|}, inverting the transforms from the last
 * to the first. Shapes follow torch: the base is {@linkplain Distribution#expand expanded} when a
 * transform's parameters broadcast it to a larger shape, and as many of its batch dimensions as the
 * transforms need (their domain event dimension) become event dimensions; the event dimension of
 * this distribution is the larger of the transforms' codomain event dimension and the base's event
 * dimension carried through them. Each transform's log-det-Jacobian is summed over the event
 * dimensions it does not itself reduce.
 *
 * <p>Draws are reparameterized when the base's are. {@link #mean()} and {@link #variance()} are
 * available when every transform is affine (or the identity); otherwise they throw
 * {@link UnsupportedOperationException}.
 */
public class TransformedDistribution extends Distribution {
    private final Distribution base;
    private final List<Transform> transforms;
    private final int[] batchShape;
    private final int[] eventShape;

    /** {@code base} pushed through {@code transforms}, the first applied first. */
    public TransformedDistribution(Distribution base, Transform... transforms) {
        this(base, List.of(transforms));
    }

    /** {@code base} pushed through {@code transforms}, the first applied first. */
    public TransformedDistribution(Distribution base, List<? extends Transform> transforms) {
        this.transforms = List.copyOf(transforms);
        ComposeTransform all = new ComposeTransform(this.transforms);
        int[] baseShape = Shape.concat(base.batchShape(), base.eventShape());
        int baseEventDim = base.eventShape().length;
        if (baseShape.length < all.domainEventDim()) {
            throw new IllegalArgumentException("TransformedDistribution: the base " + base.name() + " has shape "
                    + Arrays.toString(baseShape) + " but the transforms need at least " + all.domainEventDim()
                    + " dimension(s) per event");
        }
        int[] forwardShape = all.forwardShape(baseShape);
        int[] expandedBaseShape = all.inverseShape(forwardShape);
        Distribution b = base;
        if (!Arrays.equals(baseShape, expandedBaseShape)) {
            b = b.expand(Shape.slice(expandedBaseShape, 0, expandedBaseShape.length - baseEventDim));
        }
        int reinterpreted = all.domainEventDim() - baseEventDim;
        if (reinterpreted > 0) {
            b = new Independent(b, reinterpreted);
        }
        this.base = b;
        int change = all.codomainEventDim() - all.domainEventDim();
        int eventDim = Math.max(all.codomainEventDim(), baseEventDim + change);
        int cut = forwardShape.length - eventDim;
        this.batchShape = Shape.slice(forwardShape, 0, cut);
        this.eventShape = Shape.slice(forwardShape, cut, forwardShape.length);
    }

    /**
     * The base distribution, as used: expanded and with batch dimensions reinterpreted as event
     * dimensions where the transforms need it.
     */
    public Distribution base() {
        return base;
    }

    /** The transforms, in the order they are applied to a base draw. */
    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return eventShape.clone();
    }

    /** The last transform's codomain (reinterpreted over this distribution's event dimensions), or the base's support. */
    @Override
    public Constraint support() {
        if (transforms.isEmpty()) {
            return base.support();
        }
        Constraint s = transforms.get(transforms.size() - 1).codomain();
        return Constraints.independent(s, Math.max(0, eventShape.length - s.eventDim()));
    }

    /**
     * The base mean pushed through the transforms when all of them are affine (or the identity).
     *
     * @throws UnsupportedOperationException for any other transform: the mean has no closed form in general
     */
    @Override
    public Tensor mean() {
        Tensor m = base.mean();
        for (Transform t : transforms) {
            if (t instanceof AffineTransform) {
                m = t.forward(m);
            } else if (!(t instanceof IdentityTransform)) {
                throw noClosedForm("mean", t);
            }
        }
        return m.expand(shape());
    }

    /**
     * The base variance times the squared scales when all transforms are affine (or the identity).
     *
     * @throws UnsupportedOperationException for any other transform: the variance has no closed form in general
     */
    @Override
    public Tensor variance() {
        Tensor v = base.variance();
        for (Transform t : transforms) {
            if (t instanceof AffineTransform) {
                v = v.mul(((AffineTransform) t).scale().square());
            } else if (!(t instanceof IdentityTransform)) {
                throw noClosedForm("variance", t);
            }
        }
        return v.expand(shape());
    }

    private UnsupportedOperationException noClosedForm(String what, Transform t) {
        return new UnsupportedOperationException(name() + ": the " + what + " of a distribution pushed through "
                + t + " has no closed form in general; estimate it from draws (e.g. sample(n)) or use a "
                + "distribution that defines it");
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        Tensor x = base.rsample(sampleShape);
        for (Transform t : transforms) {
            x = t.forward(x);
        }
        return x;
    }

    @Override
    @SuppressWarnings("try") // the no-grad scope is used for its effect
    public Tensor sample(int... sampleShape) {
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            Tensor x = base.sample(sampleShape);
            for (Transform t : transforms) {
                x = t.forward(x);
            }
            return x.detach();
        }
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        int eventDim = eventShape.length;
        Tensor logDet = null;
        Tensor y = value;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            Transform t = transforms.get(i);
            Tensor x = t.inverse(y);
            eventDim += t.domainEventDim() - t.codomainEventDim();
            Tensor term = sumRightmost(t.logAbsDetJacobian(x, y), eventDim - t.domainEventDim());
            logDet = logDet == null ? term : logDet.add(term);
            y = x;
        }
        Tensor lp = sumRightmost(base.logProb(y), eventDim - base.eventShape().length);
        return logDet == null ? lp : lp.sub(logDet);
    }

    private static Tensor sumRightmost(Tensor t, int n) {
        Tensor s = t;
        for (int i = 0; i < n; i++) {
            s = s.sum(-1);
        }
        return s;
    }

    /**
     * This distribution with a larger batch shape: the base is expanded to the shape the transforms
     * map onto {@code batchShape + eventShape}.
     */
    @Override
    public TransformedDistribution expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        int[] shape = Shape.concat(newBatchShape, eventShape);
        for (int i = transforms.size() - 1; i >= 0; i--) {
            shape = transforms.get(i).inverseShape(shape);
        }
        int[] baseBatch = Shape.slice(shape, 0, shape.length - base.eventShape().length);
        return new TransformedDistribution(base.expand(baseBatch), transforms);
    }

    @Override
    public String toString() {
        return name() + "(" + base + ", [" + transforms.stream().map(Object::toString).collect(Collectors.joining(", "))
                + "], batchShape=" + Arrays.toString(batchShape) + ", eventShape=" + Arrays.toString(eventShape) + ")";
    }
}
