#!/usr/bin/env bash
# Measures the Pyrite agent's start-up cost: a trivial main without and with
# -javaagent:pyrite-agent.jar, and a main that loads one annotated model class (which is when the
# agent first loads ASM and rewrites). Prints, for each, the median wall time of RUNS runs and
# the spread (fastest and slowest run), after 3 warm-up runs.
#
# Needs the agent jar (mvn -B -ntp -q install -DskipTests; the class path of pyrite-runtime comes
# from Maven, so MAVEN_OPTS=-Dmaven.repo.local=... is honoured). The JDK is JAVA_HOME's when set,
# else the one on the PATH:
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 agent/measure-startup.sh
# AGENT=path/to/pyrite-agent.jar measures another agent jar (an older build, say).
# Uses hyperfine when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-30}
bin=${JAVA_HOME:+$JAVA_HOME/bin/}

agent=${AGENT:-$(ls "$PWD"/agent/target/pyrite-agent-*.jar | grep -v -e original- | head -n 1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/startup"
cat > "$work/src/startup/Hello.java" <<'JAVA'
package startup;
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
cat > "$work/src/startup/OneModel.java" <<'JAVA'
package startup;
import org.pyrite.annotations.Model;
import org.pyrite.annotations.Sample;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;
public class OneModel {
    @Model static Tensor scale(double guess) {
        @Sample Tensor weight = Normal.of(guess, 1.0).sample();
        return weight;
    }
    public static void main(String[] a) { System.out.println(scale(8.5).item()); }
}
JAVA
if ! mvn -B -ntp -q -Dstyle.color=never -pl runtime dependency:build-classpath \
    -Dmdep.outputFile="$work/deps.txt" -Dmdep.includeScope=runtime >"$work/mvn.log" 2>&1; then
    cat "$work/mvn.log" >&2
    exit 1
fi
cp="runtime/target/classes:annotations/target/classes:$(cat "$work/deps.txt")"
"${bin}javac" --release 17 -g -d "$work/classes" -cp "$cp" "$work"/src/startup/*.java
cp="$work/classes:$cp"

# The program must run (and the annotated one be rewritten) before it is timed.
out=$("${bin}java" -javaagent:"$agent"=verbose -cp "$cp" startup.OneModel 2>&1)
if ! grep -q "transformed startup.OneModel" <<<"$out"; then
    echo "the agent did not transform startup.OneModel; its output was:" >&2
    echo "$out" >&2
    exit 1
fi

stats() { # label; reads one time in microseconds per line
    sort -n | awk -v l="$1" '{a[NR]=$1} END {
        m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2
        printf "%-34s median %6.1f ms  (min %6.1f, max %6.1f)\n", l, m/1000, a[1]/1000, a[NR]/1000 }'
}
measure() { # label, command...
    local label=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$work/h.json" "$*" >/dev/null
        python3 -c "import json;[print(round(t*1e6)) for t in json.load(open('$work/h.json'))['results'][0]['times']]" | stats "$label"
    else
        for _ in $(seq 3); do "$@" >/dev/null 2>&1; done
        for _ in $(seq "$RUNS"); do
            s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
        done | stats "$label"
    fi
}
echo "java $("${bin}java" -version 2>&1 | head -n 1), $(nproc) cores, load before $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs each"
measure "trivial main, no agent" "${bin}java" -cp "$cp" startup.Hello
measure "trivial main, -javaagent" "${bin}java" -javaagent:"$agent" -cp "$cp" startup.Hello
measure "one annotated model, no agent" "${bin}java" -cp "$cp" startup.OneModel
measure "one annotated model, -javaagent" "${bin}java" -javaagent:"$agent" -cp "$cp" startup.OneModel
echo "load after $(cut -d' ' -f1-3 /proc/loadavg)"
