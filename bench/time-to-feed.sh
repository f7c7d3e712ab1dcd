#!/usr/bin/env bash
# Time to feed (issue 16 part 4): from arrival (a file renamed into the inbox; the 202 of an HTTP
# push) to the item's first appearance in /feeds/en.json and to the WebSub notification that lists
# it, and from the store (article.stored_at) to that notification. Per database variant, TTF_RUNS
# runs, each on a fresh gateway JVM (the jar, started from a temporary folder with copies of
# routes/ and mappings/ plus a push source), driven by bench/ttf.py: a WebSub subscriber, a reader
# polling the feed every 20 ms, TTF_ITEMS file drops and TTF_ITEMS pushes 300-500 ms apart. Writes
# bench/results/time-to-feed-<date>.md and time-to-feed-latest.md; logs in bench/work/ttf-<date>/.
#
#   bench/time-to-feed.sh                          # H2 (empty store) and PostgreSQL with 1,000,000 articles
#   TTF_DBS=h2 bench/time-to-feed.sh               # H2 only, about 6 minutes
#   TTF_DBS=pg TTF_ARCHIVE=100000 bench/time-to-feed.sh
#   REUSE=1 KEEP_ARCHIVE=1 TTF_DBS=pg bench/time-to-feed.sh   # keep / reuse the loaded archive schema
#
# The PostgreSQL variant bulk-loads TTF_ARCHIVE articles with store.ArchiveLoader (as bench/archive.sh
# does) into schema bench_ttf_<size> of 127.0.0.1:5432/test (PGURL to change), dropped first unless
# REUSE=1 and dropped at the end unless KEEP_ARCHIVE=1. Other settings: TTF_RUNS (3), TTF_ITEMS (100
# per mode), TTF_WARMUP (10 per mode, not recorded), TTF_GATEWAY_PORT, TTF_SUBSCRIBER_PORT (free
# ports by default), TTF_HEAP (1g), TTF_ARGS (more gateway arguments, e.g. --gateway.ingest.settle-time=1s).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

DBS="${TTF_DBS:-h2 pg}"
RUNS="${TTF_RUNS:-3}"
ITEMS="${TTF_ITEMS:-100}"
WARMUP="${TTF_WARMUP:-10}"
ARCHIVE="${TTF_ARCHIVE:-1000000}"
HEAP="${TTF_HEAP:-1g}"
EXTRA_ARGS="${TTF_ARGS:-}"
PGURL="${PGURL:-jdbc:postgresql://127.0.0.1:5432/test}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="$ROOT/bench/results"
LOGS="$ROOT/bench/work/ttf-$STAMP"
REPORT="$RESULTS/time-to-feed-$STAMP.md"
META="$LOGS/meta.tsv"
PUSH_SOURCE=ttf-push
FILE_SOURCE=standard
COMMAND="bench/time-to-feed.sh (TTF_DBS=\"$DBS\" TTF_RUNS=$RUNS TTF_ITEMS=$ITEMS TTF_WARMUP=$WARMUP TTF_ARCHIVE=$ARCHIVE${EXTRA_ARGS:+ TTF_ARGS=\"$EXTRA_ARGS\"}${REUSE:+ REUSE=$REUSE})"
mkdir -p "$RESULTS" "$LOGS"

log() { echo "== $*"; }
die() { echo "time-to-feed.sh: $*" >&2; exit 2; }
for tool in curl python3 unzip; do command -v "$tool" >/dev/null || die "needs $tool"; done

if [ "${TTF_REBUILD:-1}" = 1 ] || ! ls target/wiregate-*.jar >/dev/null 2>&1; then
    log "building the jar"
    ./mvnw -q -B -DskipTests package
fi
JAR_BUILT="$(ls target/wiregate-*.jar | head -n 1)"
# a copy, so a build running meanwhile cannot change what is measured
JAR="$LOGS/$(basename "$JAR_BUILT")"
cp "$JAR_BUILT" "$JAR"
unzip -o -q -j "$JAR" 'BOOT-INF/lib/h2-*.jar' -d "$LOGS/lib"
# and of routes/ and mappings/ (copied, not linked: Camel's file: pattern does not follow a symlinked routes/)
mkdir -p "$LOGS/config" && cp -r routes mappings "$LOGS/config/"
H2_JAR="$(ls "$LOGS"/lib/h2-*.jar | head -n 1)"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

{
    printf 'cpu\t%s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    printf 'nproc\t%s\n' "$(nproc)"
    printf 'java\t%s\n' "$("$JAVA" -version 2>&1 | head -n 1)"
    printf 'uptime_start\t%s\n' "$(uptime | sed 's/^ *//')"
} > "$META"

TMP=""
GATEWAY_PID=""
stop_gateway() {
    if [ -n "$GATEWAY_PID" ]; then
        kill "$GATEWAY_PID" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 1; done
        kill -9 "$GATEWAY_PID" 2>/dev/null || true
        wait "$GATEWAY_PID" 2>/dev/null || true
    fi
    GATEWAY_PID=""
}
PG_SCHEMA=""
cleanup() {
    set +e
    stop_gateway
    [ -n "$TMP" ] && rm -rf "$TMP"
    if [ -n "$PG_SCHEMA" ] && [ "${KEEP_ARCHIVE:-0}" != 1 ]; then
        PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_q() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qAtF $'\t' -c "$1"; }

# --- the archive for the PostgreSQL variant: store.ArchiveLoader, as bench/archive.sh loads it ---
load_archive() { # schema size
    local url="$PGURL?currentSchema=$1&reWriteBatchedInserts=true" work=bench/work/archive
    if [ "${REUSE:-0}" = 1 ] && [ "$(psql_q "SELECT count(*) FROM pg_namespace WHERE nspname = '$1'")" = 1 ]; then
        log "reusing schema $1 ($(psql_q "SELECT count(*) FROM $1.article") articles)"
        return
    fi
    mkdir -p "$work"
    log "compiling the test sources and resolving the test classpath (for store.ArchiveLoader)"
    ./mvnw -q -B -DskipTests test-compile
    ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$LOGS/classpath.txt"
    local classes="$LOGS/classes"
    rm -rf "$classes" && mkdir -p "$classes" && cp -r target/classes "$classes/main" && cp -r target/test-classes "$classes/test"
    psql_q "DROP SCHEMA IF EXISTS $1 CASCADE"
    log "loading $2 articles into schema $1 (store.ArchiveLoader)"
    "$JAVA" -Xmx2g -Dfile.encoding=UTF-8 -cp "$classes/test:$classes/main:$(cat "$LOGS/classpath.txt")" \
        org.wiregate.store.ArchiveLoader "$url" postgres "" "$1" "$2" 2>&1 | grep -v ' INFO \| DEBUG ' | tee "$LOGS/archive-load.log"
}

# Store times of the run's items: id, stored_at and the payload's first_received_at, in epoch seconds.
TIMES_SQL="SELECT a.id, EXTRACT(EPOCH FROM a.stored_at), EXTRACT(EPOCH FROM p.first_received_at)
           FROM article a LEFT JOIN payload p ON p.id = a.payload_id
           WHERE a.agency_guid LIKE 'urn:newsml:ttf.example:%'"

run_one() { # db run
    local db="$1" k="$2" run_logs="$LOGS/$1-run-$2" port gw sub_port token variant url
    mkdir -p "$run_logs"
    TMP="$(mktemp -d /tmp/wiregate-ttf.XXXXXX)"
    cp -r "$LOGS/config/routes" "$LOGS/config/mappings" "$TMP"/
    cat > "$TMP/mappings/$PUSH_SOURCE.yaml" <<EOF
# bench/time-to-feed.sh: standard IPTC copy pushed over HTTP.
extends: standard
name: Time-to-feed push
agency: Bench Wire
transport:
  type: http-push
  tokenEnv: WIREGATE_TTF_PUSH_TOKEN
EOF
    mkdir -p "$TMP/inbox/$FILE_SOURCE"
    token="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    port="${TTF_GATEWAY_PORT:-$(free_port)}"
    sub_port="${TTF_SUBSCRIBER_PORT:-$(free_port)}"
    gw="http://127.0.0.1:$port"
    if [ "$db" = h2 ]; then
        variant="H2, empty store"
        url="jdbc:h2:file:$TMP/data/wiregate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
        db_args=(--spring.datasource.url="$url")
    else
        variant="PostgreSQL, $ARCHIVE articles stored"
        url="$PGURL?currentSchema=$PG_SCHEMA"
        db_args=(--spring.datasource.url="$url" --spring.datasource.username=postgres --spring.datasource.password=)
    fi
    local uptime_before uptime_after
    uptime_before="$(uptime | sed 's/^ *//')"
    printf '%s:uptime_before\t%s\t%s\n' "$variant" "$k" "$uptime_before" >> "$META"
    log "$variant, run $k/$RUNS: uptime before: $uptime_before"
    # shellcheck disable=SC2086
    ( cd "$TMP" && WIREGATE_TTF_PUSH_TOKEN="$token" exec "$JAVA" "-Xmx$HEAP" -jar "$JAR" --server.port="$port" \
        --gateway.inbox="$TMP/inbox" "${db_args[@]}" --gateway.public-base-url="$gw" \
        --gateway.demo.enabled=false --gateway.websub.allow-private-callbacks=true $EXTRA_ARGS ) \
        > "$run_logs/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    local deadline=$((SECONDS + 600))
    until curl -sf -o /dev/null --max-time 5 "$gw/actuator/health/readiness"; do
        kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -n 40 "$run_logs/gateway.log" >&2; die "the gateway exited"; }
        [ "$SECONDS" -lt "$deadline" ] || die "not ready after 600 s"
        sleep 1
    done
    log "run $k: gateway ready on $gw; measuring"
    python3 bench/ttf.py measure --base "$gw" --inbox "$TMP/inbox/$FILE_SOURCE" --push-source "$PUSH_SOURCE" \
        --token "$token" --sub-port "$sub_port" --run "$k" --items "$ITEMS" --warmup "$WARMUP" \
        --variant "$variant" --out "$run_logs/raw.tsv" | tee "$run_logs/measure.txt"
    uptime_after="$(uptime | sed 's/^ *//')"
    printf '%s:uptime_after\t%s\t%s\n' "$variant" "$k" "$uptime_after" >> "$META"
    stop_gateway
    if [ "$db" = h2 ]; then
        local sql="${TIMES_SQL//\'/\'\'}"
        "$JAVA" -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$TMP/data/wiregate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
            -user sa -password "" -sql "CALL CSVWRITE('$run_logs/times.csv', '$sql', 'writeColumnHeader=false')" > /dev/null
        tr -d '"' < "$run_logs/times.csv" | tr ',' '\t' > "$run_logs/times.tsv"
    else
        psql_q "SET search_path TO $PG_SCHEMA; $TIMES_SQL" > "$run_logs/times.tsv"
    fi
    python3 bench/ttf.py merge "$run_logs/raw.tsv" "$run_logs/times.tsv"
    grep -E 'WARN|ERROR' "$run_logs/gateway.log" | head -n 20 || true
    rm -rf "$TMP"
    TMP=""
}

RAWS=()
for db in $DBS; do
    if [ "$db" = pg ]; then
        PG_SCHEMA="bench_ttf_$ARCHIVE"
        load_archive "$PG_SCHEMA" "$ARCHIVE"
        printf 'PostgreSQL, %s articles stored:gateway\t%s\n' "$ARCHIVE" \
            "PostgreSQL 127.0.0.1:5432, schema $PG_SCHEMA ($(psql_q "SELECT count(*) FROM $PG_SCHEMA.article") articles at the start), clustered mode (auto)" >> "$META"
    else
        printf 'H2, empty store:gateway\t%s\n' "H2 file database in a fresh temporary folder, nothing stored before the warm-up" >> "$META"
    fi
    for k in $(seq 1 "$RUNS"); do
        run_one "$db" "$k"
        RAWS+=("$LOGS/$db-run-$k/raw.tsv")
    done
done
printf 'uptime_end\t%s\n' "$(uptime | sed 's/^ *//')" >> "$META"

python3 bench/ttf.py report --out "$REPORT" --command "$COMMAND" --meta "$META" --stamp "$STAMP" "${RAWS[@]}"
cp "$REPORT" "$RESULTS/time-to-feed-latest.md"
log "$REPORT"
