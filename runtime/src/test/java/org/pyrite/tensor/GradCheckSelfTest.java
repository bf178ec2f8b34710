package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A gradient check that cannot fail is a defect: GradCheck must reject wrong gradients. */
class GradCheckSelfTest {
    @Test
    void rejectsAGradientThatIgnoresAPath() {
        // detach(x) * x: autograd sees only one factor (gradient x), the function's derivative is 2x.
        assertThatThrownBy(() -> GradCheck.check("detached factor", in -> in.get(0).detach().mul(in.get(0)),
                Tensor.of(0.5, 1.5)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("finite difference");
    }

    @Test
    void rejectsAGradientThatIsSlightlyOff() {
        // x + 1e-4 * detach(x)^2: the derivative misses 2e-4 x, about 1e-4 relative, 100x the tolerance.
        assertThatThrownBy(() -> GradCheck.check("small miss", in -> in.get(0).add(in.get(0).detach().square().mul(1e-4)),
                Tensor.of(1.0, 2.0)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsAWrongSecondDerivativeWhenTheFirstIsRight() {
        // 2 x detach(x) - detach(x)^2 has the value x^2 and the autograd gradient 2 detach(x) = 2x (right),
        // but that gradient is recorded as a constant: its derivative is 0 instead of 2.
        java.util.function.Function<java.util.List<Tensor>, Tensor> f =
                in -> in.get(0).mul(in.get(0).detach()).mul(2.0).sub(in.get(0).detach().square());
        Tensor x = Tensor.of(0.3, -0.4);
        GradCheck.check("first order is right", f, x);
        assertThatThrownBy(() -> GradCheck.checkSecondOrder("second order is wrong", f, x))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Hessian-vector product");
    }

    @Test
    void acceptsAnExactGradient() {
        GradCheck.checkSecondOrder("x^3", in -> in.get(0).pow(3.0), Tensor.of(0.5, -1.5, 2.0));
    }
}
