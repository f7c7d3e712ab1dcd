#!/usr/bin/env bash
# Edition linking speed alone: LinkingBenchmark (one arrival linked through the window index, one
# article leaving and one entering, windows of 1,000 / 10,000 / 20,000 candidates) in 3 JMH forks, reported as min / median / max with the load average, into
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
grep -h '^window [0-9]*:' "bench/work/linking-$STAMP.log" | sort -u > "bench/work/linking-related-$STAMP.txt" || true
# wall-clock on a shared machine mostly measures the other processes: thread CPU per arrival too
java -Xms1g -Xmx1g -cp "$CP" org.wiregate.edition.LinkingCpuTime 1000 10000 20000 2>/dev/null \
    | grep '^cpu ' > "bench/work/linking-cpu-$STAMP.txt"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
{ echo "Recorded $STAMP on $(nproc) cores ($(uname -m)), java $(java -version 2>&1 | head -1)."; echo;
  python3 bench/linking.py "bench/results/jmh-linking-$STAMP.json" "$LOAD_BEFORE" "$LOAD_AFTER";
  echo; echo "Candidates sharing evidence with the arrival (the ones scored):"; echo
  sed 's/^/    /' "bench/work/linking-related-$STAMP.txt"
  echo; echo "Thread CPU per arrival (LinkingCpuTime: 3 runs of 2 s of CPU after a 3-s warm-up, µs):"; echo
  sed 's/^/    /' "bench/work/linking-cpu-$STAMP.txt"; } \
    > "bench/results/linking-$STAMP.md"
cat "bench/results/linking-$STAMP.md"
