package org.pyrite.infer.mcmc;

import java.util.Arrays;
import org.pyrite.distributions.Rng;

/**
 * The inverse mass matrix (Stan's inverse metric) of Hamiltonian dynamics, diagonal or dense:
 * momenta are drawn from {@code N(0, M)}, the kinetic energy is {@code p' M^-1 p / 2}, and
 * positions move along {@code M^-1 p}. Adapted to the posterior's covariance during warm-up, it
 * makes the target look like a standard normal to the integrator.
 */
final class InverseMass {
    private final int d;
    private final boolean dense;
    private double[] diag;
    private double[][] full;
    /** For dense: the lower Cholesky factor of the inverse mass, {@code M^-1 = L L'}. */
    private double[][] cholesky;

    private InverseMass(int d, boolean dense) {
        this.d = d;
        this.dense = dense;
    }

    /** The identity, diagonal or dense. */
    static InverseMass identity(int d, boolean dense) {
        InverseMass m = new InverseMass(d, dense);
        if (dense) {
            double[][] eye = new double[d][d];
            for (int i = 0; i < d; i++) {
                eye[i][i] = 1.0;
            }
            m.setDense(eye);
        } else {
            double[] ones = new double[d];
            Arrays.fill(ones, 1.0);
            m.setDiagonal(ones);
        }
        return m;
    }

    boolean isDense() {
        return dense;
    }

    void setDiagonal(double[] inverseMass) {
        diag = inverseMass.clone();
    }

    void setDense(double[][] inverseMass) {
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            copy[i] = inverseMass[i].clone();
        }
        cholesky = cholesky(copy);
        full = copy;
    }

    /** The diagonal of the inverse mass matrix (a copy). */
    double[] diagonal() {
        if (!dense) {
            return diag.clone();
        }
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = full[i][i];
        }
        return out;
    }

    /** The whole inverse mass matrix (a copy). */
    double[][] matrix() {
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            if (dense) {
                out[i] = full[i].clone();
            } else {
                out[i][i] = diag[i];
            }
        }
        return out;
    }

    /** Draws a momentum from {@code N(0, M)} into {@code p}. */
    void sampleMomentum(Rng rng, double[] p) {
        if (!dense) {
            for (int i = 0; i < d; i++) {
                p[i] = rng.gaussian() / Math.sqrt(diag[i]);
            }
            return;
        }
        // M = L^-T L^-1, so p = L^-T g has covariance M: solve L' p = g by back substitution.
        for (int i = 0; i < d; i++) {
            p[i] = rng.gaussian();
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = p[i];
            for (int k = i + 1; k < d; k++) {
                s -= cholesky[k][i] * p[k];
            }
            p[i] = s / cholesky[i][i];
        }
    }

    /** {@code M^-1 p} into {@code out}. */
    void velocity(double[] p, double[] out) {
        if (!dense) {
            for (int i = 0; i < d; i++) {
                out[i] = diag[i] * p[i];
            }
            return;
        }
        for (int i = 0; i < d; i++) {
            double s = 0;
            double[] row = full[i];
            for (int k = 0; k < d; k++) {
                s += row[k] * p[k];
            }
            out[i] = s;
        }
    }

    /** {@code p' M^-1 p / 2}. */
    double kinetic(double[] p) {
        double s = 0;
        if (!dense) {
            for (int i = 0; i < d; i++) {
                s += diag[i] * p[i] * p[i];
            }
            return 0.5 * s;
        }
        for (int i = 0; i < d; i++) {
            double r = 0;
            double[] row = full[i];
            for (int k = 0; k < d; k++) {
                r += row[k] * p[k];
            }
            s += p[i] * r;
        }
        return 0.5 * s;
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double s = a[j][j];
            for (int k = 0; k < j; k++) {
                s -= l[j][k] * l[j][k];
            }
            if (!(s > 0)) {
                throw new IllegalStateException("MCMC: the adapted inverse mass matrix is not positive definite (pivot " + s
                        + " at row " + j + "); use a diagonal mass matrix or a longer warm-up");
            }
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                for (int k = 0; k < j; k++) {
                    t -= l[i][k] * l[j][k];
                }
                l[i][j] = t / l[j][j];
            }
        }
        return l;
    }
}
