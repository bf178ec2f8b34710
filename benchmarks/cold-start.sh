#!/usr/bin/env bash
# What a user's program costs in a fresh JVM, under the JVM settings the README discusses: for
# each setting, REPS fresh JVMs of each of
#   - ColdStart importance: rounds of 10,000-sample importance runs for 6 s (first round, steady round,
#     seconds until a round ran within 1.5x of steady),
#   - ColdStart svi: blocks of 2,000 SVI steps for 6 s (same figures),
#   - the seed tutorial, every cell (its own "seconds" and the JVM's wall time).
# Writes benchmarks/target/coldstart.csv (config,flags,mode,first_ms,steady_ms,settled_s,wall_s), which
# report.py turns into RESULTS.md's cold-start section. Needs the benchmark jar and the examples
# (benchmarks/run.sh builds both).
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-3}
out=benchmarks/target/coldstart.csv
jar=benchmarks/target/benchmarks.jar
mvn -B -ntp -q -Dstyle.color=never -pl examples dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
tutorial_cp="examples/target/classes:$(cat examples/target/classpath.txt)"
plots=$(mktemp -d)
trap 'rm -rf "$plots"' EXIT

configs=(
  "default|"
  "huge pages|-XX:+UseTransparentHugePages"
  "a pre-touched 2 GiB heap|-Xms2g -XX:+AlwaysPreTouch"
  "huge pages and a pre-touched 2 GiB heap|-XX:+UseTransparentHugePages -Xms2g -XX:+AlwaysPreTouch"
)
echo "config,flags,mode,first_ms,steady_ms,settled_s,wall_s" > "$out"
for entry in "${configs[@]}"; do
  name=${entry%%|*}
  flags=${entry#*|}
  for rep in $(seq "$REPS"); do
    for mode in importance svi; do
      t0=$(date +%s%N)
      # shellcheck disable=SC2086
      line=$(java $flags -cp "$jar" org.pyrite.benchmarks.ColdStart "$mode")
      t1=$(date +%s%N)
      IFS=, read -r _ first steady settled _ <<< "$line"
      echo "$name,$flags,$mode,$first,$steady,$settled,$(awk "BEGIN {printf \"%.3f\", ($t1 - $t0) / 1e9}")" >> "$out"
    done
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    json=$(java $flags -cp "$tutorial_cp" org.pyrite.examples.Tutorial "$plots" | tail -n 1)
    t1=$(date +%s%N)
    seconds=$(sed -E 's/.*"seconds": ([0-9.]+).*/\1/' <<< "$json")
    echo "$name,$flags,tutorial,$(python3 -c "print(f'{$seconds * 1000:.3f}')"),,,$(awk "BEGIN {printf \"%.3f\", ($t1 - $t0) / 1e9}")" >> "$out"
  done
  echo "cold start: $name done" >&2
done
echo "wrote $out" >&2
