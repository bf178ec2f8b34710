package org.pyrite.benchmarks;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
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
 * Pyro: logistic regression (N = 10,000, D = 20, no intercept) SVI step with AutoNormal and Adam
 * lr 0.01: 1,502 us full batch, 1,165 us with subsamples of 1,000. Data:
 * {@code ../shared/data/logreg_n10000_d20_seed0.csv} (override with {@code -Dpyrite.logreg=path}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LogisticRegressionBenchmark {
    private Tensor x;
    private Tensor y;
    private SVI<Integer> svi;
    private ParamStore.Scope scope;

    private Tensor model(int batch) {
        int n = x.size(0);
        Tensor w = sample("w", Normal.of(Tensor.zeros(x.size(1)), Tensor.ones(x.size(1))).toEvent(1));
        try (PlateMessenger data = plate("data", n, batch)) {
            Tensor xs = batch < n ? x.index(0, data.subsample()) : x;
            Tensor ys = batch < n ? y.index(0, data.subsample()) : y;
            return sample("y", Bernoulli.logits(xs.matmul(w)), ys);
        }
    }

    @Setup
    public void setup() throws IOException {
        Path csv = Path.of(System.getProperty("pyrite.logreg", "../shared/data/logreg_n10000_d20_seed0.csv"));
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size();
        int d = lines.get(0).split(",").length - 1;
        double[] xs = new double[n * d];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i).split(",");
            ys[i] = Double.parseDouble(p[0]);
            for (int j = 0; j < d; j++) {
                xs[i * d + j] = Double.parseDouble(p[j + 1]);
            }
        }
        x = Tensor.fromArray(xs, n, d);
        y = Tensor.of(ys);
        Pyrite.setRngSeed(0);
        scope = ParamStore.use(new ParamStore());
        svi = new SVI<>(this::model, new AutoNormal<>(this::model), new Adam(0.01), new TraceELBO());
    }

    @TearDown
    public void tearDown() {
        scope.close();
    }

    @Benchmark
    public double fullBatch() {
        return svi.step(x.size(0));
    }

    @Benchmark
    public double subsample() {
        return svi.step(1000);
    }
}
