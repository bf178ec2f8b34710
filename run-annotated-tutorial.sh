#!/usr/bin/env bash
# Builds Pyrite (with the agent jar, tests skipped) and runs the annotated tutorial
# (org.pyrite.examples.AnnotatedTutorial) under the agent:
#   java -javaagent:agent/target/pyrite-agent-VERSION.jar -cp <examples' class path> org.pyrite.examples.AnnotatedTutorial
# Arguments are passed on to the tutorial (an output folder for the plots).
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -ntp -q -Dstyle.color=never install -DskipTests
mvn -B -ntp -q -Dstyle.color=never -pl examples dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
agent=$(ls agent/target/pyrite-agent-*.jar | grep -v -e original- -e sources -e javadoc | head -n 1)
exec java -javaagent:"$PWD/$agent" -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
    org.pyrite.examples.AnnotatedTutorial "$@"
