package org.pyrite.benchmarks;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * NUTS on the breast-cancer logistic regression of Stan's reference figures
 * ({@code ../shared/data/uci/breast_cancer.csv}: 569 rows, 30 features standardised with the
 * sample standard deviation as R's {@code scale}; w ~ N(0, 1), intercept ~ N(0, 5); 500 warm-up +
 * 1,000 draws, one chain): runs it {@code args[0]} times (default 10) and prints each run's wall
 * time, the intercept's posterior mean and the median over the second half. Stan: 2.0 s wall,
 * 482 effective samples per wall second.
 */
public final class NutsBreastCancerRun {
    private NutsBreastCancerRun() {}

    record Data(Tensor x, Tensor y) {}

    static Tensor model(Data d) {
        Tensor w = sample("w", Normal.of(Tensor.zeros(d.x().size(1)), 1.0).toEvent(1));
        Tensor intercept = sample("intercept", Normal.of(0.0, 5.0));
        try (PlateMessenger p = plate("data", d.x().size(0))) {
            return sample("y", Bernoulli.logits(d.x().matmul(w).add(intercept)), d.y());
        }
    }

    /** The file's rows after its header line: features then the 0/1 label, features standardised (n - 1). */
    static Data load(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1;
        int dims = lines.get(1).split(",").length - 1;
        double[][] columns = new double[dims][n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            String[] parts = lines.get(i + 1).split(",");
            for (int j = 0; j < dims; j++) {
                columns[j][i] = Double.parseDouble(parts[j]);
            }
            ys[i] = Double.parseDouble(parts[dims]);
        }
        double[] xs = new double[n * dims];
        for (int j = 0; j < dims; j++) {
            double[] c = columns[j];
            double mean = java.util.Arrays.stream(c).average().orElseThrow();
            double ss = java.util.Arrays.stream(c).map(v -> (v - mean) * (v - mean)).sum();
            double sd = Math.sqrt(ss / (n - 1));
            for (int i = 0; i < n; i++) {
                xs[i * dims + j] = (c[i] - mean) / sd;
            }
        }
        return new Data(Tensor.fromArray(xs, n, dims), Tensor.of(ys));
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Data data = load(Path.of(System.getProperty("pyrite.breastCancer", "../shared/data/uci/breast_cancer.csv")));
        RunTimes times = new RunTimes(runs);
        for (int r = 0; r < runs; r++) {
            Pyrite.setRngSeed(r);
            times.start();
            MCMC<Data> mcmc = new MCMC<>(new NUTS<>(NutsBreastCancerRun::model), 1000, 500);
            mcmc.run(data);
            String took = times.stop(r);
            times.ess(r, mcmc.summary().minNEff());
            System.out.printf(Locale.ROOT, "run %d: %s, intercept mean %.3f, gradients %d, divergences %d%n", r, took,
                    mcmc.getSamples().get("intercept").mean().item(), mcmc.gradientEvaluations()[0], mcmc.divergences()[0]);
        }
        System.out.println(times.medians());
    }
}
