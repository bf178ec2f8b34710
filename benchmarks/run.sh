#!/usr/bin/env bash
# Builds the benchmark jar, runs the JMH suite with settings sized for a 2-core machine
# (one fork, 5 x 1 s warm-up, 5 x 1 s measurement per benchmark, a fixed, pre-touched 2 GiB heap
# so the young generation does not resize or fault pages in mid-run), then the logistic-regression
# and SVI steps again on one thread and with the Vector API kernels, the one-vs-two-thread sweeps
# and the kernels one at a time (simd-report.py), measures allocation per SVI step and per importance
# trace with JMH's GC profiler in a separate run, runs the long SVI run for the heap check and the
# cold-start runs in fresh JVMs (cold-start.sh), and writes benchmarks/RESULTS.md (and the chart
# benchmarks/pyrite-vs-pyro.png) beside Pyro's reference figures, with the SIMD and threading
# tables (simd-report.py) and the newer floors' sections (sections.py), compiled TensorFlow steps
# included (run-tensorflow.sh). About 35 minutes in all.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q -Dstyle.color=never -DskipTests install -pl benchmarks -am
out=benchmarks/target
# Cross-core round trip before and after: the two-thread figures depend on where the VM's cores sit.
java -cp "$out/benchmarks.jar" org.pyrite.benchmarks.CoreLatency > "$out/latency-before.txt"
# Steady state before measuring: the heap pre-touched (a fresh heap's first touches made the first
# iterations of the full-batch step 3x slower) and five warm-up seconds, so the first and last
# measured iterations agree within 10 % (simd-report.py checks every run).
jmh=(java -jar "$out/benchmarks.jar" -f 1 -wi 5 -w 1s -i 5 -r 1s)
heap="-Xms2g -Xmx2g -XX:+AlwaysPreTouch"
vector="--add-modules jdk.incubator.vector"
"${jmh[@]}" -jvmArgsAppend "$heap" -e 'SweepBenchmark|KernelBenchmark' -rf json -rff "$out/jmh.json" | tee "$out/jmh.log"
# The same steps on one thread, and with the Vector API kernels on one and two threads.
main='LogisticRegressionBenchmark|SviBenchmark'
"${jmh[@]}" -jvmArgsAppend "$heap -Dpyrite.cpu.threads=1" -rf json -rff "$out/jmh-1t.json" "$main" | tee "$out/jmh-1t.log"
"${jmh[@]}" -jvmArgsAppend "$heap $vector" -rf json -rff "$out/jmh-vector.json" "$main" | tee "$out/jmh-vector.log"
"${jmh[@]}" -jvmArgsAppend "$heap $vector -Dpyrite.cpu.threads=1" -rf json -rff "$out/jmh-vector-1t.json" "$main" | tee "$out/jmh-vector-1t.log"
# Two threads against one over a sweep of sizes: the kernels' (scalar and vector) and importance's.
for t in 1 2; do
    "${jmh[@]}" -jvmArgsAppend "$heap -Dpyrite.cpu.threads=$t" -rf json -rff "$out/jmh-sweep-$t.json" SweepBenchmark | tee "$out/jmh-sweep-$t.log"
    "${jmh[@]}" -jvmArgsAppend "$heap $vector -Dpyrite.cpu.threads=$t" -rf json -rff "$out/jmh-sweep-vector-$t.json" SweepBenchmark \
        | tee "$out/jmh-sweep-vector-$t.log"
done
"${jmh[@]}" -jvmArgsAppend "$heap" -p n=10,100,300,1000,3000,10000 -rf json -rff "$out/jmh-importance-sweep.json" ImportanceBenchmark \
    | tee "$out/jmh-importance-sweep.log"
# The kernels one at a time on one thread, scalar and vector, beside netlib's BLAS.
"${jmh[@]}" -jvmArgsAppend "$heap -Dpyrite.cpu.threads=1" -rf json -rff "$out/jmh-kernels-scalar.json" KernelBenchmark \
    | tee "$out/jmh-kernels-scalar.log"
"${jmh[@]}" -jvmArgsAppend "$heap $vector -Dpyrite.cpu.threads=1" -rf json -rff "$out/jmh-kernels-vector.json" KernelBenchmark \
    | tee "$out/jmh-kernels-vector.log"
# Allocation per SVI step from JMH's GC profiler, in a run of its own: with the profiler on, the
# subsampled logistic-regression step measured 34.0 +- 14.2 us against 28.3 +- 0.3 us without it
# (its polling competes with the CPU kernels' helper thread for the two cores).
"${jmh[@]}" -jvmArgsAppend "$heap" -prof gc -rf json -rff "$out/jmh-gc.json" \
    -p threads=1 -p n=10000 "SviBenchmark|ImportanceBenchmark" | tee "$out/jmh-gc.log"
java -cp "$out/benchmarks.jar" org.pyrite.benchmarks.CoreLatency > "$out/latency-after.txt"
java -Xmx512m -cp "$out/benchmarks.jar" org.pyrite.benchmarks.LongRun 1000000 | tee "$out/longrun.csv"
# NUTS, one chain of 500 warm-up + 1,000 draws, repeated in one JVM until the JIT is warm (a scale-model
# run lasts a few ms, so it takes hundreds); medians of the last 10 runs, and the first run (cold).
for spec in NutsScaleRun:300 NutsLogisticRun:60 NutsEightSchoolsRun:120 NutsBreastCancerRun:30; do
    java -cp "$out/benchmarks.jar" "org.pyrite.benchmarks.${spec%%:*}" "${spec##*:}" | tail -n 1 > "$out/${spec%%:*}.txt"
done
# Discrete latents (the mixture and the HMM beside Pyro's steps) and the VAE step, scalar and vector kernels.
java -cp "$out/benchmarks.jar" org.pyrite.benchmarks.EnumStepRun > "$out/EnumStepRun.txt"
java -cp "$out/benchmarks.jar" org.pyrite.benchmarks.VaeStepRun 1000 2000 > "$out/VaeStepRun.txt"
java $vector -cp "$out/benchmarks.jar" org.pyrite.benchmarks.VaeStepRun 1000 2000 > "$out/VaeStepRun-vector.txt" 2>/dev/null
# Compiled (TensorFlow, CPU build) SVI steps beside the CPU backend's: the small workloads, then the large one
# (100,000 x 200, fewer steps: its CPU step alone takes tens of milliseconds).
benchmarks/run-tensorflow.sh 2000 scale logreg logreg_sub vae > "$out/CompiledStepRun.txt"
benchmarks/run-tensorflow.sh 100 logreg_large >> "$out/CompiledStepRun.txt"
mvn -B -ntp -q -Dstyle.color=never -DskipTests install -pl examples -am
benchmarks/cold-start.sh
python3 benchmarks/report.py "$out/jmh.json" "$out/jmh-gc.json" "$out/longrun.csv" "$out/chart.csv" "$out/latency-before.txt" \
    "$out/latency-after.txt" "$out/coldstart.csv" "$out" > benchmarks/RESULTS.md
java -cp "$out/benchmarks.jar" org.pyrite.benchmarks.ResultsChart "$out/chart.csv" benchmarks/pyrite-vs-pyro.png
python3 benchmarks/simd-report.py "$out" > "$out/simd-report.md"
{ echo; cat "$out/simd-report.md"; python3 benchmarks/sections.py "$out"; } >> benchmarks/RESULTS.md
echo "wrote benchmarks/RESULTS.md and benchmarks/pyrite-vs-pyro.png"
