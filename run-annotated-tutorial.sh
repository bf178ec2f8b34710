#!/usr/bin/env bash
# Builds Pyrite (with the agent jar) and runs the annotated tutorial
# (org.pyrite.examples.AnnotatedTutorial) under the agent:
#   java -javaagent:agent/target/pyrite-agent-VERSION.jar -cp <examples' class path> org.pyrite.examples.AnnotatedTutorial
# Arguments are passed on to the tutorial's main method (an output folder for the plots).
set -euo pipefail

cd "$(dirname "$0")"

# exec:exec takes the command line as one string, split on spaces, where "..." or '...' keep
# spaces: quote each argument with a quote character it does not contain.
args=()
for arg in "$@"; do
    if [[ $arg != *\"* ]]; then
        args+=("\"$arg\"")
    elif [[ $arg != *\'* ]]; then
        args+=("'$arg'")
    else
        echo "run-annotated-tutorial.sh: an argument cannot hold both ' and \": $arg" >&2
        exit 2
    fi
done

mvn -B -ntp -q -Dstyle.color=never install -DskipTests

agent=$(ls agent/target/pyrite-agent-*.jar | grep -v -e original- -e sources -e javadoc | head -n 1)

mvn -B -ntp -q -Dstyle.color=never -pl examples exec:exec \
    -Dexec.executable=java \
    -Dexec.workingdir="$PWD" \
    -Dexec.args="-javaagent:\"$PWD/$agent\" -cp %classpath org.pyrite.examples.AnnotatedTutorial ${args[*]:-}"
