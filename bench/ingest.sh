#!/usr/bin/env bash
# Ingest throughput (issue 16 part 2): a backlog of BACKLOG ninjs files (bench/load_backlog.py
# --ninjs: a third each in English, Arabic and Spanish, one item per file) moved at once into the
# inbox of a gateway jar warmed up by WARMUP other items; timed from the move to the last file in
# .done/ (counted every 0.2 s; then checked against the gateway's wiregate_ingest_items_total).
# RUNS runs per store, each on a fresh
# JVM and a fresh database: H2 (file) and PostgreSQL (schema $SCHEMA, bench_ingest by default, dropped
# first and at the end), or with
# ARCHIVE=<size> on PostgreSQL into schema bench_archive_<size> that bench/archive.sh loaded
# (REUSE=1 DBS=pg SIZES=<size>; the runs add their warm-up and backlog to it, so run k meets
# size + k x warm-up + (k-1) x backlog).
# Heap used after a full GC (jcmd GC.run + GC.heap_info) before the backlog and after it, the load
# average before and after each run. Writes bench/results/ingest-<date>.md and ingest-latest.md.
#
#   bench/ingest.sh                        # H2 and PostgreSQL, 3 runs each, after a 10,000-item warm-up
#   DBS=pg ARCHIVE=1000000 bench/ingest.sh # into the 1M archive (load it first with bench/archive.sh)
#   RUNS=1 BACKLOG=2000 DBS=h2 bench/ingest.sh
#   WARMUP=0 bench/ingest.sh              # a cold JVM: the drain pays the JIT's warm-up as well
#
# Environment: JAR (the jar to measure; target/wiregate-*.jar by default), SCHEMA (PostgreSQL), PORT (the gateway's; a free one by default), DBS (h2 pg), RUNS (3), BACKLOG (10000), HEAP (-Xmx, 1g), JAVA_OPTS (extra JVM flags,
# e.g. JFR), WARMUP (items drained first and not measured, so the measured drain meets a warm JVM:
# 10000 by default; 0 for the cold figure), GATEWAY_ARGS (extra gateway arguments, e.g. a diagnostic switch), PGURL, REBUILD=1 to
# rebuild the jar, NAME (ingest) for the result file name of a diagnostic run, JFR=1 to record the
# drain with Flight Recorder (profile settings) into bench/work/<name>-<date>/<db>-<run>/drain.jfr;
# REPORT_FROM=bench/work/<name>-<date> writes the report of the runs an interrupted invocation finished.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

DBS="${DBS:-h2 pg}"
RUNS="${RUNS:-3}"
BACKLOG="${BACKLOG:-10000}"
WARMUP="${WARMUP:-10000}"
HEAP="${HEAP:-1g}"
ARCHIVE="${ARCHIVE:-}"
SCHEMA="${SCHEMA:-bench_ingest}"
NAME="${NAME:-ingest}"
PGURL="${PGURL:-jdbc:postgresql://127.0.0.1:5432/test}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="$ROOT/bench/results"
LOGS="$ROOT/bench/work/$NAME-$STAMP"
REPORT="$RESULTS/$NAME-$STAMP.md"
RAW="$LOGS/runs.tsv"
DEMO="$ROOT/src/main/resources/demo"
COMMAND="$(printf '%q ' "$0" "$@")"
ENVIRONMENT="DBS='$DBS' RUNS=$RUNS BACKLOG=$BACKLOG WARMUP=$WARMUP HEAP=$HEAP${ARCHIVE:+ ARCHIVE=$ARCHIVE}${JAVA_OPTS:+ JAVA_OPTS='$JAVA_OPTS'}${GATEWAY_ARGS:+ GATEWAY_ARGS='$GATEWAY_ARGS'}"
mkdir -p "$RESULTS" "$LOGS"

log() { echo "== $*"; }
die() { echo "ingest.sh: $*" >&2; exit 2; }
for tool in curl python3 awk psql; do command -v "$tool" >/dev/null || die "needs $tool"; done

if [ -z "${JAR:-}" ] && { [ "${REBUILD:-0}" = 1 ] || ! ls target/wiregate-*.jar >/dev/null 2>&1; }; then
    log "building the jar"
    ./mvnw -q -B -DskipTests package
fi
# A copy, so a build running meanwhile cannot change what is measured.
cp "${JAR:-$(ls target/wiregate-*.jar | head -n 1)}" "$LOGS/wiregate.jar"
JAR="$LOGS/wiregate.jar"

TMP=""
GATEWAY_PID=""
stop_gateway() {
    if [ -n "$GATEWAY_PID" ]; then
        kill "$GATEWAY_PID" 2>/dev/null || true
        for _ in $(seq 20); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 1; done
        kill -9 "$GATEWAY_PID" 2>/dev/null || true
        wait "$GATEWAY_PID" 2>/dev/null || true
    fi
    GATEWAY_PID=""
    if [ -n "$TMP" ]; then rm -rf "$TMP"; fi
    TMP=""
}
trap 'set +e; stop_gateway' EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
# Sum of a Prometheus counter over the label sets that contain the filter (0 before its first increment).
TOKEN="bench-$$-$RANDOM" # the operator token the actuator asks for, this script's only
# A scrape that fails prints -1 and a line on stderr: under `set -e` it used to end the whole
# invocation silently (seen once, 1 s into a drain into the 1M archive); the poll just tries again.
metric() { # url name [label filter]
    local page
    if ! page="$(curl -s --max-time 10 -H "Authorization: Bearer $TOKEN" "$1/actuator/prometheus")"; then
        echo "ingest.sh: a scrape of $1/actuator/prometheus failed; polling on" >&2
        echo -1
        return 0
    fi
    printf '%s\n' "$page" | awk -v n="$2" -v f="${3:-}" \
        'index($0, n "{") == 1 && index($0, f) { s += $NF } END { printf "%d\n", s }'
}
# Heap used after a full GC, in MiB.
heap_after_gc() { # pid
    "$JCMD" "$1" GC.run >/dev/null 2>&1 || true
    "$JCMD" "$1" GC.heap_info 2>/dev/null | awk '
        /garbage-first heap|def new generation|PSYoungGen|total [0-9]+K, used [0-9]+K/ && !done {
            for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.1f\n", v / 1024; done = 1; exit }
        }' || true
}
# Files of the inbox moved to .done/, each after its transaction committed.
files_done() { (find "$TMP/inbox/standard/.done" -maxdepth 1 -type f 2>/dev/null || true) | wc -l; }
# CPU time the process used so far (user + system), in clock ticks: the work, which the load of other
# processes on a shared machine changes far less than the wall-clock time.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

run_one() { # db run
    local db="$1" k="$2" run_logs="$LOGS/$1-$2" url user=sa schema="" port gw deadline
    mkdir -p "$run_logs"
    TMP="$(mktemp -d /tmp/wiregate-ingest.XXXXXX)"
    python3 bench/load_backlog.py --demo "$DEMO" --out "$TMP/staging" --items "$BACKLOG" --tag "$STAMP-run$k" --ninjs \
        > "$run_logs/backlog.txt"
    if [ "$WARMUP" -gt 0 ]; then
        python3 bench/load_backlog.py --demo "$DEMO" --out "$TMP/warmup" --items "$WARMUP" --tag "$STAMP-run$k-warmup" --ninjs \
            > "$run_logs/warmup.txt"
    fi
    mkdir -p "$TMP/inbox"
    if [ "$db" = h2 ]; then
        # The gateway's own H2 settings (WRITE_DELAY=0 and the rest), in a fresh folder.
        url="$(sed -n 's|^ *url: jdbc:h2:file:\./data/|jdbc:h2:file:'"$TMP"'/data/|p' src/main/resources/application.yaml | head -n 1)"
        [ -n "$url" ] || die "no H2 url in src/main/resources/application.yaml"
    else
        user=postgres
        if [ -n "$ARCHIVE" ]; then
            schema="bench_archive_$ARCHIVE"
            [ "$(psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '$schema'")" = 1 ] \
                || die "no schema $schema: load it with REUSE=0 DBS=pg SIZES=$ARCHIVE bench/archive.sh"
        else
            schema="$SCHEMA"
            PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc \
                "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
        fi
        url="$PGURL?currentSchema=$schema"
    fi
    local stored_before=0
    if [ -n "$schema" ]; then
        stored_before="$(psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT count(*) FROM $schema.article" 2>/dev/null || echo 0)"
    fi

    port="${PORT:-$(free_port)}"
    gw="http://127.0.0.1:$port"
    # shellcheck disable=SC2086 # JAVA_OPTS and GATEWAY_ARGS are lists of words
    "$JAVA" "-Xmx$HEAP" ${JAVA_OPTS:-} -jar "$JAR" --server.port="$port" --gateway.inbox="$TMP/inbox" \
        "--spring.datasource.url=$url" --spring.datasource.username="$user" --spring.datasource.password= \
        --gateway.public-base-url="$gw" --gateway.demo.enabled=false --gateway.ops.token="$TOKEN" ${GATEWAY_ARGS:-} \
        > "$run_logs/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    deadline=$((SECONDS + 900))
    until curl -sf -o /dev/null --max-time 5 "$gw/actuator/health/readiness"; do
        kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -n 40 "$run_logs/gateway.log" >&2; die "the gateway exited"; }
        [ "$SECONDS" -lt "$deadline" ] || die "not ready after 900 s"
        sleep 1
    done
    sleep 2 # the routes' first polls of the empty inbox
    if [ "$WARMUP" -gt 0 ]; then
        # A running gateway meets a backlog warm: its JIT has compiled the ingest path. A fresh JVM's drain
        # climbed from about 70 to 250-280 items/s, its compiler using as much CPU as the ingest threads
        # (JFR, 2026-12-08). These items are drained first and not measured.
        local warm_deadline=$((SECONDS + 1800)) warmed
        log "$db run $k: warm-up, $WARMUP items"
        find "$TMP/warmup/standard" -maxdepth 1 -type f -exec mv -t "$TMP/inbox/standard/" {} +
        while :; do
            warmed="$(files_done)"
            [ "$warmed" -lt "$WARMUP" ] || break
            kill -0 "$GATEWAY_PID" 2>/dev/null || die "the gateway exited during the warm-up"
            [ "$SECONDS" -lt "$warm_deadline" ] || die "warm-up not drained after 30 minutes"
            sleep 0.5
        done
        sleep 3 # its files' moves to .done/ and the last after-commit work
    fi
    local heap_before load_before uptime_before
    heap_before="$(heap_after_gc "$GATEWAY_PID")"
    load_before="$(loadavg)"
    uptime_before="$(uptime | sed 's/^ *//')"
    local base
    base="$(metric "$gw" wiregate_ingest_items_total 'outcome="created"')"
    log "$db run $k: uptime before: $uptime_before; heap $heap_before MiB; dropping $BACKLOG items"

    # The move is a rename per file and keeps each file's time, written a while ago: the settle time
    # (a file must be unchanged for gateway.ingest.settle-time) is already over, as for a real backlog.
    if [ "${JFR:-0}" = 1 ]; then "$JCMD" "$GATEWAY_PID" JFR.start name=drain settings=profile >/dev/null; fi
    local t0 t1 stored=0 now cpu0 cpu1 done_base done_now
    done_base="$(files_done)"
    cpu0="$(cpu_ticks "$GATEWAY_PID")"
    t0="$(date +%s.%N)"
    find "$TMP/staging/standard" -maxdepth 1 -type f -exec mv -t "$TMP/inbox/standard/" {} +
    deadline=$((SECONDS + 1800))
    : > "$run_logs/samples.txt"
    while :; do
        # Progress is read from the inbox, not from the gateway: a Prometheus scrape every 0.2 s cost
        # the gateway 5% of its CPU in a profile of the drain. A file reaches .done/ after its commit.
        done_now="$(files_done)"
        stored=$(( done_now - done_base ))
        # Every item must be stored: a rejection means the backlog or the gateway is broken, not slow.
        [ -z "$(find "$TMP/inbox/standard/.error" -maxdepth 1 -type f 2>/dev/null | head -n 1)" ] \
            || die "files quarantined during the drain: $(grep -m 3 'rejected\|quarantin' "$run_logs/gateway.log")"
        now="$(date +%s.%N)"
        echo "$(awk -v a="$t0" -v b="$now" 'BEGIN { printf "%.2f", b - a }') $stored" >> "$run_logs/samples.txt"
        [ "$stored" -lt "$BACKLOG" ] || break
        kill -0 "$GATEWAY_PID" 2>/dev/null || die "the gateway exited during the drain"
        [ "$SECONDS" -lt "$deadline" ] || die "only $stored of $BACKLOG stored after 30 minutes"
        sleep 0.2
    done
    t1="$now"
    cpu1="$(cpu_ticks "$GATEWAY_PID")"
    if [ "${JFR:-0}" = 1 ]; then "$JCMD" "$GATEWAY_PID" JFR.stop name=drain filename="$run_logs/drain.jfr" >/dev/null; fi
    local load_after heap_after rejected quarantined seconds rate
    load_after="$(loadavg)"
    heap_after="$(heap_after_gc "$GATEWAY_PID")"
    rejected="$(metric "$gw" wiregate_ingest_rejections_total)"
    # The gateway's own count agrees with the files moved: each file's item created once, none rejected.
    created="$(metric "$gw" wiregate_ingest_items_total 'outcome="created"')"
    [ "$(( created - base ))" -eq "$BACKLOG" ] && [ "$rejected" -eq 0 ] \
        || die "$BACKLOG files in .done/, but the gateway counted $(( created - base )) items created and $rejected rejected"
    quarantined="$( (find "$TMP/inbox/standard/.error" -type f 2>/dev/null || true) | wc -l)"
    seconds="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
    rate="$(awk -v n="$BACKLOG" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')"
    local cpu_ms
    cpu_ms="$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$(getconf CLK_TCK)" -v n="$BACKLOG" 'BEGIN { printf "%.2f", (b - a) * 1000 / hz / n }')"
    # The first item's wait (the edition window read at start is what a fresh gateway's first arrival
    # may wait for) and that read itself, as the gateway logged it.
    local first_item window_read
    first_item="$(awk '$2 > 0 { print $1; exit }' "$run_logs/samples.txt")"
    window_read="$(sed -n 's/.*Edition window ready: \([0-9]*\) articles held, read in \([0-9]*\) ms.*/\1 in \2 ms/p' "$run_logs/gateway.log" | head -n 1)"
    log "$db run $k: $BACKLOG items in $seconds s = $rate items/s ($cpu_ms ms of gateway CPU per item); first item after ${first_item:-?} s; window ${window_read:-not logged}; heap $heap_before -> $heap_after MiB; load $load_before -> $load_after; rejected $rejected, quarantined $quarantined"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$k" "$seconds" "$rate" "$heap_before" "$heap_after" \
        "$load_before" "$load_after" "$stored_before" "$rejected" "$quarantined" "$cpu_ms" "${first_item:--}" "${window_read:--}" >> "$RAW"
    if [ -n "${AFTER_RUN:-}" ]; then "$AFTER_RUN" "$GATEWAY_PID" "$run_logs"; fi
    stop_gateway
}

UPTIME_START="$(uptime | sed 's/^ *//')"
if [ -n "${REPORT_FROM:-}" ]; then
    # The report of the runs an interrupted invocation finished (its bench/work/<name>-<date> folder).
    cp "$REPORT_FROM/runs.tsv" "$RAW"
    COMMAND="$COMMAND (report of the finished runs in $REPORT_FROM)"
else
    : > "$RAW"
    for db in $DBS; do
        for k in $(seq 1 "$RUNS"); do run_one "$db" "$k"; done
    done
fi
UPTIME_END="$(uptime | sed 's/^ *//')"
if [ -z "$ARCHIVE" ] && [ -z "${REPORT_FROM:-}" ] && [[ " $DBS " == *" pg "* ]]; then
    PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
fi

JAVA_VERSION="$("$JAVA" -version 2>&1 | head -n 1)" CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src routes bench || echo ', with uncommitted changes')" \
NPROC="$(nproc)" UPTIME_START="$UPTIME_START" UPTIME_END="$UPTIME_END" COMMAND_LINE="$ENVIRONMENT $COMMAND" \
BACKLOG="$BACKLOG" WARMUP="$WARMUP" STAMP="$STAMP" ARCHIVE="$ARCHIVE" python3 - "$RAW" "$REPORT" <<'EOF'
import os, statistics, sys
e = os.environ
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
out = []
out.append(f"# Ingest: a {int(e['BACKLOG']):,}-item backlog drained from the inbox ({e['STAMP']})\n")
out.append(f"Command: `{e['COMMAND_LINE'].strip()}` (commit {e['COMMIT']})\n")
out.append(f"Machine: {e['NPROC']} CPUs, {e['CPU_MODEL']}, {e['JAVA_VERSION']}\n")
out.append(f"uptime at the start: {e['UPTIME_START']}  \nuptime at the end: {e['UPTIME_END']}\n")
out.append(f"Backlog: {int(e['BACKLOG']):,} ninjs files, one item each, a third each English, Arabic, Spanish "
           "(bench/load_backlog.py --ninjs), moved into a fresh gateway's inbox at once; time from the move to the "
           "last file moved to .done/ after its commit. Gateway CPU: user + system time of the whole "
           "process during the drain, per item. Progress read from the files in .done/ (each moved there after its commit), checked at the end against the gateway's counter. Heap: used after a full GC (jcmd GC.run), before the backlog and after it.\n")
warm = int(e.get("WARMUP") or 0)
out.append(f"Warm-up: {warm:,} other items of the same kind drained first in the same JVM and not measured, so the "
           "measured backlog meets a gateway whose JIT has compiled the ingest path and whose store and edition "
           "window hold those items." if warm else
           "Warm-up: none; the backlog meets a fresh JVM, and its drain includes the JIT's warm-up.")
out.append("")
out.append("| store | runs | items/s min | median | max | seconds (median) | gateway CPU ms per item min / median / max | heap before → after (MiB, median) |")
out.append("|---|---|---|---|---|---|---|---|")
for db in dict.fromkeys(r[0] for r in rows):
    rs = [r for r in rows if r[0] == db]
    rates = sorted(float(r[3]) for r in rs)
    secs = statistics.median(float(r[2]) for r in rs)
    cpu = sorted(float(r[11]) for r in rs)
    hb = statistics.median(float(r[4] or 0) for r in rs)
    ha = statistics.median(float(r[5] or 0) for r in rs)
    label = {"h2": "H2 (file)", "pg": "PostgreSQL 15"}.get(db, db) + (f" into {int(e['ARCHIVE']):,} articles" if e.get("ARCHIVE") and db == "pg" else (f", {warm:,} warm-up items stored" if warm else ", empty"))
    out.append(f"| {label} | {len(rs)} | {rates[0]:,.0f} | {statistics.median(rates):,.0f} | {rates[-1]:,.0f} | {secs:.1f} | {cpu[0]:.2f} / {statistics.median(cpu):.2f} / {cpu[-1]:.2f} | {hb:.0f} → {ha:.0f} |")
out.append("\nFirst item: seconds from the move to the first item stored (an item is stored before it is linked, so a "
           "window read by the first arrival shows in the drain's time, not here). Window: the articles the gateway's "
           "start-up read of the edition window held and how long that read took, from its log (`-`: a gateway "
           "without that read).\n")
out.append("\n| store | run | articles before | seconds | items/s | CPU ms per item | first item (s) | window read at start | heap before (MiB) | heap after (MiB) | load before | load after | rejected | quarantined |")
out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    r += ["-"] * (14 - len(r))  # runs.tsv of an older invocation (REPORT_FROM) lacks the last two columns
    out.append(f"| {r[0]} | {r[1]} | {int(r[8]):,} | {r[2]} | {int(r[3]):,} | {r[11]} | {r[12]} | {r[13]} | {r[4]} | {r[5]} | {r[6]} | {r[7]} | {r[9]} | {r[10]} |")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
EOF
cp "$REPORT" "$RESULTS/$NAME-latest.md"
log "wrote $REPORT"
