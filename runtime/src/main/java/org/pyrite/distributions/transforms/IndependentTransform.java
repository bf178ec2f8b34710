package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * A transform whose {@code n} rightmost batch dimensions are reinterpreted as event dimensions
 * (torch's {@code IndependentTransform}): the values are those of the base transform, the
 * log-det-Jacobian is summed over {@code n} more dimensions. {@link Transforms#bijectTo} returns it
 * for {@code Constraints.independent(c, n)}.
 *
 * <pre>{@code
 * Transform t = new IndependentTransform(new ExpTransform(), 1);   // positive vectors
 * Tensor x = Tensor.of(new double[][] {{0.0, 1.0}, {2.0, 3.0}});
 * Tensor ladj = t.logAbsDetJacobian(x, t.forward(x));             // [1, 5]: one per row
 * }</pre>
 */
public final class IndependentTransform extends Transform {
    private final Transform base;
    private final int reinterpreted;

    /** {@code base} with {@code reinterpretedBatchDims} (&ge; 0) more event dimensions. */
    public IndependentTransform(Transform base, int reinterpretedBatchDims) {
        if (reinterpretedBatchDims < 0) {
            throw new IllegalArgumentException("IndependentTransform: reinterpretedBatchDims must be >= 0, got "
                    + reinterpretedBatchDims);
        }
        this.base = java.util.Objects.requireNonNull(base, "base");
        this.reinterpreted = reinterpretedBatchDims;
    }

    /** The transform underneath. */
    public Transform base() {
        return base;
    }

    /** How many batch dimensions became event dimensions. */
    public int reinterpretedBatchDims() {
        return reinterpreted;
    }

    @Override
    public Tensor forward(Tensor x) {
        requireRank(x, domainEventDim(), "forward");
        return base.forward(x);
    }

    @Override
    public Tensor inverse(Tensor y) {
        requireRank(y, codomainEventDim(), "inverse");
        return base.inverse(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        requireRank(x, domainEventDim(), "logAbsDetJacobian");
        return sumRightmost(base.logAbsDetJacobian(x, y), reinterpreted);
    }

    @Override
    public Constraint domain() {
        return Constraints.independent(base.domain(), reinterpreted);
    }

    @Override
    public Constraint codomain() {
        return Constraints.independent(base.codomain(), reinterpreted);
    }

    @Override
    public int domainEventDim() {
        return base.domainEventDim() + reinterpreted;
    }

    @Override
    public int codomainEventDim() {
        return base.codomainEventDim() + reinterpreted;
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return base.forwardShape(shape);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return base.inverseShape(shape);
    }

    @Override
    public String toString() {
        return "IndependentTransform(" + base + ", " + reinterpreted + ")";
    }
}
