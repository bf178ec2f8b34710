#!/usr/bin/env bash
# Measures the Pyrite agent's start-up cost: a trivial main without and with
# -javaagent:pyrite-agent.jar, and a main that loads one annotated model class (which is when the
# agent first loads ByteBuddy and ASM). Prints the median wall time of RUNS runs of each.
# Needs the agent jar (mvn -B -ntp -q install -DskipTests) and uses hyperfine when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-30}

agent=$(ls "$PWD"/agent/target/pyrite-agent-*.jar | grep -v -e original- | head -n 1)
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
cp="runtime/target/classes:annotations/target/classes:$(find ~/.m2/repository/org/apache/commons \
    -name 'commons-rng-*-1.7.jar' -o -name 'commons-numbers-*-1.3.jar' | tr '\n' ':')"
javac -d "$work/classes" -cp "$cp" "$work"/src/startup/*.java
cp="$work/classes:$cp"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # label, command...
    local label=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$work/h.json" "$*" >/dev/null
        python3 -c "import json;print('%-34s median %6.1f ms' % ('$label', json.load(open('$work/h.json'))['results'][0]['median']*1000))"
    else
        for _ in $(seq 3); do "$@" >/dev/null 2>&1; done
        for _ in $(seq "$RUNS"); do
            s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
        done | median | awk -v l="$label" '{printf "%-34s median %6.1f ms\n", l, $1/1000}'
    fi
}
echo "java $(java -version 2>&1 | head -n 1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs each"
measure "trivial main, no agent" java -cp "$cp" startup.Hello
measure "trivial main, -javaagent" java -javaagent:"$agent" -cp "$cp" startup.Hello
measure "one annotated model, no agent" java -cp "$cp" startup.OneModel
measure "one annotated model, -javaagent" java -javaagent:"$agent" -cp "$cp" startup.OneModel
