package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.factor;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Beta;
import org.pyrite.distributions.Gamma;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.MaskMessenger;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.ScaleMessenger;
import org.pyrite.infer.autoguide.InitStrategy;
import org.pyrite.tensor.Tensor;

/**
 * The potential energy against a hand-written log density: a positive site (exp, log-Jacobian
 * u), a unit-interval site (sigmoid, log-Jacobian log p(1-p)), a plate with obs=, a factor, a
 * scaled site, a masked plate and a site conditioned from outside; the gradient against central
 * finite differences.
 */
class PotentialEnergyTest {
    static final Tensor Y = Tensor.of(0.1, 0.5, 0.9);
    static final Tensor W = Tensor.of(1.5, -7.0, 2.5);

    static Tensor model(Void v) {
        Tensor s = sample("s", Gamma.of(2.0, 1.0));
        Tensor p = sample("p", Beta.of(2.0, 3.0));
        try (PlateMessenger data = plate("data", 3)) {
            sample("y", Normal.of(p, s), Y);
        }
        factor("f", p.mul(2.0));
        try (ScaleMessenger half = new ScaleMessenger(0.5).enter()) {
            sample("z", Normal.of(0.0, 1.0), Tensor.scalar(1.0));
        }
        try (MaskMessenger mask = new MaskMessenger(Tensor.of(1, 0, 1)).enter(); PlateMessenger data = plate("w", 3)) {
            sample("w", Normal.of(s, 1.0), W);
        }
        return sample("c", Normal.of(p, 1.0));
    }

    static final Model<Void, Tensor> CONDITIONED = Pyrite.condition(PotentialEnergyTest::model, Map.of("c", 0.3));

    static double normal(double x, double m, double sd) {
        return -0.5 * Math.log(2 * Math.PI) - Math.log(sd) - 0.5 * (x - m) * (x - m) / (sd * sd);
    }

    /** -log density in unconstrained coordinates, by hand. */
    static double expected(double us, double up) {
        double s = Math.exp(us);
        double p = 1 / (1 + Math.exp(-up));
        double lp = Math.log(s) - s;                                   // Gamma(2, 1): s e^-s
        lp += Math.log(12) + Math.log(p) + 2 * Math.log(1 - p);        // Beta(2, 3): 12 p (1-p)^2
        for (double y : Y.toArray()) {
            lp += normal(y, p, s);
        }
        lp += 2 * p;
        lp += 0.5 * normal(1.0, 0, 1);
        lp += normal(W.toArray()[0], s, 1) + normal(W.toArray()[2], s, 1);
        lp += normal(0.3, p, 1);
        lp += us + Math.log(p * (1 - p));
        return -lp;
    }

    @Test
    void energyAndGradientMatchTheHandWrittenDensity() {
        PotentialEnergy<Void> u = PotentialEnergy.of(CONDITIONED, null, InitStrategy.initToMean());
        assertThat(u.siteNames()).containsExactly("s", "p");
        assertThat(u.dimension()).isEqualTo(2);
        double[][] points = {{0.3, -0.4}, {-1.2, 1.5}, {0.0, 0.0}};
        for (double[] z : points) {
            double[] grad = new double[2];
            double energy = u.evaluate(z, grad);
            assertThat(energy).isCloseTo(expected(z[0], z[1]), within(1e-10));
            double h = 1e-6;
            double dS = (expected(z[0] + h, z[1]) - expected(z[0] - h, z[1])) / (2 * h);
            double dP = (expected(z[0], z[1] + h) - expected(z[0], z[1] - h)) / (2 * h);
            assertThat(grad[0]).isCloseTo(dS, within(1e-6));
            assertThat(grad[1]).isCloseTo(dP, within(1e-6));
        }
    }

    @Test
    void constrainAndUnconstrainAreInverse() {
        PotentialEnergy<Void> u = PotentialEnergy.of(CONDITIONED, null, InitStrategy.initToMean());
        Map<String, Tensor> values = u.constrain(new double[] {Math.log(2.0), 0.0});
        assertThat(values.get("s").item()).isCloseTo(2.0, within(1e-12));
        assertThat(values.get("p").item()).isCloseTo(0.5, within(1e-12));
        assertThat(u.unconstrain(values)).containsExactly(new double[] {Math.log(2.0), 0.0}, within(1e-12));
        // initToMean: Gamma(2, 1) mean 2, Beta(2, 3) mean 0.4.
        assertThat(u.initialPoint()).containsExactly(new double[] {Math.log(2.0), Math.log(0.4 / 0.6)}, within(1e-12));
    }

    @Test
    void aLatentSiteTheFirstRunDidNotHaveIsAnError() {
        Model<Void, Tensor> dynamic = v -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            if (x.item() > 0) {
                sample("extra", Normal.of(0.0, 1.0));
            }
            return x;
        };
        PotentialEnergy<Void> u = PotentialEnergy.of(dynamic, null, InitStrategy.initToValue(Map.of("x", -1.0)));
        assertThatThrownBy(() -> u.evaluate(new double[] {1.0}, new double[1])).hasMessageContaining("'extra'")
                .hasMessageContaining("same on every run");
    }
}
