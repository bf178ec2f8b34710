package org.pyrite.optim;

import org.pyrite.tensor.Tensor;

/**
 * Pyro's {@code ClippedAdam}: Adam whose gradients are clipped element-wise to
 * {@code [-clipNorm, clipNorm]} and whose learning rate decays by {@code lrd} every step
 * ({@code lr_t = lr * lrd^t}).
 *
 * <pre>{@code
 * Optimizer opt = new ClippedAdam(0.01, 10.0, 0.999);
 * }</pre>
 */
public final class ClippedAdam extends Optimizer<Adam.Moments> {
    private final double lr;
    private final double clipNorm;
    private final double lrd;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double eps = 1e-8;

    /** Clipped Adam with Pyro's defaults: clip norm 10, no decay. */
    public ClippedAdam(double lr) {
        this(lr, 10.0, 1.0);
    }

    /** Clipped Adam with the given clip norm and per-step learning-rate decay in (0, 1]. */
    public ClippedAdam(double lr, double clipNorm, double lrd) {
        this.lr = requirePositive("ClippedAdam", "lr", lr);
        this.clipNorm = requirePositive("ClippedAdam", "clipNorm", clipNorm);
        if (!(lrd > 0 && lrd <= 1)) {
            throw new IllegalArgumentException("ClippedAdam: lrd must be in (0, 1], got " + lrd);
        }
        this.lrd = lrd;
    }

    @Override
    protected Update<Adam.Moments> update(Tensor value, Tensor grad, Adam.Moments s) {
        Adam.Moments next = Adam.advance(s, grad.clamp(-clipNorm, clipNorm), beta1, beta2);
        double lrNow = lr * Math.pow(lrd, next.t);
        double stepSize = lrNow * Math.sqrt(1 - Math.pow(beta2, next.t)) / (1 - Math.pow(beta1, next.t));
        return new Update<>(value.sub(next.m.mul(stepSize).div(next.v.sqrt().add(eps))), next);
    }

    @Override
    public double learningRate() {
        return lr;
    }

    /** The bound each gradient entry is clipped to, in absolute value. */
    public double clipNorm() {
        return clipNorm;
    }

    /** The per-step learning-rate decay factor. */
    public double lrd() {
        return lrd;
    }

    /** The first moment's decay rate (0.9, as Pyro's). */
    public double beta1() {
        return beta1;
    }

    /** The second moment's decay rate (0.999, as Pyro's). */
    public double beta2() {
        return beta2;
    }

    /** The term added to the denominator for numerical stability (1e-8). */
    public double eps() {
        return eps;
    }

    @Override
    public String toString() {
        return "ClippedAdam(lr=" + lr + ", clipNorm=" + clipNorm + ", lrd=" + lrd + ")";
    }
}
