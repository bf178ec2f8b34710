package org.pyrite.distributions.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Independent;
import org.pyrite.distributions.LogNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.distributions.SampleChecks;
import org.pyrite.distributions.TransformedDistribution;
import org.pyrite.context.Validation;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/** {@link TransformedDistribution}: densities, draws, shapes and event-dimension bookkeeping. */
@SuppressWarnings("try") // Validation.disabled() scopes are used for their effect, not referenced
class TransformedDistributionTest {
    private static TransformedDistribution logNormal(double mu, double sigma) {
        return new TransformedDistribution(Normal.of(mu, sigma), new ExpTransform());
    }

    @ParameterizedTest(name = "mu={0}, sigma={1}")
    @CsvSource({"0.0, 1.0", "1.5, 0.3", "-2.0, 2.5", "10.0, 0.01"})
    void normalThroughExpIsLogNormal(double mu, double sigma) {
        TransformedDistribution d = logNormal(mu, sigma);
        LogNormalDistribution reference = LogNormalDistribution.of(mu, sigma);
        Random rng = new Random(Double.hashCode(mu) * 31 + Double.hashCode(sigma));
        double[] ys = new double[400];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = Math.exp(mu + 2 * sigma * rng.nextGaussian());
        }
        double[] expected = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            expected[i] = reference.logDensity(ys[i]);
        }
        Numeric.assertClose(d.logProb(Tensor.of(ys)).toArray(), expected, 1e-12, "log-normal log-density");
        for (double y : new double[] {1e-3, 1.0, 50.0}) {
            assertThat(d.logProb(y).item()).as("at " + y).isCloseTo(reference.logDensity(y),
                    within(1e-12 * (1 + Math.abs(reference.logDensity(y)))));
        }
        assertThat(d.batchShape()).isEmpty();
        assertThat(d.eventShape()).isEmpty();
        assertThat(d.support()).isSameAs(Constraints.positive());
        // and agrees with the closed-form LogNormal of the distribution family
        Numeric.assertClose(d.logProb(Tensor.of(ys)), LogNormal.of(mu, sigma).logProb(Tensor.of(ys)), 1e-12,
                "TransformedDistribution vs LogNormal");
    }

    @Test
    void batchedLogNormal() {
        Tensor mu = Tensor.of(0.0, 1.0, -1.0);
        Tensor sigma = Tensor.of(1.0, 0.5, 2.0);
        TransformedDistribution d = new TransformedDistribution(Normal.of(mu, sigma), new ExpTransform());
        assertThat(d.batchShape()).containsExactly(3);
        Random rng = new Random(11);
        double[] ys = new double[15];
        double[] expected = new double[15];
        for (int i = 0; i < 15; i++) {
            ys[i] = Math.exp(rng.nextGaussian());
            expected[i] = LogNormalDistribution.of(mu.toArray()[i % 3], sigma.toArray()[i % 3]).logDensity(ys[i]);
        }
        Tensor lp = d.logProb(Tensor.fromArray(ys, 5, 3));
        assertThat(lp.shape()).containsExactly(5, 3);
        Numeric.assertClose(lp.toArray(), expected, 1e-12, "batched log-normal");
    }

    @Test
    void drawsFollowTheLogNormal() {
        Rng.setSeed(20240611L);
        TransformedDistribution d = logNormal(0.5, 0.8);
        Tensor draws = d.sample(5000);
        assertThat(draws.shape()).containsExactly(5000);
        assertThat(draws.requiresGrad()).isFalse();
        LogNormalDistribution reference = LogNormalDistribution.of(0.5, 0.8);
        SampleChecks.assertKolmogorovSmirnov(draws.toArray(), reference::cumulativeProbability, "log-normal sample()");
        SampleChecks.assertKolmogorovSmirnov(d.rsample(5000).toArray(), reference::cumulativeProbability,
                "log-normal rsample()");
    }

    @Test
    void rsampleCarriesGradientsToTheBaseParameters() {
        Rng.setSeed(3L);
        Tensor loc = Tensor.scalar(0.3).requiringGrad();
        TransformedDistribution d = new TransformedDistribution(Normal.of(loc, 0.5), new ExpTransform());
        assertThat(d.hasRsample()).isTrue();
        Tensor y = d.rsample();
        // y = exp(loc + 0.5 eps), so dy/dloc = y
        assertThat(Autograd.grad(y, loc)[0].item()).isCloseTo(y.item(), within(1e-15));
        assertThat(d.sample().requiresGrad()).isFalse();
        // d logProb / d loc = (log y - loc) / sigma^2
        Tensor lp = d.logProb(Tensor.scalar(2.0));
        assertThat(Autograd.grad(lp, loc)[0].item()).isCloseTo((Math.log(2.0) - 0.3) / 0.25, within(1e-12));
    }

    @Test
    void valuesOutsideTheSupport() {
        TransformedDistribution d = logNormal(0.0, 1.0);
        assertThatThrownBy(() -> d.logProb(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the support of TransformedDistribution")
                .hasMessageContaining("positive");
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(d.logProb(-1.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(d.logProb(0.0).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void stickBreakingTurnsOneBatchDimensionIntoTheEvent() {
        Normal base = Normal.of(Tensor.zeros(2, 3), Tensor.ones(2, 3));
        Transform sb = new StickBreakingTransform();
        TransformedDistribution d = new TransformedDistribution(base, sb);
        assertThat(d.batchShape()).containsExactly(2);
        assertThat(d.eventShape()).containsExactly(4);
        assertThat(d.base()).isInstanceOf(Independent.class);
        assertThat(d.support()).isSameAs(Constraints.simplex());
        Tensor y = Tensor.of(new double[][] {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}});
        Tensor x = sb.inverse(y);
        Tensor expected = base.toEvent(1).logProb(x).sub(sb.logAbsDetJacobian(x, y));
        Numeric.assertClose(d.logProb(y), expected, 1e-14, "stick-breaking log-density");
        assertThat(d.sample(5).shape()).containsExactly(5, 2, 4);
        assertThat(Constraints.simplex().check(d.sample(5)).toArray()).containsOnly(1.0);
        assertThatThrownBy(() -> new TransformedDistribution(Normal.of(0.0, 1.0), sb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 dimension");
    }

    /**
     * The density of the logistic-normal on the 3-simplex integrates to one over the free
     * coordinates (y0, y1), which checks that the stick-breaking log-det is the one on those
     * coordinates. Midpoint rule on an n x n grid of the triangle's bounding square; its error is
     * O(h^2), so the error of the finer grid is about a third of the change from the coarser one,
     * which bounds it here.
     */
    @Test
    void stickBreakingDensityIntegratesToOne() {
        TransformedDistribution d = new TransformedDistribution(Normal.of(Tensor.zeros(2), Tensor.ones(2)),
                new StickBreakingTransform());
        double coarse = integrateOverTriangle(d, 200);
        double fine = integrateOverTriangle(d, 400);
        assertThat(Math.abs(fine - 1.0)).as("integral " + fine + " (coarse grid " + coarse + ")")
                .isLessThanOrEqualTo(Math.abs(fine - coarse) + 1e-9);
    }

    private static double integrateOverTriangle(Distribution d, int n) {
        double h = 1.0 / n;
        int count = 0;
        double[] pts = new double[n * n * 3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n - i; j++) {
                double a = (i + 0.5) * h;
                double b = (j + 0.5) * h;
                if (a + b < 1.0) {
                    pts[3 * count] = a;
                    pts[3 * count + 1] = b;
                    pts[3 * count + 2] = 1.0 - a - b;
                    count++;
                }
            }
        }
        double[] lp = d.logProb(Tensor.fromArray(java.util.Arrays.copyOf(pts, 3 * count), count, 3)).toArray();
        double sum = 0;
        for (double v : lp) {
            sum += Math.exp(v);
        }
        return sum * h * h;
    }

    /**
     * Densities pushed through bijectTo integrate to one over the constrained set (Simpson's rule;
     * the change between n and 2n intervals bounds the error of the finer one).
     */
    @Test
    void bijectToDensitiesIntegrateToOne() {
        checkIntegral(Transforms.bijectTo(Constraints.interval(-1.0, 3.0)), -1.0, 3.0);
        // the half-lines are cut where exp(x) = 700, i.e. x = 0.2 + 9.1 sd: the mass beyond is below 1e-19
        checkIntegral(Transforms.bijectTo(Constraints.lessThan(1.5)), 1.5 - 700, 1.5);
        checkIntegral(Transforms.bijectTo(Constraints.greaterThan(-2.0)), -2.0, -2.0 + 700);
        checkIntegral(new SoftplusTransform(), 0.0, 40.0);
    }

    private static void checkIntegral(Transform t, double a, double b) {
        TransformedDistribution d = new TransformedDistribution(Normal.of(0.2, 0.7), t);
        double coarse = simpson(d, a, b, 20000);
        double fine = simpson(d, a, b, 40000);
        assertThat(Math.abs(fine - 1.0)).as(t + ": integral " + fine + " (coarse " + coarse + ")")
                .isLessThanOrEqualTo(Math.abs(fine - coarse) + 1e-9);
    }

    private static double simpson(Distribution d, double a, double b, int n) {
        double h = (b - a) / n;
        double[] xs = new double[n - 1]; // interior points: the density vanishes at the ends
        for (int i = 1; i < n; i++) {
            xs[i - 1] = a + i * h;
        }
        double[] lp = d.logProb(Tensor.of(xs)).toArray();
        double sum = 0;
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * Math.exp(lp[i - 1]);
        }
        return sum * h / 3;
    }

    @Test
    void transformParametersBroadcastTheBase() {
        Tensor loc = Tensor.of(1.0, 2.0, 3.0);
        TransformedDistribution d = new TransformedDistribution(Normal.of(0.0, 1.0), new AffineTransform(loc, 2.0));
        assertThat(d.batchShape()).containsExactly(3);
        assertThat(d.base().batchShape()).containsExactly(3);
        Tensor y = Tensor.of(0.5, 1.0, 4.0);
        Numeric.assertClose(d.logProb(y), Normal.of(loc, 2.0).logProb(y), 1e-14, "affine of a standard normal");
        Numeric.assertClose(d.mean(), loc, 0, "mean");
        Numeric.assertClose(d.variance(), Tensor.full(4.0, 3), 0, "variance");
        Numeric.assertClose(d.stddev(), Tensor.full(2.0, 3), 0, "stddev");
    }

    @Test
    void affineWithAnEventDimMakesAVectorEvent() {
        Tensor loc = Tensor.of(1.0, -2.0, 0.5);
        Tensor scale = Tensor.of(0.5, -3.0, 2.0);
        TransformedDistribution d = new TransformedDistribution(Normal.of(Tensor.zeros(3), Tensor.ones(3)),
                new AffineTransform(loc, scale, 1));
        assertThat(d.batchShape()).isEmpty();
        assertThat(d.eventShape()).containsExactly(3);
        assertThat(d.support().eventDim()).isEqualTo(1);
        Tensor y = Tensor.of(new double[][] {{0.0, 1.0, 2.0}, {1.0, -2.0, 0.5}});
        Numeric.assertClose(d.logProb(y), Normal.of(loc, scale.abs()).toEvent(1).logProb(y), 1e-14, "affine, event dim 1");
    }

    @Test
    void theBaseEventCarriesThroughElementwiseTransforms() {
        Distribution base = Normal.of(Tensor.zeros(2, 3), Tensor.ones(2, 3)).toEvent(1);
        TransformedDistribution d = new TransformedDistribution(base, new ExpTransform());
        assertThat(d.batchShape()).containsExactly(2);
        assertThat(d.eventShape()).containsExactly(3);
        assertThat(d.support().eventDim()).isEqualTo(1);
        assertThat(d.support().describe()).isEqualTo("positive (x > 0.0) over 1 dimension");
        Tensor y = Tensor.of(new double[][] {{0.5, 1.0, 2.0}, {3.0, 0.1, 1.0}});
        double[] expected = new double[2];
        LogNormalDistribution std = LogNormalDistribution.of(0.0, 1.0);
        double[] yv = y.toArray();
        for (int i = 0; i < 6; i++) {
            expected[i / 3] += std.logDensity(yv[i]);
        }
        Numeric.assertClose(d.logProb(y).toArray(), expected, 1e-13, "sum over the event");
    }

    @Test
    void momentsWithoutAClosedFormThrow() {
        TransformedDistribution d = logNormal(0.0, 1.0);
        assertThatThrownBy(d::mean).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("mean").hasMessageContaining("ExpTransform").hasMessageContaining("no closed form");
        assertThatThrownBy(d::variance).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("variance");
        assertThatThrownBy(d::stddev).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void expandDelegatesToTheBase() {
        TransformedDistribution d = logNormal(0.0, 1.0).expand(2, 3);
        assertThat(d.batchShape()).containsExactly(2, 3);
        assertThat(d.base().batchShape()).containsExactly(2, 3);
        assertThat(d.sample().shape()).containsExactly(2, 3);
        Numeric.assertClose(d.logProb(Tensor.ones(2, 3)), Tensor.full(LogNormalDistribution.of(0, 1).logDensity(1.0), 2, 3),
                1e-15, "expanded log-density");

        TransformedDistribution simplex = new TransformedDistribution(Normal.of(Tensor.zeros(3), Tensor.ones(3)),
                new StickBreakingTransform());
        TransformedDistribution wide = simplex.expand(5, 2);
        assertThat(wide.batchShape()).containsExactly(5, 2);
        assertThat(wide.eventShape()).containsExactly(4);
        assertThat(wide.base().batchShape()).containsExactly(5, 2);
        assertThat(wide.base().eventShape()).containsExactly(3);
        assertThat(wide.logProb(Tensor.full(0.25, 5, 2, 4)).shape()).containsExactly(5, 2);
        assertThatThrownBy(() -> logNormal(0, 1).expand(2).expand(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot expand");
    }

    @Test
    void noTransformsIsTheBase() {
        Normal base = Normal.of(1.0, 2.0);
        TransformedDistribution d = new TransformedDistribution(base);
        assertThat(d.support()).isSameAs(base.support());
        assertThat(d.logProb(0.3).item()).isEqualTo(base.logProb(0.3).item());
        assertThat(d.mean().item()).isEqualTo(1.0);
        assertThat(d.variance().item()).isEqualTo(4.0);
        assertThat(d.transforms()).isEmpty();
    }

    @Test
    void description() {
        TransformedDistribution d = logNormal(0.0, 1.0);
        assertThat(d.name()).isEqualTo("TransformedDistribution");
        assertThat(d.toString()).contains("Normal").contains("ExpTransform()");
        assertThat(d.transforms()).hasSize(1);
    }
}
