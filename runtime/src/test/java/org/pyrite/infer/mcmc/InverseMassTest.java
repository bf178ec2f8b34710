package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pyrite.distributions.Rng;

/**
 * Momenta from a dense inverse mass {@code [[2, 0.6], [0.6, 1]]} have covariance its inverse
 * {@code M = [[1, -0.6], [-0.6, 2]] / 1.64}; 100,000 draws estimate each entry with a standard error
 * under 0.01, checked within 0.05. Velocity and kinetic energy use the inverse itself.
 */
class InverseMassTest {
    @Test
    void denseMomentaHaveTheMassMatrixAsCovariance() {
        InverseMass m = InverseMass.identity(2, true);
        m.setDense(new double[][] {{2, 0.6}, {0.6, 1}});
        Rng rng = Rng.seeded(3);
        double[] p = new double[2];
        double s00 = 0;
        double s01 = 0;
        double s11 = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            m.sampleMomentum(rng, p);
            s00 += p[0] * p[0];
            s01 += p[0] * p[1];
            s11 += p[1] * p[1];
        }
        double det = 2 * 1 - 0.6 * 0.6;
        assertThat(s00 / n).isCloseTo(1 / det, within(0.05));
        assertThat(s01 / n).isCloseTo(-0.6 / det, within(0.05));
        assertThat(s11 / n).isCloseTo(2 / det, within(0.05));

        double[] v = new double[2];
        m.velocity(new double[] {1, 2}, v);
        assertThat(v).containsExactly(2 + 1.2, 0.6 + 2);
        assertThat(m.kinetic(new double[] {1, 2})).isCloseTo(0.5 * (1 * 3.2 + 2 * 2.6), within(1e-12));
    }

    @Test
    void diagonalMomentaHaveInverseVariances() {
        InverseMass m = InverseMass.identity(2, false);
        m.setDiagonal(new double[] {4, 0.25});
        Rng rng = Rng.seeded(4);
        double[] p = new double[2];
        double s0 = 0;
        double s1 = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            m.sampleMomentum(rng, p);
            s0 += p[0] * p[0];
            s1 += p[1] * p[1];
        }
        // Var p = 1 / invMass: 0.25 (se 0.0011) and 4 (se 0.018).
        assertThat(s0 / n).isCloseTo(0.25, within(0.01));
        assertThat(s1 / n).isCloseTo(4.0, within(0.1));
        assertThat(m.kinetic(new double[] {1, 2})).isCloseTo(0.5 * (4 + 0.25 * 4), within(1e-12));
    }
}
