package org.pyrite.examples;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Bayesian logistic regression on {@code ../shared/data/logreg_n10000_d20_seed0.csv} (columns y,
 * x1..x20; true weights in {@code ...csv.w.csv}): {@code w ~ Normal(0, 1)} with 20 components,
 * {@code y_i ~ Bernoulli(sigmoid(x_i . w))} in a plate of 10,000, no intercept, fitted with
 * {@link AutoNormal} and Adam (lr 0.01) for 2,000 steps, on the full batch and on subsamples of
 * 1,000, as in Pyro's reference figures ({@code ../shared/baselines/pyro.md}).
 *
 * <p>Prints the loss every 250 steps, the fitted means beside the true weights and
 * {@code ||loc - w_true||}, and ends with one JSON line. {@code loss_final} is the full-data
 * loss of the fitted guide: the mean of 200 full-batch ELBO estimates.
 */
public final class LogisticRegression {
    static final int STEPS = 2000;

    /** The data: features {@code x} of shape [N, D] and labels {@code y} of shape [N]. */
    record Data(Tensor x, Tensor y, int batch) {
        int n() {
            return x.size(0);
        }
    }

    private LogisticRegression() {}

    static Tensor model(Data d) {
        int dims = d.x().size(1);
        Tensor w = sample("w", Normal.of(Tensor.zeros(dims), Tensor.ones(dims)).toEvent(1));
        try (PlateMessenger data = plate("data", d.n(), d.batch())) {
            Tensor x = d.x();
            Tensor y = d.y();
            if (d.batch() < d.n()) {
                int[] idx = data.subsample();
                x = x.index(0, idx);
                y = y.index(0, idx);
            }
            return sample("y", Bernoulli.logits(x.matmul(w)), y);
        }
    }

    /** Arguments: the data file, and {@code --backend cpu|tensorflow} for the SVI steps. */
    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        SviBackend backend = SviBackend.of(args);
        String[] rest = SviBackend.rest(args);
        Path csv = Path.of(rest.length > 0 ? rest[0] : "../shared/data/logreg_n10000_d20_seed0.csv");
        double[][] rows = Csv.read(csv);
        double[] wTrue = Csv.read(Path.of(csv + ".w.csv"))[0];
        int n = rows.length;
        int dims = rows[0].length - 1;
        double[] xs = new double[n * dims];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = rows[i][0];
            System.arraycopy(rows[i], 1, xs, i * dims, dims);
        }
        Tensor x = Tensor.fromArray(xs, n, dims);
        Tensor y = Tensor.of(ys);
        System.out.printf(Locale.ROOT, "data: %d rows, %d features from %s%n", n, dims, csv);

        Map<String, Object> json = new LinkedHashMap<>();
        Fit full = fit(new Data(x, y, n), new Data(x, y, n), wTrue, "full batch", backend);
        Fit sub = fit(new Data(x, y, 1000), new Data(x, y, n), wTrue, "subsample 1,000", backend);
        json.put("loss_final", full.loss);
        json.put("l2_loc_minus_true", full.l2);
        json.put("us_per_step_median", full.usPerStep);
        json.put("subsample_loss_final", sub.loss);
        json.put("subsample_l2_loc_minus_true", sub.l2);
        json.put("subsample_us_per_step_median", sub.usPerStep);
        json.put("pyro_loss_final", 2292.0);
        json.put("pyro_us_per_step", 1502.0);
        json.put("pyro_subsample_us_per_step", 1165.0);
        json.put("backend", backend.jsonName());
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }

    /** What one fit produced. */
    record Fit(double loss, double l2, double usPerStep) {}

    static Fit fit(Data train, Data full, double[] wTrue, String label, SviBackend backend) {
        Pyrite.setRngSeed(0);
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            AutoNormal<Data> guide = new AutoNormal<>(LogisticRegression::model);
            long[] nanos = new long[STEPS];
            try (SviBackend.Steps<Data> steps = backend.svi(LogisticRegression::model, guide, new Adam(0.01), new TraceELBO(), train)) {
                for (int t = 0; t < STEPS; t++) {
                    long t0 = System.nanoTime();
                    double loss = steps.step(train);
                    nanos[t] = System.nanoTime() - t0;
                    if (t % 250 == 0 || t == STEPS - 1) {
                        System.out.printf(Locale.ROOT, "%s step %4d  loss %.1f%n", label, t, loss);
                    }
                }
            }
            // The full-data loss of the fitted guide, on the CPU whichever backend trained it (the
            // params are in the store either way); an SVI only evaluates here, its optimizer unused.
            SVI<Data> svi = new SVI<>(LogisticRegression::model, guide, new Adam(0.01), new TraceELBO());
            double loss = 0;
            int evals = 200;
            for (int i = 0; i < evals; i++) {
                loss += svi.evaluateLoss(full);
            }
            loss /= evals;
            double[] loc = guide.median().get("w").toArray();
            double l2 = 0;
            System.out.println(label + ": fitted mean vs true weight");
            for (int j = 0; j < loc.length; j++) {
                System.out.printf(Locale.ROOT, "  w[%2d]  %8.4f  %8.4f%n", j, loc[j], wTrue[j]);
                l2 += (loc[j] - wTrue[j]) * (loc[j] - wTrue[j]);
            }
            l2 = Math.sqrt(l2);
            Arrays.sort(nanos);
            double us = nanos[STEPS / 2] / 1e3;
            System.out.printf(Locale.ROOT, "%s: full-data loss %.1f (Pyro %s), ||loc - w_true|| = %.3f (Pyro 0.226), %.1f us per step (median)%n",
                    label, loss, label.equals("full batch") ? "2,292" : "2,293.9", l2, us);
            return new Fit(loss, l2, us);
        }
    }
}
