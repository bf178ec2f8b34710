package org.pyrite.benchmarks;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensorflow.CompiledSVI;

/**
 * Compiled SVI steps (TensorFlow) beside CPU steps of the same workload, in one process: the
 * graph build time, the first compiled step's latency, and the median step of each after a
 * warm-up. Not a JMH benchmark: TensorFlow's 160 MB native jar stays out of the JMH jar; run it
 * with {@code benchmarks/run-tensorflow.sh}. Workloads: the tutorial's scale model; logistic
 * regression 10,000 x 20 full batch and subsample 1,000 ({@code ../shared/data}); logistic
 * regression 100,000 x 200 full batch on data generated from seed 0; the VAE of
 * {@code org.pyrite.examples.Vae} ({@link VaeModels}) in its compiled form, all 1,500 digits in the
 * graph and a plate subsample of 128 per step (the CPU step of the same model and arguments beside
 * it; {@code VaeStepRun} times the CPU step on minibatches chosen outside).
 *
 * <p>Arguments: {@code [steps] [workload...]} (default 2,000 steps, every workload).
 */
public final class CompiledStepRun {
    record Data(Tensor x, Tensor y, int batch) {}

    private CompiledStepRun() {}

    static Tensor logistic(Data d) {
        int n = d.x().size(0);
        Tensor w = sample("w", Normal.of(Tensor.zeros(d.x().size(1)), Tensor.ones(d.x().size(1))).toEvent(1));
        try (PlateMessenger p = plate("data", n, d.batch())) {
            Tensor xs = d.batch() < n ? d.x().index(0, p.subsample()) : d.x();
            Tensor ys = d.batch() < n ? d.y().index(0, p.subsample()) : d.y();
            return sample("y", Bernoulli.logits(xs.matmul(w)), ys);
        }
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Map<String, Object> json = new LinkedHashMap<>();
        if (only.isEmpty() || only.contains("scale")) {
            report(json, "scale", measure(ScaleModels.CONDITIONED, ScaleModels::guide, ScaleModels.GUESS, steps, false));
        }
        if (only.isEmpty() || only.contains("logreg") || only.contains("logreg_sub")) {
            Data full = readCsv(Path.of(System.getProperty("pyrite.logreg", "../shared/data/logreg_n10000_d20_seed0.csv")));
            if (only.isEmpty() || only.contains("logreg")) {
                report(json, "logreg_10000x20_full", measure(CompiledStepRun::logistic, null, full, steps, true));
            }
            if (only.isEmpty() || only.contains("logreg_sub")) {
                Data sub = new Data(full.x(), full.y(), 1000);
                report(json, "logreg_10000x20_sub1000", measure(CompiledStepRun::logistic, null, sub, steps, true));
            }
        }
        if (only.isEmpty() || only.contains("logreg_large")) {
            report(json, "logreg_100000x200_full", measure(CompiledStepRun::logistic, null, generated(100_000, 200), Math.min(steps, 200), true));
        }
        if (only.isEmpty() || only.contains("vae")) {
            Tensor digits = VaeModels.digits(Path.of(System.getProperty("pyrite.digits", "../shared/data/uci/digits.csv.gz")), 1500);
            VaeModels.Batch all = new VaeModels.Batch(digits, 1500, 128);
            report(json, "vae", measure(() -> {
                VaeModels vae = new VaeModels();
                return new Workload<>(vae::model, vae::guide);
            }, all, Math.min(steps, 1000), 1e-3));
        }
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : json.entrySet()) {
            sb.append(sb.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ").append(e.getValue());
        }
        System.out.println(sb.append('}'));
    }

    /** A model and its guide. */
    record Workload<A>(Model<A, ?> model, Model<A, ?> guide) {}

    /** Build ms, first compiled step us, median compiled step us, median CPU step us; with AutoNormal or {@code guide}, Adam lr 0.01. */
    private static <A> double[] measure(Model<A, ?> model, Model<A, ?> guide, A args, int steps, boolean autoNormal) {
        return measure(() -> new Workload<>(model, autoNormal ? new AutoNormal<>(model) : guide), args, steps, 0.01);
    }

    /**
     * Build ms, first compiled step us, median compiled step us, median CPU step us. The workload
     * is made afresh in each param store, after seeding (a network's initial weights are drawn
     * when it is made, and its parameters bind to the store it is first registered in).
     */
    private static <A> double[] measure(Supplier<Workload<A>> make, A args, int steps, double lr) {
        double[] out = new double[4];
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            Pyrite.setRngSeed(0);
            Workload<A> w = make.get();
            long t0 = System.nanoTime();
            try (CompiledSVI<A> svi = CompiledSVI.compile(w.model(), w.guide(), new Adam(lr), new TraceELBO(), args)) {
                out[0] = (System.nanoTime() - t0) / 1e6;
                long t1 = System.nanoTime();
                svi.step(args);
                out[1] = (System.nanoTime() - t1) / 1e3;
                out[2] = median(steps, () -> svi.step(args));
            }
        }
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            Pyrite.setRngSeed(0);
            Workload<A> w = make.get();
            SVI<A> svi = new SVI<>(w.model(), w.guide(), new Adam(lr), new TraceELBO());
            out[3] = median(steps, () -> svi.step(args));
        }
        return out;
    }

    /** The median of {@code steps} timed runs after as many untimed ones (the JIT's warm-up). */
    private static double median(int steps, Runnable step) {
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        long[] nanos = new long[steps];
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            step.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos[steps / 2] / 1e3;
    }

    private static void report(Map<String, Object> json, String name, double[] m) {
        System.out.printf(Locale.ROOT, "%-26s build %8.1f ms   first step %10.1f us   compiled step %9.1f us   CPU step %9.1f us   (CPU/compiled %.2fx)%n",
                name, m[0], m[1], m[2], m[3], m[3] / m[2]);
        json.put(name + "_build_ms", String.format(Locale.ROOT, "%.1f", m[0]));
        json.put(name + "_first_step_us", String.format(Locale.ROOT, "%.1f", m[1]));
        json.put(name + "_compiled_us", String.format(Locale.ROOT, "%.1f", m[2]));
        json.put(name + "_cpu_us", String.format(Locale.ROOT, "%.1f", m[3]));
    }

    private static Data readCsv(Path csv) throws IOException {
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
        return new Data(Tensor.fromArray(xs, n, d), Tensor.of(ys), n);
    }

    /** Logistic-regression data: standard-normal features and weights, labels drawn from the model, seed 0. */
    static Data generated(int n, int d) {
        Rng rng = Rng.seeded(0);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = rng.gaussian() / Math.sqrt(d);
        }
        double[] xs = new double[n * d];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < d; j++) {
                xs[i * d + j] = rng.gaussian();
                dot += xs[i * d + j] * w[j];
            }
            ys[i] = rng.uniform() < 1 / (1 + Math.exp(-dot)) ? 1 : 0;
        }
        return new Data(Tensor.fromArray(xs, n, d), Tensor.of(ys), n);
    }
}
