package org.pyrite.benchmarks;

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
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;

/** Pyro: one SVI step on the conditioned scale model, Trace_ELBO, Adam lr 0.01: 552 us. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SviBenchmark {
    private SVI<Double> svi;
    private ParamStore.Scope scope;

    @Setup
    public void setup() {
        Pyrite.setRngSeed(0);
        scope = ParamStore.use(new ParamStore());
        svi = new SVI<>(ScaleModels.CONDITIONED, ScaleModels::guide, new Adam(0.01), new TraceELBO());
    }

    @TearDown
    public void tearDown() {
        scope.close();
    }

    @Benchmark
    public double step() {
        return svi.step(ScaleModels.GUESS);
    }
}
