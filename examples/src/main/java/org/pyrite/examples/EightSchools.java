package org.pyrite.examples;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.Pyrite;
import org.pyrite.distributions.HalfCauchy;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.mcmc.MCMC;
import org.pyrite.infer.mcmc.NUTS;
import org.pyrite.infer.mcmc.SiteSummary;
import org.pyrite.infer.mcmc.Summary;
import org.pyrite.tensor.Tensor;

/**
 * Eight schools (Rubin 1981; Stan's and Pyro's standard hierarchical example) with NUTS, four
 * chains of 1,000 draws after 1,000 warm-up: the non-centred form (theta = mu + tau * eta), whose
 * posterior NUTS explores cleanly, and the centred form (theta ~ N(mu, tau)), whose funnel makes
 * it diverge. Prints the non-centred summary as Pyro prints it, then one JSON line.
 */
public final class EightSchools {
    static final Tensor Y = Tensor.of(28, 8, -3, 7, -1, 1, 18, 12);
    static final Tensor SIGMA = Tensor.of(15, 10, 16, 11, 9, 11, 10, 18);

    private EightSchools() {}

    static Tensor nonCentered(Void unused) {
        Tensor mu = sample("mu", Normal.of(0.0, 5.0));
        Tensor tau = sample("tau", HalfCauchy.of(5.0));
        try (PlateMessenger p = plate("schools", 8)) {
            Tensor eta = sample("eta", Normal.of(0.0, 1.0));
            return sample("obs", Normal.of(mu.add(tau.mul(eta)), SIGMA), Y);
        }
    }

    static Tensor centered(Void unused) {
        Tensor mu = sample("mu", Normal.of(0.0, 5.0));
        Tensor tau = sample("tau", HalfCauchy.of(5.0));
        try (PlateMessenger p = plate("schools", 8)) {
            Tensor theta = sample("theta", Normal.of(mu, tau));
            return sample("obs", Normal.of(theta, SIGMA), Y);
        }
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Pyrite.setRngSeed(0);
        MCMC<Void> mcmc = new MCMC<>(new NUTS<>(EightSchools::nonCentered), 1000, 1000).numChains(4).progressBar(false);
        mcmc.run(null);
        Summary summary = mcmc.summary();
        summary.print();
        Map<String, Tensor> draws = mcmc.getSamples();
        Tensor theta0 = draws.get("mu").add(draws.get("tau").mul(draws.get("eta").select(1, 0)));
        double minNEff = Double.POSITIVE_INFINITY;
        double maxRHat = 0;
        for (SiteSummary row : summary.rows()) {
            minNEff = Math.min(minNEff, row.nEff());
            maxRHat = Math.max(maxRHat, row.rHat());
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Pyrite.setRngSeed(0);
        MCMC<Void> centered = new MCMC<>(new NUTS<>(EightSchools::centered), 1000, 1000).numChains(4).progressBar(false);
        centered.run(null);
        int centeredDivergences = 0;
        for (int d : centered.divergences()) {
            centeredDivergences += d;
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mu_mean", draws.get("mu").mean().item());
        json.put("tau_mean", draws.get("tau").mean().item());
        json.put("theta0_mean", theta0.mean().item());
        json.put("min_n_eff", minNEff);
        json.put("max_r_hat", maxRHat);
        json.put("divergences", summary.divergences());
        json.put("centered_divergences", centeredDivergences);
        json.put("seconds", seconds);
        System.out.println(JsonLine.of(json));
    }
}
