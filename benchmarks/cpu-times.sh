#!/usr/bin/env bash
# CpuTimes, one case per fresh JVM, on one thread, with the scalar and then the Vector API kernels:
# CPU time rather than wall time, for a machine shared with other busy processes. Needs the
# benchmark jar (benchmarks/run.sh, or mvn -pl benchmarks -am install). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${JAR:-benchmarks/target/benchmarks.jar}
run() { java -Dpyrite.cpu.threads=1 -Xms1g -Xmx1g "$@" -cp "$jar" org.pyrite.benchmarks.CpuTimes "$case" 2>/dev/null | grep ' us CPU' | sed 's/.* \([0-9.]*\) us CPU.*/\1/'; }
echo "| case | scalar (us CPU) | vector (us CPU) |"
echo "|---|---|---|"
java -cp "$jar" org.pyrite.benchmarks.CpuTimes --list 2>/dev/null | grep -v "^#" | while IFS= read -r case; do
    echo "| $case | $(run) | $(run --add-modules jdk.incubator.vector) |"
done
