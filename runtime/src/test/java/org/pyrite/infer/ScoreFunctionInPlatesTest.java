package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.SVITest.ScoreFunctionOnly;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * The score-function estimator of {@link TraceELBO} for guide sites without a reparameterized
 * sampler is Pyro's: an entry of a plate is charged with the model's minus the guide's
 * log-density summed down to that site's own plates, and the site's own {@code -log q} term is
 * not in the surrogate.
 */
class ScoreFunctionInPlatesTest {
    private static final Tensor DATA = Tensor.of(1.0, -2.0);

    @AfterEach
    void clear() {
        Pyrite.clearParamStore();
    }

    /** mu ~ N(0, 1); in a plate of two: z_i ~ N(mu, 1), x_i ~ N(z_i, 1) observed. */
    private static Tensor model(Tensor data) {
        Tensor mu = sample("mu", Normal.of(0.0, 1.0));
        try (PlateMessenger p = Pyrite.plate("data", data.numel())) {
            Tensor z = sample("z", Normal.of(mu, 1.0));
            sample("x", Normal.of(z, 1.0), data);
        }
        return mu;
    }

    /** Both latent sites drawn without a reparameterized sampler. */
    private static Tensor guide(Tensor data) {
        Tensor m = param("m", Tensor.scalar(0.3));
        Tensor loc = param("loc", Tensor.of(0.5, -0.5));
        Tensor mu = sample("mu", new ScoreFunctionOnly(Normal.of(m, 1.0)));
        try (PlateMessenger p = Pyrite.plate("data", data.numel())) {
            sample("z", new ScoreFunctionOnly(Normal.of(loc, 1.0)));
        }
        return mu;
    }

    /**
     * On one fixed draw the gradient is Pyro's estimator computed by hand: for entry i of the
     * plate, -(cost_i) * (z_i - loc_i) with cost_i that entry's log p(z_i | mu) + log p(x_i | z_i)
     * - log q(z_i) plus the global log p(mu) - log q(mu); for mu outside the plate, -(every cost)
     * * (mu - m). The old estimator (every entry charged with the whole trace, plus the -log q term)
     * gave the loc gradient [4.65, -6.98] where this one gives [0.93, -4.68] on the draw.
     */
    @Test
    void gradientOnAFixedDrawIsPyrosEstimator() {
        Pyrite.setRngSeed(3);
        ELBO.Estimate e = new TraceELBO().estimate(ScoreFunctionInPlatesTest::model, ScoreFunctionInPlatesTest::guide, DATA, true);
        ParamStore store = ParamStore.current();
        Tensor[] grads = Autograd.grad(e.surrogate(), store.unconstrained("m"), store.unconstrained("loc"));

        // The same draw again: the estimate ran the guide first, from the same seed.
        Pyrite.setRngSeed(3);
        Trace g = Poutine.trace(ScoreFunctionInPlatesTest::guide).getTrace(DATA);
        double mu = g.site("mu").value().item();
        double[] z = g.site("z").value().toArray();
        double m = 0.3;
        double[] loc = {0.5, -0.5};
        double global = logNormal(mu, 0, 1) - logNormal(mu, m, 1);
        double[] cost = new double[2];
        double total = global;
        for (int i = 0; i < 2; i++) {
            cost[i] = logNormal(z[i], mu, 1) + logNormal(DATA.toArray()[i], z[i], 1) - logNormal(z[i], loc[i], 1);
            total += cost[i];
        }
        assertThat(grads[0].item()).isCloseTo(-total * (mu - m), within(1e-9));
        for (int i = 0; i < 2; i++) {
            assertThat(grads[1].toArray()[i]).as("loc[%d]", i).isCloseTo(-(cost[i] + global) * (z[i] - loc[i]), within(1e-9));
        }
    }

    private static double logNormal(double x, double loc, double scale) {
        double u = (x - loc) / scale;
        return -0.5 * u * u - Math.log(scale) - 0.5 * Math.log(2 * Math.PI);
    }

    private static final int N = 10_000;
    private static final double LOC = 0.3;
    private static final double SCALE = 0.8;
    /** x_i alternate between 1.5 and -0.5: mean 0.5. */
    private static final Tensor MANY = Tensor.of(alternating());

    private static double[] alternating() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = i % 2 == 0 ? 1.5 : -0.5;
        }
        return x;
    }

    /** In a plate of N: z_i ~ N(0, 1), x_i ~ N(z_i, 1) observed. */
    private static Tensor plateModel(Tensor data) {
        try (PlateMessenger p = Pyrite.plate("data", N)) {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            sample("x", Normal.of(z, 1.0), data);
        }
        return null;
    }

    /** One shared q(z_i) = N(loc, scale) for every entry, drawn without a reparameterized sampler. */
    private static Tensor plateGuide(Tensor data) {
        Tensor loc = param("loc", Tensor.scalar(LOC));
        Tensor scale = param("scale", Tensor.scalar(SCALE), Constraints.positive());
        try (PlateMessenger p = Pyrite.plate("data", N)) {
            sample("z", new ScoreFunctionOnly(Normal.of(loc, scale)));
        }
        return null;
    }

    /**
     * Over a plate of 10,000 entries the mean gradient of 400 draws matches the exact gradient of
     * the negative ELBO, within four standard errors of that mean (the sample standard deviation
     * of the 400 draws over sqrt(400)). Per entry, with q = N(l, s): d(-ELBO)/dl = 2l - x_i and
     * d(-ELBO)/ds = 2s - 1/s; the scale is stored as log s, so its gradient is s times that.
     * Dividing by N, the exact values are 2(0.3) - 0.5 = 0.1 and 0.8 (1.6 - 1.25) = 0.28.
     */
    @Test
    void meanGradientOverAPlateOf10000MatchesTheExactGradient() {
        Pyrite.setRngSeed(11);
        int draws = 400;
        double[][] g = new double[2][draws];
        TraceELBO elbo = new TraceELBO();
        for (int d = 0; d < draws; d++) {
            ELBO.Estimate e = elbo.estimate(ScoreFunctionInPlatesTest::plateModel, ScoreFunctionInPlatesTest::plateGuide, MANY, d == 0);
            ParamStore store = ParamStore.current();
            Tensor[] grads = Autograd.grad(e.surrogate(), store.unconstrained("loc"), store.unconstrained("scale"));
            g[0][d] = grads[0].item() / N;
            g[1][d] = grads[1].item() / N;
        }
        double[] exact = {2 * LOC - 0.5, SCALE * (2 * SCALE - 1 / SCALE)};
        for (int k = 0; k < 2; k++) {
            double mean = mean(g[k]);
            double se = sd(g[k], mean) / Math.sqrt(draws);
            assertThat(mean).as("parameter %d: mean %s, standard error %s", k, mean, se).isCloseTo(exact[k], within(4 * se));
            // Each entry charged with its own cost keeps one draw's gradient / N within a few tenths
            // of the exact value; charged with the whole trace's cost it spread over hundreds.
            assertThat(sd(g[k], mean)).as("spread of one draw's gradient / N, parameter %d", k).isLessThan(1.0);
        }
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    private static double sd(double[] xs, double mean) {
        double s = 0;
        for (double x : xs) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (xs.length - 1));
    }

    /**
     * Two particles in one vectorized run: each particle's entries are charged with that
     * particle's own costs (the particle plate is one of every site's plates), and the gradient is
     * the mean over the particles of the one-particle formula of the fixed-draw test.
     */
    @Test
    void vectorizedParticlesChargeEachParticleWithItsOwnCost() {
        Pyrite.setRngSeed(5);
        ELBO.Estimate e = new TraceELBO(2, true).estimate(ScoreFunctionInPlatesTest::model, ScoreFunctionInPlatesTest::guide, DATA, true);
        ParamStore store = ParamStore.current();
        Tensor[] grads = Autograd.grad(e.surrogate(), store.unconstrained("m"), store.unconstrained("loc"));

        // The same draws again: the estimate first traced the guide once to find its plates, then
        // ran it in the particle plate, on the dimension left of the data plate.
        Pyrite.setRngSeed(5);
        Poutine.trace(ScoreFunctionInPlatesTest::guide).getTrace(DATA);
        Trace g = Poutine.trace(ParticleELBOSupport.inPlate(ScoreFunctionInPlatesTest::guide, 2, -2)).getTrace(DATA);
        double[] mus = g.site("mu").value().toArray();
        double[] zs = g.site("z").value().toArray();
        assertThat(mus).hasSize(2);
        assertThat(zs).hasSize(4);
        double m = 0.3;
        double[] loc = {0.5, -0.5};
        double gradM = 0;
        double[] gradLoc = new double[2];
        for (int p = 0; p < 2; p++) {
            double mu = mus[p];
            double global = logNormal(mu, 0, 1) - logNormal(mu, m, 1);
            double total = global;
            double[] cost = new double[2];
            for (int i = 0; i < 2; i++) {
                double z = zs[2 * p + i];
                cost[i] = logNormal(z, mu, 1) + logNormal(DATA.toArray()[i], z, 1) - logNormal(z, loc[i], 1);
                total += cost[i];
            }
            gradM += -total * (mu - m) / 2;
            for (int i = 0; i < 2; i++) {
                gradLoc[i] += -(cost[i] + global) * (zs[2 * p + i] - loc[i]) / 2;
            }
        }
        assertThat(grads[0].item()).isCloseTo(gradM, within(1e-9));
        assertThat(grads[1].toArray()[0]).isCloseTo(gradLoc[0], within(1e-9));
        assertThat(grads[1].toArray()[1]).isCloseTo(gradLoc[1], within(1e-9));
    }
}
