package org.pyrite.benchmarks;

import java.util.Locale;
import org.pyrite.Pyrite;
import org.pyrite.infer.mcmc.MCMC;
import org.pyrite.infer.mcmc.NUTS;
import org.pyrite.tensor.Tensor;

/**
 * NUTS on the conditioned scale model with Pyro's reference counts (500 warm-up + 1,000 draws, one
 * chain): runs it {@code args[0]} times (default 30) in one JVM and prints each run's wall time,
 * the median over the second half (the JIT warm by then), the weight's posterior mean and sd and
 * the gradient evaluations. Pyro's figure: 1.76 s; Stan's: 20 ms.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar org.pyrite.benchmarks.NutsScaleRun 30}</pre>
 */
public final class NutsScaleRun {
    private NutsScaleRun() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        RunTimes times = new RunTimes(runs);
        for (int r = 0; r < runs; r++) {
            Pyrite.setRngSeed(r);
            times.start();
            MCMC<Double> mcmc = new MCMC<>(new NUTS<>(ScaleModels.CONDITIONED), 1000, 500);
            mcmc.run(ScaleModels.GUESS);
            String took = times.stop(r);
            times.ess(r, mcmc.summary().minNEff());
            Tensor w = mcmc.getSamples().get("weight");
            double mean = w.mean().item();
            double sd = Math.sqrt(w.sub(mean).square().sum().item() / (w.numel() - 1));
            System.out.printf(Locale.ROOT, "run %d: %s, weight mean %.3f sd %.3f, gradients %d, step size %.3f%n", r, took, mean, sd, mcmc.gradientEvaluations()[0], mcmc.stepSizes()[0]);
        }
        System.out.println(times.medians());
    }
}
