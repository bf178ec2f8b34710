package org.pyrite.optim;

import org.pyrite.tensor.Tensor;

/**
 * Adagrad (torch's {@code Adagrad}): {@code sum += g^2; p -= lr * g / (sqrt(sum) + eps)}.
 *
 * <pre>{@code
 * Optimizer opt = new Adagrad(0.1);
 * }</pre>
 */
public final class Adagrad extends Optimizer<Tensor> {
    private final double lr;
    private final double eps;

    /** Adagrad with eps 1e-10. */
    public Adagrad(double lr) {
        this(lr, 1e-10);
    }

    /** Adagrad with the given eps. */
    public Adagrad(double lr, double eps) {
        this.lr = requirePositive("Adagrad", "lr", lr);
        this.eps = requirePositive("Adagrad", "eps", eps);
    }

    @Override
    protected Update<Tensor> update(Tensor value, Tensor grad, Tensor sum) {
        Tensor s = sum == null ? grad.square() : sum.add(grad.square());
        return new Update<>(value.sub(grad.mul(lr).div(s.sqrt().add(eps))), s);
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public String toString() {
        return "Adagrad(lr=" + lr + ", eps=" + eps + ")";
    }
}
