#!/usr/bin/env bash
# Edition linking speed alone: LinkingBenchmark (one arrival linked through the window index, one
# article leaving and one entering, windows of 1,000 / 10,000 / 20,000 candidates) in 3 JMH forks, reported as min / median / max with the load average, into
# bench/results/linking-<date>.md; then the live path (LiveLinkingTime: EditionService.link in a running gateway
# against windows of distinct stories (the corpus copied as different stories, DistinctCopies: the headline figure)
# and of the corpus repeated (the worst case) in its store; LIVE_DB=pg for PostgreSQL, LIVE_WINDOWS to change the sizes).
# bench/run.sh runs the JMH benchmark among the others.
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
# the live path: EditionService.link in a gateway on its default store (H2 file) or, with LIVE_DB=pg, PostgreSQL
LIVE_WINDOWS="${LIVE_WINDOWS:-1000 10000 20000}"
LIVE_WORK="bench/work/live-linking-$STAMP"
mkdir -p "$LIVE_WORK"
if [ "${LIVE_DB:-h2}" = pg ]; then
    PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS bench_live_linking CASCADE; CREATE SCHEMA bench_live_linking"
    LIVE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench_live_linking"; LIVE_USER=postgres
else
    LIVE_URL="jdbc:h2:file:$PWD/$LIVE_WORK/wiregate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"; LIVE_USER=sa
fi
: > "bench/work/linking-live-$STAMP.txt"
for COPIES in distinct repeated; do
    if [ "${LIVE_DB:-h2}" = pg ]; then
        PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS bench_live_linking CASCADE; CREATE SCHEMA bench_live_linking"
    else
        rm -rf "$LIVE_WORK" && mkdir -p "$LIVE_WORK"
    fi
    # shellcheck disable=SC2086
    java -Xms1g -Xmx3g -cp "$CP" org.wiregate.edition.LiveLinkingTime "$LIVE_URL" "$LIVE_USER" "" "$COPIES" $LIVE_WINDOWS 2>/dev/null \
        | grep '^live ' >> "bench/work/linking-live-$STAMP.txt"
done
if [ "${LIVE_DB:-h2}" = pg ]; then
    PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA bench_live_linking CASCADE"
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
{ echo "Recorded $STAMP on $(nproc) cores ($(uname -m)), java $(java -version 2>&1 | head -1)."; echo;
  python3 bench/linking.py "bench/results/jmh-linking-$STAMP.json" "$LOAD_BEFORE" "$LOAD_AFTER";
  echo; echo "Candidates sharing evidence with the arrival (the ones scored):"; echo
  sed 's/^/    /' "bench/work/linking-related-$STAMP.txt"
  echo; echo "Thread CPU per arrival (LinkingCpuTime: 3 runs of 2 s of CPU after a 3-s warm-up, µs):"; echo
  sed 's/^/    /' "bench/work/linking-cpu-$STAMP.txt"
  echo; echo "The live path (LiveLinkingTime, ${LIVE_DB:-h2}: EditionService.link in a gateway whose store holds the window; 3 runs of 200 arrivals per window;"
  echo "copies=distinct: the corpus copied as different stories, as a real window holds; copies=repeated: the same stories over and over, the worst case):"; echo
  python3 bench/linking.py --live "bench/work/linking-live-$STAMP.txt"
  echo; echo "Each run:"; echo
  sed 's/^/    /' "bench/work/linking-live-$STAMP.txt"; } \
    > "bench/results/linking-$STAMP.md"
cat "bench/results/linking-$STAMP.md"
