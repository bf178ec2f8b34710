package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * Pyro's {@code Delta}: a point mass at {@code v}, optionally carrying a log-density
 * {@code logDensity} (e.g. a Jacobian term) and treating the rightmost {@code eventDim} dimensions
 * of {@code v} as one event.
 *
 * <pre>{@code
 * Delta d = Delta.of(Tensor.of(1.0, 2.0));                // batchShape [2], eventShape []
 * Tensor x = d.sample();                                  // [1.0, 2.0]
 * Tensor lp = d.logProb(Tensor.of(1.0, 5.0));             // [0.0, -Infinity]
 * Delta point = Delta.of(Tensor.of(1.0, 2.0), Tensor.scalar(-0.5), 1); // one 2-vector, log-density -0.5
 * }</pre>
 *
 * <p>Semantics follow Pyro: {@link #rsample} (and {@link #sample}) return {@code v} expanded to
 * {@code sampleShape + v.shape}, consuming no randomness; the draw is reparameterized, so
 * gradients flow from it back to {@code v}. {@code logProb(x)} is {@code logDensity} where
 * {@code x} equals {@code v} exactly (over the whole event) and {@code -Infinity} elsewhere.
 *
 * <p>The support is the real numbers (over {@code eventDim} dimensions), as in Pyro, not the
 * single point {@code v}: with validation on, a finite {@code x != v} is therefore not an error
 * but has log-density {@code -Infinity}, exactly as with validation off. This keeps a Delta
 * usable as a guide or proposal whose value is compared against values from elsewhere (where an
 * exception would abort inference); only non-finite values are refused.
 */
public final class Delta extends Distribution {
    private final Tensor v;
    private final Tensor logDensity;
    private final int eventDim;
    private final int[] batchShape;
    private final int[] eventShape;

    private Delta(Tensor v, Tensor logDensity, int eventDim) {
        if (eventDim < 0 || eventDim > v.rank()) {
            throw new IllegalArgumentException("Delta: eventDim " + eventDim + " must lie in [0, " + v.rank()
                    + "] for v of shape " + Shape.toString(v.shape()));
        }
        int[] shape = v.shape();
        this.batchShape = Shape.slice(shape, 0, shape.length - eventDim);
        this.eventShape = Shape.slice(shape, shape.length - eventDim, shape.length);
        if (!Shape.broadcastsTo(logDensity.shape(), batchShape)) {
            throw new IllegalArgumentException("Delta: parameter 'logDensity' of shape " + Shape.toString(logDensity.shape())
                    + " does not broadcast to the batch shape " + Shape.toString(batchShape));
        }
        checkParam("Delta", "v", v, Constraints.real());
        checkParam("Delta", "logDensity", logDensity, Constraints.real());
        this.v = v;
        this.logDensity = logDensity;
        this.eventDim = eventDim;
    }

    /** A point mass at {@code v}, every entry its own batch element. */
    public static Delta of(Tensor v) {
        return new Delta(v, Tensor.scalar(0.0), 0);
    }

    /** A point mass at the scalar {@code v}. */
    public static Delta of(double v) {
        return new Delta(Tensor.scalar(v), Tensor.scalar(0.0), 0);
    }

    /** A point mass at {@code v} with log-density {@code logDensity} (broadcast to the batch shape). */
    public static Delta of(Tensor v, Tensor logDensity) {
        return new Delta(v, logDensity, 0);
    }

    /**
     * A point mass at {@code v} whose rightmost {@code eventDim} dimensions form one event, with
     * log-density {@code logDensity} of a shape that broadcasts to {@code v}'s other dimensions.
     */
    public static Delta of(Tensor v, Tensor logDensity, int eventDim) {
        return new Delta(v, logDensity, eventDim);
    }

    /** As {@link #of(Tensor, Tensor, int)} with a scalar log-density. */
    public static Delta of(Tensor v, double logDensity, int eventDim) {
        return new Delta(v, Tensor.scalar(logDensity), eventDim);
    }

    /** The point. */
    public Tensor v() {
        return v;
    }

    /** The log-density at the point. */
    public Tensor logDensity() {
        return logDensity;
    }

    /** How many rightmost dimensions of {@code v} form one event. */
    public int eventDim() {
        return eventDim;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return eventShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.independent(Constraints.real(), eventDim);
    }

    @Override
    public Tensor mean() {
        return v;
    }

    @Override
    public Tensor variance() {
        return Tensor.zerosLike(v);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        return v.expand(extendShape(sampleShape, v.shape()));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor lp = value.eq(v).log(); // 0 where equal, -inf elsewhere
        for (int i = 0; i < eventDim; i++) {
            lp = lp.sum(-1);
        }
        return lp.add(logDensity);
    }

    @Override
    public Delta expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Delta(v.expand(Shape.concat(newBatchShape, eventShape)), logDensity.expand(newBatchShape), eventDim);
    }
}
