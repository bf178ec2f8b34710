package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * Maps an unconstrained vector of length {@code K - 1} onto the {@code K}-simplex by stick-breaking
 * (torch's and Pyro's {@code StickBreakingTransform}, the bijection for
 * {@link Constraints#simplex()}).
 *
 * <pre>{@code
 * Transform sb = new StickBreakingTransform();
 * Tensor x = Tensor.zeros(2);
 * Tensor p = sb.forward(x);                 // [1/3, 1/3, 1/3]: zero maps to the uniform point
 * Tensor back = sb.inverse(p);              // [0, 0]
 * int[] s = sb.forwardShape(new int[] {5, 2}); // [5, 3]
 * }</pre>
 *
 * <p>With {@code u_k = x_k - log(K - 1 - k)} (for {@code k = 0 .. K-2}) and
 * {@code z_k = sigmoid(u_k)}, the {@code k}-th entry takes the fraction {@code z_k} of what the
 * earlier ones left: {@code y_k = z_k prod_{j<k} (1 - z_j)}, and the last entry is the rest,
 * {@code y_{K-1} = prod_j (1 - z_j)}. The offset makes {@code x = 0} map to the uniform vector.
 *
 * <p>The products are formed as sums of {@code log sigmoid} (with {@link Tensor#cumsum}), which is
 * the same map as Pyro's but stays accurate when entries are tiny. The simplex has {@code K - 1}
 * free coordinates; {@link #logAbsDetJacobian} is the log-determinant of the (triangular) Jacobian
 * of {@code x -> (y_0, ..., y_{K-2})}, the last entry being determined by the others:
 * {@code sum_k [log(1 - z_k) + log y_k]}, of the batch shape of {@code x}.
 */
public final class StickBreakingTransform extends Transform {
    /** The stick-breaking map. */
    public StickBreakingTransform() {}

    /** {@code log(K - 1 - k)} for {@code k = 0 .. K-2}: the log of {@code [K-1, ..., 1]} for {@code n = K - 1}. */
    private static Tensor logOffset(int n) {
        double[] o = new double[n];
        for (int k = 0; k < n; k++) {
            o[k] = Math.log(n - k);
        }
        return Tensor.of(o);
    }

    /** {@code u = x - log offset}. */
    private Tensor shifted(Tensor x) {
        requireRank(x, 1, "forward");
        int n = x.size(-1);
        if (n == 0) {
            throw new IllegalArgumentException(name() + " needs at least one unconstrained coordinate (a simplex of "
                    + "two or more entries), got shape " + Shape.toString(x.shape()));
        }
        return x.sub(logOffset(n));
    }

    /** {@code log y}, of shape {@code [..., K]}, from {@code u}. */
    private static Tensor logY(Tensor u) {
        int n = u.size(-1);
        Tensor logRest = u.neg().logSigmoid();            // log(1 - z_k)
        Tensor cumRest = logRest.cumsum(-1);              // log prod_{j<=k} (1 - z_j)
        Tensor before = cumRest.sub(logRest);             // log prod_{j<k} (1 - z_j)
        Tensor head = u.logSigmoid().add(before);         // log y_k, k < K-1
        Tensor last = cumRest.slice(-1, n - 1, n);        // log y_{K-1}
        return Tensor.cat(-1, head, last);
    }

    @Override
    public Tensor forward(Tensor x) {
        return logY(shifted(x)).exp();
    }

    /**
     * {@code x_k = log y_k - log(sum_{j>k} y_j) + log(K - 1 - k)}. The remaining mass
     * {@code sum_{j>k} y_j} is summed from the end (no cancellation), and clipped below at
     * {@code Double.MIN_NORMAL} as torch does.
     */
    @Override
    public Tensor inverse(Tensor y) {
        requireRank(y, 1, "inverse");
        int k = y.size(-1);
        if (k < 2) {
            throw new IllegalArgumentException(name() + ".inverse needs a simplex of at least 2 entries, got shape "
                    + Shape.toString(y.shape()));
        }
        int[] reversed = new int[k];
        for (int i = 0; i < k; i++) {
            reversed[i] = k - 1 - i;
        }
        Tensor tailSums = y.index(-1, reversed).cumsum(-1).index(-1, reversed); // sum_{j>=i} y_j
        Tensor remaining = tailSums.slice(-1, 1, k).clampMin(Double.MIN_NORMAL); // sum_{j>i} y_j, i < K-1
        Tensor head = y.slice(-1, 0, k - 1);
        return head.log().sub(remaining.log()).add(logOffset(k - 1));
    }

    /** {@code sum_k [log(1 - z_k) + log y_k]} over the {@code K - 1} free coordinates, computed from {@code x}. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor u = shifted(x);
        int n = u.size(-1);
        Tensor logYHead = logY(u).slice(-1, 0, n);
        return u.neg().logSigmoid().add(logYHead).sum(-1);
    }

    @Override
    public Constraint domain() {
        return Constraints.realVector();
    }

    @Override
    public Constraint codomain() {
        return Constraints.simplex();
    }

    @Override
    public int domainEventDim() {
        return 1;
    }

    @Override
    public int codomainEventDim() {
        return 1;
    }

    /** {@code [..., K - 1] -> [..., K]}. */
    @Override
    public int[] forwardShape(int[] shape) {
        if (shape.length < 1) {
            throw new IllegalArgumentException(name() + " needs at least one dimension, got shape " + Shape.toString(shape));
        }
        int[] s = shape.clone();
        s[s.length - 1]++;
        return s;
    }

    /** {@code [..., K] -> [..., K - 1]}. */
    @Override
    public int[] inverseShape(int[] shape) {
        if (shape.length < 1 || shape[shape.length - 1] < 1) {
            throw new IllegalArgumentException(name() + " needs at least one dimension of size >= 1, got shape "
                    + Shape.toString(shape));
        }
        int[] s = shape.clone();
        s[s.length - 1]--;
        return s;
    }
}
