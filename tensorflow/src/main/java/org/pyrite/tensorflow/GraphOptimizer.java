package org.pyrite.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.pyrite.optim.Adam;
import org.pyrite.optim.ClippedAdam;
import org.pyrite.optim.Optimizer;
import org.pyrite.optim.SGD;
import org.tensorflow.Output;

/**
 * The update rule of an {@link Optimizer} of {@code org.pyrite.optim} written as graph nodes, with
 * the same hyper-parameters and the same arithmetic (order of operations included), so that a
 * compiled step moves a param exactly as a CPU step does. Per-parameter state (moments, momentum
 * buffer, step count) lives in TensorFlow variables next to the param's.
 */
abstract class GraphOptimizer {
    /** A param's proposed new unconstrained value, and the proposed new values of its state variables. */
    static final class Proposal {
        final Output<?> value;
        final List<GraphVariable> stateVars = new ArrayList<>();
        final List<Output<?>> stateValues = new ArrayList<>();

        Proposal(Output<?> value) {
            this.value = value;
        }

        void state(GraphVariable v, Output<?> next) {
            stateVars.add(v);
            stateValues.add(next);
        }
    }

    /** The update of {@code param} given its gradient {@code grad}; state variables come from {@code vars}. */
    abstract Proposal update(GraphOps ops, StateVariables vars, GraphVariable param, Output<?> grad);

    /** Creates the variables that hold per-parameter state, zero at first. */
    interface StateVariables {
        GraphVariable create(String name, int[] shape);
    }

    /** The graph form of {@code optimizer}, or an error naming the optimizers that compile. */
    static GraphOptimizer of(Optimizer<?> optimizer) {
        if (optimizer instanceof Adam) {
            Adam a = (Adam) optimizer;
            return new AdamRule(a.learningRate(), a.beta1(), a.beta2(), a.eps(), 0.0, 1.0, false);
        }
        if (optimizer instanceof ClippedAdam) {
            ClippedAdam a = (ClippedAdam) optimizer;
            return new AdamRule(a.learningRate(), a.beta1(), a.beta2(), a.eps(), a.clipNorm(), a.lrd(), true);
        }
        if (optimizer instanceof SGD) {
            SGD s = (SGD) optimizer;
            return new SgdRule(s.learningRate(), s.momentum());
        }
        throw new IllegalArgumentException("CompiledSVI compiles Adam, ClippedAdam and SGD, not " + optimizer
                + "; use the CPU SVI for it");
    }

    /** Adam (torch's bias-corrected form) and Pyro's ClippedAdam (clipped gradients, decaying rate). */
    static final class AdamRule extends GraphOptimizer {
        private final double lr;
        private final double beta1;
        private final double beta2;
        private final double eps;
        private final double clip;
        private final double lrd;
        private final boolean clipped;

        AdamRule(double lr, double beta1, double beta2, double eps, double clip, double lrd, boolean clipped) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.clip = clip;
            this.lrd = lrd;
            this.clipped = clipped;
        }

        @Override
        Proposal update(GraphOps ops, StateVariables vars, GraphVariable param, Output<?> grad) {
            GraphVariable m = vars.create(param.name + "/m", param.shape);
            GraphVariable v = vars.create(param.name + "/v", param.shape);
            GraphVariable t = vars.create(param.name + "/t", new int[0]);
            Output<?> g = clipped
                    ? ops.op("Maximum", ops.op("Minimum", grad, ops.scalar(clip)), ops.scalar(-clip))
                    : grad;
            Output<?> g2 = ops.op("Square", g);
            // m = beta1 m + (1 - beta1) g: at the first step m is zero, which adds nothing, as the CPU's g (1 - beta1).
            Output<?> m1 = ops.op("AddV2", ops.op("Mul", m.read, ops.scalar(beta1)), ops.op("Mul", g, ops.scalar(1 - beta1)));
            Output<?> v1 = ops.op("AddV2", ops.op("Mul", v.read, ops.scalar(beta2)), ops.op("Mul", g2, ops.scalar(1 - beta2)));
            Output<?> t1 = ops.op("AddV2", t.read, ops.scalar(1.0));
            Output<?> bias1 = ops.op("Sub", ops.scalar(1.0), ops.op("Pow", ops.scalar(beta1), t1));
            Output<?> bias2 = ops.op("Sub", ops.scalar(1.0), ops.op("Pow", ops.scalar(beta2), t1));
            Output<?> next;
            if (!clipped) {
                Output<?> mHat = ops.op("RealDiv", m1, bias1);
                Output<?> vHat = ops.op("RealDiv", v1, bias2);
                next = ops.op("Sub", param.read, ops.op("RealDiv", ops.op("Mul", mHat, ops.scalar(lr)),
                        ops.op("AddV2", ops.op("Sqrt", vHat), ops.scalar(eps))));
            } else {
                Output<?> lrNow = ops.op("Mul", ops.scalar(lr), ops.op("Pow", ops.scalar(lrd), t1));
                Output<?> stepSize = ops.op("RealDiv", ops.op("Mul", lrNow, ops.op("Sqrt", bias2)), bias1);
                next = ops.op("Sub", param.read, ops.op("RealDiv", ops.op("Mul", m1, stepSize),
                        ops.op("AddV2", ops.op("Sqrt", v1), ops.scalar(eps))));
            }
            Proposal p = new Proposal(next);
            p.state(m, m1);
            p.state(v, v1);
            p.state(t, t1);
            return p;
        }
    }

    /** SGD with optional momentum (torch's, no dampening): the buffer is the gradient at the first step. */
    static final class SgdRule extends GraphOptimizer {
        private final double lr;
        private final double momentum;

        SgdRule(double lr, double momentum) {
            this.lr = lr;
            this.momentum = momentum;
        }

        @Override
        Proposal update(GraphOps ops, StateVariables vars, GraphVariable param, Output<?> grad) {
            if (momentum == 0.0) {
                return new Proposal(ops.op("Sub", param.read, ops.op("Mul", grad, ops.scalar(lr))));
            }
            GraphVariable buf = vars.create(param.name + "/momentum_buffer", param.shape);
            GraphVariable started = vars.create(param.name + "/started", new int[0]);
            Output<?> first = ops.op("Equal", started.read, ops.scalar(0.0));
            Output<?> later = ops.op("AddV2", ops.op("Mul", buf.read, ops.scalar(momentum)), grad);
            Output<?> b = ops.op("SelectV2", first, grad, later);
            Proposal p = new Proposal(ops.op("Sub", param.read, ops.op("Mul", b, ops.scalar(lr))));
            p.state(buf, b);
            p.state(started, ops.scalar(1.0));
            return p;
        }
    }
}
