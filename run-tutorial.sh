#!/usr/bin/env bash
# Builds Pyrite and runs the seed tutorial (org.pyrite.examples.Tutorial).
# Arguments are passed on to the tutorial's main method.
set -euo pipefail

cd "$(dirname "$0")"

# exec:java takes the program's arguments as one string, split on spaces, where "..." or
# '...' keep spaces (there is no backslash escape): quote each argument with a quote
# character it does not contain.
args=()
for arg in "$@"; do
    if [[ $arg != *\"* ]]; then
        args+=("\"$arg\"")
    elif [[ $arg != *\'* ]]; then
        args+=("'$arg'")
    else
        echo "run-tutorial.sh: an argument cannot hold both ' and \": $arg" >&2
        exit 2
    fi
done

mvn -B -ntp -q -Dstyle.color=never install -DskipTests

mvn -B -ntp -q -Dstyle.color=never -pl examples exec:java \
    -Dexec.mainClass=org.pyrite.examples.Tutorial \
    -Dexec.args="${args[*]:-}"
