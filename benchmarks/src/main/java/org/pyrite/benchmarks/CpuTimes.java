package org.pyrite.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link KernelBenchmark}'s single-thread kernels and the logistic-regression SVI steps timed in
 * this thread's CPU time rather than wall time: on a machine shared with other busy processes
 * (five builders on two cores while this work was measured), wall-clock figures mostly measure
 * the scheduler, while CPU time still compares two implementations on one core. Caches are shared
 * with the other processes all the same, so these figures are an upper bound of a quiet machine's.
 * Run with {@code -Dpyrite.cpu.threads=1}, with and without {@code --add-modules
 * jdk.incubator.vector}, one case per JVM ({@code benchmarks/cpu-times.sh}): in one JVM running
 * them all, a busy machine's JIT compiler fell so far behind that later cases ran for seconds in
 * the interpreter. Prints one line per case: the median over rounds of CPU microseconds per call,
 * and the lowest round. An argument names the one case to run.
 */
public final class CpuTimes {
    private CpuTimes() {}

    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        KernelBenchmark k = new KernelBenchmark();
        k.setup();
        LogisticRegressionBenchmark lr = new LogisticRegressionBenchmark();
        lr.setup();
        Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
        cases.put("exp 10k", k::exp);
        cases.put("log 10k", k::log);
        cases.put("abs-exp-log1p 10k", k::log1pOfExp);
        cases.put("softplus 10k", k::softplus);
        cases.put("sigmoid 10k", k::sigmoid);
        cases.put("bernoulli 10k", k::bernoulliLogProb);
        cases.put("bernoulli+grad 10k", k::bernoulliLogProbAndGrad);
        cases.put("sum 10k", k::sum);
        cases.put("matvec 10000x20", k::matvec);
        cases.put("matvec+transposed 10000x20", k::matvecAndTransposed);
        cases.put("picked 1000 rows matvec+transposed", k::pickedRowsMatvecAndTransposed);
        cases.put("netlib matvec 10000x20", k::netlibMatvec);
        cases.put("netlib matvec+transposed 10000x20", k::netlibMatvecAndTransposed);
        cases.put("layer 128x400x400 forward", k::layerForward);
        cases.put("layer 128x400x400 forward+backward", k::layerForwardBackward);
        cases.put("netlib layer forward", k::netlibLayerForward);
        cases.put("logreg step full batch", lr::fullBatch);
        cases.put("logreg step subsample 1000", lr::subsample);
        String only = args.length > 0 ? args[0] : "";
        if (args.length > 0 && args[0].equals("--list")) {
            cases.keySet().forEach(System.out::println);
            return;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Map.Entry<String, Supplier<Object>> e : cases.entrySet()) {
            if (!only.isEmpty() && !e.getKey().equals(only)) {
                continue;
            }
            Supplier<Object> f = e.getValue();
            // Calls per round: about 20 ms of work.
            long t0 = mx.getCurrentThreadCpuTime();
            int calls = 0;
            while (mx.getCurrentThreadCpuTime() - t0 < 20_000_000L) {
                sink = f.get();
                calls++;
            }
            // Warm-up of at least 100 rounds (2 s of CPU): the Vector API kernels run a hundred times
            // slower until C2 has compiled them, and a busy machine's compiler threads are slow to.
            double[] rounds = new double[30];
            for (int r = -100; r < rounds.length; r++) {
                long start = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    sink = f.get();
                }
                if (r >= 0) {
                    rounds[r] = (mx.getCurrentThreadCpuTime() - start) / 1e3 / calls;
                }
            }
            Arrays.sort(rounds);
            System.out.printf("%-40s %10.2f us CPU (lowest %.2f)%n", e.getKey(), rounds[rounds.length / 2], rounds[0]);
        }
        lr.tearDown();
    }
}
