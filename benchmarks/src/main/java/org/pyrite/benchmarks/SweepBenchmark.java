package org.pyrite.benchmarks;

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
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * The logistic likelihood's kernels over a sweep of sizes: {@code X w} for an n x 20 design, the
 * Bernoulli-logits log-likelihood, and its gradient in w ({@code X^T} times the score). Run once
 * with {@code -Dpyrite.cpu.threads=1} and once with 2 (benchmarks/run.sh does): the pool splits
 * a kernel only when it pays, so two threads must never be slower than one at any n.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SweepBenchmark {
    private static final int D = 20;

    @Param({"100", "300", "1000", "3000", "10000", "30000", "100000"})
    public int n;

    private Tensor x;
    private Tensor w;
    private Tensor y;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] xs = new double[n * D];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rng.nextGaussian();
        }
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = rng.nextBoolean() ? 1.0 : 0.0;
        }
        double[] ws = new double[D];
        for (int j = 0; j < D; j++) {
            ws[j] = 0.3 * rng.nextGaussian();
        }
        x = Tensor.fromArray(xs, n, D);
        y = Tensor.of(ys);
        w = Tensor.of(ws).requiringGrad();
    }

    @Benchmark
    public Tensor[] likelihoodAndGradient() {
        return Autograd.grad(x.matmul(w).bernoulliLogProb(y).sum(), w);
    }
}
