package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.distributions.DiscreteTestSupport.EPS;
import static org.pyrite.distributions.DiscreteTestSupport.assertRejected;
import static org.pyrite.distributions.DiscreteTestSupport.assertSeededDrawsRepeat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class MultivariateNormalTest {
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    /** A 2x2 covariance [[a, b], [b, c]] with its closed-form log-density. */
    record Cov2(double a, double b, double c) {
        double det() {
            return a * c - b * b;
        }

        /** Condition number lambda_max / lambda_min from the closed-form eigenvalues. */
        double kappa() {
            double mid = (a + c) / 2;
            double rad = Math.sqrt((a - c) * (a - c) / 4 + b * b);
            return (mid + rad) / (mid - rad);
        }

        /** Quadratic form d^T S^-1 d by the adjugate. */
        double quad(double dx, double dy) {
            return (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det();
        }

        double logProb(double mx, double my, double x, double y) {
            return -LOG_TWO_PI - 0.5 * Math.log(det()) - 0.5 * quad(x - mx, y - my);
        }

        /**
         * Rounding bound for comparing our Cholesky/triangular-solve evaluation with the adjugate
         * formula. A backward-stable triangular solve gives the quadratic form q to a relative
         * c D kappa(L) u; the adjugate's numerator and determinant each lose up to a few roundings
         * relative to (a c + b^2) / det <= kappa + 1 times their size; the log-determinant and the
         * constant add a few roundings of their own size. 32 u (kappa + 2) times the magnitudes
         * covers both sides with room for the constants c.
         */
        double tolerance(double mx, double my, double x, double y) {
            return 32 * EPS * (kappa() + 2) * (1 + quad(x - mx, y - my) + Math.abs(Math.log(det())) + 2 * LOG_TWO_PI);
        }

        Tensor matrix() {
            return Tensor.of(new double[][] {{a, b}, {b, c}});
        }
    }

    /** A random SPD 2x2 matrix A A^T + 0.3 I with entries of A uniform in (-1.5, 1.5): kappa below about 30. */
    static Cov2 randomCov(SplittableRandom r) {
        double[] m = new double[4];
        for (int i = 0; i < 4; i++) {
            m[i] = 3 * r.nextDouble() - 1.5;
        }
        return new Cov2(m[0] * m[0] + m[1] * m[1] + 0.3, m[0] * m[2] + m[1] * m[3], m[2] * m[2] + m[3] * m[3] + 0.3);
    }

    /** 25 random (covariance, loc, 12 points) from a fixed seed. */
    static Stream<Arguments> covariances() {
        SplittableRandom r = new SplittableRandom(0x2D2DL);
        return IntStream.range(0, 25).mapToObj(i -> {
            Cov2 cov = randomCov(r);
            double[] loc = {4 * r.nextDouble() - 2, 4 * r.nextDouble() - 2};
            double[][] points = new double[12][2];
            for (double[] p : points) {
                p[0] = loc[0] + 6 * r.nextDouble() - 3;
                p[1] = loc[1] + 6 * r.nextDouble() - 3;
            }
            return Arguments.of(cov, loc, points);
        });
    }

    @ParameterizedTest
    @MethodSource("covariances")
    void logProbMatchesTheTwoDimensionalClosedForm(Cov2 cov, double[] loc, double[][] points) {
        MultivariateNormal mvn = MultivariateNormal.withCovariance(Tensor.of(loc), cov.matrix());
        double[] lp = mvn.logProb(Tensor.of(points)).toArray();
        for (int i = 0; i < points.length; i++) {
            double x = points[i][0];
            double y = points[i][1];
            assertThat(lp[i]).as("point %s", i)
                    .isCloseTo(cov.logProb(loc[0], loc[1], x, y), within(cov.tolerance(loc[0], loc[1], x, y)));
        }
    }

    @ParameterizedTest
    @MethodSource("covariances")
    void scaleTrilCovarianceAndPrecisionDescribeTheSameLaw(Cov2 cov, double[] loc, double[][] points) {
        // The Cholesky factor by hand: L = [[sqrt a, 0], [b / sqrt a, sqrt(c - b^2 / a)]].
        double l11 = Math.sqrt(cov.a());
        double l21 = cov.b() / l11;
        Tensor scaleTril = Tensor.of(new double[][] {{l11, 0}, {l21, Math.sqrt(cov.c() - l21 * l21)}});
        double det = cov.det();
        Tensor precision = Tensor.of(new double[][] {{cov.c() / det, -cov.b() / det}, {-cov.b() / det, cov.a() / det}});
        Tensor x = Tensor.of(points);
        double[] fromTril = MultivariateNormal.withScaleTril(Tensor.of(loc), scaleTril).logProb(x).toArray();
        double[] fromCov = MultivariateNormal.withCovariance(Tensor.of(loc), cov.matrix()).logProb(x).toArray();
        double[] fromPrec = MultivariateNormal.withPrecision(Tensor.of(loc), precision).logProb(x).toArray();
        for (int i = 0; i < points.length; i++) {
            double tol = cov.tolerance(loc[0], loc[1], points[i][0], points[i][1]);
            assertThat(fromTril[i]).isCloseTo(fromCov[i], within(tol));
            // The precision route inverts twice (the test's adjugate, then M^-T M^-1): kappa enters twice more.
            assertThat(fromPrec[i]).isCloseTo(fromCov[i], within(tol * (cov.kappa() + 2)));
        }
    }

    @Test
    void diagonalCovarianceIsAProductOfIndependentNormals() {
        SplittableRandom r = new SplittableRandom(0xD1A6L);
        double[] loc = {0.5, -1.0, 2.0, 0.0};
        double[] var = {0.25, 1.0, 4.0, 9.0};
        double[][] diag = new double[4][4];
        for (int i = 0; i < 4; i++) {
            diag[i][i] = var[i];
        }
        MultivariateNormal mvn = MultivariateNormal.withCovariance(Tensor.of(loc), Tensor.of(diag));
        for (int n = 0; n < 30; n++) {
            double[] x = new double[4];
            double expected = 0;
            double mag = 0;
            for (int i = 0; i < 4; i++) {
                x[i] = loc[i] + 8 * r.nextDouble() - 4;
                double term = NormalDistribution.of(loc[i], Math.sqrt(var[i])).logDensity(x[i]);
                expected += term;
                mag += Math.abs(term);
            }
            // Per coordinate a few roundings on each side (sqrt of the variance, its log, the square):
            // 16 D roundings of the summed magnitudes.
            assertThat(mvn.logProb(Tensor.of(x)).item()).isCloseTo(expected, within(16 * 4 * EPS * (1 + mag)));
        }
    }

    @Test
    void batchShapesBroadcastLocAgainstScaleTrilAndValue() {
        SplittableRandom r = new SplittableRandom(0xBA7L);
        Cov2[] covs = new Cov2[4];
        double[][] matrices = new double[8][];
        for (int i = 0; i < 4; i++) {
            covs[i] = randomCov(r);
            matrices[2 * i] = new double[] {covs[i].a(), covs[i].b()};
            matrices[2 * i + 1] = new double[] {covs[i].b(), covs[i].c()};
        }
        Tensor cov = Tensor.of(matrices).reshape(4, 2, 2);
        double[] loc = {0.3, -0.7};
        // loc [2] with covariance [4, 2, 2]: batch [4]; value [5, 1, 2] broadcasts to [5, 4].
        MultivariateNormal mvn = MultivariateNormal.withCovariance(Tensor.of(loc), cov);
        assertThat(mvn.batchShape()).containsExactly(4);
        assertThat(mvn.eventShape()).containsExactly(2);
        double[] xs = new double[10];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 4 * r.nextDouble() - 2;
        }
        Tensor lp = mvn.logProb(Tensor.fromArray(xs, 5, 1, 2));
        assertThat(lp.shape()).containsExactly(5, 4);
        double[] got = lp.toArray();
        for (int s = 0; s < 5; s++) {
            for (int b = 0; b < 4; b++) {
                double x = xs[2 * s];
                double y = xs[2 * s + 1];
                assertThat(got[s * 4 + b]).isCloseTo(covs[b].logProb(loc[0], loc[1], x, y),
                        within(covs[b].tolerance(loc[0], loc[1], x, y)));
            }
        }
        // loc [3, 2] with one covariance: batch [3], each row its own mean.
        Tensor locs = Tensor.of(new double[][] {{0, 0}, {1, 2}, {-1, 0.5}});
        MultivariateNormal rows = MultivariateNormal.withCovariance(locs, covs[0].matrix());
        assertThat(rows.batchShape()).containsExactly(3);
        double[] rowLp = rows.logProb(Tensor.of(0.5, 0.5)).toArray();
        double[][] l = {{0, 0}, {1, 2}, {-1, 0.5}};
        for (int b = 0; b < 3; b++) {
            assertThat(rowLp[b]).isCloseTo(covs[0].logProb(l[b][0], l[b][1], 0.5, 0.5),
                    within(covs[0].tolerance(l[b][0], l[b][1], 0.5, 0.5)));
        }
    }

    @Test
    void momentsAndAccessors() {
        Tensor scaleTril = Tensor.of(new double[][] {{2, 0, 0}, {1, 3, 0}, {-1, 0.5, 1}});
        MultivariateNormal mvn = MultivariateNormal.withScaleTril(Tensor.of(1, 2, 3), scaleTril);
        assertThat(mvn.dim()).isEqualTo(3);
        assertThat(mvn.mean().toArray()).containsExactly(1, 2, 3);
        // Row sums of L^2: 4, 1 + 9, 1 + 0.25 + 1 (exact in binary).
        assertThat(mvn.variance().toArray()).containsExactly(4, 10, 2.25);
        assertThat(mvn.covariance().toArray()).containsExactly(4, 2, -2, 2, 10, 0.5, -2, 0.5, 2.25);
        // precision @ covariance = I, within a few roundings times kappa (about 20 here).
        Tensor identity = mvn.precision().matmul(mvn.covariance());
        double[] id = identity.toArray();
        for (int i = 0; i < 9; i++) {
            assertThat(id[i]).isCloseTo(i % 4 == 0 ? 1.0 : 0.0, within(64 * 20 * EPS));
        }
        assertThat(mvn.scaleTril()).isSameAs(scaleTril);
        assertThat(mvn.hasRsample()).isTrue();
        assertThat(mvn.support().eventDim()).isEqualTo(1);
        MultivariateNormal batched = mvn.expand(2);
        assertThat(batched.mean().shape()).containsExactly(2, 3);
        assertThat(batched.variance().shape()).containsExactly(2, 3);
        assertThat(batched.covariance().shape()).containsExactly(2, 3, 3);
    }

    @Test
    void sampleMeanAndCovarianceMatchTheClosedForm() {
        Rng.setSeed(601);
        double[] loc = {1.0, -2.0, 0.5};
        double[][] s = {{2.0, 0.6, -0.4}, {0.6, 1.0, 0.3}, {-0.4, 0.3, 0.5}};
        MultivariateNormal mvn = MultivariateNormal.withCovariance(Tensor.of(loc), Tensor.of(s));
        int n = 20_000;
        double[] x = mvn.sample(n).toArray();
        double[] mean = new double[3];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < 3; i++) {
                mean[i] += x[3 * k + i] / n;
            }
        }
        for (int i = 0; i < 3; i++) {
            // Standard error of a sample mean: sqrt(S_ii / n); 5 of them (SampleChecks.Z).
            assertThat(mean[i]).as("mean %s", i).isCloseTo(loc[i], within(SampleChecks.Z * Math.sqrt(s[i][i] / n)));
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                double c = 0;
                for (int k = 0; k < n; k++) {
                    c += (x[3 * k + i] - mean[i]) * (x[3 * k + j] - mean[j]);
                }
                c /= n - 1;
                // For Gaussian data Var(x_i x_j) = S_ii S_jj + S_ij^2, so the sample covariance has
                // standard error sqrt((S_ii S_jj + S_ij^2) / n); 5 of them.
                double se = Math.sqrt((s[i][i] * s[j][j] + s[i][j] * s[i][j]) / n);
                assertThat(c).as("covariance %s%s", i, j).isCloseTo(s[i][j], within(SampleChecks.Z * se));
            }
        }
    }

    @Test
    void rsampleGradientIsIdentityForLocAndEpsForScaleTril() {
        Rng.setSeed(602);
        Tensor loc = Tensor.of(0.5, -1.0, 2.0).requiringGrad();
        double[][] l = {{1.5, 0, 0}, {0.4, 0.8, 0}, {-0.3, 0.2, 1.1}};
        Tensor scaleTril = Tensor.of(l).requiringGrad();
        MultivariateNormal mvn = MultivariateNormal.withScaleTril(loc, scaleTril);
        Tensor x = mvn.rsample();
        assertThat(x.requiresGrad()).isTrue();
        double[] xv = x.toArray();
        // eps = L^-1 (x - loc) by forward substitution; its error is a few roundings times kappa(L) (< 10).
        double[] eps = new double[3];
        double[] lv = {0.5, -1.0, 2.0};
        for (int i = 0; i < 3; i++) {
            double r = xv[i] - lv[i];
            for (int j = 0; j < i; j++) {
                r -= l[i][j] * eps[j];
            }
            eps[i] = r / l[i][i];
        }
        for (int i = 0; i < 3; i++) {
            double[] seed = new double[3];
            seed[i] = 1.0;
            Tensor[] g = Autograd.grad(x, Tensor.of(seed), false, loc, scaleTril);
            // d x_i / d loc = e_i exactly.
            assertThat(g[0].toArray()).containsExactly(seed);
            // d x_i / d L_jk = [i == j] eps_k (the pathwise derivative of loc + L eps).
            double[] gl = g[1].toArray();
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    double expected = i == j ? eps[k] : 0.0;
                    assertThat(gl[3 * j + k]).as("d x_%s / d L_%s%s", i, j, k)
                            .isCloseTo(expected, within(64 * 10 * EPS * (1 + Math.abs(eps[k]))));
                }
            }
        }
        // Over a batch of draws the gradients add up: d sum(x) / d loc = number of draws.
        Tensor many = mvn.rsample(7);
        assertThat(many.shape()).containsExactly(7, 3);
        assertThat(Autograd.grad(many.sum(), loc)[0].toArray()).containsExactly(7, 7, 7);
    }

    @Test
    void logProbGradientWithRespectToLocIsPrecisionTimesResidual() {
        Cov2 cov = new Cov2(2.0, 0.5, 1.0);
        Tensor loc = Tensor.of(0.2, -0.4).requiringGrad();
        Tensor lp = MultivariateNormal.withCovariance(loc, cov.matrix()).logProb(Tensor.of(1.0, 1.5));
        double dx = 0.8;
        double dy = 1.9;
        double det = cov.det();
        double[] expected = {(cov.c() * dx - cov.b() * dy) / det, (-cov.b() * dx + cov.a() * dy) / det};
        double[] got = Autograd.grad(lp, loc)[0].toArray();
        for (int i = 0; i < 2; i++) {
            // Both sides solve with S (kappa about 2.6): 32 u (kappa + 2) of the magnitude.
            assertThat(got[i]).isCloseTo(expected[i], within(32 * EPS * (cov.kappa() + 2) * (1 + Math.abs(expected[i]))));
        }
    }

    @Test
    void validationNamesDistributionParameterAndValue() {
        Tensor loc = Tensor.of(0.0, 0.0);
        // Before the fix in Distribution, a rejected matrix parameter (one event, a scalar check)
        // failed in item() with an IllegalStateException instead of this message.
        assertRejected(() -> MultivariateNormal.withScaleTril(loc, Tensor.of(new double[][] {{1, 0.5}, {0, 1}})),
                "MultivariateNormal", "scaleTril", "lower Cholesky", "[1.0, 0.5, 0.0, 1.0]");
        assertRejected(() -> MultivariateNormal.withScaleTril(loc, Tensor.of(new double[][] {{1, 0}, {0.5, -1}})),
                "MultivariateNormal", "scaleTril", "-1.0");
        assertRejected(() -> MultivariateNormal.withCovariance(loc, Tensor.of(new double[][] {{1, 2}, {2, 1}})),
                "MultivariateNormal", "covariance", "positive definite", "[1.0, 2.0, 2.0, 1.0]");
        assertRejected(() -> MultivariateNormal.withCovariance(loc, Tensor.of(new double[][] {{1, 0.5}, {0, 1}})),
                "MultivariateNormal", "covariance", "positive definite");
        assertRejected(() -> MultivariateNormal.withPrecision(loc, Tensor.of(new double[][] {{-1, 0}, {0, 1}})),
                "MultivariateNormal", "precision", "positive definite");
        assertRejected(() -> MultivariateNormal.withCovariance(Tensor.of(Double.NaN, 0.0), Tensor.eye(2)),
                "MultivariateNormal", "loc", "NaN");
        assertRejected(() -> MultivariateNormal.withCovariance(loc, Tensor.eye(3)),
                "MultivariateNormal", "covariance", "[..., 2, 2]", "[3, 3]");
        assertRejected(() -> MultivariateNormal.withScaleTril(Tensor.scalar(0.0), Tensor.eye(1)),
                "MultivariateNormal", "loc", "rank >= 1");
        assertRejected(() -> MultivariateNormal.withScaleTril(Tensor.zeros(3, 2), Tensor.eye(2).expand(4, 2, 2)),
                "MultivariateNormal", "batch dimensions", "[3, 2]", "[4, 2, 2]");
        // With validation off, a covariance that is not positive-definite still cannot be factored.
        try (Validation.Scope off = Validation.disabled()) {
            assertRejected(() -> MultivariateNormal.withCovariance(loc, Tensor.of(new double[][] {{1, 2}, {2, 1}})),
                    "MultivariateNormal", "covariance", "Cholesky failed");
        }
    }

    @Test
    void valuesOutsideTheSupportThrowOrGiveMinusInfinity() {
        MultivariateNormal mvn = MultivariateNormal.withCovariance(Tensor.of(0.0, 0.0), Tensor.eye(2));
        // A vector event: before the fix in Distribution this failed in item() (IllegalStateException).
        assertRejected(() -> mvn.logProb(Tensor.of(1.0, Double.NaN)), "[1.0, NaN]", "MultivariateNormal");
        assertRejected(() -> mvn.logProb(Tensor.of(new double[][] {{1.0, 2.0}, {Double.POSITIVE_INFINITY, 0.0}})),
                "at event 1", "MultivariateNormal");
        try (Validation.Scope off = Validation.disabled()) {
            double[] lp = mvn.logProb(Tensor.of(new double[][] {{0.0, 0.0}, {Double.NaN, 0.0}})).toArray();
            assertThat(lp[0]).isCloseTo(-LOG_TWO_PI, within(4 * EPS * LOG_TWO_PI));
            // Real-vector supports are not masked with validation off (Distribution's documented
            // exception, for speed): NaN in, NaN out.
            assertThat(lp[1]).isNaN();
        }
    }

    @Test
    void shapesExpandAndToEvent() {
        MultivariateNormal mvn = MultivariateNormal.withScaleTril(Tensor.zeros(3, 2), Tensor.eye(2));
        assertThat(mvn.batchShape()).containsExactly(3);
        assertThat(mvn.sample().shape()).containsExactly(3, 2);
        assertThat(mvn.rsample(4, 5).shape()).containsExactly(4, 5, 3, 2);
        assertThat(mvn.logProb(mvn.sample(4, 5)).shape()).containsExactly(4, 5, 3);
        MultivariateNormal e = mvn.expand(6, 3);
        assertThat(e.batchShape()).containsExactly(6, 3);
        assertThat(e.sample(2).shape()).containsExactly(2, 6, 3, 2);
        Distribution joint = mvn.toEvent(1);
        assertThat(joint.batchShape()).isEmpty();
        assertThat(joint.eventShape()).containsExactly(3, 2);
        Tensor x = Tensor.zeros(3, 2);
        // Three standard bivariate normals at their mean: 3 * (-log 2 pi).
        assertThat(joint.logProb(x).item()).isCloseTo(-3 * LOG_TWO_PI, within(16 * EPS * 3 * LOG_TWO_PI));
    }

    @Test
    void fixedSeedReproducesDrawsBitForBit() {
        MultivariateNormal mvn = MultivariateNormal.withCovariance(Tensor.of(1.0, 2.0),
                Tensor.of(new double[][] {{1.0, 0.3}, {0.3, 2.0}}));
        assertSeededDrawsRepeat(mvn, 44, 200);
    }
}
