package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.Predictive;
import org.pyrite.tensor.Tensor;

/** Chains on threads: seeding, the caller's context, shapes of the draws, and Predictive from them. */
class ChainsAndContextTest {
    static Tensor model(Tensor y) {
        Tensor mu = sample("mu", Normal.of(0.0, 5.0));
        Tensor sigma = sample("sigma", org.pyrite.distributions.HalfNormal.of(2.0));
        try (PlateMessenger p = plate("data", 4)) {
            return y == null ? sample("y", Normal.of(mu, sigma)) : sample("y", Normal.of(mu, sigma), y);
        }
    }

    static final Tensor Y = Tensor.of(1.0, 2.5, 0.3, 1.7);

    private static Map<String, Tensor> draws(int threads) {
        Pyrite.setRngSeed(42);
        MCMC<Tensor> mcmc = new MCMC<>(new NUTS<>(ChainsAndContextTest::model), 200, 200).numChains(4).threads(threads);
        mcmc.run(Y);
        return mcmc.getSamples();
    }

    @Test
    void seededRunsAreIdenticalOnOneAndFourThreads() {
        Map<String, Tensor> one = draws(1);
        Map<String, Tensor> four = draws(4);
        assertThat(one.keySet()).containsExactly("mu", "sigma");
        for (String site : one.keySet()) {
            assertThat(four.get(site).toArray()).as(site).containsExactly(one.get(site).toArray());
        }
        // Different chains are different streams.
        double[] mu = one.get("mu").toArray();
        assertThat(mu[0]).isNotEqualTo(mu[200]);
    }

    @Test
    void samplesHaveChainsTimesDrawsLeadingDimension() {
        Pyrite.setRngSeed(1);
        MCMC<Tensor> mcmc = new MCMC<>(new NUTS<>(ChainsAndContextTest::model), 50, 50).numChains(3);
        mcmc.run(Y);
        assertThat(mcmc.getSamples().get("mu").shape()).containsExactly(150);
        List<Tensor> perChain = mcmc.samplesByChain().get("sigma");
        assertThat(perChain).hasSize(3);
        assertThat(perChain.get(2).shape()).containsExactly(50);
        assertThat(perChain.get(1).toArray()).containsExactly(mcmc.getSamples().get("sigma").slice(0, 50, 100).toArray());
        for (double s : mcmc.getSamples().get("sigma").toArray()) {
            assertThat(s).isPositive();
        }
        assertThat(mcmc.divergences()).hasSize(3);
        assertThat(mcmc.acceptance()).hasSize(3);
    }

    /** Posterior predictive draws of y from MCMC draws: one row per draw, of the plate's size. */
    @Test
    void predictiveRunsFromMcmcDraws() {
        Pyrite.setRngSeed(2);
        MCMC<Tensor> mcmc = new MCMC<>(new NUTS<>(ChainsAndContextTest::model), 100, 100).numChains(2);
        mcmc.run(Y);
        Map<String, Tensor> predicted = new Predictive<>(ChainsAndContextTest::model, mcmc.getSamples()).call(null);
        assertThat(predicted.get("y").shape()).containsExactly(200, 4);
    }

    /**
     * Chains run in the caller's context: a model reading a param sees the caller's param store on
     * the chain threads. mu ~ N(loc, 1) with loc = 3 from the store and no data: the draws' mean
     * is 3 within 4 standard errors (sd 1 over 2 x 500 draws, ESS at least 200: 0.28).
     */
    @Test
    void chainsSeeTheCallersParamStore() {
        Pyrite.clearParamStore();
        param("loc", Tensor.scalar(3.0));
        Pyrite.setRngSeed(9);
        MCMC<Void> mcmc = new MCMC<Void>(new NUTS<>(v -> sample("mu", Normal.of(param("loc"), 1.0))), 500, 200).numChains(2);
        mcmc.run(null);
        assertThat(mcmc.getSamples().get("mu").mean().item()).isCloseTo(3.0, within(0.28));
        Pyrite.clearParamStore();
    }

    /**
     * A chain whose model throws ends the run with that error, and the other chain stops too: the
     * full run would take about a million model calls; after the error, at most one more trajectory
     * (under 1,100 calls) of the other chain may finish.
     */
    @Test
    void aFailingChainStopsTheOthers() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        MCMC<Void> mcmc = new MCMC<Void>(new NUTS<>(v -> {
            if (calls.incrementAndGet() == 2000) {
                throw new IllegalStateException("model failed on purpose");
            }
            return sample("x", Normal.of(0.0, 1.0));
        }), 100_000, 100_000).numChains(2).threads(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mcmc.run(null)).hasMessage("model failed on purpose");
        int atFailure = calls.get();
        Thread.sleep(300);
        assertThat(calls.get() - atFailure).isLessThan(1100);
    }

    /**
     * A condition the caller entered around the run reaches the chains: p ~ Beta(1, 1) with 10
     * Bernoulli flips (7 heads) observed from outside gives the Beta(8, 4) posterior, mean 2/3 and
     * sd 0.131; checked within 4 standard errors from the ESS ({@link PosteriorCheck}).
     */
    @Test
    void chainsSeeAConditionTheCallerEntered() {
        Tensor flips = Tensor.of(1, 1, 0, 1, 1, 0, 1, 1, 0, 1);
        Pyrite.setRngSeed(12);
        MCMC<Void> mcmc = new MCMC<Void>(new NUTS<>(v -> {
            Tensor p = sample("p", org.pyrite.distributions.Beta.of(1.0, 1.0));
            try (PlateMessenger data = plate("flips", 10)) {
                return sample("y", org.pyrite.distributions.Bernoulli.probs(p));
            }
        }), 1000, 300).numChains(2);
        try (org.pyrite.handlers.ConditionMessenger c = new org.pyrite.handlers.ConditionMessenger(Map.of("y", flips)).enter()) {
            mcmc.run(null);
        }
        assertThat(mcmc.getSamples().keySet()).containsExactly("p");
        List<double[]> chains = new java.util.ArrayList<>();
        for (Tensor t : mcmc.samplesByChain().get("p")) {
            chains.add(t.toArray());
        }
        PosteriorCheck.assertMoments("p", chains, 8.0 / 12, Math.sqrt(8.0 * 4 / (12 * 12 * 13)));
    }
}
