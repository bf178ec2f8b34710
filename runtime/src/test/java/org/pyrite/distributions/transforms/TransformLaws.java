package org.pyrite.distributions.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The laws every transform obeys, checked at seeded random points for several batch shapes.
 *
 * <p>Tolerances: round trips are exact up to rounding, so 1e-9 relative. Central differences use
 * the step {@code h = H s} with {@code H = 1e-6} and {@code s} the length on which the inputs vary
 * (1, or the width of a narrow interval): their truncation error is about {@code (h / s)^2 = 1e-12}
 * relative and their rounding error about {@code 1e-16 |f| / h}, both far below the 1e-6 relative
 * tolerance at the points drawn (kept away from boundaries).
 */
final class TransformLaws {
    static final int[][] PREFIXES = {{}, {7}, {2, 3}};
    static final double ROUND_TRIP_TOL = 1e-9;
    static final double H = 1e-6;
    static final double DERIVATIVE_TOL = 1e-6;
    static final long[] SEEDS = {1L, 2L, 3L};

    private TransformLaws() {}

    static Random rng(TransformCase c, long seed) {
        return new Random(seed * 1_000_003L + c.name.hashCode());
    }

    static int[] shape(TransformCase c, int[] prefix) {
        return Shape.concat(prefix, c.suffix);
    }

    /** Applies {@code coords.canonical} to every event (the rightmost {@code eventDim} dimensions) of {@code t}. */
    static Tensor canonical(Tensor t, int eventDim, Coordinates coords) {
        int[] s = t.shape();
        int size = Numeric.numel(s, s.length - eventDim);
        double[] v = t.toArray();
        for (int e = 0; e < v.length / Math.max(size, 1); e++) {
            double[] ev = Arrays.copyOfRange(v, e * size, (e + 1) * size);
            System.arraycopy(coords.canonical(ev), 0, v, e * size, size);
        }
        return Tensor.fromArray(v, s);
    }

    /** {@code inverse(forward(x)) == x} (on the free coordinates) and {@code forward} has {@code forwardShape}. */
    static void inverseOfForward(TransformCase c) {
        Transform t = c.transform;
        for (long seed : SEEDS) {
            Random rng = rng(c, seed);
            for (int[] prefix : new int[][] {{}, {40}, {2, 3}}) {
                Tensor x = c.inSampler.draw(shape(c, prefix), rng);
                Tensor y = t.forward(x);
                assertThat(y.shape()).as(c + ": forward shape").containsExactly(t.forwardShape(x.shape()));
                Tensor back = t.inverse(y);
                Numeric.assertClose(back, canonical(x, t.domainEventDim(), c.in), ROUND_TRIP_TOL,
                        c + ": inverse(forward(x)) at seed " + seed + ", shape " + Arrays.toString(x.shape()));
            }
        }
    }

    /** {@code forward(inverse(y)) == y} (on the free coordinates) and {@code inverse} has {@code inverseShape}. */
    static void forwardOfInverse(TransformCase c) {
        Transform t = c.transform;
        for (long seed : SEEDS) {
            Random rng = rng(c, seed);
            for (int[] prefix : new int[][] {{}, {40}, {2, 3}}) {
                Tensor y = c.outSampler.draw(t.forwardShape(shape(c, prefix)), rng);
                Tensor x = t.inverse(y);
                assertThat(x.shape()).as(c + ": inverse shape").containsExactly(t.inverseShape(y.shape()));
                Numeric.assertClose(t.forward(x), canonical(y, t.codomainEventDim(), c.out), ROUND_TRIP_TOL,
                        c + ": forward(inverse(y)) at seed " + seed + ", shape " + Arrays.toString(y.shape()));
            }
        }
    }

    /** {@code codomain().check(forward(x))} is all ones, of the batch shape. */
    static void forwardLandsInCodomain(TransformCase c) {
        Transform t = c.transform;
        for (long seed : SEEDS) {
            Random rng = rng(c, seed);
            for (int[] prefix : new int[][] {{}, {40}, {2, 3}}) {
                Tensor y = t.forward(c.inSampler.draw(shape(c, prefix), rng));
                Tensor ok = t.codomain().check(y);
                assertThat(ok.shape()).as(c + ": check shape").containsExactly(batchShape(y, t.codomain().eventDim()));
                assertThat(ok.toArray()).as(c + ": " + t.codomain().describe() + " holds for " + y).containsOnly(1.0);
            }
        }
    }

    static int[] batchShape(Tensor t, int eventDim) {
        int[] s = t.shape();
        return Shape.slice(s, 0, s.length - eventDim);
    }

    /**
     * {@code logAbsDetJacobian} has the batch shape and matches {@code log|det J|} of a
     * central-difference Jacobian, event by event. The Jacobian is taken between the free
     * coordinates of an input event and those of its output event ({@link Coordinates}): for
     * element-wise and vector maps these are all entries; for stick-breaking the output's last
     * entry is one minus the others, so only the first {@code K - 1} are free; for lower-Cholesky
     * only the lower triangle is (the map ignores the upper one). Batch elements are independent,
     * so the full Jacobian is block-diagonal and each event's block is formed by perturbing that
     * event only.
     */
    static void logAbsDetJacobianMatchesNumericalJacobian(TransformCase c) {
        Transform t = c.transform;
        for (long seed : SEEDS) {
            Random rng = rng(c, seed);
            for (int[] prefix : PREFIXES) {
                Tensor x = c.inSampler.draw(shape(c, prefix), rng);
                Tensor y = t.forward(x);
                Tensor ladj = t.logAbsDetJacobian(x, y);
                int[] batch = batchShape(x, t.domainEventDim());
                assertThat(ladj.shape()).as(c + ": logAbsDetJacobian shape for x of shape " + Arrays.toString(x.shape()))
                        .containsExactly(batch);
                assertThat(batchShape(y, t.codomainEventDim())).as(c + ": batch shape of y").containsExactly(batch);
                double[] numeric = numericalLogAbsDet(t, x, c.in, c.out, H * c.inScale);
                Numeric.assertClose(ladj.toArray(), numeric, DERIVATIVE_TOL,
                        c + ": logAbsDetJacobian vs finite differences at seed " + seed + ", x = " + x);
            }
        }
    }

    /** {@code log|det J|} per batch element by central differences on the free coordinates. */
    static double[] numericalLogAbsDet(Transform t, Tensor x, Coordinates inCoords, Coordinates outCoords, double h) {
        int[] xs = x.shape();
        int inSize = Numeric.numel(xs, xs.length - t.domainEventDim());
        double[] xv = x.toArray();
        int events = xv.length / inSize;
        int[] ys = t.forwardShape(xs);
        int outSize = Numeric.numel(ys, ys.length - t.codomainEventDim());
        double[] result = new double[events];
        for (int e = 0; e < events; e++) {
            double[] free = inCoords.free(Arrays.copyOfRange(xv, e * inSize, (e + 1) * inSize));
            double[][] jac = null;
            for (int j = 0; j < free.length; j++) {
                double[] plus = outputFree(t, xv, xs, e, inSize, inCoords, shifted(free, j, h), outSize, outCoords);
                double[] minus = outputFree(t, xv, xs, e, inSize, inCoords, shifted(free, j, -h), outSize, outCoords);
                if (jac == null) {
                    assertThat(plus.length).as(t + ": free output coordinates vs free input coordinates")
                            .isEqualTo(free.length);
                    jac = new double[plus.length][free.length];
                }
                for (int i = 0; i < plus.length; i++) {
                    jac[i][j] = (plus[i] - minus[i]) / (2 * h);
                }
            }
            result[e] = jac == null ? 0.0 : Numeric.logAbsDet(jac);
        }
        return result;
    }

    private static double[] shifted(double[] v, int j, double h) {
        double[] w = v.clone();
        w[j] += h;
        return w;
    }

    /** The free coordinates of output event {@code e} when input event {@code e} has free coordinates {@code free}. */
    private static double[] outputFree(Transform t, double[] xv, int[] xs, int e, int inSize, Coordinates inCoords,
                                       double[] free, int outSize, Coordinates outCoords) {
        double[] v = xv.clone();
        System.arraycopy(inCoords.full(free), 0, v, e * inSize, inSize);
        double[] y = t.forward(Tensor.fromArray(v, xs)).toArray();
        return outCoords.free(Arrays.copyOfRange(y, e * outSize, (e + 1) * outSize));
    }

    /**
     * Gradients of {@code sum(w * forward(x)) + sum(v * logAbsDetJacobian(x, forward(x)))} and of
     * {@code sum(w' * inverse(y))}, by reverse mode, against central differences in every entry.
     */
    static void gradientsMatchFiniteDifferences(TransformCase c) {
        Transform t = c.transform;
        for (long seed : SEEDS) {
            Random rng = rng(c, seed);
            int[] shape = shape(c, new int[] {2});
            Tensor x = c.inSampler.draw(shape, rng);
            Tensor w = gaussian(t.forwardShape(shape), rng);
            Tensor v = gaussian(batchShape(x, t.domainEventDim()), rng);
            java.util.function.Function<Tensor, Tensor> f = in -> {
                Tensor y = t.forward(in);
                return y.mul(w).sum().add(t.logAbsDetJacobian(in, y).mul(v).sum());
            };
            checkGradient(f, x, H * c.inScale, c + ": gradient of forward and logAbsDetJacobian at seed " + seed);

            Tensor y = c.outSampler.draw(t.forwardShape(shape), rng);
            Tensor w2 = gaussian(t.inverseShape(y.shape()), rng);
            checkGradient(in -> t.inverse(in).mul(w2).sum(), y, H * c.outScale, c + ": gradient of inverse at seed " + seed);
        }
    }

    static Tensor gaussian(int[] shape, Random rng) {
        double[] d = new double[Numeric.numel(shape, 0)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Tensor.fromArray(d, shape);
    }

    /** Reverse-mode gradient of the scalar {@code f} at {@code x} against central differences. */
    static void checkGradient(java.util.function.Function<Tensor, Tensor> f, Tensor x, double h, String what) {
        Tensor leaf = x.requiringGrad();
        Tensor grad = Autograd.grad(f.apply(leaf), leaf)[0];
        double[] xv = x.toArray();
        double[] numeric = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            double[] p = xv.clone();
            double[] m = xv.clone();
            p[i] += h;
            m[i] -= h;
            numeric[i] = (f.apply(Tensor.fromArray(p, x.shape())).item() - f.apply(Tensor.fromArray(m, x.shape())).item())
                    / (2 * h);
        }
        Numeric.assertClose(grad.toArray(), numeric, DERIVATIVE_TOL, what);
    }

    /** Event dimensions agree with the constraints, and {@code inv()} swaps everything. */
    static void structure(TransformCase c) {
        Transform t = c.transform;
        assertThat(t.domainEventDim()).as(c + ": domainEventDim").isEqualTo(t.domain().eventDim());
        assertThat(t.codomainEventDim()).as(c + ": codomainEventDim").isEqualTo(t.codomain().eventDim());
        Transform inv = t.inv();
        assertThat(inv.inv()).as(c + ": inv().inv()").isSameAs(t);
        assertThat(inv.domain().describe()).as(c + ": inv().domain()").isEqualTo(t.codomain().describe());
        assertThat(inv.codomain().describe()).as(c + ": inv().codomain()").isEqualTo(t.domain().describe());
        assertThat(inv.domainEventDim()).isEqualTo(t.codomainEventDim());
        assertThat(inv.codomainEventDim()).isEqualTo(t.domainEventDim());
        int[] s = shape(c, new int[] {2});
        assertThat(inv.forwardShape(t.forwardShape(s))).as(c + ": inverseShape(forwardShape(s))").containsExactly(s);
        assertThat(t.toString()).isNotBlank();
        assertThat(t.domain().describe()).isNotBlank();
    }
}
