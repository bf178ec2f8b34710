package org.pyrite.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pyrite.distributions.Rng;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * Every {@code Backend} method of the graph backend against the CPU backend, reached through the
 * {@link Tensor} operations that call it, on random seeded inputs with broadcasting, batches and
 * gathers: values, and TensorFlow's gradients against the CPU tape, within 1e-10 (float64).
 */
class BackendConformanceTest {
    private static final double TOL = 1e-10;

    /** An op on one or more inputs: its name, its inputs' CPU values, and the function (the same code on both backends). */
    private record Case(String name, Tensor[] inputs, Function<Tensor[], Tensor> f, boolean gradient) {}

    private static Tensor random(Rng rng, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.gaussian();
        }
        return Tensor.fromArray(v, shape);
    }

    private static Tensor positive(Rng rng, int... shape) {
        return random(rng, shape).abs().add(0.5);
    }

    private static Tensor spd(Rng rng, int batch, int n) {
        Tensor a = random(rng, batch, n, n);
        return a.matmul(a.transpose(-1, -2)).add(Tensor.eye(n).mul(n));
    }

    private static List<Case> cases() {
        Rng rng = Rng.seeded(20261204);
        List<Case> cs = new ArrayList<>();
        Tensor x = random(rng, 3, 4);
        Tensor p = positive(rng, 3, 4);
        cs.add(new Case("neg", new Tensor[] {x}, a -> a[0].neg(), true));
        cs.add(new Case("reciprocal", new Tensor[] {p}, a -> a[0].reciprocal(), true));
        cs.add(new Case("exp", new Tensor[] {x}, a -> a[0].exp(), true));
        cs.add(new Case("log", new Tensor[] {p}, a -> a[0].log(), true));
        cs.add(new Case("log1p", new Tensor[] {p}, a -> a[0].log1p(), true));
        cs.add(new Case("expm1", new Tensor[] {x}, a -> a[0].expm1(), true));
        cs.add(new Case("sqrt", new Tensor[] {p}, a -> a[0].sqrt(), true));
        cs.add(new Case("square", new Tensor[] {x}, a -> a[0].square(), true));
        cs.add(new Case("abs", new Tensor[] {x}, a -> a[0].abs(), true));
        cs.add(new Case("sign", new Tensor[] {x}, a -> a[0].sign(), false));
        cs.add(new Case("floor", new Tensor[] {x.mul(3.0)}, a -> a[0].floor(), false));
        cs.add(new Case("sigmoid", new Tensor[] {x.mul(5.0)}, a -> a[0].sigmoid(), true));
        cs.add(new Case("softplus", new Tensor[] {x.mul(5.0)}, a -> a[0].softplus(), true));
        cs.add(new Case("logSigmoid", new Tensor[] {x.mul(5.0)}, a -> a[0].logSigmoid(), true));
        cs.add(new Case("tanh", new Tensor[] {x}, a -> a[0].tanh(), true));
        cs.add(new Case("lgamma", new Tensor[] {p}, a -> a[0].lgamma(), true));
        cs.add(new Case("digamma", new Tensor[] {p}, a -> a[0].digamma(), true));
        cs.add(new Case("trigamma", new Tensor[] {p}, a -> a[0].trigamma(), false));
        Tensor row = random(rng, 4);
        Tensor col = random(rng, 3, 1);
        cs.add(new Case("add broadcast", new Tensor[] {x, row}, a -> a[0].add(a[1]), true));
        cs.add(new Case("sub broadcast", new Tensor[] {col, row}, a -> a[0].sub(a[1]), true));
        cs.add(new Case("mul broadcast", new Tensor[] {x, col}, a -> a[0].mul(a[1]), true));
        cs.add(new Case("div broadcast", new Tensor[] {x, positive(rng, 4)}, a -> a[0].div(a[1]), true));
        cs.add(new Case("pow", new Tensor[] {p, random(rng, 3, 4)}, a -> a[0].pow(a[1]), true));
        cs.add(new Case("maximum", new Tensor[] {x, row}, a -> a[0].maximum(a[1]), true));
        cs.add(new Case("minimum", new Tensor[] {x, row}, a -> a[0].minimum(a[1]), true));
        for (String cmp : new String[] {"lt", "le", "gt", "ge", "eq", "ne"}) {
            Tensor y = Tensor.where(random(rng, 3, 4).gt(0.0), x, random(rng, 3, 4));
            cs.add(new Case(cmp, new Tensor[] {x, y}, a -> compare(cmp, a[0], a[1]), false));
        }
        Tensor counts = Tensor.of(0, 1, 3, 7, 12, 0);
        cs.add(new Case("poissonLogProb", new Tensor[] {counts, positive(rng, 6).mul(4.0)}, a -> a[0].poissonLogProb(a[1]), false));
        Tensor labels = Tensor.of(1, 0, 0, 1, 1, 0);
        cs.add(new Case("bernoulliLogProb", new Tensor[] {random(rng, 6).mul(3.0), labels}, a -> a[0].bernoulliLogProb(a[1]), true));
        Tensor cube = random(rng, 2, 3, 4);
        cs.add(new Case("sum dims", new Tensor[] {cube}, a -> a[0].sum(new int[] {0, 2}, false), true));
        cs.add(new Case("sum keepdim", new Tensor[] {cube}, a -> a[0].sum(new int[] {1}, true), true));
        cs.add(new Case("mean", new Tensor[] {cube}, a -> a[0].mean(1), true));
        cs.add(new Case("max", new Tensor[] {cube}, a -> a[0].max(new int[] {2}, false), true));
        cs.add(new Case("min", new Tensor[] {cube}, a -> a[0].min(new int[] {0}, true), true));
        cs.add(new Case("logsumexp", new Tensor[] {cube.mul(10.0)}, a -> a[0].logsumexp(new int[] {1, 2}, false), true));
        cs.add(new Case("logsumexp keepdim", new Tensor[] {cube}, a -> a[0].logsumexp(new int[] {0}, true), true));
        cs.add(new Case("logSoftmax", new Tensor[] {cube}, a -> a[0].logSoftmax(-1), true));
        cs.add(new Case("cumsum", new Tensor[] {cube}, a -> a[0].cumsum(1), true));
        cs.add(new Case("matmul 2d", new Tensor[] {x, random(rng, 4, 5)}, a -> a[0].matmul(a[1]), true));
        cs.add(new Case("matmul vector", new Tensor[] {x, row}, a -> a[0].matmul(a[1]), true));
        cs.add(new Case("matmul batch broadcast", new Tensor[] {random(rng, 2, 1, 3, 4), random(rng, 5, 4, 2)},
                a -> a[0].matmul(a[1]), true));
        cs.add(new Case("matmul transposed", new Tensor[] {random(rng, 4, 3), random(rng, 4, 2)}, a -> a[0].transpose().matmul(a[1]), true));
        cs.add(new Case("permute", new Tensor[] {cube}, a -> a[0].permute(2, 0, 1), true));
        cs.add(new Case("reshape", new Tensor[] {cube}, a -> a[0].reshape(6, 4), true));
        cs.add(new Case("expand", new Tensor[] {col}, a -> a[0].expand(2, 3, 5), true));
        cs.add(new Case("slice", new Tensor[] {cube}, a -> a[0].slice(2, 1, 3), true));
        cs.add(new Case("index (gather)", new Tensor[] {cube}, a -> a[0].index(1, 2, 0, 2, 1), true));
        cs.add(new Case("cat", new Tensor[] {x, random(rng, 2, 4)}, a -> Tensor.cat(0, a[0], a[1]), true));
        cs.add(new Case("stack", new Tensor[] {x, random(rng, 3, 4)}, a -> Tensor.stack(1, a[0], a[1]), true));
        Tensor cond = random(rng, 3, 1).gt(0.0);
        cs.add(new Case("where", new Tensor[] {x, row}, a -> Tensor.where(cond, a[0], a[1]), true));
        cs.add(new Case("clamp", new Tensor[] {x}, a -> a[0].clamp(-0.5, 0.5), true));
        Tensor mats = spd(rng, 2, 3);
        cs.add(new Case("cholesky", new Tensor[] {mats}, a -> a[0].cholesky(), true));
        Tensor lower = spd(rng, 2, 3).cholesky();
        cs.add(new Case("triangularSolve", new Tensor[] {lower, random(rng, 2, 3, 2)}, a -> a[0].triangularSolve(a[1], true), true));
        cs.add(new Case("triangularSolve transposed", new Tensor[] {lower, random(rng, 2, 3, 2)},
                a -> a[0].triangularSolve(a[1], true, true), true));
        cs.add(new Case("triangularSolve upper", new Tensor[] {lower.transpose(-1, -2), random(rng, 2, 3, 2)},
                a -> a[0].triangularSolve(a[1], false), true));
        cs.add(new Case("diagonal", new Tensor[] {random(rng, 2, 3, 3)}, a -> a[0].diagonal(), true));
        cs.add(new Case("diagEmbed", new Tensor[] {random(rng, 2, 3)}, a -> a[0].diagEmbed(), true));
        cs.add(new Case("tril", new Tensor[] {random(rng, 2, 3, 3)}, a -> a[0].tril(0), true));
        cs.add(new Case("tril strict", new Tensor[] {random(rng, 3, 4)}, a -> a[0].tril(-1), true));
        cs.add(new Case("cpu constant meets graph", new Tensor[] {x}, a -> Tensor.of(1, 2, 3, 4).mul(a[0]).add(2.0), true));
        return cs;
    }

    private static Tensor compare(String op, Tensor a, Tensor b) {
        switch (op) {
            case "lt": return a.lt(b);
            case "le": return a.le(b);
            case "gt": return a.gt(b);
            case "ge": return a.ge(b);
            case "eq": return a.eq(b);
            default: return a.ne(b);
        }
    }

    @TestFactory
    Stream<DynamicTest> valuesMatchTheCpuBackend() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Tensor expected = c.f().apply(c.inputs());
            try (GraphHarness h = new GraphHarness()) {
                Tensor[] lifted = new Tensor[c.inputs().length];
                for (int i = 0; i < lifted.length; i++) {
                    lifted[i] = h.lift(c.inputs()[i]);
                }
                Tensor actual = c.f().apply(lifted);
                assertThat(actual.shape()).isEqualTo(expected.shape());
                assertThat(h.eval(actual)[0]).containsExactly(expected.toArray(), within(TOL));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> tensorFlowGradientsMatchTheCpuTape() {
        return cases().stream().filter(Case::gradient).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            // A scalar of the op's output: its sum weighted by fixed random values, so every entry counts differently.
            Rng rng = Rng.seeded(c.name().hashCode());
            Tensor[] leaves = new Tensor[c.inputs().length];
            for (int i = 0; i < leaves.length; i++) {
                leaves[i] = c.inputs()[i].requiringGrad();
            }
            Tensor out = c.f().apply(leaves);
            Tensor weights = random(rng, out.shape());
            Tensor[] expected = Autograd.grad(out.mul(weights).sum(), leaves);
            try (GraphHarness h = new GraphHarness()) {
                Tensor[] lifted = new Tensor[leaves.length];
                for (int i = 0; i < lifted.length; i++) {
                    lifted[i] = h.lift(c.inputs()[i]);
                }
                Tensor y = c.f().apply(lifted).mul(weights).sum();
                double[][] actual = h.grad(y, lifted);
                for (int i = 0; i < lifted.length; i++) {
                    assertThat(actual[i]).as("gradient of input " + i).containsExactly(expected[i].toArray(), within(TOL));
                }
            }
        }));
    }
}
