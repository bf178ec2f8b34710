package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks {@link Autograd#grad} against central finite differences.
 *
 * <p>The function under test maps input tensors to an output tensor of any shape. The output is
 * reduced to the scalar {@code phi = sum_i w_i out_i} with fixed pseudo-random weights
 * {@code w_i} in {@code [0.5, 1.5)}, so every output element matters and a gradient sent to the
 * wrong element (a transposed or permuted rule) shows. The analytic side is the vector-Jacobian
 * product {@code Autograd.grad(out, w, ...)}, so the reduction itself adds no tensor op.
 *
 * <p>Each input element {@code x} is moved by {@code h = 1e-6 * max(1, |x|)} both ways:
 * {@code (phi(x + h) - phi(x - h)) / (2h)}. Its error has two parts:
 * <ul>
 *   <li>truncation, {@code h^2 |phi'''| / 6}, about {@code 1.7e-13 |phi'''|} for |x| &le; 1: below
 *       {@code 1e-10} for the O(1) inputs and smooth functions the tests use;</li>
 *   <li>rounding, {@code |error of phi| / h}: each output element is computed to within a few
 *       ulps, so the error of {@code phi} is at most {@code ROUNDING_ULPS * eps * sum_i |w_i out_i|}
 *       and the quotient is off by at most that over {@code h} (about {@code 1e-8} relative to
 *       {@code phi} for O(1) inputs).</li>
 * </ul>
 * The check allows {@code RTOL * max(1, |analytic|)} plus that rounding bound. {@code RTOL = 1e-6}
 * is far above both error terms for well-conditioned smooth functions, and far below the O(1)
 * relative error a wrong backward rule produces. It is only sound where the function is smooth
 * within {@code h} of the point: callers evaluate away from kinks and discontinuities
 * ({@code abs} at 0, ties of {@code max}/{@code maximum}, clamp bounds, poles), which is what
 * the generators in {@link TensorTesting} are for.
 *
 * <p>Every check also asserts that the gradients have the shapes of the inputs, that recording
 * with {@code createGraph} gives the same first derivatives, that the recorded output has the same
 * values as the unrecorded one, and that evaluating the function did not change any input.
 * {@link #checkSecondOrder} additionally checks Hessian-vector products: the gradient of
 * {@code sum_k v_k . dphi/dx_k} (through {@code createGraph}) against central differences of the
 * analytic first derivatives, with the same tolerance argument applied to that function.
 */
final class GradCheck {
    /** Relative tolerance; see the class comment for why it is sound. */
    static final double RTOL = 1e-6;
    /** Relative step: {@code h = STEP * max(1, |x|)}. */
    static final double STEP = 1e-6;
    /** Bound on the rounding error of one evaluation, in ulps of {@code sum |terms|}. */
    static final double ROUNDING_ULPS = 64;

    private static final long WEIGHT_SEED = 0x5EEDL;

    private GradCheck() {}

    /** First derivatives of {@code f} at {@code inputs} against central differences. */
    static void check(String what, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        new Run(what, f, inputs).checkFirst();
    }

    /** First and second derivatives (Hessian-vector products via {@code createGraph}). */
    static void checkSecondOrder(String what, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        Run run = new Run(what, f, inputs);
        run.checkFirst();
        run.checkSecond();
    }

    /** Fixed weights in {@code [0.5, 1.5)} for {@code n} elements. */
    static double[] weights(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed + 31L * n);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + r.nextDouble();
        }
        return w;
    }

    private static final class Run {
        final String what;
        final Function<List<Tensor>, Tensor> f;
        final double[][] values;
        final int[][] shapes;

        Run(String what, Function<List<Tensor>, Tensor> f, Tensor[] inputs) {
            this.what = what;
            this.f = f;
            this.values = new double[inputs.length][];
            this.shapes = new int[inputs.length][];
            for (int k = 0; k < inputs.length; k++) {
                values[k] = inputs[k].toArray();
                shapes[k] = inputs[k].shape();
            }
        }

        List<Tensor> tensors(double[][] vals, boolean requireGrad) {
            List<Tensor> out = new ArrayList<>();
            for (int k = 0; k < vals.length; k++) {
                Tensor t = Tensor.fromArray(vals[k], shapes[k]);
                out.add(requireGrad ? t.requiringGrad() : t);
            }
            return out;
        }

        Tensor seedFor(Tensor out) {
            return Tensor.fromArray(weights(WEIGHT_SEED, out.numel()), out.shape());
        }

        /** phi and the sum of |w_i out_i| (the scale of its rounding error). */
        double[] phi(double[][] vals) {
            Tensor out = f.apply(tensors(vals, false));
            double[] o = out.toArray();
            double[] w = weights(WEIGHT_SEED, o.length);
            double s = 0;
            double scale = 0;
            for (int i = 0; i < o.length; i++) {
                s += w[i] * o[i];
                scale += Math.abs(w[i] * o[i]);
            }
            return new double[] {s, scale};
        }

        /** The analytic gradients of phi (no graph recorded). */
        Tensor[] analytic(double[][] vals) {
            List<Tensor> leaves = tensors(vals, true);
            Tensor out = f.apply(leaves);
            return Autograd.grad(out, seedFor(out), false, leaves.toArray(new Tensor[0]));
        }

        void checkFirst() {
            List<Tensor> leaves = tensors(values, true);
            Tensor[] leafArray = leaves.toArray(new Tensor[0]);
            Tensor out = f.apply(leaves);
            Tensor constantOut = f.apply(tensors(values, false));
            assertThat(out.shape()).as(what + ": output shape with and without recording")
                    .containsExactly(constantOut.shape());
            assertThat(out.toArray()).as(what + ": output values with and without recording")
                    .containsExactly(constantOut.toArray());

            Tensor seed = seedFor(out);
            Tensor[] g = Autograd.grad(out, seed, false, leafArray);
            Tensor[] gRecorded = Autograd.grad(out, seed, true, leafArray);
            for (int k = 0; k < g.length; k++) {
                assertThat(g[k].shape()).as(what + ": shape of the gradient of input " + k).containsExactly(shapes[k]);
                assertThat(g[k].requiresGrad()).as(what + ": gradient without createGraph is a constant").isFalse();
                assertThat(gRecorded[k].toArray()).as(what + ": createGraph gives the same gradient of input " + k)
                        .containsExactly(g[k].toArray());
            }
            for (int k = 0; k < values.length; k++) {
                assertThat(leaves.get(k).toArray()).as(what + ": input " + k + " unchanged by the op").containsExactly(values[k]);
            }

            double[][] analytic = new double[g.length][];
            for (int k = 0; k < g.length; k++) {
                analytic[k] = g[k].toArray();
            }
            compare("gradient", analytic, this::phi);
        }

        void checkSecond() {
            SplittableRandom r = new SplittableRandom(WEIGHT_SEED ^ 0x2DL);
            double[][] v = new double[values.length][];
            for (int k = 0; k < values.length; k++) {
                v[k] = new double[values[k].length];
                for (int j = 0; j < v[k].length; j++) {
                    v[k][j] = 0.5 + r.nextDouble();
                }
            }
            // psi(x) = sum_k v_k . dphi/dx_k, differentiated through the recorded backward pass.
            List<Tensor> leaves = tensors(values, true);
            Tensor[] leafArray = leaves.toArray(new Tensor[0]);
            Tensor out = f.apply(leaves);
            Tensor[] g = Autograd.grad(out, seedFor(out), true, leafArray);
            Tensor psi = Tensor.scalar(0.0);
            for (int k = 0; k < g.length; k++) {
                if (g[k].requiresGrad()) {
                    psi = psi.add(g[k].mul(Tensor.fromArray(v[k], shapes[k])).sum());
                }
            }
            Tensor[] h = Autograd.grad(psi, leafArray);
            double[][] analytic = new double[h.length][];
            for (int k = 0; k < h.length; k++) {
                assertThat(h[k].shape()).as(what + ": shape of the second derivative of input " + k).containsExactly(shapes[k]);
                analytic[k] = h[k].toArray();
            }
            compare("Hessian-vector product", analytic, vals -> {
                Tensor[] gs = analytic(vals);
                double s = 0;
                double scale = 0;
                for (int k = 0; k < gs.length; k++) {
                    double[] gk = gs[k].toArray();
                    for (int j = 0; j < gk.length; j++) {
                        s += v[k][j] * gk[j];
                        scale += Math.abs(v[k][j] * gk[j]);
                    }
                }
                return new double[] {s, scale};
            });
        }

        void compare(String kind, double[][] analytic, Function<double[][], double[]> fn) {
            for (int k = 0; k < values.length; k++) {
                for (int j = 0; j < values[k].length; j++) {
                    double x = values[k][j];
                    double h = STEP * Math.max(1.0, Math.abs(x));
                    double[][] plus = copy(values);
                    double[][] minus = copy(values);
                    plus[k][j] = x + h;
                    minus[k][j] = x - h;
                    double[] fp = fn.apply(plus);
                    double[] fm = fn.apply(minus);
                    double step = plus[k][j] - minus[k][j]; // the representable 2h
                    double fd = (fp[0] - fm[0]) / step;
                    double a = analytic[k][j];
                    double rounding = ROUNDING_ULPS * Math.ulp(1.0) * Math.max(fp[1], fm[1]) / (step / 2);
                    double tol = RTOL * Math.max(1.0, Math.abs(a)) + rounding;
                    if (!(Math.abs(a - fd) <= tol)) {
                        fail(String.format("%s: %s of input %d %s at element %d (value %s): autograd %s, finite difference %s,"
                                        + " difference %.3g > tolerance %.3g%nanalytic: %s",
                                what, kind, k, Arrays.toString(shapes[k]), j, x, a, fd, Math.abs(a - fd), tol,
                                Arrays.toString(analytic[k])));
                    }
                }
            }
        }

        static double[][] copy(double[][] v) {
            double[][] c = new double[v.length][];
            for (int i = 0; i < v.length; i++) {
                c[i] = v[i].clone();
            }
            return c;
        }
    }
}
