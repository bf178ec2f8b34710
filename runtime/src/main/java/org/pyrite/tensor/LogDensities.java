package org.pyrite.tensor;

/**
 * The fused log-densities behind {@link Tensor#normalLogProb}, {@link Tensor#bernoulliLogProb}
 * and {@link Tensor#poissonLogProb}: one node each with its own backward rule where the composite
 * expression would cost several nodes per site per step, or lose digits.
 */
final class LogDensities {
    private LogDensities() {}

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    static Tensor normal(Tensor x, Tensor loc, Tensor scale) {
        if (x.isCpuScalar() && loc.isCpuScalar() && scale.isCpuScalar()) {
            double sigma = scale.scalar;
            double z = (x.scalar - loc.scalar) / sigma;
            double v = -0.5 * z * z - Math.log(sigma) - HALF_LOG_TWO_PI;
            boolean record = (x.requiresGrad || loc.requiresGrad || scale.requiresGrad) && Autograd.isEnabled();
            return record ? Tensor.recordedScalar(v, NORMAL_GRAD, new Tensor[] {x, loc, scale}) : new Tensor(v);
        }
        Tensor z = x.sub(loc).div(scale);
        return z.square().mul(-0.5).sub(scale.log()).sub(HALF_LOG_TWO_PI);
    }

    private static final GradFn NORMAL_GRAD = (g, o) -> {
        Tensor x = o.parents[0];
        Tensor loc = o.parents[1];
        Tensor scale = o.parents[2];
        if (Autograd.isEnabled()) {
            // A graph of the gradient is wanted (createGraph): the same rule in tensor operations.
            Tensor z = x.sub(loc).div(scale);
            Tensor dx = z.div(scale).mul(g).neg();
            return new Tensor[] {dx, dx.neg(), z.square().sub(1.0).div(scale).mul(g)};
        }
        double sigma = scale.scalar;
        double z = (x.scalar - loc.scalar) / sigma;
        double gv = g.item();
        // d/dx = -z / sigma, d/dloc = z / sigma, d/dscale = (z^2 - 1) / sigma.
        double dx = -z / sigma * gv;
        return new Tensor[] {x.requiresGrad ? new Tensor(dx) : null, loc.requiresGrad ? new Tensor(-dx) : null,
                scale.requiresGrad ? new Tensor((z * z - 1.0) / sigma * gv) : null};
    };

    static Tensor bernoulliLogits(Tensor logits, Tensor value) {
        logits.checkSameBackend(value);
        if (logits.isCpuScalar() || !Shape.same(logits.shape, value.shape)) {
            return value.mul(logits).sub(logits.softplus());
        }
        boolean record = (logits.requiresGrad || value.requiresGrad) && Autograd.isEnabled();
        Tensor[] r = Tensor.kernelsFor(logits, value).bernoulliLogitsLogProb(logits, value, record && logits.requiresGrad);
        if (!record) {
            return r[0];
        }
        Tensor score = r[1];
        return Tensor.recorded(r[0], (g, o) -> {
            Tensor z = o.parents[0];
            Tensor y = o.parents[1];
            Tensor gLogits = null;
            if (z.requiresGrad) {
                // The stored score is a constant; a graph of the gradient (createGraph) needs it as a function.
                gLogits = g.mul(Autograd.isEnabled() ? y.sub(z.sigmoid()) : score);
            }
            return new Tensor[] {gLogits, y.requiresGrad ? g.mul(z) : null};
        }, new Tensor[] {logits, value});
    }

    static Tensor poisson(Tensor x, Tensor rate) {
        return x.arithmetic(BinaryOp.POISSON_LOG_PROB, rate, POISSON_GRAD);
    }

    private static final GradFn POISSON_GRAD = (g, o) -> {
        Tensor x = o.parents[0];
        Tensor rate = o.parents[1];
        if (!Autograd.isEnabled() && g.isCpuScalar() && x.isCpuScalar() && rate.isCpuScalar()) {
            double gv = g.scalar;
            double r = rate.scalar;
            double k = x.scalar;
            return new Tensor[] {
                x.requiresGrad ? new Tensor(gv * (UnaryOp.LOG.apply(r) - UnaryOp.DIGAMMA.apply(k + 1.0))) : null,
                rate.requiresGrad ? new Tensor(gv * (k == 0.0 ? -1.0 : (k - r) / r)) : null};
        }
        Tensor gx = x.requiresGrad ? g.mul(rate.log().sub(x.add(1.0).digamma())).sumToShape(x.shape) : null;
        Tensor gRate = null;
        if (rate.requiresGrad) {
            // (x - rate) / rate, exact where x is near rate (x / rate - 1 is not); -1 where x = 0, with
            // stand-ins there so that no 0 / 0 at rate 0 reaches a second derivative.
            Tensor atZero = x.eq(0.0);
            Tensor ratio = Tensor.where(atZero, new Tensor(-1.0), x.sub(rate)).div(Tensor.where(atZero, Tensor.scalar(1.0), rate));
            gRate = g.mul(ratio).sumToShape(rate.shape);
        }
        return new Tensor[] {gx, gRate};
    };
}
