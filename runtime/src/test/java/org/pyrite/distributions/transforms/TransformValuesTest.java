package org.pyrite.distributions.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pyrite.context.Validation;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/** Known values, extreme arguments and argument errors of each transform. */
@SuppressWarnings("try") // Validation.disabled() scopes are used for their effect, not referenced
class TransformValuesTest {
    @Test
    void exp() {
        Transform t = new ExpTransform();
        Tensor x = Tensor.of(0.0, 1.0, -2.0);
        Numeric.assertClose(t.forward(x), Tensor.of(1.0, Math.E, Math.exp(-2)), 1e-15, "exp");
        Numeric.assertClose(t.inverse(Tensor.of(1.0, Math.E)), Tensor.of(0.0, 1.0), 1e-15, "log");
        assertThat(t.logAbsDetJacobian(x, t.forward(x))).isSameAs(x);
        assertThat(t.domain()).isSameAs(Constraints.real());
        assertThat(t.codomain()).isSameAs(Constraints.positive());
        assertThat(t.toString()).isEqualTo("ExpTransform()");
    }

    @Test
    void sigmoidStaysStrictlyInsideTheUnitIntervalAndItsInverseStaysFinite() {
        Transform t = new SigmoidTransform();
        assertThat(t.forward(Tensor.scalar(0.0)).item()).isEqualTo(0.5);
        Tensor extreme = t.forward(Tensor.of(-1000.0, 1000.0));
        assertThat(extreme.toArray()).containsExactly(Double.MIN_NORMAL, 1.0 - Math.ulp(1.0));
        Tensor back = t.inverse(Tensor.of(0.0, 1.0));
        assertThat(java.util.Arrays.stream(back.toArray()).allMatch(Double::isFinite)).as("finite: " + back).isTrue();
        assertThat(back.toArray()[0]).isLessThan(-700);
        assertThat(back.toArray()[1]).isGreaterThan(36);
        // log sigmoid'(x) = -|x| - 2 log(1 + e^-|x|): finite for large |x|
        Tensor x = Tensor.of(-800.0, -3.0, 0.0, 3.0, 800.0);
        double[] expected = new double[5];
        double[] xv = x.toArray();
        for (int i = 0; i < 5; i++) {
            expected[i] = -Math.abs(xv[i]) - 2 * Math.log1p(Math.exp(-Math.abs(xv[i])));
        }
        Numeric.assertClose(t.logAbsDetJacobian(x, t.forward(x)).toArray(), expected, 1e-15, "log sigmoid'");
        assertThat(t.codomain()).isSameAs(Constraints.unitInterval());
    }

    @Test
    void softplusInverseIsFiniteForLargeAndSmallValues() {
        Transform t = new SoftplusTransform();
        Numeric.assertClose(t.forward(Tensor.of(-1.0, 0.0, 3.0)),
                Tensor.of(Math.log1p(Math.exp(-1)), Math.log(2), Math.log1p(Math.exp(3))), 1e-15, "softplus");
        Numeric.assertClose(t.inverse(Tensor.of(50.0, 800.0, 1e-10)), Tensor.of(50.0, 800.0, Math.log(Math.expm1(1e-10))), 1e-15,
                "inverse softplus");
        assertThat(t.logAbsDetJacobian(Tensor.scalar(0.0), Tensor.scalar(Math.log(2))).item())
                .isCloseTo(Math.log(0.5), within(1e-15));
    }

    @Test
    void stickBreakingMapsZeroToTheUniformPoint() {
        Transform t = new StickBreakingTransform();
        Numeric.assertClose(t.forward(Tensor.zeros(2)), Tensor.of(1 / 3.0, 1 / 3.0, 1 / 3.0), 1e-15, "uniform");
        Numeric.assertClose(t.forward(Tensor.zeros(4, 3)), Tensor.full(0.25, 4, 4), 1e-15, "batched uniform");
        Numeric.assertClose(t.inverse(Tensor.full(0.2, 5)), Tensor.zeros(4), 1e-14, "uniform back to zero");
        // K = 2: y = (sigmoid(x), 1 - sigmoid(x))
        double s = 1 / (1 + Math.exp(-0.7));
        Numeric.assertClose(t.forward(Tensor.of(0.7)), Tensor.of(s, 1 - s), 1e-15, "K = 2");
        assertThat(t.forwardShape(new int[] {5, 2})).containsExactly(5, 3);
        assertThat(t.inverseShape(new int[] {5, 3})).containsExactly(5, 2);
    }

    @Test
    void stickBreakingStaysOnTheSimplexForExtremeInputs() {
        Transform t = new StickBreakingTransform();
        Tensor y = t.forward(Tensor.of(-800.0, 800.0, 40.0));
        assertThat(java.util.Arrays.stream(y.toArray()).allMatch(v -> Double.isFinite(v) && v >= 0)).as("finite: " + y).isTrue();
        assertThat(Constraints.simplex().check(y).item()).isEqualTo(1.0);
        assertThat(t.logAbsDetJacobian(Tensor.of(-800.0, 800.0, 40.0), y).item()).isFinite();
        // tiny entries keep their relative accuracy: no 1 - cumsum cancellation on the way back
        Tensor small = Tensor.of(1e-12, 0.5 - 1e-12, 1e-13, 0.5 - 1e-13);
        Numeric.assertClose(t.forward(t.inverse(small)), small, 1e-9, "round trip with tiny entries");
    }

    @Test
    void stickBreakingArgumentErrors() {
        Transform t = new StickBreakingTransform();
        assertThatThrownBy(() -> t.forward(Tensor.scalar(1.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StickBreakingTransform.forward").hasMessageContaining("at least 1 dimension");
        assertThatThrownBy(() -> t.inverse(Tensor.of(1.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 entries");
        assertThatThrownBy(() -> t.forwardShape(new int[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowerCholeskyKeepsTheLowerTriangleAndExponentiatesTheDiagonal() {
        Transform t = new LowerCholeskyTransform();
        Tensor x = Tensor.of(new double[][] {{0.0, 9.0}, {2.0, 1.0}});
        Tensor l = t.forward(x);
        Numeric.assertClose(l, Tensor.of(new double[][] {{1.0, 0.0}, {2.0, Math.E}}), 1e-15, "forward");
        Numeric.assertClose(t.inverse(l), Tensor.of(new double[][] {{0.0, 0.0}, {2.0, 1.0}}), 1e-15, "inverse = tril(x)");
        assertThat(t.logAbsDetJacobian(x, l).item()).isEqualTo(1.0);
        assertThat(t.logAbsDetJacobian(x, l).shape()).isEmpty();
        assertThatThrownBy(() -> t.forward(Tensor.of(1.0, 2.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 dimensions");
        assertThatThrownBy(() -> t.forward(Tensor.zeros(2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("square");
    }

    @Test
    void affineValuesShapesAndEventDims() {
        AffineTransform t = new AffineTransform(2.0, 3.0);
        Tensor x = Tensor.of(0.0, 1.0);
        Numeric.assertClose(t.forward(x), Tensor.of(2.0, 5.0), 0, "2 + 3x");
        Numeric.assertClose(t.logAbsDetJacobian(x, t.forward(x)), Tensor.full(Math.log(3), 2), 1e-15, "log 3");
        AffineTransform b = new AffineTransform(Tensor.of(1.0, 2.0, 3.0), -2.0);
        assertThat(b.forwardShape(new int[] {4, 1})).containsExactly(4, 3);
        assertThat(b.forward(Tensor.zeros(4, 1)).shape()).containsExactly(4, 3);
        assertThat(b.logAbsDetJacobian(Tensor.zeros(4, 1), b.forward(Tensor.zeros(4, 1))).shape()).containsExactly(4, 3);
        AffineTransform e = new AffineTransform(Tensor.scalar(0.0), Tensor.of(2.0, -4.0), 1);
        Tensor xe = Tensor.zeros(5, 2);
        Tensor ladj = e.logAbsDetJacobian(xe, e.forward(xe));
        assertThat(ladj.shape()).containsExactly(5);
        assertThat(ladj.toArray()[0]).isCloseTo(Math.log(8), within(1e-15));
        assertThat(e.domain().eventDim()).isEqualTo(1);
        assertThat(e.toString()).startsWith("AffineTransform(loc=0.0, scale=tensor([2.0, -4.0]");
        assertThat(t.toString()).isEqualTo("AffineTransform(loc=2.0, scale=3.0)");
    }

    @Test
    void affineRejectsAZeroScale() {
        assertThatThrownBy(() -> new AffineTransform(1.0, 0.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale must be finite and nonzero");
        assertThatThrownBy(() -> new AffineTransform(0.0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AffineTransform(Tensor.scalar(0.0), Tensor.of(1.0, 0.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonzero");
        assertThatThrownBy(() -> new AffineTransform(Tensor.scalar(0.0), Tensor.of(1.0), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventDim");
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(new AffineTransform(Tensor.scalar(0.0), Tensor.of(1.0, 0.0))).isNotNull();
        }
    }

    /** Gradients flow to the parameters of an affine transform: checked against central differences. */
    @Test
    void affineParameterGradients() {
        Random rng = new Random(7);
        Tensor x = TransformLaws.gaussian(new int[] {4, 3}, rng);
        Tensor w = TransformLaws.gaussian(new int[] {4, 3}, rng);
        Tensor loc = Tensor.of(0.5, -1.0, 2.0);
        Tensor scale = Tensor.of(1.5, -0.5, 3.0);
        // loss(loc, scale) = sum(w * forward(x)) + sum(logAbsDet) + sum(w * inverse(x))
        java.util.function.BiFunction<Tensor, Tensor, Tensor> loss = (l, s) -> {
            AffineTransform t = new AffineTransform(l, s, 1);
            Tensor y = t.forward(x);
            return y.mul(w).sum().add(t.logAbsDetJacobian(x, y).sum()).add(t.inverse(x).mul(w).sum());
        };
        TransformLaws.checkGradient(l -> loss.apply(l, scale), loc, TransformLaws.H, "d loss / d loc");
        TransformLaws.checkGradient(s -> loss.apply(loc, s), scale, TransformLaws.H, "d loss / d scale");
        Tensor l = loc.requiringGrad();
        Tensor[] g = Autograd.grad(loss.apply(l, scale), l);
        assertThat(g[0].shape()).containsExactly(3);
    }

    @Test
    void composeOfNothingIsTheIdentity() {
        ComposeTransform t = new ComposeTransform();
        Tensor x = Tensor.of(1.0, 2.0);
        assertThat(t.forward(x)).isSameAs(x);
        assertThat(t.inverse(x)).isSameAs(x);
        assertThat(t.logAbsDetJacobian(x, x).toArray()).containsExactly(0.0, 0.0);
        assertThat(t.domain()).isSameAs(Constraints.real());
        assertThat(t.codomain()).isSameAs(Constraints.real());
        assertThat(t.toString()).isEqualTo("ComposeTransform()");
    }

    @Test
    void composeEventDimsFollowTorch() {
        // exp (0 -> 0) then stick-breaking (1 -> 1): the composite works on vectors, and exp's
        // log-det is summed over that vector before it is added
        ComposeTransform t = new ComposeTransform(new ExpTransform(), new StickBreakingTransform());
        assertThat(t.domainEventDim()).isEqualTo(1);
        assertThat(t.codomainEventDim()).isEqualTo(1);
        assertThat(t.domain().describe()).isEqualTo(Constraints.realVector().describe());
        assertThat(t.codomain()).isSameAs(Constraints.simplex());
        Tensor x = Tensor.of(new double[][] {{0.1, -0.2}, {0.3, 0.4}});
        Tensor sb = new StickBreakingTransform().logAbsDetJacobian(x.exp(), new StickBreakingTransform().forward(x.exp()));
        Numeric.assertClose(t.logAbsDetJacobian(x, t.forward(x)), x.sum(-1).add(sb), 1e-15, "sum of parts");
        assertThat(t.forwardShape(new int[] {2, 2})).containsExactly(2, 3);
        assertThat(t.inverseShape(new int[] {2, 3})).containsExactly(2, 2);
        // stick-breaking then an element-wise map: the element-wise log-det is summed over the simplex
        ComposeTransform u = new ComposeTransform(new StickBreakingTransform(), new AffineTransform(0.0, 2.0));
        assertThat(u.domainEventDim()).isEqualTo(1);
        assertThat(u.codomainEventDim()).isEqualTo(1);
        assertThat(u.codomain().describe()).isEqualTo(Constraints.realVector().describe());
        Tensor ux = Tensor.of(0.1, 0.2);
        Tensor ladj = u.logAbsDetJacobian(ux, u.forward(ux));
        assertThat(ladj.shape()).isEmpty();
        Transform sbOnly = new StickBreakingTransform();
        assertThat(ladj.item()).isCloseTo(sbOnly.logAbsDetJacobian(ux, sbOnly.forward(ux)).item() + 3 * Math.log(2),
                within(1e-14));
        assertThat(t.parts()).hasSize(2);
        assertThatThrownBy(() -> t.parts().add(new ExpTransform())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void composeRejectsACodomainOfTheWrongEventDim() {
        assertThatThrownBy(() -> new ComposeTransform(List.of(new ExpTransform()), Constraints.simplex()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event dimension");
    }

    @Test
    void inverseWrapper() {
        Transform exp = new ExpTransform();
        Transform log = exp.inv();
        assertThat(log).isInstanceOf(InverseTransform.class);
        assertThat(((InverseTransform) log).base()).isSameAs(exp);
        assertThat(exp.inv()).isSameAs(log);
        assertThat(log.inv()).isSameAs(exp);
        Tensor y = Tensor.of(1.0, Math.E);
        Numeric.assertClose(log.forward(y), Tensor.of(0.0, 1.0), 1e-15, "log");
        Numeric.assertClose(log.logAbsDetJacobian(y, log.forward(y)), Tensor.of(0.0, -1.0), 1e-15, "-log y");
        assertThat(log.toString()).isEqualTo("Inverse(ExpTransform())");
        assertThat(new StickBreakingTransform().inv().forwardShape(new int[] {4})).containsExactly(3);
    }

    @Test
    void independentTransform() {
        IndependentTransform t = new IndependentTransform(new ExpTransform(), 1);
        Tensor x = Tensor.of(new double[][] {{0.0, 1.0}, {2.0, 3.0}});
        assertThat(t.logAbsDetJacobian(x, t.forward(x)).toArray()).containsExactly(1.0, 5.0);
        assertThat(t.domainEventDim()).isEqualTo(1);
        assertThat(t.codomain().describe()).isEqualTo("positive (x > 0.0) over 1 dimension");
        assertThat(t.toString()).isEqualTo("IndependentTransform(ExpTransform(), 1)");
        assertThatThrownBy(() -> t.forward(Tensor.scalar(1.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IndependentTransform.forward needs a tensor with at least 1 dimension");
        assertThatThrownBy(() -> new IndependentTransform(new ExpTransform(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
