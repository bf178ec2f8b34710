package org.pyrite.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.pyrite.Pyrite;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Pyro: one SVI step of the VAE on the UCI digits, minibatch 128 (OpenBLAS, one thread, float32):
 * 2,345-3,232 us median. Each invocation steps on the next of 64 random minibatches of the first
 * 1,500 images, drawn once at setup. {@code -p data=PATH} points at {@code digits.csv.gz} when the
 * benchmark does not run from the repository root.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VaeStepBenchmark {
    @Param("../shared/data/uci/digits.csv.gz")
    public String data;

    private SVI<VaeModels.Batch> svi;
    private VaeModels.Batch[] batches;
    private int next;
    private ParamStore.Scope scope;

    @Setup
    public void setup() throws IOException {
        Pyrite.setRngSeed(0);
        Tensor train = VaeModels.digits(Path.of(data), 1500);
        SplittableRandom pick = new SplittableRandom(1);
        batches = new VaeModels.Batch[64];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = new VaeModels.Batch(train.index(0, pick.ints(128, 0, 1500).toArray()), 1500);
        }
        scope = ParamStore.use(new ParamStore());
        VaeModels vae = new VaeModels();
        svi = new SVI<>(vae::model, vae::guide, new Adam(1e-3), new TraceELBO());
    }

    @TearDown
    public void tearDown() {
        scope.close();
    }

    @Benchmark
    public double step() {
        next = (next + 1) % batches.length;
        return svi.step(batches[next]);
    }
}
