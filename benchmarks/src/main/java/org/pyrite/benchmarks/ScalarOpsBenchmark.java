package org.pyrite.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * First figures for the tensor layer's scalar fast path: one scalar op, one
 * {@code Normal.logProb}, and the same log-density with its gradient.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScalarOpsBenchmark {
    private Tensor x;
    private Tensor y;
    private Tensor loc;
    private Tensor scale;
    private Normal normal;

    @org.openjdk.jmh.annotations.Setup
    public void setup() {
        x = Tensor.scalar(1.25);
        y = Tensor.scalar(0.5);
        loc = Tensor.scalar(9.0).requiringGrad();
        scale = Tensor.scalar(0.6).requiringGrad();
        normal = Normal.of(8.5, 1.0);
    }

    @Benchmark
    public Tensor scalarAdd() {
        return x.add(y);
    }

    @Benchmark
    public Tensor normalLogProb() {
        return normal.logProb(x);
    }

    @Benchmark
    public Tensor[] normalLogProbWithGradient() {
        Tensor lp = Normal.of(loc, scale).logProb(x);
        return Autograd.grad(lp, loc, scale);
    }
}
