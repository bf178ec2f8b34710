package org.pyrite.distributions.transforms;

import java.util.Random;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * Seeded random points inside a constraint, kept a little away from its boundary so that round
 * trips and finite differences are well conditioned.
 */
final class Points {
    private Points() {}

    /** A point of {@code shape} satisfying {@code c} (its event dimensions are the rightmost ones of {@code shape}). */
    static Tensor inside(Constraint c, int[] shape, Random rng) {
        int n = Tensor.zeros(shape).numel();
        double[] v = new double[n];
        if (c instanceof Constraints.Independent) {
            return inside(((Constraints.Independent) c).base(), shape, rng);
        } else if (c == Constraints.real()) {
            for (int i = 0; i < n; i++) {
                v[i] = 1.5 * rng.nextGaussian();
            }
        } else if (c instanceof Constraints.GreaterThan) {
            double lower = ((Constraints.GreaterThan) c).lower();
            for (int i = 0; i < n; i++) {
                v[i] = lower + Math.exp(rng.nextGaussian());
            }
        } else if (c instanceof Constraints.LessThan) {
            double upper = ((Constraints.LessThan) c).upper();
            for (int i = 0; i < n; i++) {
                v[i] = upper - Math.exp(rng.nextGaussian());
            }
        } else if (c instanceof Constraints.Interval) {
            Constraints.Interval in = (Constraints.Interval) c;
            for (int i = 0; i < n; i++) {
                v[i] = in.lower() + (in.upper() - in.lower()) * (0.01 + 0.98 * rng.nextDouble());
            }
        } else if (c instanceof Constraints.TensorInterval) {
            Constraints.TensorInterval in = (Constraints.TensorInterval) c;
            double[] lo = in.lower().expand(shape).toArray();
            double[] hi = in.upper().expand(shape).toArray();
            for (int i = 0; i < n; i++) {
                v[i] = lo[i] + (hi[i] - lo[i]) * (0.01 + 0.98 * rng.nextDouble());
            }
        } else if (c == Constraints.simplex()) {
            // Dirichlet-like rows, no entry much below 0.2 / (1.2 K): finite differences stay inside.
            int k = shape[shape.length - 1];
            for (int r = 0; r < n / k; r++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    v[r * k + j] = 0.2 - Math.log(1.0 - rng.nextDouble());
                    sum += v[r * k + j];
                }
                for (int j = 0; j < k; j++) {
                    v[r * k + j] /= sum;
                }
            }
        } else if (c == Constraints.lowerCholesky()) {
            int m = shape[shape.length - 1];
            for (int b = 0; b < n / (m * m); b++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j <= i; j++) {
                        v[b * m * m + i * m + j] = i == j ? Math.exp(0.5 * rng.nextGaussian()) : rng.nextGaussian();
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("no sampler for " + c.describe());
        }
        return Tensor.fromArray(v, shape);
    }
}
