package org.pyrite.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * Checks reverse-mode gradients of a module's output against central finite differences. The
 * output is reduced to {@code phi = sum_i w_i out_i} with fixed weights in {@code [0.5, 1.5)}, so
 * a gradient sent to the wrong element shows. Each input entry moves by
 * {@code h = 1e-6 max(1, |x|)}; for smooth functions of O(1) inputs the truncation error
 * ({@code h^2 |phi'''| / 6}, about 1e-13) and the rounding error (a few ulps of
 * {@code sum |w_i out_i|} over {@code h}, about 1e-9 for the sizes used here) are far below the
 * tolerance {@code 1e-6 (1 + |g|)}, which an O(1) error of a wrong backward rule exceeds by far.
 */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * Compares the gradient of {@code f} with respect to each of {@code leaves} (tensors that
     * {@code f} reads, replaced in turn by perturbed copies through {@code set}) with differences.
     */
    static void check(String what, Supplier<Tensor> f, Leaf... leaves) {
        Tensor[] roots = new Tensor[leaves.length];
        for (int k = 0; k < leaves.length; k++) {
            roots[k] = leaves[k].get().detach().requiringGrad();
            leaves[k].set(roots[k]);
        }
        Tensor out = f.get();
        Tensor w = weights(out.shape());
        Tensor[] analytic = Autograd.grad(out.mul(w).sum(), roots);
        for (int k = 0; k < leaves.length; k++) {
            double[] x = roots[k].toArray();
            double[] g = analytic[k] == null ? new double[x.length] : analytic[k].toArray();
            assertThat(analytic[k] == null ? roots[k].shape() : analytic[k].shape()).as(what + ": gradient shape of leaf " + k)
                    .isEqualTo(roots[k].shape());
            for (int i = 0; i < x.length; i++) {
                double h = 1e-6 * Math.max(1.0, Math.abs(x[i]));
                double up = phi(f, leaves, k, roots, x, i, x[i] + h, w);
                double down = phi(f, leaves, k, roots, x, i, x[i] - h, w);
                double numeric = (up - down) / (2 * h);
                assertThat(g[i]).as(what + ": d/d leaf " + k + " entry " + i + " (numeric " + numeric + ")")
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(numeric))));
            }
            leaves[k].set(roots[k]);
        }
    }

    private static double phi(Supplier<Tensor> f, Leaf[] leaves, int k, Tensor[] roots, double[] x, int i, double v, Tensor w) {
        double[] moved = Arrays.copyOf(x, x.length);
        moved[i] = v;
        leaves[k].set(Tensor.fromArray(moved, roots[k].shape()));
        try (Autograd.Scope s = Autograd.noGrad()) {
            return f.get().mul(w).sum().item();
        } finally {
            leaves[k].set(roots[k]);
        }
    }

    private static Tensor weights(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        SplittableRandom r = new SplittableRandom(0x5EED + n);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + r.nextDouble();
        }
        return Tensor.fromArray(w, shape);
    }

    /** Entries away from 0 by at least 0.1 (kinks of relu/elu), uniform in about [-2, 2]. */
    static Tensor awayFromZero(long seed, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double m = 0.1 + 1.9 * r.nextDouble();
            v[i] = r.nextBoolean() ? m : -m;
        }
        return Tensor.fromArray(v, shape);
    }

    /** Something {@link #check} differentiates with respect to: read and replaced by the function under test. */
    interface Leaf {
        Tensor get();

        void set(Tensor t);
    }

    /** A module parameter as a leaf. */
    static Leaf param(Parameter p) {
        return new Leaf() {
            @Override
            public Tensor get() {
                return p.value();
            }

            @Override
            public void set(Tensor t) {
                p.bind(p.name(), t);
            }
        };
    }

    /** A plain tensor held in a one-element array as a leaf. */
    static Leaf holder(Tensor[] box) {
        return new Leaf() {
            @Override
            public Tensor get() {
                return box[0];
            }

            @Override
            public void set(Tensor t) {
                box[0] = t;
            }
        };
    }
}
