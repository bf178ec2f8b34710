package org.pyrite.distributions.transforms;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * {@code y = 1 / (1 + exp(-x))}, element-wise: the real line onto the unit interval. With an
 * {@link AffineTransform} after it, the bijection for {@link Constraints#interval}.
 *
 * <pre>{@code
 * Transform s = new SigmoidTransform();
 * Tensor x = Tensor.of(0.0, 2.0);
 * Tensor y = s.forward(x);                  // [0.5, 0.8808]
 * Tensor back = s.inverse(y);               // logit: log y - log(1 - y)
 * }</pre>
 *
 * <p>As in torch, {@code forward} clips its result to {@code [Double.MIN_NORMAL, 1 - 2^-52]} so
 * that it stays strictly inside (0, 1) for large {@code |x|}, and {@code inverse} clips its argument
 * the same way so that the logit of 0 or 1 is finite. The gradient is zero where the clip is active.
 */
public final class SigmoidTransform extends Transform {
    /** The smallest normal double (torch's {@code finfo.tiny}). */
    static final double TINY = Double.MIN_NORMAL;
    /** {@code 1 - eps}, the largest double below 1 used by torch as the upper clip. */
    static final double ONE_MINUS_EPS = 1.0 - Math.ulp(1.0);

    /** The logistic sigmoid map. */
    public SigmoidTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid().clamp(TINY, ONE_MINUS_EPS);
    }

    @Override
    public Tensor inverse(Tensor y) {
        Tensor c = y.clamp(TINY, ONE_MINUS_EPS);
        return c.log().sub(c.neg().log1p());
    }

    /** {@code log sigmoid'(x) = -softplus(-x) - softplus(x)}, stable for large {@code |x|}. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.neg().softplus().add(x.softplus()).neg();
    }

    @Override
    public Constraint domain() {
        return Constraints.real();
    }

    @Override
    public Constraint codomain() {
        return Constraints.unitInterval();
    }
}
