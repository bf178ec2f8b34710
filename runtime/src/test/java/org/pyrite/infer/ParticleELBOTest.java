package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.tensor.Tensor;

/**
 * Vectorized particles and the mean-field ELBO estimate the same quantity as sequential
 * TraceELBO: the exact ELBO of a Normal-Normal model with a fixed Normal guide.
 *
 * <p>Model: z ~ N(0, 1), y_i ~ N(z, 1) for i in a plate of 4. Guide: z ~ N(m, s). Exact ELBO =
 * E_q[log p(y | z)] - KL(q || p) with E_q[log N(y_i; z, 1)] = -log(2 pi)/2 - ((y_i - m)^2 + s^2)/2
 * and KL = log(1/s) + (s^2 + m^2)/2 - 1/2. Each check compares the mean of independent estimates
 * with the exact value within 5 standard errors (estimated from the estimates; false-alarm rate
 * about 6e-7).
 */
class ParticleELBOTest {
    static final double M = 0.4;
    static final double S = 0.7;
    static final Tensor Y = Tensor.of(0.5, 1.5, -0.2, 0.9);

    static Tensor model(Tensor y) {
        Tensor z = sample("z", Normal.of(0.0, 1.0));
        try (PlateMessenger p = plate("data", 4)) {
            return sample("y", Normal.of(z, 1.0), y);
        }
    }

    static Tensor guide(Tensor y) {
        return sample("z", Normal.of(M, S));
    }

    static double exactElbo() {
        double e = 0;
        for (double y : Y.toArray()) {
            e += -0.5 * Math.log(2 * Math.PI) - 0.5 * ((y - M) * (y - M) + S * S);
        }
        double kl = Math.log(1 / S) + 0.5 * (S * S + M * M) - 0.5;
        return e - kl;
    }

    private static double[] estimates(ELBO elbo, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = -elbo.estimate(ParticleELBOTest::model, ParticleELBOTest::guide, Y, i == 0).loss();
        }
        return out;
    }

    private static void assertUnbiased(double[] xs, double exact) {
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double var = 0;
        for (double x : xs) {
            var += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(var / (xs.length - 1) / xs.length);
        assertThat(mean).isCloseTo(exact, within(5 * se + 1e-12));
    }

    private static double variance(double[] xs) {
        double mean = java.util.Arrays.stream(xs).average().orElseThrow();
        return java.util.Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum() / (xs.length - 1);
    }

    @Test
    void sequentialTraceELBOIsUnbiased() {
        Pyrite.setRngSeed(31);
        assertUnbiased(estimates(new TraceELBO(), 4000), exactElbo());
    }

    @Test
    void vectorizedParticlesAreUnbiasedAndAverageTheirParticles() {
        Pyrite.setRngSeed(32);
        double[] single = estimates(new TraceELBO(), 2000);
        double[] vectorized = estimates(new TraceELBO(10, true), 2000);
        assertUnbiased(vectorized, exactElbo());
        // Ten particles per estimate: the variance drops about tenfold (F-ratio of 2,000 draws
        // each stays within [0.8, 1.25] of the truth with overwhelming probability).
        double ratio = variance(single) / variance(vectorized);
        assertThat(ratio).isBetween(10 * 0.8, 10 * 1.25);
    }

    @Test
    void meanFieldELBOIsUnbiasedAndUsesTheExactKL() {
        Pyrite.setRngSeed(33);
        assertUnbiased(estimates(new TraceMeanFieldELBO(), 4000), exactElbo());
        // With no likelihood the mean-field ELBO is exactly -KL(q || p), with no Monte Carlo noise,
        // while TraceELBO's estimate of the same quantity varies from draw to draw.
        Model<Tensor, Tensor> priorOnly = y -> sample("z", Normal.of(0.0, 1.0));
        double kl = Math.log(1 / S) + 0.5 * (S * S + M * M) - 0.5;
        for (int i = 0; i < 5; i++) {
            assertThat(new TraceMeanFieldELBO().estimate(priorOnly, ParticleELBOTest::guide, Y, true).loss()).isCloseTo(kl, within(1e-12));
        }
        double a = new TraceELBO().estimate(priorOnly, ParticleELBOTest::guide, Y, true).loss();
        double b = new TraceELBO().estimate(priorOnly, ParticleELBOTest::guide, Y, true).loss();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void vectorizedGradientsMatchSequentialOnes() {
        // Three particles in one vectorized run draw the guide's z from the generator in the same
        // order as three sequential particles (the model draws nothing: y is observed), so with
        // one seed both paths see the same particles and must give the same loss and gradient, up
        // to the order of floating-point sums. The vectorized ELBO traces model and guide once to
        // find the plate nesting; that probe is run before seeding so it draws nothing here.
        Model<Tensor, Tensor> guide = y -> sample("z", Normal.of(Pyrite.param("m", Tensor.scalar(M)), S));
        org.pyrite.params.ParamStore store = new org.pyrite.params.ParamStore();
        try (org.pyrite.params.ParamStore.Scope s = org.pyrite.params.ParamStore.use(store)) {
            TraceELBO vectorized = new TraceELBO(3, true);
            vectorized.estimate(ParticleELBOTest::model, guide, Y, true);
            Pyrite.setRngSeed(34);
            ELBO.Estimate seq = new TraceELBO(3).estimate(ParticleELBOTest::model, guide, Y, true);
            Pyrite.setRngSeed(34);
            ELBO.Estimate vec = vectorized.estimate(ParticleELBOTest::model, guide, Y, true);
            assertThat(vec.loss()).isCloseTo(seq.loss(), within(1e-12));
            double gs = org.pyrite.tensor.Autograd.grad(seq.surrogate(), store.unconstrained("m"))[0].item();
            double gv = org.pyrite.tensor.Autograd.grad(vec.surrogate(), store.unconstrained("m"))[0].item();
            assertThat(gv).isCloseTo(gs, within(1e-12));
            Pyrite.setRngSeed(35);
            assertThat(vectorized.estimate(ParticleELBOTest::model, guide, Y, true).loss())
                    .as("another seed, other particles").isNotCloseTo(seq.loss(), within(1e-9));
        }
    }
}
