package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.autoguide.InitStrategy;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * NUTS over a Gaussian mixture whose assignments are enumerated out of the potential: the
 * potential equals minus the log prior plus the mixture likelihood summed by hand, and the
 * posterior of the two means (from a 400 x 400 grid) is matched within 4 Monte Carlo standard
 * errors ({@link PosteriorCheck}).
 */
class EnumeratedNutsTest {
    private static final double[] W = {0.4, 0.6};
    static final Tensor Y = data();

    private static Tensor data() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] y = new double[30];
        for (int i = 0; i < y.length; i++) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            y[i] = (rng.nextDouble() < W[0] ? -1.5 : 1.0) + gaussian;
        }
        return Tensor.of(y);
    }

    /** locs ~ N([-2, 2], 1); in a plate, a ~ Categorical(0.4, 0.6) enumerated, y ~ N(locs[a], 1). */
    static Object mixture(Tensor y) {
        Tensor locs = sample("locs", Normal.of(Tensor.of(-2.0, 2.0), 1.0).toEvent(1));
        try (PlateMessenger p = Pyrite.plate("data", y.numel())) {
            Tensor a = sample("a", Categorical.probs(W));
            sample("y", Normal.of(Vindex.rows(locs, a), 1.0), y);
        }
        return null;
    }

    static double logJoint(double l0, double l1, double[] y) {
        double lp = logNormal(l0, -2, 1) + logNormal(l1, 2, 1);
        for (double v : y) {
            lp += Math.log(W[0] * Math.exp(logNormal(v, l0, 1)) + W[1] * Math.exp(logNormal(v, l1, 1)));
        }
        return lp;
    }

    private static double logNormal(double x, double mu, double sd) {
        double z = (x - mu) / sd;
        return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
    }

    @Test
    void thePotentialSumsTheAssignmentsOut() {
        PotentialEnergy<Tensor> u = PotentialEnergy.of(Poutine.configEnumerate(EnumeratedNutsTest::mixture), Y, InitStrategy.initToMean());
        assertThat(u.siteNames()).containsExactly("locs");
        double[] grad = new double[2];
        double energy = u.evaluate(new double[] {-1.2, 0.7}, grad);
        assertThat(energy).isCloseTo(-logJoint(-1.2, 0.7, Y.toArray()), within(1e-10));
        double h = 1e-5;
        double fd = (logJoint(-1.2 + h, 0.7, Y.toArray()) - logJoint(-1.2 - h, 0.7, Y.toArray())) / (2 * h);
        assertThat(-grad[0]).isCloseTo(fd, within(1e-6));

    }

    @Test
    void aDiscreteSiteNotMarkedIsStillAnErrorThatSaysHowToEnumerate() {
        assertThatThrownBy(() -> PotentialEnergy.of(EnumeratedNutsTest::mixture, Y, InitStrategy.initToMean()))
                .hasMessageContaining("'a'").hasMessageContaining("configEnumerate");
    }

    @Test
    void nutsMatchesTheGridPosteriorAndInferDiscreteRecoversAssignments() {
        double[] y = Y.toArray();
        double step = 0.02;
        double[] m = new double[2];
        double[] m2 = new double[2];
        double total = 0;
        double maxLp = logJoint(-1.5, 1.0, y);
        for (int i = 0; i < 400; i++) {
            for (int j = 0; j < 400; j++) {
                double l0 = -6 + step * (i + 0.5);
                double l1 = -2 + step * (j + 0.5);
                double w = Math.exp(logJoint(l0, l1, y) - maxLp);
                total += w;
                m[0] += w * l0;
                m[1] += w * l1;
                m2[0] += w * l0 * l0;
                m2[1] += w * l1 * l1;
            }
        }
        Pyrite.setRngSeed(11);
        // Started at the prior mean: a mixture's posterior has a second, label-swapped mode (here
        // near (0.6, -1.7), 10.7 nats below the main one), where a chain started uniformly at
        // random in (-2, 2) may stay, as it would in Pyro.
        NUTS<Tensor> nuts = new NUTS<>(Poutine.configEnumerate(EnumeratedNutsTest::mixture)).initStrategy(InitStrategy.initToMean());
        MCMC<Tensor> mcmc = new MCMC<>(nuts, 600, 400).numChains(2);
        mcmc.run(Y);
        List<Tensor> chains = mcmc.samplesByChain().get("locs");
        for (int k = 0; k < 2; k++) {
            List<double[]> column = new ArrayList<>();
            for (Tensor c : chains) {
                column.add(c.select(1, k).toArray());
            }
            double mean = m[k] / total;
            double sd = Math.sqrt(m2[k] / total - mean * mean);
            PosteriorCheck.assertMoments("locs[" + k + "]", column, mean, sd);
        }
        // The assignments given the posterior mean of the locations: the MAP of each point.
        Tensor locs = mcmc.getSamples().get("locs").mean(new int[] {0}, false);
        Trace map = Poutine.inferDiscrete(Poutine.condition(Poutine.configEnumerate(EnumeratedNutsTest::mixture),
                Map.of("locs", locs)), -2, true).getTrace(Y);
        double[] a = map.site("a").value().toArray();
        double[] l = locs.toArray();
        for (int i = 0; i < y.length; i++) {
            double lp0 = Math.log(W[0]) + logNormal(y[i], l[0], 1);
            double lp1 = Math.log(W[1]) + logNormal(y[i], l[1], 1);
            assertThat(a[i]).as("a[%d]", i).isEqualTo(lp1 > lp0 ? 1.0 : 0.0);
        }
    }
}
