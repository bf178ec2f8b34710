package org.pyrite.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pyrite.Pyrite;
import org.pyrite.infer.Importance;
import org.pyrite.infer.TracePosterior;
import org.pyrite.tensor.Tensor;

/**
 * Pyro: {@code Importance(conditioned scale, N).run(8.5)}: N = 1,000 in 0.275 s (3,635 traces/s);
 * N = 10,000 in 3.14 s (3,183 traces/s). Reported here as milliseconds per run; traces per
 * second = N / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ImportanceBenchmark {
    @Param({"1000", "10000"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private Importance<Double, Tensor> importance;

    @Setup
    public void setup() {
        Pyrite.setRngSeed(0);
        importance = new Importance<>(ScaleModels.CONDITIONED, n).parallelism(threads);
    }

    @Benchmark
    public TracePosterior run() {
        return importance.run(ScaleModels.GUESS);
    }
}
