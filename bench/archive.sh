#!/usr/bin/env bash
# Flat cost with the archive (issue 16): loads generated archives (store.ArchiveLoader: three
# languages, 2,000 tags, editions, kills, embargoes; JDBC batch inserts, not the inbox) into H2 and
# PostgreSQL, then, RUNS times per archive, starts the gateway on it (bench.ArchiveRenders) and times
# RENDERS uncached renders (every kept page dropped before each) of the main feed, a tag feed,
# page 5 and the partner delta, over HTTP and as in-process CPU time. Writes
# bench/results/archive-<date>.md (min/median/max over the runs, load average, largest ÷ smallest).
#
#   bench/archive.sh                      # 10,000 and 1,000,000 articles, H2 and PostgreSQL
#   SIZES="10000 100000" DBS=h2 bench/archive.sh
#   REUSE=1 bench/archive.sh              # keep archives loaded by an earlier run (same sizes)
#
# PostgreSQL: 127.0.0.1:5432, database test, user postgres (PGURL to change); each size has its own
# schema bench_archive_<size>, dropped and loaded again at the start unless REUSE=1.
set -euo pipefail

cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SIZES="${SIZES:-10000 1000000}"
DBS="${DBS:-h2 pg}"
RUNS="${RUNS:-3}"
# 200: the nearest-rank p99 of 50 renders is their maximum, one GC pause or stall; of 200 it is the second largest.
RENDERS="${RENDERS:-200}"
PGURL="${PGURL:-jdbc:postgresql://127.0.0.1:5432/test}"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
WORK=bench/work/archive
REPORT="bench/results/archive-$STAMP.md"
RAW="$WORK/raw-$STAMP-$$.tsv"
mkdir -p "$WORK" bench/results

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== compiling (test-compile)"
    ./mvnw -q -B -DskipTests test-compile
    ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
fi
# a copy of the classes, so a build running meanwhile cannot change what is measured
CLASSES="$WORK/classes-$$"
rm -rf "$CLASSES" && mkdir -p "$CLASSES" && cp -r target/classes "$CLASSES/main" && cp -r target/test-classes "$CLASSES/test"
trap 'rm -rf "$CLASSES"' EXIT
CP="$CLASSES/test:$CLASSES/main:$(cat "$WORK/classpath.txt")"

# H2 with the options of the gateway's default database (application.yaml), so what is measured is
# what a fresh install runs; only the file differs.
H2_OPTIONS="$(sed -n 's/^ *url: jdbc:h2:file:[^;]*\(;.*\)$/\1/p' src/main/resources/application.yaml | head -n 1)"
[ -n "$H2_OPTIONS" ] || { echo "no H2 URL in src/main/resources/application.yaml" >&2; exit 1; }

url_of() { # db size
    if [ "$1" = h2 ]; then
        echo "jdbc:h2:file:$PWD/$WORK/h2-$2/wiregate$H2_OPTIONS"
    else
        echo "$PGURL?currentSchema=bench_archive_$2&reWriteBatchedInserts=true"
    fi
}

: > "$RAW"
: > "$RAW.waits"
for db in $DBS; do
    for size in $SIZES; do
        url="$(url_of "$db" "$size")"
        user=sa
        [ "$db" = pg ] && user=postgres
        if [ "${REUSE:-0}" != 1 ] || { [ "$db" = h2 ] && [ ! -d "$WORK/h2-$size" ]; }; then
            echo "== loading $size articles into $db"
            if [ "$db" = h2 ]; then
                rm -rf "$WORK/h2-$size"
                schema=-
            else
                PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS bench_archive_$size CASCADE"
                schema="bench_archive_$size"
            fi
            "$JAVA" -Xmx2g -Dfile.encoding=UTF-8 -cp "$CP" org.wiregate.store.ArchiveLoader "$url" "$user" "" "$schema" "$size" \
                2>&1 | grep -v ' INFO \| DEBUG ' | tee -a "$WORK/load-$STAMP.log"
        fi
        for run in $(seq 1 "$RUNS"); do
            load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
            echo "== $db, $size articles, run $run (load average $load_before)"
            "$JAVA" -Xmx1g -Dfile.encoding=UTF-8 -cp "$CP" org.wiregate.bench.ArchiveRenders "$url" "$user" "" "$RENDERS" \
                2>/dev/null > "$RAW.run"
            sed -n "s/^# waited \([0-9]*\) ms.*/$db\t$size\t$run\t\1/p" "$RAW.run" >> "$RAW.waits"
            grep -E $'^[a-z0-9]+ /[^\t]*\t' "$RAW.run" \
                | while IFS=$'\t' read -r name p50 p99 max bytes cpu50 cpu99; do
                    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
                        "$db" "$size" "$run" "$name" "$p50" "$p99" "$cpu50" "$cpu99" "$bytes" "$load_before"
                done | tee -a "$RAW"
        done
    done
done

python3 bench/archive_report.py "$RAW" "$REPORT" "$RENDERS" "bench/archive.sh (SIZES=\"$SIZES\" DBS=\"$DBS\" RUNS=$RUNS RENDERS=$RENDERS) on commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ', with uncommitted changes')"
cp "$REPORT" bench/results/archive-latest.md
echo "== $REPORT"
