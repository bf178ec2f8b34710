package org.pyrite.benchmarks;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.Locale;
import org.pyrite.Pyrite;
import org.pyrite.distributions.HalfCauchy;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.mcmc.MCMC;
import org.pyrite.infer.mcmc.NUTS;
import org.pyrite.tensor.Tensor;

/**
 * NUTS on the non-centred eight schools of Stan's reference figures (mu ~ N(0, 5),
 * tau ~ HalfCauchy(5), theta = mu + tau * eta; 500 warm-up + 1,000 draws, one chain): runs it
 * {@code args[0]} times (default 30) and prints each run's wall time, the posterior means and
 * the divergences, and the median over the second half. Stan: 83 ms wall (24 ms by its own timer).
 */
public final class NutsEightSchoolsRun {
    static final Tensor Y = Tensor.of(28, 8, -3, 7, -1, 1, 18, 12);
    static final Tensor SIGMA = Tensor.of(15, 10, 16, 11, 9, 11, 10, 18);

    private NutsEightSchoolsRun() {}

    static Tensor model(Void v) {
        Tensor mu = sample("mu", Normal.of(0.0, 5.0));
        Tensor tau = sample("tau", HalfCauchy.of(5.0));
        try (PlateMessenger p = plate("schools", 8)) {
            Tensor eta = sample("eta", Normal.of(0.0, 1.0));
            return sample("obs", Normal.of(mu.add(tau.mul(eta)), SIGMA), Y);
        }
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        RunTimes times = new RunTimes(runs);
        for (int r = 0; r < runs; r++) {
            Pyrite.setRngSeed(r);
            times.start();
            MCMC<Void> mcmc = new MCMC<>(new NUTS<>(NutsEightSchoolsRun::model), 1000, 500);
            mcmc.run(null);
            String took = times.stop(r);
            times.ess(r, mcmc.summary().minNEff());
            System.out.printf(Locale.ROOT, "run %d: %s, mu mean %.2f, tau mean %.2f, gradients %d, divergences %d%n", r, took, mcmc.getSamples().get("mu").mean().item(), mcmc.getSamples().get("tau").mean().item(),
                    mcmc.gradientEvaluations()[0], mcmc.divergences()[0]);
        }
        System.out.println(times.medians());
    }
}
