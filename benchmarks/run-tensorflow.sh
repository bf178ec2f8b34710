#!/usr/bin/env bash
# Compiled (TensorFlow) SVI steps beside CPU steps: CompiledStepRun [steps] [workload...], or
# "soak [steps]" for CompiledSoak (resident set size over compiled steps of the scale model).
# Run from the repository root after `mvn install -DskipTests`; not part of the JMH jar.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -Dstyle.color=never -pl benchmarks dependency:build-classpath \
    -Dmdep.outputFile=target/tf-classpath.txt -Dmdep.includeScope=runtime >/dev/null
cp="benchmarks/target/classes:$(cat benchmarks/target/tf-classpath.txt)"
if [ "${1:-}" = soak ]; then
    shift
    exec java -cp "$cp" org.pyrite.benchmarks.CompiledSoak "$@"
fi
exec java -cp "$cp" org.pyrite.benchmarks.CompiledStepRun "$@"
