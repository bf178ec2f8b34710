package org.pyrite.benchmarks;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.mcmc.MCMC;
import org.pyrite.infer.mcmc.NUTS;
import org.pyrite.tensor.Tensor;

/**
 * NUTS on the logistic regression of Pyro's and Stan's reference figures
 * ({@code ../shared/data/logreg_n1000_d5_seed0.csv}, w ~ N(0, 1), no intercept; 500 warm-up +
 * 1,000 draws, one chain): runs it {@code args[0]} times (default 10) and prints each run's wall
 * time, the posterior mean of w, and the median over the second half. Pyro: 4.94 s (2.88 s with
 * its JIT); Stan: 348 ms.
 */
public final class NutsLogisticRun {
    private NutsLogisticRun() {}

    record Data(Tensor x, Tensor y) {}

    static Tensor model(Data d) {
        int n = d.x().size(0);
        Tensor w = sample("w", Normal.of(Tensor.zeros(d.x().size(1)), 1.0).toEvent(1));
        try (PlateMessenger p = plate("data", n)) {
            return sample("y", Bernoulli.logits(d.x().matmul(w)), d.y());
        }
    }

    static Data load(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size();
        int dim = lines.get(0).split(",").length - 1;
        double[] xs = new double[n * dim];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i).split(",");
            ys[i] = Double.parseDouble(p[0]);
            for (int j = 0; j < dim; j++) {
                xs[i * dim + j] = Double.parseDouble(p[j + 1]);
            }
        }
        return new Data(Tensor.fromArray(xs, n, dim), Tensor.of(ys));
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Data data = load(Path.of(System.getProperty("pyrite.logreg", "../shared/data/logreg_n1000_d5_seed0.csv")));
        RunTimes times = new RunTimes(runs);
        for (int r = 0; r < runs; r++) {
            Pyrite.setRngSeed(r);
            times.start();
            MCMC<Data> mcmc = new MCMC<>(new NUTS<>(NutsLogisticRun::model), 1000, 500);
            mcmc.run(data);
            String took = times.stop(r);
            times.ess(r, mcmc.summary().minNEff());
            double[] w = mcmc.getSamples().get("w").mean(new int[] {0}, false).toArray();
            System.out.printf(Locale.ROOT, "run %d: %s, w mean %s, gradients %d, divergences %d%n", r, took,
                    Arrays.toString(w), mcmc.gradientEvaluations()[0], mcmc.divergences()[0]);
        }
        System.out.println(times.medians());
    }
}
