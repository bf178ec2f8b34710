package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * Maps an unconstrained square matrix to a lower-triangular matrix with a positive diagonal:
 * {@code y = tril(x, -1) + diagEmbed(exp(diagonal(x)))} (torch's and Pyro's
 * {@code LowerCholeskyTransform}, the bijection for {@link Constraints#lowerCholesky()}).
 *
 * <pre>{@code
 * Transform lc = new LowerCholeskyTransform();
 * Tensor x = Tensor.of(new double[][] {{0.0, 9.0}, {2.0, 1.0}});
 * Tensor l = lc.forward(x);               // [[1, 0], [2, e]]: the entry above the diagonal is dropped
 * Tensor back = lc.inverse(l);            // [[0, 0], [2, 1]] = tril(x)
 * }</pre>
 *
 * <p>As in torch the entries of {@code x} above the diagonal are ignored, so the map is a bijection
 * only between lower-triangular matrices ({@code n (n + 1) / 2} free coordinates) and the lower
 * Cholesky factors, and {@code inverse(forward(x)) = tril(x)}. {@link #logAbsDetJacobian} is the
 * log-determinant of the Jacobian on those free coordinates: the strictly lower entries are copied
 * and the diagonal is exponentiated, so it is {@code sum_i x_ii}, of the batch shape of {@code x}
 * (torch leaves it unimplemented).
 */
public final class LowerCholeskyTransform extends Transform {
    /** The lower-Cholesky map. */
    public LowerCholeskyTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        requireRank(x, 2, "forward");
        return x.tril(-1).add(x.diagonal().exp().diagEmbed());
    }

    @Override
    public Tensor inverse(Tensor y) {
        requireRank(y, 2, "inverse");
        return y.tril(-1).add(y.diagonal().log().diagEmbed());
    }

    /** {@code sum_i x_ii}. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        requireRank(x, 2, "logAbsDetJacobian");
        return x.diagonal().sum(-1);
    }

    @Override
    public Constraint domain() {
        return Constraints.independent(Constraints.real(), 2);
    }

    @Override
    public Constraint codomain() {
        return Constraints.lowerCholesky();
    }

    @Override
    public int domainEventDim() {
        return 2;
    }

    @Override
    public int codomainEventDim() {
        return 2;
    }
}
