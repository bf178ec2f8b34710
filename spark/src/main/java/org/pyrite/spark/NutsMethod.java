package org.pyrite.spark;

import org.pyrite.Model;
import org.pyrite.infer.mcmc.MCMC;
import org.pyrite.infer.mcmc.NUTS;

/**
 * NUTS with {@code numChains} chains run one after another on the task's thread (the executor's
 * cores are already busy with other groups), no progress bar.
 */
final class NutsMethod implements GroupMethod {
    private static final long serialVersionUID = 1L;
    private final int numSamples;
    private final int warmupSteps;
    private final int numChains;

    NutsMethod(int numSamples, int warmupSteps, int numChains) {
        if (numSamples < 4) {
            throw new IllegalArgumentException("PerGroup.nuts: numSamples must be >= 4 (for n_eff and r_hat), got " + numSamples);
        }
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("PerGroup.nuts: warmupSteps must be >= 1, got " + warmupSteps);
        }
        if (numChains < 1) {
            throw new IllegalArgumentException("PerGroup.nuts: numChains must be >= 1, got " + numChains);
        }
        this.numSamples = numSamples;
        this.warmupSteps = warmupSteps;
        this.numChains = numChains;
    }

    @Override
    public <A> GroupPosterior fit(Model<A, ?> model, A args) {
        MCMC<A> mcmc = new MCMC<>(new NUTS<>(model), numSamples, warmupSteps).numChains(numChains).threads(1).progressBar(false);
        mcmc.run(args);
        return new GroupPosterior(mcmc.getSamples(), mcmc.summary(), Double.NaN);
    }

    @Override
    public String name() {
        return "nuts";
    }
}
