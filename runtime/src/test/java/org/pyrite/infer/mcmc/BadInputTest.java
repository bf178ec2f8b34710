package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.factor;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/** The errors of issue 15's "Bad input", and NaN in a trajectory as a divergence. */
class BadInputTest {
    @Test
    void discreteLatentSiteIsNamedWithItsDistributionAndWhatToDo() {
        MCMC<Void> mcmc = new MCMC<Void>(new NUTS<>(v -> {
            sample("mu", Normal.of(0, 1));
            return sample("coin", Bernoulli.probs(0.3));
        }), 10, 10);
        assertThatThrownBy(() -> mcmc.run(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'coin'").hasMessageContaining("Bernoulli").hasMessageContaining("configEnumerate");
    }

    @Test
    void noValidInitialPointNamesTheSite() {
        MCMC<Void> mcmc = new MCMC<Void>(new HMC<>(v -> {
            Tensor x = sample("x", Normal.of(0, 1));
            factor("impossible", Tensor.scalar(Double.NEGATIVE_INFINITY).add(x.mul(0.0)));
            return x;
        }), 10, 10);
        assertThatThrownBy(() -> mcmc.run(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("100 tries").hasMessageContaining("impossible");
    }

    @Test
    void countsBelowOneAreRefused() {
        NUTS<Void> nuts = new NUTS<>(v -> sample("x", Normal.of(0, 1)));
        assertThatThrownBy(() -> new MCMC<>(nuts, 0, 10)).hasMessageContaining("numSamples must be >= 1");
        assertThatThrownBy(() -> new MCMC<>(nuts, 10, 0)).hasMessageContaining("warmupSteps must be >= 1");
        assertThatThrownBy(() -> new MCMC<>(nuts, 10, 10).numChains(0)).hasMessageContaining("numChains must be >= 1");
        assertThatThrownBy(() -> new MCMC<>(nuts, 10, 10).getSamples()).hasMessageContaining("run(args) first");
    }

    /**
     * A log-density that is NaN beyond x = 1.5 (half a standard normal's sd past the mode's
     * neighbourhood): trajectories run into it, each such transition is a divergence, and no draw is
     * NaN or beyond the edge.
     */
    @Test
    void nanInATrajectoryIsADivergenceNotACrash() {
        Pyrite.setRngSeed(4);
        MCMC<Void> mcmc = new MCMC<Void>(new NUTS<>(v -> {
            Tensor x = sample("x", Normal.of(0, 1));
            factor("edge", Tensor.where(x.gt(1.5), Tensor.scalar(Double.NaN), Tensor.scalar(0.0)).add(x.mul(0.0)));
            return x;
        }), 500, 200);
        mcmc.run(null);
        assertThat(mcmc.divergences()[0]).isPositive();
        for (double x : mcmc.getSamples().get("x").toArray()) {
            assertThat(x).isFinite().isLessThanOrEqualTo(1.5);
        }
    }
}
