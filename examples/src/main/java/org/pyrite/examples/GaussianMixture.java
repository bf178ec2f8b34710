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
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Dirichlet;
import org.pyrite.distributions.LogNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceEnumELBO;
import org.pyrite.infer.autoguide.AutoDelta;
import org.pyrite.infer.autoguide.InitStrategy;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * A 3-component diagonal Gaussian mixture on the standardised iris features (150 x 4), the
 * component of each flower summed out by parallel enumeration, as Pyro's script
 * ({@code ../shared/baselines/pyro-scripts/enum_gmm_hmm.py}) does: {@code TraceEnumELBO(1)},
 * {@link AutoDelta} over weights, locs and scales (locs initialised at 3 random rows), Adam lr 0.05,
 * 300 steps; then the MAP assignment of every flower by {@code Poutine.inferDiscrete}.
 *
 * <p>Prints the loss every 50 steps, the confusion of assignments against species, writes
 * {@code pyrite-output/gmm/gaussian-mixture.png} (petal length against petal width, coloured by
 * assignment; the output folder the other examples write to, which git ignores) and ends
 * with one JSON line: {@code final_loss}, {@code adjusted_rand_index}, {@code us_per_step_median},
 * {@code seconds}.
 */
public final class GaussianMixture {
    static final int K = 3;
    static final int STEPS = 300;

    private GaussianMixture() {}

    static Object model(Tensor data) {
        int dims = data.size(1);
        Tensor weights = sample("weights", Dirichlet.of(Tensor.full(0.5, K)));
        Tensor locs;
        Tensor scale;
        try (PlateMessenger components = plate("components", K)) {
            locs = sample("locs", Normal.of(Tensor.zeros(dims), 10.0).toEvent(1));
            scale = sample("scale", LogNormal.of(Tensor.zeros(dims), 2.0).toEvent(1));
        }
        try (PlateMessenger points = plate("data", data.size(0))) {
            Tensor a = sample("assignment", Categorical.probs(weights), Map.of("enumerate", "parallel"));
            sample("obs", Normal.of(Vindex.rows(locs, a), Vindex.rows(scale, a)).toEvent(1), data);
        }
        return null;
    }

    /** The result of a fit: the last loss, the MAP assignments and the median step time. */
    record Fit(double finalLoss, int[] assignment, double usPerStep) {}

    static Fit fit(Tensor data, long seed, int steps) {
        Pyrite.setRngSeed(seed);
        int n = data.size(0);
        int dims = data.size(1);
        int[] rows = Arrays.copyOf(randomPermutation(n), K);
        InitStrategy init = (name, d) -> switch (name) {
            case "weights" -> Tensor.full(1.0 / K, K);
            case "locs" -> data.index(0, rows);
            case "scale" -> Tensor.ones(K, dims);
            default -> throw new IllegalArgumentException("no initial value for site '" + name + "'");
        };
        Model<Tensor, Object> model = GaussianMixture::model;
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            AutoDelta<Tensor> guide = new AutoDelta<>(Poutine.block(model, "assignment"), init);
            SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.05), new TraceEnumELBO(1));
            long[] nanos = new long[steps];
            double loss = Double.NaN;
            for (int t = 0; t < steps; t++) {
                long t0 = System.nanoTime();
                loss = svi.step(data);
                nanos[t] = System.nanoTime() - t0;
                if (t % 50 == 0 || t == steps - 1) {
                    System.out.printf(Locale.ROOT, "step %3d  loss %.2f%n", t, loss);
                }
            }
            Trace guideTrace = Poutine.trace(guide).getTrace(data);
            Trace map = Poutine.inferDiscrete(Poutine.replay(model, guideTrace), -2, true).getTrace(data);
            double[] a = map.site("assignment").value().toArray();
            int[] assignment = new int[n];
            for (int i = 0; i < n; i++) {
                assignment[i] = (int) a[i];
            }
            long[] timed = Arrays.copyOfRange(nanos, Math.min(10, steps - 1), steps);
            Arrays.sort(timed);
            return new Fit(loss, assignment, timed[timed.length / 2] / 1e3);
        }
    }

    private static int[] randomPermutation(int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Tensor u = org.pyrite.distributions.Uniform.of(0.0, 1.0).sample(n);
        double[] keys = u.toArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(keys[x], keys[y]));
        for (int i = 0; i < n; i++) {
            perm[i] = order[i];
        }
        return perm;
    }

    /** The adjusted Rand index of two labelings (1 for the same partition, about 0 for chance). */
    static double adjustedRandIndex(int[] a, int[] b) {
        int ka = Arrays.stream(a).max().orElse(0) + 1;
        int kb = Arrays.stream(b).max().orElse(0) + 1;
        long[][] table = new long[ka][kb];
        for (int i = 0; i < a.length; i++) {
            table[a[i]][b[i]]++;
        }
        double sum = 0;
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < ka; i++) {
            long row = 0;
            for (int j = 0; j < kb; j++) {
                sum += pairs(table[i][j]);
                row += table[i][j];
            }
            sumA += pairs(row);
        }
        for (int j = 0; j < kb; j++) {
            long col = 0;
            for (int i = 0; i < ka; i++) {
                col += table[i][j];
            }
            sumB += pairs(col);
        }
        double expected = sumA * sumB / pairs(a.length);
        return (sum - expected) / (0.5 * (sumA + sumB) - expected);
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }

    /** Iris features standardised column-wise (population sd, as numpy's std) and the species. */
    record Iris(Tensor x, int[] species, double[][] raw) {}

    static Iris readIris(Path csv) throws IOException {
        var lines = Files.readAllLines(csv);
        int n = lines.size() - 1;
        double[][] raw = new double[n][4];
        int[] species = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) {
                raw[i][j] = Double.parseDouble(f[j]);
            }
            species[i] = Integer.parseInt(f[4].trim());
        }
        double[] xs = new double[n * 4];
        for (int j = 0; j < 4; j++) {
            double mean = 0;
            for (double[] r : raw) {
                mean += r[j] / n;
            }
            double var = 0;
            for (double[] r : raw) {
                var += (r[j] - mean) * (r[j] - mean) / n;
            }
            for (int i = 0; i < n; i++) {
                xs[i * 4 + j] = (raw[i][j] - mean) / Math.sqrt(var);
            }
        }
        return new Iris(Tensor.fromArray(xs, n, 4), species, raw);
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/uci/iris.csv");
        Iris iris = readIris(csv);
        System.out.printf(Locale.ROOT, "data: %d flowers, 4 standardised features from %s%n", iris.x().size(0), csv);
        Fit fit = fit(iris.x(), 0, STEPS);
        double ari = adjustedRandIndex(fit.assignment(), iris.species());
        long[][] confusion = new long[K][3];
        for (int i = 0; i < fit.assignment().length; i++) {
            confusion[fit.assignment()[i]][iris.species()[i]]++;
        }
        System.out.println("assignment x species (setosa, versicolor, virginica):");
        for (int k = 0; k < K; k++) {
            System.out.println("  component " + k + ": " + Arrays.toString(confusion[k]));
        }
        Path png = Path.of("pyrite-output", "gmm", "gaussian-mixture.png");
        Files.createDirectories(png.getParent());
        scatter(iris, fit.assignment(), png);
        System.out.printf(Locale.ROOT, "final loss %.1f (Pyro 465.7), adjusted Rand index %.3f (Pyro 0.818), %.0f us per step"
                + " (median; Pyro 5,181 us); scatter in %s%n", fit.finalLoss(), ari, fit.usPerStep(), png.toAbsolutePath());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("final_loss", fit.finalLoss());
        json.put("adjusted_rand_index", ari);
        json.put("us_per_step_median", fit.usPerStep());
        json.put("pyro_us_per_step", 5181.0);
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }

    private static void scatter(Iris iris, int[] assignment, Path png) throws IOException {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        XYChart chart = new XYChartBuilder().width(800).height(600).title("Iris: MAP component of each flower")
                .xAxisTitle("petal length (cm)").yAxisTitle("petal width (cm)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (int k = 0; k < K; k++) {
            int count = 0;
            for (int a : assignment) {
                count += a == k ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] x = new double[count];
            double[] y = new double[count];
            for (int i = 0, j = 0; i < assignment.length; i++) {
                if (assignment[i] == k) {
                    x[j] = iris.raw()[i][2];
                    y[j++] = iris.raw()[i][3];
                }
            }
            chart.addSeries("component " + k, x, y);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
