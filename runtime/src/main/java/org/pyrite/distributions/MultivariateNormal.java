package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The multivariate normal distribution over vectors of length D, with mean {@code loc} and
 * covariance {@code S = L L^T} given by its lower Cholesky factor {@code L} ({@code scaleTril}),
 * or by the covariance or the precision matrix (factored on construction).
 *
 * <pre>{@code
 * Tensor loc = Tensor.of(0.0, 1.0);
 * Tensor cov = Tensor.of(new double[][] {{2.0, 0.5}, {0.5, 1.0}});
 * MultivariateNormal mvn = MultivariateNormal.withCovariance(loc, cov);  // eventShape [2]
 * Tensor x = mvn.rsample(100);                                            // shape [100, 2]
 * Tensor lp = mvn.logProb(x);                                             // shape [100]
 * }</pre>
 *
 * <p>Shapes: {@code loc} is {@code [..., D]} and {@code L} is {@code [..., D, D]}; the batch shape
 * is the broadcast of {@code loc}'s leading dimensions with {@code L}'s, and the event shape is
 * {@code [D]}. Draws are reparameterized: {@code loc + L eps} with {@code eps} standard normal,
 * so gradients reach {@code loc} and {@code L} (and, through the Cholesky factorization, a
 * covariance or precision). {@code logProb(x) = -|L^-1 (x - loc)|^2 / 2 - sum(log diag L)
 * - D/2 log(2 pi)}, computed with a triangular solve (no matrix inverse).
 */
public final class MultivariateNormal extends Distribution {
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final Tensor loc;
    private final Tensor scaleTril;
    private final int dim;
    private final int[] batchShape;

    private MultivariateNormal(Tensor loc, Tensor scaleTril) {
        this.dim = checkShapes(loc, scaleTril, "scaleTril");
        checkParam("MultivariateNormal", "loc", loc, Constraints.realVector());
        checkParam("MultivariateNormal", "scaleTril", scaleTril, Constraints.lowerCholesky());
        this.loc = loc;
        this.scaleTril = scaleTril;
        int[] ls = loc.shape();
        int[] ts = scaleTril.shape();
        this.batchShape = Shape.broadcast(Shape.slice(ls, 0, ls.length - 1), Shape.slice(ts, 0, ts.length - 2)).clone();
    }

    /** Checks {@code loc} is {@code [..., D]} and the matrix {@code [..., D, D]}; returns D. */
    private static int checkShapes(Tensor loc, Tensor matrix, String matrixName) {
        if (loc.rank() < 1) {
            throw new IllegalArgumentException("MultivariateNormal: parameter 'loc' must be a vector (rank >= 1), got shape "
                    + Shape.toString(loc.shape()));
        }
        int d = loc.size(-1);
        if (matrix.rank() < 2 || matrix.size(-1) != d || matrix.size(-2) != d) {
            throw new IllegalArgumentException("MultivariateNormal: parameter '" + matrixName + "' must have shape [..., "
                    + d + ", " + d + "] to match loc of shape " + Shape.toString(loc.shape()) + ", got "
                    + Shape.toString(matrix.shape()));
        }
        int[] ls = loc.shape();
        int[] ms = matrix.shape();
        try {
            Shape.broadcast(Shape.slice(ls, 0, ls.length - 1), Shape.slice(ms, 0, ms.length - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MultivariateNormal: batch dimensions of 'loc' " + Shape.toString(ls)
                    + " and '" + matrixName + "' " + Shape.toString(ms) + " do not broadcast", e);
        }
        return d;
    }

    /** MVN with mean {@code loc} ({@code [..., D]}) and lower Cholesky factor {@code scaleTril} of the covariance. */
    public static MultivariateNormal withScaleTril(Tensor loc, Tensor scaleTril) {
        return new MultivariateNormal(loc, scaleTril);
    }

    /**
     * MVN with mean {@code loc} and symmetric positive-definite covariance {@code covariance}
     * ({@code [..., D, D]}), factored by Cholesky.
     */
    public static MultivariateNormal withCovariance(Tensor loc, Tensor covariance) {
        checkShapes(loc, covariance, "covariance");
        checkParam("MultivariateNormal", "covariance", covariance, Constraints.positiveDefinite());
        return new MultivariateNormal(loc, factor(covariance, "covariance"));
    }

    /**
     * MVN with mean {@code loc} and symmetric positive-definite precision (inverse covariance)
     * {@code precision}: with {@code P = M M^T} (Cholesky), the covariance {@code M^-T M^-1} is
     * formed by triangular solves and factored again.
     */
    public static MultivariateNormal withPrecision(Tensor loc, Tensor precision) {
        int d = checkShapes(loc, precision, "precision");
        checkParam("MultivariateNormal", "precision", precision, Constraints.positiveDefinite());
        Tensor m = factor(precision, "precision");
        Tensor mInv = m.triangularSolve(Tensor.eye(d), true);       // M^-1, lower-triangular
        Tensor cov = mInv.transpose().matmul(mInv);                 // M^-T M^-1 = P^-1
        return new MultivariateNormal(loc, factor(cov.add(cov.transpose()).mul(0.5), "precision"));
    }

    private static Tensor factor(Tensor matrix, String name) {
        try {
            return matrix.cholesky();
        } catch (ArithmeticException notPositiveDefinite) {
            throw new IllegalArgumentException("MultivariateNormal: parameter '" + name + "' must be "
                    + Constraints.positiveDefinite().describe() + "; Cholesky failed: " + notPositiveDefinite.getMessage(),
                    notPositiveDefinite);
        }
    }

    /** The mean, as given ({@code [..., D]}). */
    public Tensor loc() {
        return loc;
    }

    /** The lower Cholesky factor L of the covariance, as given or computed ({@code [..., D, D]}). */
    public Tensor scaleTril() {
        return scaleTril;
    }

    /** The covariance {@code L L^T}, of shape {@code batchShape + [D, D]}. */
    public Tensor covariance() {
        return scaleTril.matmul(scaleTril.transpose()).expand(Shape.concat(batchShape, new int[] {dim, dim}));
    }

    /** The precision {@code L^-T L^-1}, of shape {@code batchShape + [D, D]}. */
    public Tensor precision() {
        Tensor lInv = scaleTril.triangularSolve(Tensor.eye(dim), true);
        return lInv.transpose().matmul(lInv).expand(Shape.concat(batchShape, new int[] {dim, dim}));
    }

    /** The dimension D of one draw. */
    public int dim() {
        return dim;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return new int[] {dim};
    }

    @Override
    public Constraint support() {
        return Constraints.realVector();
    }

    @Override
    public Tensor mean() {
        return loc.expand(shape());
    }

    /** The marginal variances, the diagonal of {@code L L^T}: the row sums of {@code L^2}. */
    @Override
    public Tensor variance() {
        return scaleTril.square().sum(-1).expand(shape());
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        int[] shape = shape(sampleShape);
        Rng rng = Rng.current();
        double[] eps = new double[Shape.numel(shape)];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = rng.gaussian();
        }
        Tensor e = Tensor.fromArray(eps, Shape.concat(shape, new int[] {1}));
        return loc.add(scaleTril.matmul(e).squeeze(-1));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor diff = value.sub(loc).unsqueeze(-1);                             // [..., D, 1]
        Tensor z = scaleTril.triangularSolve(diff, true).squeeze(-1);          // L^-1 (x - loc)
        Tensor halfLogDet = scaleTril.diagonal().log().sum(-1);                 // sum log diag L
        return z.square().sum(-1).add(dim * LOG_TWO_PI).mul(-0.5).sub(halfLogDet);
    }

    @Override
    public MultivariateNormal expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new MultivariateNormal(loc.expand(Shape.concat(newBatchShape, new int[] {dim})),
                scaleTril.expand(Shape.concat(newBatchShape, new int[] {dim, dim})));
    }
}
