#!/usr/bin/env bash
# Compile-time cost of Pyrite's javac plugin and the Maven plugin's instrument time (issue 18).
#
#  1. javac on the examples module's sources, with and without -Xplugin:Pyrite: RUNS runs each,
#     alternating, wall time of each javac process (JVM start included), median with min/max.
#  2. The Maven plugin's instrument goal on N generated annotated classes in a throw-away project:
#     the goal's own time as it logs it, on a first build (rewrites all) and a second (skips all).
#
# Needs the modules installed in the Maven repository MAVEN_OPTS names (mvn install -DskipTests).
# Usage: benchmarks/compiler/measure-compiler.sh [RUNS=10] [N=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-10}
N=${2:-1000}
JAVAC=${JAVAC:-javac}
VERSION=0.1.0-SNAPSHOT
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -B -ntp -q -o -pl examples dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp=$(cat "$work/cp.txt")
pp="compiler/target/pyrite-compiler-$VERSION.jar:agent/target/pyrite-agent-$VERSION.jar"
find examples/src/main/java -name '*.java' > "$work/sources.txt"
echo "== javac on examples/src/main/java ($(wc -l < "$work/sources.txt") files), $RUNS runs each, alternating; load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVAC" -version

# Each run appends "wall_ms cpu_ms" (cpu: user + system of the javac process, the steadier figure on
# a shared machine).
TIMEFORMAT='%R %U %S'
run() {
    local out=$1; shift
    rm -rf "$work/out"
    { time "$JAVAC" "$@" >/dev/null 2>&1; } 2>> "$work/times.raw"
    tail -1 "$work/times.raw" | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' >> "$out"
}
: > "$work/plain.txt"; : > "$work/plugin.txt"; : > "$work/times.raw"
for i in $(seq "$RUNS"); do
    run "$work/plain.txt" -g --release 17 -proc:none -d "$work/out" -cp "$cp" @"$work/sources.txt"
    run "$work/plugin.txt" -g --release 17 -proc:none -d "$work/out" -cp "$cp" -processorpath "$pp" -Xplugin:Pyrite \
        -XDaccessInternalAPI @"$work/sources.txt"
done
# stats FILE COLUMN: median (min-max) of one column
stats() { cut -d' ' -f"$2" "$1" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.0f ms (%d-%d)", m, a[1], a[NR]}'; }
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{a[NR]=$1} END {print NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for col in 1 2; do
    what=$([ "$col" = 1 ] && echo wall || echo cpu)
    echo "javac, $what:                  $(stats "$work/plain.txt" "$col")"
    echo "javac -Xplugin:Pyrite, $what:  $(stats "$work/plugin.txt" "$col")"
    awk -v a="$(median "$work/plain.txt" "$col")" -v b="$(median "$work/plugin.txt" "$col")" \
        'BEGIN {printf "plugin cost (" "'"$what"'" "): %+.1f %% of the median (target <= 10 %%)\n", (b - a) * 100 / a}'
done

echo "== instrument on $N generated classes; load $(cut -d' ' -f1-3 /proc/loadavg)"
proj="$work/gen"
mkdir -p "$proj/src/main/java/gen"
for i in $(seq "$N"); do
    cat > "$proj/src/main/java/gen/Model$i.java" <<JAVA
package gen;

import org.pyrite.annotations.Guide;
import org.pyrite.annotations.Model;
import org.pyrite.annotations.Param;
import org.pyrite.annotations.Sample;
import org.pyrite.annotations.constraints.Positive;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

public final class Model$i {
    @Param Tensor a = Tensor.scalar($i.0);
    @Param(constraint = Positive.class) Tensor b = Tensor.scalar(1.0);

    @Model
    public Tensor scale(double guess) {
        @Sample Tensor weight = Normal.of(guess, 1.0).sample();
        @Sample Tensor measurement = Normal.of(weight, 0.75).sample();
        return measurement;
    }

    @Guide(model = "scale", observed = "measurement")
    public Tensor guide(double guess) {
        @Sample Tensor weight = Normal.of(a, b).sample();
        return weight;
    }
}
JAVA
done
cat > "$proj/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>gen</groupId><artifactId>gen</artifactId><version>1</version>
  <properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <dependencies>
    <dependency><groupId>org.pyrite</groupId><artifactId>pyrite-runtime</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>org.pyrite</groupId><artifactId>pyrite-annotations</artifactId><version>$VERSION</version></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.16.0</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.5.0</version></plugin>
    <plugin><groupId>org.pyrite</groupId><artifactId>pyrite-maven-plugin</artifactId><version>$VERSION</version>
      <executions><execution><goals><goal>instrument</goal></goals></execution></executions></plugin>
  </plugins></build>
</project>
POM
for build in first second; do
    if ! (cd "$proj" && mvn -B -ntp -o process-classes > "$work/mvn-$build.log" 2>&1); then
        tail -40 "$work/mvn-$build.log" >&2
        exit 1
    fi
    echo "$build build: $(grep '\[pyrite\]' "$work/mvn-$build.log")"
done
