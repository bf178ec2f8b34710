package org.pyrite.distributions;

import java.util.Arrays;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * A distribution whose rightmost batch dimensions are reinterpreted as event dimensions (Pyro's
 * {@code Independent}, made by {@link Distribution#toEvent(int)}).
 *
 * <pre>{@code
 * Distribution d = Normal.of(Tensor.zeros(3), Tensor.ones(3)).toEvent(1); // one 3-vector
 * Tensor lp = d.logProb(Tensor.of(0.1, 0.2, 0.3));                        // a scalar
 * }</pre>
 */
public final class Independent extends Distribution {
    private final Distribution base;
    private final int reinterpreted;

    /** Reinterprets {@code n} rightmost batch dimensions of {@code base}. */
    public Independent(Distribution base, int n) {
        int[] b = base.batchShape();
        if (n < 0) {
            throw new IllegalArgumentException(base.name() + ".toEvent(" + n + "): n must be >= 0, the number of rightmost"
                    + " batch dimensions of the batch shape " + Arrays.toString(b) + " that form one event");
        }
        if (n > b.length) {
            int[] padded = new int[n];
            Arrays.fill(padded, 1);
            System.arraycopy(b, 0, padded, n - b.length, b.length);
            String fits = b.length == 0 ? "" : "toEvent(" + b.length + ") makes the event shape " + Arrays.toString(b) + "; ";
            throw new IllegalArgumentException(base.name() + ".toEvent(" + n + "): the batch shape " + Arrays.toString(b)
                    + " has only " + b.length + " dimension(s) to turn into event dimensions; " + fits + "for " + n
                    + ", give it " + n + " first, e.g. expand(" + Arrays.toString(padded).replaceAll("[\\[\\]]", "")
                    + ").toEvent(" + n + ")");
        }
        this.base = base;
        this.reinterpreted = n;
    }

    /** The distribution underneath. */
    public Distribution base() {
        return base;
    }

    /** How many batch dimensions became event dimensions. */
    public int reinterpretedDims() {
        return reinterpreted;
    }

    @Override
    public int[] batchShape() {
        int[] b = base.batchShape();
        return Shape.slice(b, 0, b.length - reinterpreted);
    }

    @Override
    public int[] eventShape() {
        int[] b = base.batchShape();
        return Shape.concat(Shape.slice(b, b.length - reinterpreted, b.length), base.eventShape());
    }

    @Override
    public Constraint support() {
        return Constraints.independent(base.support(), reinterpreted);
    }

    @Override
    public Tensor mean() {
        return base.mean();
    }

    @Override
    public Tensor variance() {
        return base.variance();
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        return base.rsample(sampleShape);
    }

    @Override
    public Tensor sample(int... sampleShape) {
        return base.sample(sampleShape);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor lp = base.logProbUnchecked(value);
        for (int i = 0; i < reinterpreted; i++) {
            lp = lp.sum(-1);
        }
        return lp;
    }

    @Override
    public Distribution expand(int... batchShape) {
        checkExpand(batchShape);
        return new Independent(base.expand(Shape.concat(batchShape, Shape.slice(base.batchShape(),
                base.batchShape().length - reinterpreted, base.batchShape().length))), reinterpreted);
    }

    @Override
    public String name() {
        return "Independent(" + base.name() + ", " + reinterpreted + ")";
    }
}
