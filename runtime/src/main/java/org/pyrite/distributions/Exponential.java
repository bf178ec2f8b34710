package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The exponential distribution with rate {@code rate} (mean {@code 1 / rate}), on
 * {@code x >= 0}; the parameter broadcasts to the batch shape.
 *
 * <pre>{@code
 * Exponential waiting = Exponential.of(2.0);   // rate 2, mean 0.5
 * Tensor t = waiting.sample(100);
 * Tensor lp = waiting.logProb(t);               // log(rate) - rate t
 * }</pre>
 *
 * <p>Note the parametrization by rate, as in Pyro and torch (Commons Statistics takes the mean).
 * Mean {@code 1 / rate}, variance {@code 1 / rate^2}. Reparameterized: {@code E / rate} with
 * {@code E} a standard exponential draw.
 */
public final class Exponential extends Distribution {
    private final Tensor rate;
    private final int[] batchShape;

    private Exponential(Tensor rate) {
        checkParam("Exponential", "rate", rate, Constraints.positive());
        this.rate = rate;
        this.batchShape = rate.shape();
    }

    /** Exponential with the given rate (&gt; 0; the mean is {@code 1 / rate}). */
    public static Exponential of(Tensor rate) {
        return new Exponential(rate);
    }

    /** Exponential with the given rate (&gt; 0; the mean is {@code 1 / rate}). */
    public static Exponential of(double rate) {
        return new Exponential(Tensor.scalar(rate));
    }

    /** The rate (inverse mean). */
    public Tensor rate() {
        return rate;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.nonnegative();
    }

    @Override
    public Tensor mean() {
        return rate.reciprocal();
    }

    @Override
    public Tensor variance() {
        return rate.square().reciprocal();
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        int[] shape = extendShape(sampleShape, batchShape);
        Rng rng = Rng.current();
        if (shape.length == 0) {
            return Tensor.scalar(rng.exponential()).div(rate);
        }
        double[] e = new double[Shape.numel(shape)];
        for (int i = 0; i < e.length; i++) {
            e[i] = rng.exponential();
        }
        return Tensor.fromArray(e, shape).div(rate);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        return rate.log().sub(rate.mul(value));
    }

    @Override
    public Exponential expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Exponential(rate.expand(newBatchShape));
    }
}
