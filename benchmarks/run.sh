#!/usr/bin/env bash
# Builds the benchmark jar, runs the JMH suite with settings sized for a 2-core machine
# (one fork, 3 x 1 s warm-up, 5 x 1 s measurement per benchmark, a fixed 2 GiB heap so the
# young generation does not resize mid-run), measures allocation per SVI step and per importance
# trace with JMH's GC profiler in a separate run, runs the long SVI run for the heap check and the
# cold-start runs in fresh JVMs (cold-start.sh), and writes benchmarks/RESULTS.md (and the chart
# benchmarks/pyrite-vs-pyro.png) beside Pyro's reference figures. About 7 minutes in all.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q -Dstyle.color=never -DskipTests install -pl benchmarks -am
out=benchmarks/target
# Cross-core round trip before and after: the two-thread figures depend on where the VM's cores sit.
java -cp "$out/benchmarks.jar" org.pyrite.benchmarks.CoreLatency > "$out/latency-before.txt"
java -jar "$out/benchmarks.jar" -f 1 -wi 3 -w 1s -i 5 -r 1s -jvmArgsAppend "-Xms2g -Xmx2g" -rf json -rff "$out/jmh.json" | tee "$out/jmh.log"
# Allocation per SVI step from JMH's GC profiler, in a run of its own: with the profiler on, the
# subsampled logistic-regression step measured 34.0 +- 14.2 us against 28.3 +- 0.3 us without it
# (its polling competes with the CPU kernels' helper thread for the two cores).
java -jar "$out/benchmarks.jar" -f 1 -wi 3 -w 1s -i 5 -r 1s -jvmArgsAppend "-Xms2g -Xmx2g" -prof gc -rf json -rff "$out/jmh-gc.json" \
    -p threads=1 -p n=10000 "SviBenchmark|ImportanceBenchmark" | tee "$out/jmh-gc.log"
java -cp "$out/benchmarks.jar" org.pyrite.benchmarks.CoreLatency > "$out/latency-after.txt"
java -Xmx512m -cp "$out/benchmarks.jar" org.pyrite.benchmarks.LongRun 1000000 | tee "$out/longrun.csv"
# NUTS, one chain of 500 warm-up + 1,000 draws, repeated in one JVM until the JIT is warm (a scale-model
# run lasts a few ms, so it takes hundreds); medians of the last 10 runs, and the first run (cold).
for spec in NutsScaleRun:300 NutsLogisticRun:60 NutsEightSchoolsRun:120 NutsBreastCancerRun:30; do
    java -cp "$out/benchmarks.jar" "org.pyrite.benchmarks.${spec%%:*}" "${spec##*:}" | tail -n 1 > "$out/${spec%%:*}.txt"
done
mvn -B -ntp -q -Dstyle.color=never -DskipTests install -pl examples -am
benchmarks/cold-start.sh
python3 benchmarks/report.py "$out/jmh.json" "$out/jmh-gc.json" "$out/longrun.csv" "$out/chart.csv" "$out/latency-before.txt" \
    "$out/latency-after.txt" "$out/coldstart.csv" "$out" > benchmarks/RESULTS.md
java -cp "$out/benchmarks.jar" org.pyrite.benchmarks.ResultsChart "$out/chart.csv" benchmarks/pyrite-vs-pyro.png
echo "wrote benchmarks/RESULTS.md and benchmarks/pyrite-vs-pyro.png"
