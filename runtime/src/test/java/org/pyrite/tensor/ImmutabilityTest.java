package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Operations never change their inputs. (GradCheck also asserts this for every op it checks;
 * here every op runs on shared inputs, forward and backward, including ops whose result shares
 * storage with the input, and argument arrays are changed after the call.)
 */
class ImmutabilityTest {
    @Test
    void noOperationChangesItsInputs() {
        double[] xv = {0.5, -1.5, 2.0, 0.25, 1.0, -0.75, 3.0, 0.1, -2.0};
        double[] yv = {1.5, 0.5, -1.0};
        Tensor x = Tensor.fromArray(xv, 3, 3).requiringGrad();
        Tensor y = Tensor.of(yv).requiringGrad();
        Tensor spd = Tensor.of(new double[][] {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}}).requiringGrad();
        List<Function<Tensor, Tensor>> unary = List.of(Tensor::neg, Tensor::exp, Tensor::abs, Tensor::square,
                Tensor::sigmoid, Tensor::softplus, Tensor::tanh, Tensor::logSigmoid, Tensor::sign, Tensor::floor,
                t -> t.abs().log(), t -> t.abs().sqrt(), t -> t.abs().log1p(), Tensor::expm1, Tensor::reciprocal,
                t -> t.abs().lgamma(), t -> t.abs().digamma(), t -> t.pow(2.0), t -> t.add(1.0), t -> t.rsub(1.0),
                t -> t.rdiv(2.0), t -> t.clamp(-1, 1), Tensor::sum, Tensor::mean, Tensor::max, Tensor::min,
                Tensor::logsumexp, t -> t.sum(new int[] {0}, true), t -> t.cumsum(1), t -> t.logSoftmax(1),
                t -> t.softmax(0), t -> t.reshape(-1), t -> t.reshape(9).exp(), t -> t.expand(2, 3, 3),
                t -> t.unsqueeze(0).squeeze(0), Tensor::transpose, t -> t.permute(1, 0), t -> t.slice(0, 1, 3),
                t -> t.index(1, 2, 2), t -> t.select(0, 1), t -> Tensor.cat(0, t, t), t -> Tensor.stack(1, t, t),
                Tensor::diagonal, t -> t.diagonal().diagEmbed(), t -> t.tril(0), t -> t.sumToShape(new int[] {3}),
                t -> t.matmul(t), t -> t.triangularSolve(t, true), t -> t.triangularSolve(t, false, true),
                t -> Tensor.where(t.gt(0), t, t.neg()), t -> t.maximum(t.neg()), t -> t.minimum(t.neg()));
        for (Function<Tensor, Tensor> f : unary) {
            Tensor out = f.apply(x);
            if (out.requiresGrad()) {
                Autograd.grad(out, Tensor.onesLike(out), true, x);
            }
            Tensor mixed = f.apply(x).sum().mul(y).sum();
            if (mixed.requiresGrad()) {
                Autograd.grad(mixed, x, y);
            }
        }
        Tensor l = spd.cholesky();
        Autograd.grad(l.sum(), spd);
        for (Tensor t : new Tensor[] {x.add(y), x.sub(y), x.mul(y), x.div(y), x.abs().pow(y), y.matmul(x), x.matmul(y)}) {
            Autograd.grad(t.sum(), x, y);
        }
        assertThat(x.toArray()).containsExactly(xv);
        assertThat(y.toArray()).containsExactly(yv);
        assertThat(x.shape()).containsExactly(3, 3);
        assertThat(spd.toArray()).containsExactly(4, 1, 0, 1, 3, 1, 0, 1, 2);
    }

    @Test
    void argumentArraysAreNotRetained() {
        Tensor x = Tensor.of(1, 2, 3, 4, 5, 6);
        int[] newShape = {2, 3};
        Tensor r = x.reshape(newShape);
        newShape[0] = 3;
        newShape[1] = 2;
        assertThat(r.shape()).containsExactly(2, 3);
        int[] expandTo = {2, 2, 3};
        Tensor e = r.expand(expandTo);
        expandTo[0] = 5;
        assertThat(e.shape()).containsExactly(2, 2, 3);
        int[] perm = {1, 0};
        Tensor p = r.requiringGrad();
        Tensor pt = p.permute(perm);
        perm[0] = 0;
        perm[1] = 1;
        assertThat(pt.shape()).containsExactly(3, 2);
        // the backward rule must use the permutation as given at call time
        Tensor g = Autograd.grad(pt.mul(Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 3, 2)).sum(), p)[0];
        assertThat(g.toArray()).containsExactly(1, 3, 5, 2, 4, 6);
        int[] idx = {2, 0};
        Tensor sel = p.index(1, idx);
        idx[0] = 1;
        assertThat(sel.toArray()).containsExactly(3, 1, 6, 4);
        assertThat(Autograd.grad(sel.sum(), p)[0].toArray()).containsExactly(1, 0, 1, 1, 0, 1);
        int[] dims = {1};
        Tensor s = p.sum(dims, false);
        dims[0] = 0;
        assertThat(s.toArray()).containsExactly(6, 15);
        assertThat(Autograd.grad(s.sum(), p)[0].shape()).containsExactly(2, 3);
    }
}
