package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A 0-d tensor takes a fast path that never touches an array; its results (values and gradients)
 * must equal, bit for bit, those of the general path on shape-[1] and shape-[1, 1] tensors.
 */
class ScalarFastPathTest {
    static Stream<UnaryOpsTest.Case> unaryCases() {
        return UnaryOpsTest.CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryCases")
    void unaryScalarEqualsGeneralPath(UnaryOpsTest.Case c) {
        double v = c.gen().make(TensorTesting.rng(c.name().hashCode()), new int[0]).item();
        Tensor s = Tensor.scalar(v).requiringGrad();
        Tensor one = Tensor.of(v).requiringGrad();
        Tensor oneOne = Tensor.of(new double[][] {{v}}).requiringGrad();
        Tensor ys = c.op().apply(s);
        Tensor y1 = c.op().apply(one);
        Tensor y11 = c.op().apply(oneOne);
        assertThat(ys.isScalar()).isTrue();
        assertThat(y1.shape()).containsExactly(1);
        assertThat(y11.shape()).containsExactly(1, 1);
        assertThat(ys.item()).isEqualTo(y1.item()).isEqualTo(y11.item());
        assertThat(Autograd.grad(ys, s)[0].item())
                .isEqualTo(Autograd.grad(y1, one)[0].item())
                .isEqualTo(Autograd.grad(y11, oneOne)[0].item());
    }

    static Stream<Arguments> binaryCases() {
        return BinaryOpsTest.CASES.stream().map(c -> Arguments.of(c.name(), c.op(), c.genA(), c.genB()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void binaryScalarEqualsGeneralPath(String name, BinaryOperator<Tensor> op, BinaryOpsTest.Gen ga, BinaryOpsTest.Gen gb) {
        var r = TensorTesting.rng(name.hashCode());
        double a = ga.make(r, new int[0]).item();
        double b = gb.make(r, new int[0]).item();
        Tensor[][] pairs = {
            {Tensor.scalar(a), Tensor.scalar(b)},     // fast path
            {Tensor.of(a), Tensor.of(b)},             // same shape, [1]
            {Tensor.scalar(a), Tensor.of(b)},         // scalar with [1]
            {Tensor.of(a), Tensor.scalar(b)},
            {Tensor.of(new double[][] {{a}}), Tensor.of(b)}, // broadcast [1, 1] with [1]
        };
        Double value = null;
        Double da = null;
        Double db = null;
        for (Tensor[] p : pairs) {
            Tensor x = p[0].requiringGrad();
            Tensor y = p[1].requiringGrad();
            Tensor out = op.apply(x, y);
            Tensor[] g = Autograd.grad(out.sum(), x, y);
            if (value == null) {
                assertThat(out.isScalar()).isTrue();
                value = out.item();
                da = g[0].item();
                db = g[1].item();
            } else {
                assertThat(out.item()).as("value").isEqualTo(value);
                assertThat(g[0].item()).as("gradient of the left operand").isEqualTo(da);
                assertThat(g[1].item()).as("gradient of the right operand").isEqualTo(db);
            }
            assertThat(g[0].shape()).containsExactly(x.shape());
            assertThat(g[1].shape()).containsExactly(y.shape());
        }
    }

    @Test
    void scalarResultsStayScalar() {
        Tensor s = Tensor.scalar(2.0);
        assertThat(s.add(s).isScalar()).isTrue();
        assertThat(s.add(1.0).isScalar()).isTrue();
        assertThat(s.sum().isScalar()).isTrue();
        assertThat(s.sum().item()).isEqualTo(2.0);
        assertThat(s.mean().item()).isEqualTo(2.0);
        assertThat(s.max().item()).isEqualTo(2.0);
        assertThat(s.logsumexp().item()).isEqualTo(2.0);
        assertThat(s.reshape().isScalar()).isTrue();
        assertThat(Tensor.where(Tensor.scalar(1), s, Tensor.scalar(3)).item()).isEqualTo(2.0);
        assertThat(Tensor.where(Tensor.scalar(0), s, Tensor.scalar(3)).item()).isEqualTo(3.0);
        assertThat(Tensor.where(Tensor.of(0.0), s, Tensor.scalar(3)).toArray()).containsExactly(3.0);
        assertThat(s.add(Tensor.of(1.0)).shape()).containsExactly(1);
        assertThat(s.lt(3.0).isScalar()).isTrue();
        Tensor x = Tensor.scalar(0.5).requiringGrad();
        Tensor[] g = Autograd.grad(x.sum().mul(x.mean()).add(x.logsumexp()), x);
        assertThat(g[0].isScalar()).isTrue();
        assertThat(g[0].item()).isEqualTo(2.0);
    }
}
