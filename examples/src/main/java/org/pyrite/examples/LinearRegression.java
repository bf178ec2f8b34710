package org.pyrite.examples;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pyrite.Pyrite;
import org.pyrite.distributions.HalfNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.Predictive;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.plot.LinePlot;
import org.pyrite.tensor.Tensor;

/**
 * Bayesian linear regression with a plate, fitted by SVI with {@link AutoNormal}, and its
 * posterior predictive band from {@link Predictive}: {@code y_i ~ Normal(a + b x_i, sigma)} on
 * 100 synthetic points ({@code a = 1.5, b = 0.8, sigma = 0.7}, seed 0).
 *
 * <p>Writes {@code linear-regression-band.png} (data, predictive median and 90% band) into the
 * output folder (first argument, default {@code pyrite-output/linear-regression}) and ends with
 * a JSON line.
 */
public final class LinearRegression {
    /** Inputs, and outputs or {@code null} to draw them. */
    record Data(Tensor x, Tensor y) {}

    private LinearRegression() {}

    static Tensor model(Data d) {
        Tensor a = sample("a", Normal.of(0.0, 10.0));
        Tensor b = sample("b", Normal.of(0.0, 10.0));
        Tensor sigma = sample("sigma", HalfNormal.of(2.0));
        try (PlateMessenger p = plate("data", d.x().size(0))) {
            Normal likelihood = Normal.of(a.add(b.mul(d.x())), sigma);
            return d.y() == null ? sample("y", likelihood) : sample("y", likelihood, d.y());
        }
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Path out = Path.of(args.length > 0 ? args[0] : "pyrite-output/linear-regression").toAbsolutePath();
        Files.createDirectories(out);
        Pyrite.setRngSeed(0);
        int n = 100;
        double[] xs = new double[n];
        double[] ys = new double[n];
        Rng rng = Rng.current();
        for (int i = 0; i < n; i++) {
            xs[i] = 10.0 * rng.uniform();
            ys[i] = 1.5 + 0.8 * xs[i] + 0.7 * rng.gaussian();
        }
        Data data = new Data(Tensor.of(xs), Tensor.of(ys));

        ParamStore store = new ParamStore();
        Map<String, Object> json = new LinkedHashMap<>();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            AutoNormal<Data> guide = new AutoNormal<>(LinearRegression::model);
            SVI<Data> svi = new SVI<>(LinearRegression::model, guide, new Adam(0.03), new TraceELBO());
            double[] losses = svi.run(3000, data);
            Map<String, Tensor> median = guide.median();
            System.out.printf(Locale.ROOT, "posterior medians: a %.3f, b %.3f, sigma %.3f (data made with 1.5, 0.8, 0.7)%n",
                    median.get("a").item(), median.get("b").item(), median.get("sigma").item());
            json.put("a", median.get("a").item());
            json.put("b", median.get("b").item());
            json.put("sigma", median.get("sigma").item());
            json.put("loss_final", Arrays.stream(losses, losses.length - 200, losses.length).average().orElseThrow());

            int grid = 50;
            double[] gx = new double[grid];
            for (int i = 0; i < grid; i++) {
                gx[i] = 10.0 * i / (grid - 1);
            }
            int draws = 1000;
            Tensor y = new Predictive<>(LinearRegression::model, guide, draws).returnSites("y").call(new Data(Tensor.of(gx), null)).get("y");
            double[] v = y.toArray();
            double[] lo = new double[grid];
            double[] mid = new double[grid];
            double[] hi = new double[grid];
            double[] column = new double[draws];
            for (int j = 0; j < grid; j++) {
                for (int i = 0; i < draws; i++) {
                    column[i] = v[i * grid + j];
                }
                Arrays.sort(column);
                lo[j] = column[(int) (0.05 * draws)];
                mid[j] = column[draws / 2];
                hi[j] = column[(int) (0.95 * draws) - 1];
            }
            int inside = 0;
            for (int i = 0; i < n; i++) {
                int j = (int) Math.round(xs[i] / 10.0 * (grid - 1));
                inside += ys[i] >= lo[j] && ys[i] <= hi[j] ? 1 : 0;
            }
            json.put("band_coverage", inside / (double) n);
            System.out.printf(Locale.ROOT, "%d of %d data points lie inside the 90%% predictive band%n", inside, n);
            Path png = out.resolve("linear-regression-band.png");
            LinePlot.create().withTitle("Posterior predictive: median and 90% band").withXLabel("x").withYLabel("y")
                    .withSeries("5%", gx, lo).withSeries("median", gx, mid).withSeries("95%", gx, hi)
                    .withSeries("true line", gx, Arrays.stream(gx).map(t -> 1.5 + 0.8 * t).toArray())
                    .writePng(png);
            System.out.println("plot written to " + png);
        }
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }
}
