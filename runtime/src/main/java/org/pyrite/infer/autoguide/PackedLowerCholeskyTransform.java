package org.pyrite.infer.autoguide;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.distributions.transforms.LowerCholeskyTransform;
import org.pyrite.distributions.transforms.Transform;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The bijection autoguides use for {@link Constraints#lowerCholesky()}: a vector of the
 * {@code m = n (n + 1) / 2} free coordinates, packed row by row ({@code (r, c)} with {@code c <= r}
 * at {@code r (r + 1) / 2 + c}), filled into a lower-triangular matrix and pushed through
 * {@link LowerCholeskyTransform}.
 *
 * <p>{@code Transforms.bijectTo(lowerCholesky())} works on full {@code n x n} matrices whose
 * entries above the diagonal are ignored. A Normal guide over those would carry
 * {@code n (n - 1) / 2} coordinates the model never sees, whose entropy the ELBO rewards without
 * bound; packing removes them, so the unconstrained space has exactly as many dimensions as the
 * constrained one.
 */
final class PackedLowerCholeskyTransform extends Transform {
    private static final LowerCholeskyTransform LOWER_CHOLESKY = new LowerCholeskyTransform();

    /** The side {@code n} of the matrix for {@code m = n (n + 1) / 2} packed coordinates. */
    static int side(int m) {
        int n = (int) Math.round((Math.sqrt(8.0 * m + 1) - 1) / 2);
        if (n < 1 || n * (n + 1) / 2 != m) {
            throw new IllegalArgumentException("PackedLowerCholeskyTransform: " + m
                    + " coordinates do not fill a lower-triangular matrix (need n (n + 1) / 2 for some n >= 1)");
        }
        return n;
    }

    /** For each entry of the row-major {@code n x n} matrix: its packed index, or {@code m} (a zero) above the diagonal. */
    private static int[] fillMap(int n) {
        int m = n * (n + 1) / 2;
        int[] map = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                map[r * n + c] = c <= r ? r * (r + 1) / 2 + c : m;
            }
        }
        return map;
    }

    /** For each packed index: its row-major position in the {@code n x n} matrix. */
    private static int[] packMap(int n) {
        int[] map = new int[n * (n + 1) / 2];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c <= r; c++) {
                map[r * (r + 1) / 2 + c] = r * n + c;
            }
        }
        return map;
    }

    private static int[] diagonalIndices(int n) {
        int[] idx = new int[n];
        for (int r = 0; r < n; r++) {
            idx[r] = r * (r + 1) / 2 + r;
        }
        return idx;
    }

    @Override
    public Tensor forward(Tensor x) {
        requireRank(x, 1, "forward");
        int[] s = x.shape();
        int n = side(s[s.length - 1]);
        int[] leading = Shape.slice(s, 0, s.length - 1);
        Tensor padded = Tensor.cat(-1, x, Tensor.zeros(Shape.concat(leading, new int[] {1})));
        Tensor filled = padded.index(-1, fillMap(n)).reshape(Shape.concat(leading, new int[] {n, n}));
        return LOWER_CHOLESKY.forward(filled);
    }

    @Override
    public Tensor inverse(Tensor y) {
        requireRank(y, 2, "inverse");
        int[] s = y.shape();
        int n = s[s.length - 1];
        int[] leading = Shape.slice(s, 0, s.length - 2);
        Tensor u = LOWER_CHOLESKY.inverse(y).reshape(Shape.concat(leading, new int[] {n * n}));
        return u.index(-1, packMap(n));
    }

    /** The sum of the packed diagonal coordinates (the diagonal is exponentiated, the rest copied). */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        requireRank(x, 1, "logAbsDetJacobian");
        return x.index(-1, diagonalIndices(side(x.size(-1)))).sum(-1);
    }

    @Override
    public Constraint domain() {
        return Constraints.realVector();
    }

    @Override
    public Constraint codomain() {
        return Constraints.lowerCholesky();
    }

    @Override
    public int domainEventDim() {
        return 1;
    }

    @Override
    public int codomainEventDim() {
        return 2;
    }

    /** {@code [..., n (n + 1) / 2] -> [..., n, n]}. */
    @Override
    public int[] forwardShape(int[] shape) {
        if (shape.length < 1) {
            throw new IllegalArgumentException(name() + " needs at least one dimension, got shape " + Shape.toString(shape));
        }
        int n = side(shape[shape.length - 1]);
        return Shape.concat(Shape.slice(shape, 0, shape.length - 1), new int[] {n, n});
    }

    /** {@code [..., n, n] -> [..., n (n + 1) / 2]}. */
    @Override
    public int[] inverseShape(int[] shape) {
        if (shape.length < 2 || shape[shape.length - 1] != shape[shape.length - 2]) {
            throw new IllegalArgumentException(name() + " needs square matrices, got shape " + Shape.toString(shape));
        }
        int n = shape[shape.length - 1];
        return Shape.concat(Shape.slice(shape, 0, shape.length - 2), new int[] {n * (n + 1) / 2});
    }
}
