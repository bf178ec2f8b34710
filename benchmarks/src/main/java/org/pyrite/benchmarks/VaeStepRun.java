package org.pyrite.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.pyrite.Pyrite;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Times the VAE's SVI step with a full minibatch of 128 (Pyro's baseline: 2.3-3.2 ms median,
 * OpenBLAS, one thread, float32). Runs {@code args[0]} warm-up steps (default 1,000), then
 * {@code args[1]} timed steps (default 2,000), each on a fresh random minibatch of the first 1,500
 * digits, and prints the median, quartiles and process CPU time per step. Run under JFR to see
 * where a step's time goes:
 *
 * <pre>{@code
 * java -XX:StartFlightRecording=filename=vae.jfr,settings=profile \
 *      -cp benchmarks/target/benchmarks.jar org.pyrite.benchmarks.VaeStepRun 1000 3000 ../shared/data/uci/digits.csv.gz
 * }</pre>
 */
public final class VaeStepRun {
    private VaeStepRun() {}

    public static void main(String[] args) throws IOException {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path data = Path.of(args.length > 2 ? args[2] : "../shared/data/uci/digits.csv.gz");
        Pyrite.setRngSeed(0);
        Tensor train = VaeModels.digits(data, 1500);
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            VaeModels vae = new VaeModels();
            SVI<VaeModels.Batch> svi = new SVI<>(vae::model, vae::guide, new Adam(1e-3), new TraceELBO());
            java.util.SplittableRandom pick = new java.util.SplittableRandom(1);
            long[] nanos = new long[timed];
            long cpu0 = 0;
            double loss = 0;
            for (int t = 0; t < warm + timed; t++) {
                if (t == warm) {
                    cpu0 = RunTimes.processCpuNanos();
                }
                int[] idx = pick.ints(128, 0, 1500).toArray();
                VaeModels.Batch b = new VaeModels.Batch(train.index(0, idx), 1500);
                long t0 = System.nanoTime();
                loss = svi.step(b);
                if (t >= warm) {
                    nanos[t - warm] = System.nanoTime() - t0;
                }
            }
            double cpuPerStep = (RunTimes.processCpuNanos() - cpu0) / 1e3 / timed;
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "VAE SVI step, batch 128, %d timed after %d warm-up: median %.0f us, quartiles %.0f-%.0f us,"
                    + " process cpu %.0f us per step; last loss %.1f%n", timed, warm, nanos[timed / 2] / 1e3, nanos[timed / 4] / 1e3,
                    nanos[3 * timed / 4] / 1e3, cpuPerStep, loss);
        }
    }
}
