package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.tensor.TensorTesting.assertValues;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The reverse-mode engine: higher derivatives, accumulation, graph cutting and recording switches. */
@SuppressWarnings("try") // noGrad() scopes are used for their effect, not referenced
class AutogradTest {
    private static double second(java.util.function.UnaryOperator<Tensor> f, double at) {
        Tensor x = Tensor.scalar(at).requiringGrad();
        Tensor d1 = Autograd.grad(f.apply(x), Tensor.scalar(1.0), true, x)[0];
        assertThat(d1.requiresGrad()).as("createGraph records the backward pass").isTrue();
        return Autograd.grad(d1, x)[0].item();
    }

    @Test
    void secondAndThirdDerivativesOfACube() {
        for (double at : new double[] {-1.5, 0.0, 2.0}) {
            double expected = 6 * at;
            assertThat(second(x -> x.pow(3.0), at)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(second(x -> x.mul(x).mul(x), at)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(second(x -> x.square().mul(x), at)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
        Tensor x = Tensor.scalar(1.25).requiringGrad();
        Tensor d1 = Autograd.grad(x.pow(3.0), Tensor.scalar(1.0), true, x)[0];
        Tensor d2 = Autograd.grad(d1, Tensor.scalar(1.0), true, x)[0];
        Tensor d3 = Autograd.grad(d2, x)[0];
        assertThat(d1.item()).isCloseTo(3 * 1.25 * 1.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(d2.item()).isCloseTo(6 * 1.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(d3.item()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void secondDerivativesOfANormalLogDensity() {
        // log N(x | mu, sigma) = -((x - mu) / sigma)^2 / 2 - log sigma - log(2 pi) / 2, summed over data.
        double[] data = {0.3, -1.2, 2.1, 0.7};
        double m = 0.4;
        double s = 1.3;
        Tensor mu = Tensor.scalar(m).requiringGrad();
        Tensor sigma = Tensor.scalar(s).requiringGrad();
        Tensor x = Tensor.of(data);
        Tensor logp = x.sub(mu).div(sigma).square().mul(-0.5).sub(sigma.log()).sub(0.5 * Math.log(2 * Math.PI)).sum();
        Tensor[] g = Autograd.grad(logp, Tensor.scalar(1.0), true, mu, sigma);
        double n = data.length;
        double sumR = 0;
        double sumR2 = 0;
        for (double d : data) {
            sumR += d - m;
            sumR2 += (d - m) * (d - m);
        }
        assertThat(g[0].item()).isCloseTo(sumR / (s * s), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(g[1].item()).isCloseTo(-n / s + sumR2 / (s * s * s), org.assertj.core.data.Offset.offset(1e-12));
        Tensor[] hMu = Autograd.grad(g[0], mu, sigma);
        Tensor[] hSigma = Autograd.grad(g[1], mu, sigma);
        double dMuMu = -n / (s * s);
        double dMuSigma = -2 * sumR / (s * s * s);
        double dSigmaSigma = n / (s * s) - 3 * sumR2 / (s * s * s * s);
        assertThat(hMu[0].item()).isCloseTo(dMuMu, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(hMu[1].item()).isCloseTo(dMuSigma, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(hSigma[0].item()).isCloseTo(dMuSigma, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(hSigma[1].item()).isCloseTo(dSigmaSigma, org.assertj.core.data.Offset.offset(1e-12));
        // The same, element-wise over a batch of parameters, via GradCheck's Hessian-vector products.
        GradCheck.checkSecondOrder("Normal log-density", in -> x.sub(in.get(0)).div(in.get(1)).square().mul(-0.5)
                .sub(in.get(1).log()), Tensor.of(0.4, -0.2, 1.0, 0.0), Tensor.of(1.3, 0.8, 2.0, 1.1));
    }

    @Test
    void inputsNotOnThePathGetZerosOfTheirShape() {
        Tensor x = Tensor.of(1, 2).requiringGrad();
        Tensor unused = Tensor.ones(2, 3).requiringGrad();
        Tensor constant = Tensor.scalar(4);
        Tensor[] g = Autograd.grad(x.square().sum(), x, unused, constant);
        assertThat(g[0].toArray()).containsExactly(2, 4);
        assertThat(g[1].shape()).containsExactly(2, 3);
        assertThat(g[1].toArray()).containsOnly(0.0);
        assertThat(g[2].isScalar()).isTrue();
        assertThat(g[2].item()).isZero();
        // An output that does not depend on anything tracked: zeros for every input.
        Tensor[] none = Autograd.grad(constant.mul(2.0), x);
        assertThat(none[0].toArray()).containsExactly(0, 0);
        // A leaf reachable only through a constant (comparison) is not on the path either.
        Tensor[] viaCmp = Autograd.grad(x.gt(1.5).sum(), x);
        assertThat(viaCmp[0].toArray()).containsExactly(0, 0);
    }

    @Test
    void aTensorUsedTwiceAccumulates() {
        Tensor x = Tensor.of(1.5, -2.0).requiringGrad();
        assertThat(Autograd.grad(x.mul(x).sum(), x)[0].toArray()).containsExactly(3.0, -4.0);
        assertThat(Autograd.grad(x.add(x).add(x).sum(), x)[0].toArray()).containsExactly(3.0, 3.0);
        Tensor y = x.exp();
        // y feeds two branches, one broadcast: d/dx [sum(y) + sum(y * [[1], [2]])] = y * (1 + 3).
        Tensor out = y.sum().add(y.mul(Tensor.of(new double[][] {{1}, {2}})).sum());
        assertValues(Autograd.grad(out, x)[0].toArray(), new double[] {4 * Math.exp(1.5), 4 * Math.exp(-2.0)}, 1e-15);
        // A diamond: z = a * b with a = x^2, b = x^3 shares x; dz/dx = 5 x^4.
        Tensor s = Tensor.scalar(1.1).requiringGrad();
        Tensor z = s.square().mul(s.pow(3.0));
        assertThat(Autograd.grad(z, s)[0].item()).isCloseTo(5 * Math.pow(1.1, 4), org.assertj.core.data.Offset.offset(1e-12));
        // The same input listed twice gets its gradient twice.
        Tensor[] twice = Autograd.grad(s.mul(3.0), s, s);
        assertThat(twice[0].item()).isEqualTo(3.0);
        assertThat(twice[1].item()).isEqualTo(3.0);
    }

    @Test
    void gradientsWithRespectToIntermediateTensors() {
        Tensor x = Tensor.scalar(2.0).requiringGrad();
        Tensor y = x.square();
        Tensor z = y.mul(3.0).add(y.exp());
        Tensor[] g = Autograd.grad(z, y, x);
        assertThat(g[0].item()).isCloseTo(3 + Math.exp(4), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(g[1].item()).isCloseTo((3 + Math.exp(4)) * 4, org.assertj.core.data.Offset.offset(1e-10));
    }

    @Test
    void oneGraphCanBeDifferentiatedRepeatedly() {
        Tensor x = Tensor.of(1, 2, 3).requiringGrad();
        Tensor y = x.square().sum();
        double[] first = Autograd.grad(y, x)[0].toArray();
        double[] again = Autograd.grad(y, x)[0].toArray();
        assertThat(again).containsExactly(first);
        assertThat(first).containsExactly(2, 4, 6);
    }

    @Test
    void noGradDisablesRecordingUntilClosedAndNests() {
        Tensor x = Tensor.of(1, 2).requiringGrad();
        assertThat(Autograd.isEnabled()).isTrue();
        Tensor inside;
        try (Autograd.Scope outer = Autograd.noGrad()) {
            assertThat(Autograd.isEnabled()).isFalse();
            inside = x.square().sum();
            try (Autograd.Scope inner = Autograd.noGrad()) {
                assertThat(x.exp().requiresGrad()).isFalse();
            }
            assertThat(Autograd.isEnabled()).as("still off after the inner scope closes").isFalse();
            assertThat(x.mul(2.0).requiresGrad()).isFalse();
        }
        assertThat(Autograd.isEnabled()).isTrue();
        assertThat(inside.requiresGrad()).isFalse();
        assertThat(inside.item()).isEqualTo(5);
        assertThat(Autograd.grad(inside, x)[0].toArray()).containsExactly(0, 0);
        assertThat(x.square().sum().requiresGrad()).isTrue();
        // Leaves can still be made inside noGrad; only operations are not recorded.
        try (Autograd.Scope s = Autograd.noGrad()) {
            assertThat(Tensor.scalar(1).requiringGrad().requiresGrad()).isTrue();
        }
    }

    @Test
    void closingANoGradScopeTwiceIsHarmless() {
        Autograd.Scope s = Autograd.noGrad();
        s.close();
        s.close();
        boolean enabled = Autograd.isEnabled();
        if (!enabled) {
            Autograd.noGrad(); // re-balance this thread's counter so a failure here does not leak into other tests
        }
        assertThat(enabled).as("recording is on after a scope is closed twice").isTrue();
        try (Autograd.Scope t = Autograd.noGrad()) {
            assertThat(Autograd.isEnabled()).as("a later scope still switches recording off").isFalse();
        }
        assertThat(Autograd.isEnabled()).isTrue();
    }

    @Test
    void createGraphRecordsTheBackwardPassEvenInsideNoGrad() {
        Tensor x = Tensor.scalar(1.5).requiringGrad();
        Tensor y = x.pow(3.0);
        try (Autograd.Scope s = Autograd.noGrad()) {
            Tensor d1 = Autograd.grad(y, Tensor.scalar(1.0), true, x)[0];
            assertThat(d1.item()).isCloseTo(3 * 1.5 * 1.5, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(d1.requiresGrad()).as("createGraph result is differentiable").isTrue();
            assertThat(Autograd.grad(d1, x)[0].item()).isCloseTo(6 * 1.5, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(Autograd.isEnabled()).as("the caller's noGrad is restored").isFalse();
        }
        assertThat(Autograd.isEnabled()).isTrue();
    }

    @Test
    void noGradIsPerThread() throws Exception {
        Tensor x = Tensor.scalar(3).requiringGrad();
        try (Autograd.Scope s = Autograd.noGrad()) {
            boolean otherThreadRecords = CompletableFuture.supplyAsync(() -> x.square().requiresGrad()).get();
            assertThat(otherThreadRecords).isTrue();
            assertThat(x.square().requiresGrad()).isFalse();
        }
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.of(2, 3).requiringGrad();
        Tensor d = x.detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.toArray()).containsExactly(2, 3);
        // d/dx [detach(x) * x] = detach(x): the detached factor is a constant.
        assertThat(Autograd.grad(d.mul(x).sum(), x)[0].toArray()).containsExactly(2, 3);
        Tensor y = x.exp();
        assertThat(Autograd.grad(y.detach().mul(y).sum(), x)[0].toArray())
                .containsExactly(Math.exp(2) * Math.exp(2), Math.exp(3) * Math.exp(3));
        Tensor c = Tensor.of(1);
        assertThat(c.detach()).isSameAs(c);
        // requiringGrad on an intermediate starts a new leaf: nothing flows past it.
        Tensor leaf = y.requiringGrad();
        Tensor[] g = Autograd.grad(leaf.sum(), leaf, x);
        assertThat(g[0].toArray()).containsExactly(1, 1);
        assertThat(g[1].toArray()).containsExactly(0, 0);
    }

    @Test
    void createGraphFalseReturnsConstantsAndTrueReturnsTrackedTensors() {
        Tensor x = Tensor.of(1, 2).requiringGrad();
        Tensor y = x.exp().sum();
        Tensor g = Autograd.grad(y, x)[0];
        assertThat(g.requiresGrad()).isFalse();
        Tensor gg = Autograd.grad(y, Tensor.scalar(1.0), true, x)[0];
        assertThat(gg.requiresGrad()).isTrue();
        assertThat(gg.toArray()).containsExactly(g.toArray());
        // A linear function's gradient is a constant even with createGraph; its derivative is zero.
        Tensor lin = x.mul(3.0).sum();
        Tensor gl = Autograd.grad(lin, Tensor.scalar(1.0), true, x)[0];
        assertThat(Autograd.grad(gl.sum(), x)[0].toArray()).containsExactly(0, 0);
    }

    @Test
    void vectorJacobianProductWithASeed() {
        Tensor x = Tensor.of(1, 2, 3).requiringGrad();
        Tensor y = x.square();
        Tensor g = Autograd.grad(y, Tensor.of(1, 0, -1), false, x)[0];
        assertThat(g.toArray()).containsExactly(2, 0, -6);
    }

    @Test
    void gradArgumentErrors() {
        Tensor x = Tensor.of(1, 2).requiringGrad();
        assertThatThrownBy(() -> Autograd.grad(x.square(), x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2]").hasMessageContaining("one-element");
        assertThatThrownBy(() -> Autograd.grad(x.square(), Tensor.ones(3), false, x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[2]");
        // A one-element non-scalar output is fine.
        assertThat(Autograd.grad(x.sum(new int[] {0}, true), x)[0].toArray()).containsExactly(1, 1);
    }

    @Test
    void deepChainsDoNotOverflowTheStack() {
        Tensor x = Tensor.scalar(1.0).requiringGrad();
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.add(1e-4);
        }
        assertThat(Autograd.grad(y.mul(2.0), x)[0].item()).isEqualTo(2.0);
    }
}
