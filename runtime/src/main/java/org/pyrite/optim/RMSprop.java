package org.pyrite.optim;

import org.pyrite.tensor.Tensor;

/**
 * RMSprop (torch's {@code RMSprop}, no momentum, not centered):
 * {@code v = alpha v + (1 - alpha) g^2; p -= lr * g / (sqrt(v) + eps)}.
 *
 * <pre>{@code
 * Optimizer opt = new RMSprop(0.01);          // alpha 0.99, eps 1e-8
 * }</pre>
 */
public final class RMSprop extends Optimizer<Tensor> {
    private final double lr;
    private final double alpha;
    private final double eps;

    /** RMSprop with alpha 0.99 and eps 1e-8. */
    public RMSprop(double lr) {
        this(lr, 0.99, 1e-8);
    }

    /** RMSprop with every setting given. */
    public RMSprop(double lr, double alpha, double eps) {
        this.lr = requirePositive("RMSprop", "lr", lr);
        this.alpha = requireUnit("RMSprop", "alpha", alpha);
        this.eps = requirePositive("RMSprop", "eps", eps);
    }

    @Override
    protected Update<Tensor> update(Tensor value, Tensor grad, Tensor v) {
        Tensor g2 = grad.square().mul(1 - alpha);
        Tensor next = v == null ? g2 : v.mul(alpha).add(g2);
        return new Update<>(value.sub(grad.mul(lr).div(next.sqrt().add(eps))), next);
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public String toString() {
        return "RMSprop(lr=" + lr + ", alpha=" + alpha + ", eps=" + eps + ")";
    }
}
