package org.pyrite.benchmarks;

import java.util.Arrays;
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
        double[] millis = new double[runs];
        for (int r = 0; r < runs; r++) {
            Pyrite.setRngSeed(r);
            long start = System.nanoTime();
            MCMC<Double> mcmc = new MCMC<>(new NUTS<>(ScaleModels.CONDITIONED), 1000, 500);
            mcmc.run(ScaleModels.GUESS);
            millis[r] = (System.nanoTime() - start) / 1e6;
            Tensor w = mcmc.getSamples().get("weight");
            double mean = w.mean().item();
            double sd = Math.sqrt(w.sub(mean).square().sum().item() / (w.numel() - 1));
            System.out.printf(Locale.ROOT, "run %d: %.1f ms, weight mean %.3f sd %.3f, gradients %d, step size %.3f%n", r,
                    millis[r], mean, sd, mcmc.gradientEvaluations()[0], mcmc.stepSizes()[0]);
        }
        double[] late = Arrays.copyOfRange(millis, runs / 2, runs);
        Arrays.sort(late);
        System.out.printf(Locale.ROOT, "median of the last %d runs: %.1f ms%n", late.length, late[late.length / 2]);
    }
}
