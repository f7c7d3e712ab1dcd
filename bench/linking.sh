#!/usr/bin/env bash
# Edition linking speed alone: LinkingBenchmark (one arrival against windows of 1,000 to 10,000
# candidates) in 3 JMH forks, reported as min / median / max with the load average, into
# bench/results/linking-<date>.md. bench/run.sh runs the same benchmark among the others.
set -euo pipefail
cd "$(dirname "$0")/.."
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
mkdir -p bench/results bench/work
./mvnw -q -B -o -DskipTests test-compile
./mvnw -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=bench/work/classpath.txt > /dev/null
CP="target/test-classes:target/classes:$(cat bench/work/classpath.txt)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" org.openjdk.jmh.Main 'org.wiregate.edition.LinkingBenchmark' -f 3 \
    -rf json -rff "bench/results/jmh-linking-$STAMP.json" > "bench/work/linking-$STAMP.log" 2>&1
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
{ echo "Recorded $STAMP on $(nproc) cores ($(uname -m)), java $(java -version 2>&1 | head -1)."; echo;
  python3 bench/linking.py "bench/results/jmh-linking-$STAMP.json" "$LOAD_BEFORE" "$LOAD_AFTER"; } \
    > "bench/results/linking-$STAMP.md"
cat "bench/results/linking-$STAMP.md"
