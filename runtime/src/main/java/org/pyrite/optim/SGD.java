package org.pyrite.optim;

import org.pyrite.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum (torch's {@code SGD}, no dampening):
 * {@code buf = momentum * buf + g; p -= lr * buf}, with {@code buf = g} at the first step.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.001, 0.1);
 * }</pre>
 */
public final class SGD extends Optimizer<Tensor> {
    private final double lr;
    private final double momentum;

    /** Plain gradient descent with learning rate {@code lr}. */
    public SGD(double lr) {
        this(lr, 0.0);
    }

    /** Gradient descent with momentum in [0, 1). */
    public SGD(double lr, double momentum) {
        this.lr = requirePositive("SGD", "lr", lr);
        this.momentum = requireUnit("SGD", "momentum", momentum);
    }

    @Override
    protected Update<Tensor> update(Tensor value, Tensor grad, Tensor buf) {
        Tensor b = momentum == 0.0 || buf == null ? grad : buf.mul(momentum).add(grad);
        return new Update<>(value.sub(b.mul(lr)), momentum == 0.0 ? null : b);
    }

    @Override
    public double learningRate() {
        return lr;
    }

    /** The momentum factor (0 for plain gradient descent). */
    public double momentum() {
        return momentum;
    }

    @Override
    public String toString() {
        return "SGD(lr=" + lr + ", momentum=" + momentum + ")";
    }
}
