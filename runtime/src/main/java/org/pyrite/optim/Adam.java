package org.pyrite.optim;

import org.pyrite.tensor.Tensor;

/**
 * Adam (Kingma and Ba; torch's {@code Adam}): bias-corrected moment estimates,
 * {@code p -= lr * mHat / (sqrt(vHat) + eps)}.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(0.01);            // betas 0.9, 0.999; eps 1e-8
 * }</pre>
 */
public final class Adam extends Optimizer<Adam.Moments> {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;

    /** The first and second moment estimates and the step count of one parameter. */
    public static final class Moments {
        final Tensor m;
        final Tensor v;
        final int t;

        Moments(Tensor m, Tensor v, int t) {
            this.m = m;
            this.v = v;
            this.t = t;
        }

        /** Steps taken. */
        public int steps() {
            return t;
        }
    }

    /** Adam with learning rate {@code lr} and the usual defaults. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    /** Adam with every setting given. */
    public Adam(double lr, double beta1, double beta2, double eps) {
        this.lr = requirePositive("Adam", "lr", lr);
        this.beta1 = requireUnit("Adam", "beta1", beta1);
        this.beta2 = requireUnit("Adam", "beta2", beta2);
        this.eps = requirePositive("Adam", "eps", eps);
    }

    @Override
    protected Update<Moments> update(Tensor value, Tensor grad, Moments s) {
        if (value.isScalar()) {
            // The same arithmetic on doubles: a scalar parameter need not pay for a dozen tensor ops.
            double g = grad.item();
            double m = s == null ? (1 - beta1) * g : beta1 * s.m.item() + (1 - beta1) * g;
            double v = s == null ? (1 - beta2) * g * g : beta2 * s.v.item() + (1 - beta2) * g * g;
            int t = s == null ? 1 : s.t + 1;
            double mHat = m / (1 - Math.pow(beta1, t));
            double vHat = v / (1 - Math.pow(beta2, t));
            double next = value.item() - lr * mHat / (Math.sqrt(vHat) + eps);
            return new Update<>(Tensor.scalar(next), new Moments(Tensor.scalar(m), Tensor.scalar(v), t));
        }
        Moments next = advance(s, grad, beta1, beta2);
        Tensor mHat = next.m.div(1 - Math.pow(beta1, next.t));
        Tensor vHat = next.v.div(1 - Math.pow(beta2, next.t));
        return new Update<>(value.sub(mHat.mul(lr).div(vHat.sqrt().add(eps))), next);
    }

    /** The moments after one more gradient (shared with {@link ClippedAdam}). */
    static Moments advance(Moments s, Tensor grad, double beta1, double beta2) {
        Tensor g2 = grad.square();
        if (s == null) {
            return new Moments(grad.mul(1 - beta1), g2.mul(1 - beta2), 1);
        }
        return new Moments(s.m.mul(beta1).add(grad.mul(1 - beta1)), s.v.mul(beta2).add(g2.mul(1 - beta2)), s.t + 1);
    }

    @Override
    public double learningRate() {
        return lr;
    }

    /** The first moment's decay rate. */
    public double beta1() {
        return beta1;
    }

    /** The second moment's decay rate. */
    public double beta2() {
        return beta2;
    }

    /** The term added to the denominator for numerical stability. */
    public double eps() {
        return eps;
    }

    @Override
    public String toString() {
        return "Adam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ")";
    }
}
