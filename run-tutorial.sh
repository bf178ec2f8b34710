#!/usr/bin/env bash
# Builds Pyrite (tests skipped) and runs the seed tutorial, org.pyrite.examples.Tutorial.
# Arguments are passed on to the tutorial: an output folder for the plots (default
# pyrite-output/tutorial). The program runs on its own JVM, so its JSON line is the last line.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -ntp -q -Dstyle.color=never install -DskipTests
mvn -B -ntp -q -Dstyle.color=never -pl examples dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" org.pyrite.examples.Tutorial "$@"
