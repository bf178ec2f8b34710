package org.pyrite.examples;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.infer.mcmc.MCMC;
import org.pyrite.infer.mcmc.NUTS;
import org.pyrite.infer.mcmc.SiteSummary;
import org.pyrite.infer.mcmc.Summary;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Bayesian logistic regression on the breast-cancer data ({@code ../shared/data/uci/breast_cancer.csv}:
 * 569 rows, 30 features standardised with the sample standard deviation as R's {@code scale}
 * does, label 1 benign): {@code w ~ N(0, 1)} for each feature, {@code intercept ~ N(0, 5)}, by
 * NUTS (4 chains x 1,000 draws after 1,000 warm-up) and, for comparison, by SVI with
 * {@link AutoNormal} (Adam 0.01, 3,000 steps). Stan's intercept mean on the same model: 0.240.
 * Ends with one JSON line.
 */
public final class BreastCancerNuts {
    record Data(Tensor x, Tensor y) {}

    private BreastCancerNuts() {}

    static Tensor model(Data d) {
        int dims = d.x().size(1);
        Tensor w = sample("w", Normal.of(Tensor.zeros(dims), 1.0).toEvent(1));
        Tensor intercept = sample("intercept", Normal.of(0.0, 5.0));
        try (PlateMessenger p = plate("data", d.x().size(0))) {
            return sample("y", Bernoulli.logits(d.x().matmul(w).add(intercept)), d.y());
        }
    }

    static Data read(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            throw new IOException("data file " + csv.toAbsolutePath() + " not found; run from the repository root with ../shared beside it,"
                    + " or pass the file's path as the first argument");
        }
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1; // the first line is the header 569,30,malignant,benign
        int dims = 30;
        double[] xs = new double[n * dims];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            String[] parts = lines.get(i + 1).split(",");
            if (parts.length != dims + 1) {
                throw new IOException(csv + ":" + (i + 2) + ": " + parts.length + " columns, expected " + (dims + 1));
            }
            for (int j = 0; j < dims; j++) {
                xs[i * dims + j] = Double.parseDouble(parts[j]);
            }
            ys[i] = Double.parseDouble(parts[dims]);
        }
        for (int j = 0; j < dims; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += xs[i * dims + j];
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = xs[i * dims + j] - mean;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / (n - 1));
            for (int i = 0; i < n; i++) {
                xs[i * dims + j] = (xs[i * dims + j] - mean) / sd;
            }
        }
        return new Data(Tensor.fromArray(xs, n, dims), Tensor.of(ys));
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Data data = read(Path.of(args.length > 0 ? args[0] : "../shared/data/uci/breast_cancer.csv"));
        Pyrite.setRngSeed(0);
        MCMC<Data> mcmc = new MCMC<>(new NUTS<>(BreastCancerNuts::model), 1000, 1000).numChains(4).progressBar(false);
        mcmc.run(data);
        Summary summary = mcmc.summary();
        double minNEff = Double.POSITIVE_INFINITY;
        double maxRHat = 0;
        for (SiteSummary row : summary.rows()) {
            minNEff = Math.min(minNEff, row.nEff());
            maxRHat = Math.max(maxRHat, row.rHat());
        }
        Map<String, Tensor> draws = mcmc.getSamples();
        double interceptMean = draws.get("intercept").mean().item();
        Tensor wMean = draws.get("w").mean(0);
        Tensor logits = data.x().matmul(wMean).add(interceptMean);
        double[] l = logits.toArray();
        double[] y = data.y().toArray();
        int correct = 0;
        for (int i = 0; i < l.length; i++) {
            correct += (l[i] > 0) == (y[i] > 0.5) ? 1 : 0;
        }
        double nutsSeconds = (System.nanoTime() - start) / 1e9;

        Pyrite.setRngSeed(0);
        double sviIntercept;
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            AutoNormal<Data> guide = new AutoNormal<>(BreastCancerNuts::model);
            SVI<Data> svi = new SVI<>(BreastCancerNuts::model, guide, new Adam(0.01), new TraceELBO());
            for (int t = 0; t < 3000; t++) {
                svi.step(data);
            }
            sviIntercept = guide.median().get("intercept").item();
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nuts_intercept_mean", interceptMean);
        json.put("svi_intercept_mean", sviIntercept);
        json.put("stan_intercept_mean", 0.240);
        json.put("min_n_eff", minNEff);
        json.put("max_r_hat", maxRHat);
        json.put("divergences", summary.divergences());
        json.put("accuracy_in_sample", correct / (double) l.length);
        json.put("nuts_seconds", nutsSeconds);
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }
}
