#!/usr/bin/env bash
# The one benchmark command: compiles, runs every JMH benchmark in org.wiregate.bench and writes
# bench/results/jmh-<date>.json (raw JMH), bench/results/<date>.md and bench/results/latest.md.
# Extra arguments go to JMH, e.g. `bench/run.sh -wi 15 -i 10` for a longer run.
set -euo pipefail

cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS=bench/results
WORK=bench/work
JSON="$RESULTS/jmh-$STAMP.json"
REPORT="$RESULTS/$STAMP.md"
mkdir -p "$RESULTS" "$WORK"

echo "== compiling (test-compile)"
./mvnw -q -B -DskipTests test-compile

echo "== resolving the test classpath"
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"

echo "== running JMH (about 6½ minutes); log in $WORK/jmh-$STAMP.log"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main 'org.wiregate.bench.*' -rf json -rff "$JSON" "$@" \
    2>&1 | tee "$WORK/jmh-$STAMP.log"

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"

echo "== measuring rendered page sizes"
if ! "$JAVA" -Dfile.encoding=UTF-8 -cp "$CP" org.wiregate.bench.RenderSizes \
        > "$WORK/sizes-$STAMP.json" 2> "$WORK/sizes-$STAMP.log"; then
    echo "warning: page sizes not measured, see $WORK/sizes-$STAMP.log" >&2
    : > "$WORK/sizes-$STAMP.json"
fi

echo "== writing $REPORT"
python3 bench/report.py --json "$JSON" --out "$REPORT" --date "$STAMP" --java "$JAVA" \
    --sizes "$WORK/sizes-$STAMP.json" --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" \
    --command "bench/run.sh${*:+ $*}"
echo "== edition linking against windows of 1,000 to 10,000 candidates (about 1 minute)"
LINKING_JSON="$RESULTS/jmh-linking-$STAMP.json"
if "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'org.wiregate.edition.LinkingBenchmark' -rf json -rff "$LINKING_JSON" \
        > "$WORK/linking-$STAMP.log" 2>&1; then
    { echo; python3 bench/linking.py "$LINKING_JSON" "$LOAD_BEFORE" "$LOAD_AFTER"; } >> "$REPORT"
else
    echo "warning: linking benchmark failed, see $WORK/linking-$STAMP.log" >&2
fi

echo "== draining a 10,000-item backlog through the whole gateway (about 1 minute)"
if "$JAVA" -Xms1g -Xmx1g -Dfile.encoding=UTF-8 -cp "$CP" org.wiregate.bench.BacklogDrain "$WORK/backlog-$STAMP.md" \
        > "$WORK/backlog-$STAMP.log" 2>&1; then
    { echo; cat "$WORK/backlog-$STAMP.md"; } >> "$REPORT"
else
    echo "warning: backlog drain failed, see $WORK/backlog-$STAMP.log" >&2
    { echo; echo "## Backlog drain"; echo; echo "FAILED: see bench/work/backlog-$STAMP.log"; } >> "$REPORT"
fi
cp "$REPORT" "$RESULTS/latest.md"
echo "== done: $REPORT (also $RESULTS/latest.md), raw $JSON"
