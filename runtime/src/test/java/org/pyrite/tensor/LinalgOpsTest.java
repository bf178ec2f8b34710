package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.tensor.TensorTesting.assertTensor;
import static org.pyrite.tensor.TensorTesting.assertValues;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matrix product, Cholesky, triangular solve and the diagonal/triangle helpers. */
class LinalgOpsTest {
    /** Products and solves of O(1) entries in sizes up to 4: rounding stays within a few ulps per term. */
    private static final double VALUE_RTOL = 1e-13;

    /**
     * Reference batched matrix product of {@code a [..., n, k]} and {@code b [..., k, m]}, batch
     * dimensions broadcast, by direct index arithmetic.
     */
    static Tensor refMatmul(Tensor a, Tensor b) {
        int[] sa = a.shape();
        int[] sb = b.shape();
        int n = sa[sa.length - 2];
        int k = sa[sa.length - 1];
        int m = sb[sb.length - 1];
        int[] ba = Arrays.copyOf(sa, sa.length - 2);
        int[] bb = Arrays.copyOf(sb, sb.length - 2);
        int[] batch = TensorTesting.broadcastShape(ba, bb);
        int[] outShape = Shape.concat(batch, new int[] {n, m});
        double[] x = a.toArray();
        double[] y = b.toArray();
        double[] out = new double[Shape.numel(outShape)];
        for (int t = 0; t < Shape.numel(batch); t++) {
            int[] bi = TensorTesting.unravel(t, batch);
            int oa = TensorTesting.broadcastIndex(bi, ba) * n * k;
            int ob = TensorTesting.broadcastIndex(bi, bb) * k * m;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += x[oa + i * k + p] * y[ob + p * m + j];
                    }
                    out[t * n * m + i * m + j] = s;
                }
            }
        }
        return Tensor.fromArray(out, outShape);
    }

    static Stream<Arguments> matmulShapes() {
        return Stream.of(
                Arguments.of(new int[] {3}, new int[] {3}, new int[0]),
                Arguments.of(new int[] {3}, new int[] {3, 2}, new int[] {2}),
                Arguments.of(new int[] {2, 3}, new int[] {3}, new int[] {2}),
                Arguments.of(new int[] {2, 3}, new int[] {3, 4}, new int[] {2, 4}),
                Arguments.of(new int[] {1, 3}, new int[] {3, 1}, new int[] {1, 1}),
                Arguments.of(new int[] {2, 1}, new int[] {1, 3}, new int[] {2, 3}),
                Arguments.of(new int[] {4, 2, 3}, new int[] {3, 2}, new int[] {4, 2, 2}),
                Arguments.of(new int[] {2, 3}, new int[] {4, 3, 2}, new int[] {4, 2, 2}),
                Arguments.of(new int[] {4, 2, 3}, new int[] {4, 3, 2}, new int[] {4, 2, 2}),
                Arguments.of(new int[] {3, 1, 2, 3}, new int[] {2, 3, 2}, new int[] {3, 2, 2, 2}),
                Arguments.of(new int[] {1, 2, 3}, new int[] {4, 3, 1}, new int[] {4, 2, 1}),
                Arguments.of(new int[] {3}, new int[] {2, 3, 2}, new int[] {2, 2}),
                Arguments.of(new int[] {2, 2, 3}, new int[] {3}, new int[] {2, 2}));
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("matmulShapes")
    void matmul(int[] sa, int[] sb, int[] expectedShape) {
        SplittableRandom r = TensorTesting.rng(Arrays.hashCode(sa) * 31L + Arrays.hashCode(sb));
        Tensor a = TensorTesting.uniform(r, -1, 1, sa);
        Tensor b = TensorTesting.uniform(r, -1, 1, sb);
        // torch semantics: a 1-d left operand is a row, a 1-d right operand a column, each removed again.
        Tensor a2 = sa.length == 1 ? a.reshape(1, sa[0]) : a;
        Tensor b2 = sb.length == 1 ? b.reshape(sb[0], 1) : b;
        double[] expected = refMatmul(a2, b2).toArray();
        Tensor out = a.matmul(b);
        assertTensor(out, expectedShape, expected, VALUE_RTOL);
        GradCheck.checkSecondOrder("matmul", in -> in.get(0).matmul(in.get(1)), a, b);
        GradCheck.check("matmul, left only", in -> in.get(0).matmul(b), a);
        GradCheck.check("matmul, right only", in -> a.matmul(in.get(0)), b);
    }

    @Test
    void matmulSmallExample() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new double[][] {{5, 6}, {7, 8}});
        assertTensor(a.matmul(b), new int[] {2, 2}, new double[] {19, 22, 43, 50}, 0);
        assertThat(Tensor.of(1, 2, 3).matmul(Tensor.of(4, 5, 6)).item()).isEqualTo(32);
    }

    @Test
    void matmulShapeErrorsNameTheOperandShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul").hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul").hasMessageContaining("[3]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul").hasMessageContaining("[3]").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul").hasMessageContaining("[2, 3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul").hasMessageContaining("[2, 2, 3]").hasMessageContaining("[3, 3, 4]");
        assertThatThrownBy(() -> Tensor.scalar(2).matmul(Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank");
    }

    // ------------------------------------------------------------------ Cholesky

    /** The symmetric part {@code (x + x^T) / 2}: finite differences of f(sym(x)) move A_ij and A_ji together. */
    static Tensor sym(Tensor x) {
        return x.add(x.transpose()).mul(0.5);
    }

    static Stream<Arguments> choleskyShapes() {
        return Stream.of(new int[] {1, 1}, new int[] {2, 2}, new int[] {3, 3}, new int[] {4, 4},
                new int[] {2, 3, 3}, new int[] {2, 1, 2, 2}).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choleskyShapes")
    void choleskyValueAndSymmetricGradient(int[] shape) {
        Tensor a = TensorTesting.spd(TensorTesting.rng(Arrays.hashCode(shape)), shape);
        Tensor l = a.cholesky();
        assertThat(l.shape()).containsExactly(shape);
        // L is lower-triangular with a positive diagonal and L L^T = A.
        assertThat(l.sub(l.tril(0)).abs().max().item()).isZero();
        assertThat(l.diagonal().min().item()).isPositive();
        assertValues(l.matmul(l.transpose()).toArray(), a.toArray(), VALUE_RTOL);
        // SPD inputs are perturbed symmetrically: the gradient w.r.t. x of f(cholesky(sym(x))) is the
        // symmetric gradient of f(cholesky(A)), which is what the backward rule returns.
        GradCheck.checkSecondOrder("cholesky", in -> sym(in.get(0)).cholesky(), a);
        // The rule's own gradient (no sym in the graph) is symmetric and is that same gradient.
        Tensor seed = Tensor.fromArray(GradCheck.weights(17, a.numel()), shape);
        Tensor ar = a.requiringGrad();
        Tensor direct = Autograd.grad(ar.cholesky(), seed, false, ar)[0];
        assertValues(direct.toArray(), direct.transpose().toArray(), 0);
        Tensor xr = a.requiringGrad();
        assertValues(direct.toArray(), Autograd.grad(sym(xr).cholesky(), seed, false, xr)[0].toArray(), 1e-15);
        GradCheck.check("log-determinant via cholesky", in -> sym(in.get(0)).cholesky().diagonal().log().sum().mul(2.0), a);
    }

    @Test
    void choleskyBackwardIsTheSymmetricGradient() {
        // d log det A / dA = A^-1 (symmetric); log det A = 2 sum log diag(L).
        Tensor a = Tensor.of(new double[][] {{4, 2}, {2, 3}}).requiringGrad();
        Tensor g = Autograd.grad(a.cholesky().diagonal().log().sum().mul(2.0), a)[0];
        double det = 4 * 3 - 2 * 2;
        assertValues(g.toArray(), new double[] {3 / det, -2 / det, -2 / det, 4 / det}, 1e-14);
    }

    @Test
    void choleskyKnownFactorReadsOnlyTheLowerTriangleAndRejectsIndefinite() {
        Tensor a = Tensor.of(new double[][] {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}});
        double[] expected = {2, 0, 0, 6, 1, 0, -8, 5, 3};
        assertTensor(a.cholesky(), new int[] {3, 3}, expected, 1e-15);
        Tensor lowerOnly = a.tril(0);
        assertTensor(lowerOnly.cholesky(), new int[] {3, 3}, expected, 1e-15);
        assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {2, 1}}).cholesky())
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("positive-definite");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).cholesky())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
    }

    // ------------------------------------------------------------------ triangular solve

    /** A well-conditioned matrix: diagonal in [1, 2) with a random sign, off-diagonal in [-0.5, 0.5). */
    static Tensor triangularish(SplittableRandom r, int... shape) {
        int n = shape[shape.length - 1];
        double[] v = TensorTesting.uniform(r, -0.5, 0.5, shape).toArray();
        for (int b = 0; b < v.length; b += n * n) {
            for (int i = 0; i < n; i++) {
                v[b + i * n + i] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble());
            }
        }
        return Tensor.fromArray(v, shape);
    }

    /** The lower (or upper) triangle of a matrix batch, by index. */
    static Tensor triangle(Tensor a, boolean lower) {
        int[] s = a.shape();
        int n = s[s.length - 1];
        double[] v = a.toArray();
        for (int i = 0; i < v.length; i++) {
            int row = (i / n) % n;
            int col = i % n;
            if (lower ? col > row : col < row) {
                v[i] = 0;
            }
        }
        return Tensor.fromArray(v, s);
    }

    static Stream<Arguments> solves() {
        int[][][] shapes = {
            {{3, 3}, {3, 2}},
            {{1, 1}, {1, 3}},
            {{2, 3, 3}, {3, 1}},
            {{3, 3}, {2, 3, 2}},
            {{2, 1, 2, 2}, {3, 2, 2}},
        };
        Stream.Builder<Arguments> out = Stream.builder();
        for (int[][] s : shapes) {
            for (boolean lower : new boolean[] {true, false}) {
                for (boolean transposeA : new boolean[] {false, true}) {
                    out.add(Arguments.of(s[0], s[1], lower, transposeA));
                }
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "A {0}, B {1}, lower={2}, transposeA={3}")
    @MethodSource("solves")
    void triangularSolve(int[] sa, int[] sb, boolean lower, boolean transposeA) {
        SplittableRandom r = TensorTesting.rng(Arrays.hashCode(sa) * 31L + Arrays.hashCode(sb) + (lower ? 1 : 0));
        Tensor a = triangularish(r, sa); // full matrix: the solve must read only one triangle
        Tensor b = TensorTesting.uniform(r, -1, 1, sb);
        Tensor x = a.triangularSolve(b, lower, transposeA);
        Tensor t = triangle(a, lower);
        Tensor opA = transposeA ? t.transpose() : t;
        // op(T) X = B, checked by the reference product (B broadcast to the batch of X).
        assertValues(refMatmul(opA, x).toArray(), TensorTesting.broadcastTo(b.toArray(), sb, x.shape()), VALUE_RTOL);
        assertValues(x.toArray(), t.triangularSolve(b, lower, transposeA).toArray(), 0);
        // Entries outside the triangle have zero effect, so both sides agree they get zero gradient.
        GradCheck.checkSecondOrder("triangularSolve", in -> in.get(0).triangularSolve(in.get(1), lower, transposeA), a, b);
        Tensor ga = Autograd.grad(a.requiringGrad().triangularSolve(b, lower, transposeA).sum(),
                a)[0];
        assertThat(ga.requiresGrad()).isFalse();
        assertThat(ga.sub(triangle(ga, lower)).abs().max().item()).as("gradient outside the triangle").isZero();
    }

    @Test
    void triangularSolveTwoArgumentFormIsNotTransposed() {
        Tensor l = Tensor.of(new double[][] {{2, 0}, {1, 4}});
        Tensor b = Tensor.of(new double[][] {{2}, {9}});
        assertTensor(l.triangularSolve(b, true), new int[] {2, 1}, new double[] {1, 2}, 0);
        assertTensor(l.triangularSolve(b, true, true), new int[] {2, 1}, new double[] {-1.0 / 8, 9.0 / 4}, 1e-15);
    }

    @Test
    void triangularSolveShapeErrors() {
        assertThatThrownBy(() -> Tensor.eye(3).triangularSolve(Tensor.zeros(2, 1), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1]").hasMessageContaining("[3, 3]");
        assertThatThrownBy(() -> Tensor.eye(3).triangularSolve(Tensor.zeros(3), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.zeros(3, 2).triangularSolve(Tensor.zeros(3, 1), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
    }

    // ------------------------------------------------------------------ diagonal, diagEmbed, tril

    @Test
    void diagonalAndDiagEmbed() {
        Tensor m = Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        assertTensor(m.diagonal(), new int[] {3}, new double[] {1, 5, 9}, 0);
        Tensor batch = TensorTesting.uniform(TensorTesting.rng(3), -1, 1, 2, 3, 3);
        double[] bv = batch.toArray();
        assertTensor(batch.diagonal(), new int[] {2, 3}, new double[] {bv[0], bv[4], bv[8], bv[9], bv[13], bv[17]}, 0);
        assertTensor(Tensor.of(1, 2).diagEmbed(), new int[] {2, 2}, new double[] {1, 0, 0, 2}, 0);
        assertTensor(Tensor.of(new double[][] {{1, 2}, {3, 4}}).diagEmbed(), new int[] {2, 2, 2},
                new double[] {1, 0, 0, 2, 3, 0, 0, 4}, 0);
        GradCheck.checkSecondOrder("diagonal", in -> in.get(0).diagonal().square(), batch);
        GradCheck.checkSecondOrder("diagEmbed", in -> in.get(0).diagEmbed().square(),
                TensorTesting.uniform(TensorTesting.rng(4), -1, 1, 2, 1, 3));
        assertThatThrownBy(() -> Tensor.zeros(2, 3).diagonal()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.scalar(1).diagEmbed()).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> trils() {
        return Stream.of(
                Arguments.of(new int[] {3, 3}, 0), Arguments.of(new int[] {3, 3}, -1), Arguments.of(new int[] {3, 3}, 1),
                Arguments.of(new int[] {2, 4}, 0), Arguments.of(new int[] {4, 2}, -2), Arguments.of(new int[] {3, 3}, -5),
                Arguments.of(new int[] {3, 3}, 5), Arguments.of(new int[] {2, 1, 3, 3}, 0));
    }

    @ParameterizedTest(name = "{0} k={1}")
    @MethodSource("trils")
    void tril(int[] shape, int k) {
        Tensor x = TensorTesting.uniform(TensorTesting.rng(Arrays.hashCode(shape) + k), -1, 1, shape);
        int rows = shape[shape.length - 2];
        int cols = shape[shape.length - 1];
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            int row = (i / cols) % rows;
            int col = i % cols;
            if (col - row > k) {
                v[i] = 0;
            }
        }
        assertTensor(x.tril(k), shape, v, 0);
        GradCheck.checkSecondOrder("tril(" + k + ")", in -> in.get(0).tril(k).square(), x);
        assertThatThrownBy(() -> Tensor.zeros(3).tril(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3]");
    }
}
