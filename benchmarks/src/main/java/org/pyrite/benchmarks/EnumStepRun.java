package org.pyrite.benchmarks;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Dirichlet;
import org.pyrite.distributions.LogNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceEnumELBO;
import org.pyrite.infer.autoguide.AutoDelta;
import org.pyrite.infer.autoguide.InitStrategy;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * SVI step times of the two discrete-latent models of Pyro's {@code enum_gmm_hmm.py}, beside its
 * figures (5,181 us for the mixture, 867 ms for the HMM): the 3-component Gaussian mixture on the
 * standardised iris features with {@code TraceEnumELBO(1)} and the 3-state HMM on 1,000 steps along
 * a markov chain with {@code TraceEnumELBO(0)}, both with AutoDelta and Adam lr 0.05, as the
 * examples {@code GaussianMixture} and {@code HiddenMarkov} run them. Each step's wall and process
 * CPU time is taken; the medians are over the steps after the warm-up.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar org.pyrite.benchmarks.EnumStepRun ../shared/data/uci/iris.csv}</pre>
 */
public final class EnumStepRun {
    private EnumStepRun() {}

    static Object mixture(Tensor data) {
        Tensor weights = sample("weights", Dirichlet.of(Tensor.full(0.5, 3)));
        Tensor locs;
        Tensor scale;
        try (PlateMessenger c = plate("components", 3)) {
            locs = sample("locs", Normal.of(Tensor.zeros(4), 10.0).toEvent(1));
            scale = sample("scale", LogNormal.of(Tensor.zeros(4), 2.0).toEvent(1));
        }
        try (PlateMessenger p = plate("data", data.size(0))) {
            Tensor a = sample("assignment", Categorical.probs(weights), Map.of("enumerate", "parallel"));
            sample("obs", Normal.of(Vindex.rows(locs, a), Vindex.rows(scale, a)).toEvent(1), data);
        }
        return null;
    }

    static Object hmm(Tensor obs) {
        Tensor probs = sample("probs", Dirichlet.of(Tensor.eye(3).mul(0.9).add(0.1)).toEvent(1));
        Tensor locs = sample("locs", Normal.of(Tensor.of(-1.0, 0.0, 1.0), 5.0).toEvent(1));
        Tensor[] x = {Tensor.scalar(0.0)};
        double[] y = obs.toArray();
        Poutine.markov(y.length, t -> {
            x[0] = sample("x_" + t, Categorical.probs(Vindex.rows(probs, x[0])), Map.of("enumerate", "parallel"));
            sample("y_" + t, Normal.of(Vindex.rows(locs, x[0]), 1.0), Tensor.scalar(y[t]));
        });
        return null;
    }

    /**
     * The median wall microseconds per step over {@code steps} steps after {@code warmup}, and the
     * process CPU microseconds per step over all of them (the CPU clock ticks too coarsely to time
     * one step).
     */
    static double[] time(SVI<Tensor> svi, Tensor data, int warmup, int steps) {
        for (int i = 0; i < warmup; i++) {
            svi.step(data);
        }
        double[] wall = new double[steps];
        long c0 = RunTimes.processCpuNanos();
        for (int i = 0; i < steps; i++) {
            long w0 = System.nanoTime();
            svi.step(data);
            wall[i] = (System.nanoTime() - w0) / 1e3;
        }
        double cpu = (RunTimes.processCpuNanos() - c0) / 1e3 / steps;
        Arrays.sort(wall);
        return new double[] {wall[steps / 2], cpu};
    }

    public static void main(String[] args) throws IOException {
        Path iris = Path.of(args.length > 0 ? args[0] : "../shared/data/uci/iris.csv");
        List<String> lines = Files.readAllLines(iris);
        int n = lines.size() - 1;
        double[] xs = new double[n * 4];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) {
                xs[i * 4 + j] = Double.parseDouble(f[j]);
            }
        }
        Tensor raw = Tensor.fromArray(xs, n, 4);
        Tensor mean = raw.mean(new int[] {0}, true);
        Tensor sd = raw.sub(mean).square().mean(new int[] {0}, true).sqrt();
        Tensor data = raw.sub(mean).div(sd);

        Pyrite.setRngSeed(0);
        double[] gmm;
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            InitStrategy init = (name, d) -> switch (name) {
                case "weights" -> Tensor.full(1.0 / 3, 3);
                case "locs" -> data.index(0, 0, 50, 100);
                case "scale" -> Tensor.ones(3, 4);
                default -> throw new IllegalArgumentException(name);
            };
            Model<Tensor, Object> model = EnumStepRun::mixture;
            AutoDelta<Tensor> guide = new AutoDelta<>(Poutine.block(model, "assignment"), init);
            gmm = time(new SVI<>(model, guide, new Adam(0.05), new TraceEnumELBO(1)), data, 300, 1000);
        }
        System.out.printf(Locale.ROOT, "mixture: %.0f us wall, %.0f us cpu per step (wall: median of 1,000 after 300 warm-up; cpu: mean); Pyro 5,181 us%n",
                gmm[0], gmm[1]);

        SplittableRandom rng = new SplittableRandom(0);
        double[] y = new double[1000];
        int state = rng.nextInt(3);
        for (int t = 0; t < y.length; t++) {
            if (t > 0 && rng.nextDouble() >= 0.95) {
                state = (state + 1 + rng.nextInt(2)) % 3;
            }
            y[t] = (state - 1) * 3.0 + Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        double[] hmm;
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            Model<Tensor, Object> model = EnumStepRun::hmm;
            AutoDelta<Tensor> guide = new AutoDelta<>(Poutine.block(model, m -> m.name().startsWith("x_")), InitStrategy.initToMean());
            hmm = time(new SVI<>(model, guide, new Adam(0.05), new TraceEnumELBO(0)), Tensor.of(y), 30, 60);
        }
        System.out.printf(Locale.ROOT, "hmm: %.0f us wall, %.0f us cpu per step (wall: median of 60 after 30 warm-up; cpu: mean); Pyro 867,000 us%n",
                hmm[0], hmm[1]);
        System.out.printf(Locale.ROOT, "{\"mixture_us_per_step\": %.1f, \"mixture_cpu_us_per_step\": %.1f, \"mixture_speedup_vs_pyro\": %.2f,"
                + " \"hmm_us_per_step\": %.1f, \"hmm_cpu_us_per_step\": %.1f, \"hmm_speedup_vs_pyro\": %.2f}%n",
                gmm[0], gmm[1], 5181.0 / gmm[0], hmm[0], hmm[1], 867000.0 / hmm[0]);
    }
}
