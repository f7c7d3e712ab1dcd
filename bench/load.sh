#!/usr/bin/env bash
# Load held (issue 12 part 8): wrk with 64 connections for 60 s across the whole public feed
# catalogue of a running gateway while a 10,000-item backlog ingests. Counts the answers (200, 304,
# anything else), reports wrk's latency distribution, the items ingested during the run and whether
# the backlog finished; three runs, each on a fresh gateway, min/median/max. Writes
# bench/results/load-<date>.md and bench/results/load-latest.md; logs in bench/work/load-<date>/.
# Exits 1 if any answer was other than 200/304 (or a request got no answer), listing the URLs.
# Needs root the first time (it installs wrk with apt-get when it is missing). See bench/README.md.
#
# Environment: LOAD_DURATION (default 60s), LOAD_CONNECTIONS (64), LOAD_THREADS (2), LOAD_RUNS (3),
# LOAD_BACKLOG (10000 items), LOAD_SEED (400 items ingested before the run, so feeds have pages 2+),
# LOAD_GZIP_SHARE (0.7), LOAD_CONDITIONAL_SHARE (0.5), LOAD_TIMEOUT (wrk's, 30s), LOAD_HEAP (-Xmx, 1g),
# LOAD_REBUILD=1 to rebuild the jar even when one exists; LOAD_EXCLUDE, an extended regex of catalogue
# lines (path, kind) to leave out, for a diagnostic (e.g. LOAD_EXCLUDE='OPML|sitemap|catalogue page|front page').
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

DURATION="${LOAD_DURATION:-60s}"
CONNECTIONS="${LOAD_CONNECTIONS:-64}"
THREADS="${LOAD_THREADS:-2}"
RUNS="${LOAD_RUNS:-3}"
BACKLOG="${LOAD_BACKLOG:-10000}"
SEED="${LOAD_SEED:-400}"
GZIP_SHARE="${LOAD_GZIP_SHARE:-0.7}"
CONDITIONAL_SHARE="${LOAD_CONDITIONAL_SHARE:-0.5}"
TIMEOUT="${LOAD_TIMEOUT:-30s}"
HEAP="${LOAD_HEAP:-1g}"
EXCLUDE="${LOAD_EXCLUDE:-}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="$ROOT/bench/results"
LOGS="$ROOT/bench/work/load-$STAMP"
REPORT="$RESULTS/load-$STAMP.md"
DEMO="$ROOT/src/main/resources/demo"
DEMO_ITEMS=36 # the bundled demo copy: 12 stories in English, Arabic and Spanish
mkdir -p "$RESULTS" "$LOGS"

log() { echo "== $*"; }
die() { echo "load.sh: $*" >&2; exit 2; }

# --- wrk, the jar -----------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "missing wrk: run as root once, or apt-get install wrk"
    log "installing wrk"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq wrk
fi
for tool in curl python3 awk; do command -v "$tool" >/dev/null || die "needs $tool"; done

if [ "${LOAD_REBUILD:-0}" = 1 ] || ! ls target/wiregate-*.jar >/dev/null 2>&1; then
    log "building the jar"
    ./mvnw -q -B -DskipTests package
fi
JAR="$(ls target/wiregate-*.jar | head -n 1)"
[ -f "$JAR" ] || die "no target/wiregate-*.jar"

# --- one run ----------------------------------------------------------------------------------
TMP=""
GATEWAY_PID=""
SAMPLER_PID=""
WRK_PID=""
stop_gateway() {
    if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; fi
    SAMPLER_PID=""
    if [ -n "$WRK_PID" ]; then kill "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
    WRK_PID=""
    if [ -n "$GATEWAY_PID" ]; then
        kill "$GATEWAY_PID" 2>/dev/null || true
        # The run is over: 15 s for Camel to stop (in-flight files), then it is killed.
        for _ in $(seq 15); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 1; done
        kill -9 "$GATEWAY_PID" 2>/dev/null || true
        wait "$GATEWAY_PID" 2>/dev/null || true
    fi
    GATEWAY_PID=""
    if [ -n "$TMP" ]; then rm -rf "$TMP"; fi
    TMP=""
}
cleanup() { set +e; stop_gateway; }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
# Sum of a Prometheus counter over all its label sets (0 before its first increment).
metric() { # url name [label filter]
    curl -s --max-time 10 "$1/actuator/prometheus" | awk -v n="$2" -v f="${3:-}" \
        'index($0, n "{") == 1 && index($0, f) { s += $NF } END { printf "%d\n", s }'
}
field() { sed -n "s/.*[ ^]$2=\([0-9.]*\).*/\1/p" <<<" $1"; }

run_one() { # run number
    local k="$1" run_logs="$LOGS/run-$1" port gw deadline created before after rejected_before rejected_after
    mkdir -p "$run_logs"
    TMP="$(mktemp -d /tmp/wiregate-load.XXXXXX)"
    local uptime_before
    uptime_before="$(uptime | sed 's/^ *//')"
    log "run $k/$RUNS: uptime before: $uptime_before"

    # Seed (ingested before the run, so feeds have pages 2+) straight into the inbox; the backlog
    # is written now and moved into the inbox as wrk starts (a rename, so no half-written file).
    python3 bench/load_backlog.py --demo "$DEMO" --out "$TMP/inbox" --items "$SEED" --tag seed \
        --spread-hours 48 > "$run_logs/seed.txt"
    python3 bench/load_backlog.py --demo "$DEMO" --out "$TMP/staging" --items "$BACKLOG" --tag backlog \
        --spread-hours 36 > "$run_logs/backlog.txt"
    local seed_items backlog_items
    seed_items="$(field "$(cat "$run_logs/seed.txt")" items)"
    backlog_items="$(field "$(cat "$run_logs/backlog.txt")" items)"

    port="$(free_port)"
    gw="http://127.0.0.1:$port"
    log "run $k: starting the gateway on $gw (-Xmx$HEAP; log $run_logs/gateway.log)"
    "$JAVA" "-Xmx$HEAP" -jar "$JAR" --server.port="$port" --gateway.inbox="$TMP/inbox" \
        "--spring.datasource.url=jdbc:h2:file:$TMP/data/wiregate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
        --gateway.public-base-url="$gw" --gateway.demo.enabled=true > "$run_logs/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    deadline=$((SECONDS + 180))
    until curl -sf -o /dev/null --max-time 5 "$gw/actuator/health/readiness"; do
        kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -n 40 "$run_logs/gateway.log" >&2; die "the gateway exited"; }
        [ "$SECONDS" -lt "$deadline" ] || die "not ready after 180 s"
        sleep 1
    done
    local started=$SECONDS
    until [ "$(metric "$gw" wiregate_ingest_items_total 'outcome="created"')" -ge $((DEMO_ITEMS + seed_items)) ]; do
        [ "$SECONDS" -lt "$deadline" ] || die "demo copy and seed ($((DEMO_ITEMS + seed_items)) items) not stored after 180 s"
        sleep 1
    done
    log "run $k: ready; demo copy and $seed_items seed items stored ($((SECONDS - started)) s after readiness)"

    # The catalogue, from the running gateway.
    local discovery=0
    python3 bench/load_urls.py --base "$gw" --out "$run_logs/urls.tsv" > "$run_logs/urls.txt" || discovery=$?
    [ "$discovery" -le 2 ] || die "catalogue discovery failed"
    if [ -n "$EXCLUDE" ]; then # a diagnostic: the catalogue less some URLs
        grep -Ev -- "$EXCLUDE" "$run_logs/urls.tsv" > "$run_logs/urls.kept.tsv" || true
        mv "$run_logs/urls.kept.tsv" "$run_logs/urls.tsv"
        awk -F'\t' '$1 != "TOTAL"' "$run_logs/urls.txt" > "$run_logs/urls.txt.tmp"
        echo "TOTAL	$(wc -l < "$run_logs/urls.tsv")" >> "$run_logs/urls.txt.tmp"
        echo "EXCLUDED	$EXCLUDE" >> "$run_logs/urls.txt.tmp"
        mv "$run_logs/urls.txt.tmp" "$run_logs/urls.txt"
    fi
    local url_count
    url_count="$(awk -F'\t' '$1 == "TOTAL" { print $2 }' "$run_logs/urls.txt")"
    log "run $k: the catalogue has $url_count URLs ($(grep -c '^PROBLEM' "$run_logs/urls.txt" || true) problems)"

    {
        echo "BASE = \"$gw\""
        echo "THREADS = $THREADS"
        echo "GZIP_SHARE = $GZIP_SHARE"
        echo "CONDITIONAL_SHARE = $CONDITIONAL_SHARE"
        echo "URLS = {"
        awk -F'\t' '{ e = ($3 == "-") ? "" : $3; gsub(/\\/, "\\\\", e); gsub(/"/, "\\\"", e); printf "  {\"%s\", \"%s\"},\n", $1, e }' \
            "$run_logs/urls.tsv"
        echo "}"
        cat bench/load.lua
    } > "$run_logs/load.lua"

    before="$(metric "$gw" wiregate_ingest_items_total 'outcome="created"')"
    rejected_before="$(metric "$gw" wiregate_ingest_rejections_total)"
    ( t0=$SECONDS; while sleep 2; do echo "$((SECONDS - t0)) $(metric "$gw" wiregate_ingest_items_total 'outcome="created"')"; done ) \
        > "$run_logs/ingest-samples.txt" 2>/dev/null &
    SAMPLER_PID=$!
    log "run $k: wrk -t$THREADS -c$CONNECTIONS -d$DURATION over $url_count URLs; dropping $backlog_items backlog items"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$run_logs/load.lua" "$gw/" \
        > "$run_logs/wrk.txt" 2>&1 &
    WRK_PID=$!
    for source in "$TMP/staging"/*/; do
        source="$(basename "$source")"
        mkdir -p "$TMP/inbox/$source"
        find "$TMP/staging/$source" -maxdepth 1 -type f -exec mv -t "$TMP/inbox/$source/" {} +
    done
    local wrk_rc=0
    wait "$WRK_PID" || wrk_rc=$?
    WRK_PID=""
    after="$(metric "$gw" wiregate_ingest_items_total 'outcome="created"')"
    rejected_after="$(metric "$gw" wiregate_ingest_rejections_total)"
    kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
    [ "$wrk_rc" -eq 0 ] || { cat "$run_logs/wrk.txt" >&2; die "wrk failed (exit $wrk_rc)"; }
    local result
    result="$(grep '^RESULT' "$run_logs/wrk.txt" | tail -n 1)"
    [ -n "$result" ] || { cat "$run_logs/wrk.txt" >&2; die "no RESULT line from wrk"; }
    local ingested=$((after - before)) finished_at
    finished_at="$(awk -v b="$before" -v n="$backlog_items" '$2 - b >= n { print $1; exit }' "$run_logs/ingest-samples.txt")"
    log "run $k: $result"
    if [ -n "$finished_at" ]; then
        log "run $k: $ingested items ingested during the run; the backlog finished after ~$finished_at s"
    else
        log "run $k: $ingested items ingested during the run; the backlog did not finish"
    fi

    # Anything but 200/304, or no answer: ask every URL once more, plain and gzip, to name the URLs.
    local failures
    failures=$(( $(field "$result" other) + $(field "$result" timeouts) + $(field "$result" connect_errors) \
        + $(field "$result" read_errors) + $(field "$result" write_errors) ))
    : > "$run_logs/sweep.txt"
    if [ "$failures" -gt 0 ] || [ "$discovery" -ne 0 ]; then
        log "run $k: $failures failed requests; asking every URL again (log $run_logs/sweep.txt)"
        cut -f1 "$run_logs/urls.tsv" | while read -r path; do
            for enc in identity gzip; do
                code="$(curl -s -o /dev/null --max-time 60 -H "Accept-Encoding: $enc" -w '%{http_code}' "$gw$path" || true)"
                case "$code" in 200|304) ;; *) echo "$code $enc $path" >> "$run_logs/sweep.txt";; esac
            done
        done
    fi
    {
        echo "run=$k"
        echo "uptime=$uptime_before"
        echo "result=$result"
        echo "urls=$url_count"
        echo "discovery_problems=$(grep -c '^PROBLEM' "$run_logs/urls.txt" || true)"
        echo "seed=$seed_items"
        echo "backlog=$backlog_items"
        echo "ingested=$ingested"
        echo "rejected=$((rejected_after - rejected_before))"
        echo "finished_at=${finished_at:-}"
        echo "failures=$failures"
    } > "$run_logs/run.txt"
    log "run $k: stopping the gateway"
    stop_gateway
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for k in $(seq "$RUNS"); do
    run_one "$k"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- the report -------------------------------------------------------------------------------
python3 bench/load_report.py --logs "$LOGS" --out "$REPORT" --stamp "$STAMP" --java "$JAVA" \
    --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" \
    --command "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency -s load.lua http://127.0.0.1:<port>/" \
    --settings "LOAD_DURATION=$DURATION LOAD_CONNECTIONS=$CONNECTIONS LOAD_THREADS=$THREADS LOAD_RUNS=$RUNS LOAD_BACKLOG=$BACKLOG LOAD_SEED=$SEED LOAD_GZIP_SHARE=$GZIP_SHARE LOAD_CONDITIONAL_SHARE=$CONDITIONAL_SHARE LOAD_TIMEOUT=$TIMEOUT LOAD_HEAP=$HEAP${EXCLUDE:+ LOAD_EXCLUDE='$EXCLUDE'}" \
    --heap "$HEAP"
cp "$REPORT" "$RESULTS/load-latest.md"
log "done: $REPORT (also $RESULTS/load-latest.md); logs in $LOGS"
if grep -q '^Verdict: \*\*FAIL' "$REPORT"; then
    grep -A30 '^## Answers other than 200/304' "$REPORT" >&2 || true
    exit 1
fi
