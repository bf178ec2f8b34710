package org.pyrite.benchmarks;

import dev.ludovic.netlib.blas.BLAS;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * The CPU kernels one at a time, through the public tensor API, beside the netlib BLAS that Spark
 * uses ({@code dev.ludovic.netlib:blas}: its pure-Java or Vector API implementation, or a native
 * BLAS when one loads) on the same arrays. Run it with {@code -Dpyrite.cpu.threads=1} to time one
 * core, and with and without {@code --add-modules jdk.incubator.vector} to compare the scalar and
 * vector kernels (benchmarks/run-kernels.sh does both).
 *
 * <p>Sizes: the logistic-regression design (10,000 x 20, and 1,000 rows picked from it), a
 * neural-network layer (a batch of 128 through 400 x 400 weights, forward and backward), and one
 * kernel on 25 values, where what surrounds the loop costs more than the loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBenchmark {
    private static final int N = 10_000;
    private static final int D = 20;
    private static final int BATCH = 128;
    private static final int HIDDEN = 400;
    /** A group's rows in {@code ManyModels}: a kernel this small is all fixed costs. */
    private static final int SMALL = 25;

    private double[] xs;
    private double[] ws;
    private double[] gs;
    private double[] out;
    private Tensor x;
    private Tensor w;
    private Tensor z;
    private Tensor labels;
    private Tensor picked;
    private Tensor gradOut;
    private Tensor layerIn;
    private Tensor layerW;
    private Tensor layerSeed;
    private Tensor small;
    private double[] layerInArr;
    private double[] layerWArr;
    private double[] layerOutArr;
    private BLAS blas;

    private static double[] random(SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        return a;
    }

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(1);
        xs = random(rng, N * D);
        ws = random(rng, D);
        gs = random(rng, N);
        out = new double[N];
        x = Tensor.fromArray(xs, N, D);
        w = Tensor.of(ws).requiringGrad();
        z = Tensor.of(random(rng, N)).mul(4.0);
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = rng.nextBoolean() ? 1.0 : 0.0;
        }
        labels = Tensor.of(y);
        int[] rows = new int[1000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * 10;
        }
        picked = x.index(0, rows);
        gradOut = Tensor.of(gs);
        layerInArr = random(rng, BATCH * HIDDEN);
        layerWArr = random(rng, HIDDEN * HIDDEN);
        layerOutArr = new double[BATCH * HIDDEN];
        layerIn = Tensor.fromArray(layerInArr, BATCH, HIDDEN).requiringGrad();
        layerW = Tensor.fromArray(layerWArr, HIDDEN, HIDDEN).requiringGrad();
        layerSeed = Tensor.fromArray(random(rng, BATCH * HIDDEN), BATCH, HIDDEN);
        small = Tensor.of(random(rng, SMALL));
        blas = BLAS.getInstance();
        System.out.println("# netlib BLAS implementation: " + blas.getClass().getName());
    }

    @Benchmark
    public Tensor exp() {
        return z.exp();
    }

    @Benchmark
    public Tensor expOf25() {
        return small.exp();
    }

    /** Four element-wise ops in a row; log1p's inputs are e^|z|, at least 1: outside the [0, 1] that softplus uses. */
    @Benchmark
    public Tensor log1pOfExp() {
        return z.neg().abs().exp().log1p();
    }

    @Benchmark
    public Tensor log() {
        return z.abs().log();
    }

    @Benchmark
    public Tensor softplus() {
        return z.softplus();
    }

    @Benchmark
    public Tensor sigmoid() {
        return z.sigmoid();
    }

    @Benchmark
    public Tensor bernoulliLogProb() {
        return z.bernoulliLogProb(labels);
    }

    /** The likelihood with its gradient: the fused kernel computes the score too. */
    @Benchmark
    public Tensor[] bernoulliLogProbAndGrad() {
        Tensor logits = z.requiringGrad();
        return Autograd.grad(logits.bernoulliLogProb(labels).sum(), logits);
    }

    @Benchmark
    public double sum() {
        return z.sum().item();
    }

    @Benchmark
    public Tensor matvec() {
        return x.matmul(w);
    }

    /** X w forward and X^T g backward. */
    @Benchmark
    public Tensor[] matvecAndTransposed() {
        return Autograd.grad(x.matmul(w), gradOut, false, w);
    }

    @Benchmark
    public Tensor[] pickedRowsMatvecAndTransposed() {
        return Autograd.grad(picked.matmul(w), gradOut.slice(0, 0, 1000), false, w);
    }

    @Benchmark
    public double[] netlibMatvec() {
        // Row-major X [N, D] is column-major X^T [D, N]: X w = (X^T)^T w.
        blas.dgemv("T", D, N, 1.0, xs, D, ws, 1, 0.0, out, 1);
        return out;
    }

    @Benchmark
    public double[] netlibMatvecAndTransposed() {
        blas.dgemv("T", D, N, 1.0, xs, D, ws, 1, 0.0, out, 1);
        double[] g = new double[D];
        blas.dgemv("N", D, N, 1.0, xs, D, gs, 1, 0.0, g, 1);
        return g;
    }

    @Benchmark
    public Tensor layerForward() {
        return layerIn.matmul(layerW);
    }

    /** h = x W, then both gradients: g W^T (A B^T) and x^T g (A^T B). */
    @Benchmark
    public Tensor[] layerForwardBackward() {
        return Autograd.grad(layerIn.matmul(layerW), layerSeed, false, layerIn, layerW);
    }

    @Benchmark
    public double[] netlibLayerForward() {
        // Row-major C = A B is column-major C^T = B^T A^T.
        blas.dgemm("N", "N", HIDDEN, BATCH, HIDDEN, 1.0, layerWArr, HIDDEN, layerInArr, HIDDEN, 0.0, layerOutArr, HIDDEN);
        return layerOutArr;
    }
}
