package org.pyrite.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.pyrite.Pyrite;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensorflow.CompiledSVI;

/**
 * Native memory over many compiled steps of the scale model: the resident set size (VmRSS of
 * /proc/self/status) sampled every tenth of the run, after a warm-up of 5 % of the steps; prints
 * each sample and the growth from the first sample to the last. The bound: under 5 % over
 * 1,000,000 steps. Arguments: {@code [steps]} (default 1,000,000). Run with
 * {@code benchmarks/run-tensorflow.sh soak [steps]}.
 */
public final class CompiledSoak {
    private CompiledSoak() {}

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Pyrite.setRngSeed(0);
        try (ParamStore.Scope s = ParamStore.use(new ParamStore());
             CompiledSVI<Double> svi = CompiledSVI.compile(ScaleModels.CONDITIONED, ScaleModels::guide, new Adam(0.01), new TraceELBO(),
                     ScaleModels.GUESS)) {
            svi.run(steps / 20, ScaleModels.GUESS);
            long first = rssKb();
            long start = System.nanoTime();
            System.out.printf(Locale.ROOT, "after %,d warm-up steps: RSS %,d kB%n", steps / 20, first);
            long last = first;
            for (int k = 1; k <= 10; k++) {
                svi.run(steps / 10, ScaleModels.GUESS);
                last = rssKb();
                System.out.printf(Locale.ROOT, "%,9d steps: RSS %,d kB (%+.2f %%)%n", k * (steps / 10), last, 100.0 * (last - first) / first);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "{\"steps\": %d, \"rss_first_kb\": %d, \"rss_last_kb\": %d, \"rss_growth_percent\": %.3f,"
                    + " \"us_per_step\": %.1f}%n", steps, first, last, 100.0 * (last - first) / first, seconds * 1e6 / steps);
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status: the soak needs Linux");
    }
}
