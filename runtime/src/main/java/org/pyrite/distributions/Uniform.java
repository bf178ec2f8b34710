package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The continuous uniform distribution on {@code [low, high]}; the bounds broadcast to the batch
 * shape and must satisfy {@code low < high} element-wise.
 *
 * <pre>{@code
 * Uniform u = Uniform.of(-1.0, 3.0);
 * Tensor x = u.sample(5);                 // in [-1, 3)
 * Tensor lp = u.logProb(x);               // -log(4) everywhere
 * Uniform boxes = Uniform.of(Tensor.of(0.0, 10.0), Tensor.of(1.0, 20.0)); // batch shape [2]
 * }</pre>
 *
 * <p>The support is {@link Constraints#interval(Tensor, Tensor)} of the bounds, checked per
 * element when they are tensors. Mean {@code (low + high) / 2}, variance
 * {@code (high - low)^2 / 12}. Reparameterized: {@code low + (high - low) u} with
 * {@code u ~ U[0, 1)}, so gradients reach both bounds.
 */
public final class Uniform extends Distribution {
    private final Tensor low;
    private final Tensor high;
    private final int[] batchShape;
    private static final String[] PARAMETERS = {"low", "high"};
    private final Constraint support;

    private Uniform(Tensor low, Tensor high) {
        checkParam("Uniform", "low", low, Constraints.real());
        checkParam("Uniform", "high", high, Constraints.real());
        this.batchShape = broadcastParameters("Uniform", PARAMETERS, low, high);
        checkParam("Uniform", "high", high.expand(batchShape), greaterThan(low));
        this.low = low;
        this.high = high;
        this.support = Constraints.interval(low, high);
    }

    /** Uniform on {@code [low, high]}, {@code low < high}. */
    public static Uniform of(Tensor low, Tensor high) {
        return new Uniform(low, high);
    }

    /** Uniform on {@code [low, high]}, {@code low < high}. */
    public static Uniform of(Tensor low, double high) {
        return new Uniform(low, Tensor.scalar(high));
    }

    /** Uniform on {@code [low, high]}, {@code low < high}. */
    public static Uniform of(double low, Tensor high) {
        return new Uniform(Tensor.scalar(low), high);
    }

    /** Uniform on {@code [low, high]}, {@code low < high}. */
    public static Uniform of(double low, double high) {
        return new Uniform(Tensor.scalar(low), Tensor.scalar(high));
    }

    /** The lower bound. */
    public Tensor low() {
        return low;
    }

    /** The upper bound. */
    public Tensor high() {
        return high;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public Constraint support() {
        return support;
    }

    @Override
    public Tensor mean() {
        return low.add(high).mul(0.5);
    }

    @Override
    public Tensor variance() {
        return high.sub(low).square().div(12.0);
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
            return low.add(high.sub(low).mul(rng.uniform()));
        }
        double[] u = new double[Shape.numel(shape)];
        for (int i = 0; i < u.length; i++) {
            u[i] = rng.uniform();
        }
        return low.add(high.sub(low).mul(Tensor.fromArray(u, shape)));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        return high.sub(low).log().neg().expand(Shape.broadcast(value.shape(), batchShape));
    }

    @Override
    public Uniform expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Uniform(low.expand(newBatchShape), high.expand(newBatchShape));
    }

    /** {@code high > low} element-wise, for the parameter check. */
    private static Constraint greaterThan(Tensor low) {
        return new Constraint() {
            @Override
            public Tensor check(Tensor value) {
                return value.gt(low);
            }

            @Override
            public String describe() {
                return "greater than 'low' (" + (low.isScalar() ? String.valueOf(low.item()) : low.toString()) + ")";
            }
        };
    }
}
