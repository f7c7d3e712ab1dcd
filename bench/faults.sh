#!/usr/bin/env bash
# Exactly-once ingest under faults, on the real PostgreSQL of this machine: a backlog of ninjs items in
# one inbox, the gateway killed with kill -9 mid-batch and started again, then PostgreSQL itself
# restarted mid-batch (pg_ctlcluster ... restart), and the batch finished. Prints lost, duplicated
# and quarantined counts and the timings; exits 1 when any is not 0. The same scenario as
# e2e/ExactlyOnceAcrossCrashIT, which uses a proxy instead of restarting the shared server.
#
# It restarts the PostgreSQL cluster on 127.0.0.1:5432: every other client of that server loses its
# connections for a few seconds. Do not run it while tests use that server. Needs root (or the
# postgres user) for pg_ctlcluster, psql and createdb, JDK 17 and python3. Uses a database of its own,
# wiregate_faults_<stamp>, dropped at the end (FAULTS_KEEP_DB=1 keeps it); never the tests' "test".
#
# Environment: FAULTS_ITEMS (default 1200), FAULTS_KILL_AT (percent of files done, 35),
# FAULTS_RESTART_AT (65), PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres). See bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

ITEMS="${FAULTS_ITEMS:-1200}"
KILL_AT="${FAULTS_KILL_AT:-35}"
RESTART_AT="${FAULTS_RESTART_AT:-65}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
DB="wiregate_faults_$(echo "$STAMP" | tr 'A-Z' 'a-z')"
LOGS="$ROOT/bench/work/faults-$STAMP"
SOURCE=standard
mkdir -p "$LOGS"

log() { echo "== $(date -u +%H:%M:%S) $*"; }
die() { echo "faults.sh: $*" >&2; exit 2; }
for tool in psql createdb dropdb pg_lsclusters pg_ctlcluster pg_isready python3 curl; do
    command -v "$tool" >/dev/null || die "needs $tool"
done

# --- the cluster behind PGPORT ----------------------------------------------------------------
read -r PG_VERSION PG_CLUSTER < <(pg_lsclusters --no-header | awk -v port="$PGPORT" '$3 == port { print $1, $2; exit }') || true
[ -n "${PG_VERSION:-}" ] || die "no PostgreSQL cluster on port $PGPORT in pg_lsclusters"
pg_isready -q || die "PostgreSQL $PG_VERSION/$PG_CLUSTER does not answer on $PGHOST:$PGPORT"
log "PostgreSQL $PG_VERSION/$PG_CLUSTER on $PGHOST:$PGPORT; database $DB"

# --- the jar --------------------------------------------------------------------------------------
JAR="$(ls target/wiregate-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)"
if [ -z "$JAR" ]; then
    log "building the jar"
    ./mvnw -q -B -DskipTests package
    JAR="$(ls target/wiregate-*.jar | grep -v '\.original$' | head -n 1)"
fi
log "jar $JAR"

TMP="$(mktemp -d /tmp/wiregate-faults.XXXXXX)"
INBOX="$TMP/inbox"
FOLDER="$INBOX/$SOURCE"
GATEWAY_PID=""
cleanup() {
    set +e
    if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
        kill "$GATEWAY_PID" && wait "$GATEWAY_PID"
    fi
    if [ "${FAULTS_KEEP_DB:-0}" != 1 ]; then
        dropdb --if-exists "$DB" 2>/dev/null
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

createdb "$DB"

# --- the batch: distinct ninjs 2 items, one a file, written under a dot-name and renamed -------------
log "dropping $ITEMS ninjs items into $FOLDER"
python3 - "$FOLDER" "$ITEMS" "$STAMP" <<'EOF'
import json, os, sys
from datetime import datetime, timedelta, timezone
folder, items, stamp = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(folder, exist_ok=True)
start = datetime(2026, 10, 1, tzinfo=timezone.utc)
for i in range(1, items + 1):
    n = f"{i:04d}"
    lang = ("en", "es", "ar")[i % 3]
    headline = {"en": f"Test story {n}: council approves the budget",
                "es": f"Noticia de prueba {n}: el consejo aprueba el presupuesto",
                "ar": f"خبر تجريبي {n}: المجلس يقر الميزانية"}[lang]
    t = (start + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
    item = {"uri": f"urn:wiregate-faults:{stamp}:{n}", "type": "text", "version": "1",
            "firstcreated": t, "versioncreated": t, "pubstatus": "usable", "urgency": 4,
            "language": lang, "by": "Fault test desk", "copyrightholder": "Fault Test Wire",
            "headlines": [{"role": "main", "value": headline}],
            "bodies": [{"role": "main", "contenttype": "text/html",
                        "value": f"<p>{headline}.</p><p>Item {n} of a fault-test batch.</p>"}],
            "subjects": [{"name": "economy", "uri": "http://cv.iptc.org/newscodes/mediatopic/04000000"}]}
    part = os.path.join(folder, f".item-{n}.json.part")
    with open(part, "w", encoding="utf-8") as f:
        json.dump(item, f, ensure_ascii=False, indent=2)
    os.rename(part, os.path.join(folder, f"item-{n}.json"))
EOF

# --- helpers ------------------------------------------------------------------------------------
q() { psql -d "$DB" -Atqc "$1"; }
count_files() { { find "$1" -maxdepth 1 -type f "${@:2}" 2>/dev/null || true; } | wc -l; }
done_files() { count_files "$FOLDER/.done"; }
error_files() { count_files "$FOLDER/.error" ! -name '*.reason.txt'; }
pending_files() { count_files "$FOLDER" ! -name '.*' ! -name '*.camelLock'; }
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.1f}')"; }

start_gateway() { # $1: log name
    PORT="$(free_port)"
    "$JAVA" -Xmx512m -jar "$ROOT/$JAR" --server.port="$PORT" \
        --spring.profiles.active=postgres \
        "--spring.datasource.url=jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
        --spring.datasource.username="$PGUSER" --spring.datasource.password= \
        --gateway.inbox="$INBOX" --gateway.mappings="$ROOT/mappings" \
        "--camel.main.routes-include-pattern=file:$ROOT/routes/*.yaml" \
        --gateway.demo.enabled=false --gateway.ingest.settle-time=200ms \
        --gateway.ingest.settle-check-interval=100 --gateway.ingest.poll-interval=200 \
        > "$LOGS/$1.log" 2>&1 &
    GATEWAY_PID=$!
    local deadline=$((SECONDS + 180))
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; do
        kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -n 40 "$LOGS/$1.log" >&2; die "the gateway exited ($1)"; }
        [ "$SECONDS" -lt "$deadline" ] || die "the gateway was not ready in 180 s ($1)"
        sleep 0.5
    done
}

await_done() { # $1: files in .done/ to wait for
    local deadline=$((SECONDS + 300))
    until [ "$(done_files)" -ge "$1" ]; do
        kill -0 "$GATEWAY_PID" 2>/dev/null || die "the gateway died with $(done_files) files done"
        [ "$(pending_files)" -gt 0 ] || die "the inbox emptied with $(done_files) files done, $1 awaited"
        [ "$SECONDS" -lt "$deadline" ] || die "only $(done_files) files done after 300 s, $1 awaited"
        sleep 0.05
    done
}

# --- 1. first gateway, killed with kill -9 mid-batch --------------------------------------------
T0="$(now)"
log "starting the first gateway (log $LOGS/1-killed.log)"
start_gateway 1-killed
T_READY1="$(now)"
await_done $((ITEMS * KILL_AT / 100))
kill -9 "$GATEWAY_PID"
wait "$GATEWAY_PID" 2>/dev/null && KILL_EXIT=0 || KILL_EXIT=$?
T_KILL="$(now)"
STORED_AT_KILL="$(q "SELECT COUNT(*) FROM article WHERE source = '$SOURCE'")"
DONE_AT_KILL="$(done_files)"
log "kill -9 after $(elapsed "$T_READY1" "$T_KILL") s of ingest: exit $KILL_EXIT, $STORED_AT_KILL articles stored, $DONE_AT_KILL files done"

# --- 2. second gateway; PostgreSQL restarted mid-batch ------------------------------------------
log "starting the second gateway (log $LOGS/2-finishes.log)"
start_gateway 2-finishes
T_READY2="$(now)"
await_done $((ITEMS * RESTART_AT / 100))
DONE_AT_RESTART="$(done_files)"
log "restarting PostgreSQL $PG_VERSION/$PG_CLUSTER with $DONE_AT_RESTART files done"
T_PG="$(now)"
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" restart
until pg_isready -q; do sleep 0.1; done
T_PG_UP="$(now)"
log "PostgreSQL answers again after $(elapsed "$T_PG" "$T_PG_UP") s"

# --- 3. finish: no file left, counts still for 2 s ------------------------------------------------
deadline=$((SECONDS + 300))
last=""
stable=0
while :; do
    kill -0 "$GATEWAY_PID" 2>/dev/null || die "the second gateway died"
    state="$(pending_files)/$(done_files)/$(error_files)/$(q "SELECT COUNT(*) FROM article WHERE source = '$SOURCE'" 2>/dev/null || echo '?')"
    if [ "${state%%/*}" = 0 ] && [ "$state" = "$last" ]; then
        stable=$((stable + 1))
        [ "$stable" -ge 4 ] && break
    else
        stable=0
    fi
    last="$state"
    [ "$SECONDS" -lt "$deadline" ] || die "the batch was not finished 300 s after the restart ($state)"
    sleep 0.5
done
T_END="$(now)"
kill "$GATEWAY_PID"
wait "$GATEWAY_PID" 2>/dev/null || true
GATEWAY_PID=""

# --- 4. the counts ------------------------------------------------------------------------------
STORED="$(q "SELECT COUNT(DISTINCT agency_guid) FROM article WHERE source = '$SOURCE'")"
ROWS="$(q "SELECT COUNT(*) FROM article WHERE source = '$SOURCE'")"
REVISED="$(q "SELECT COUNT(*) FROM article WHERE source = '$SOURCE' AND revision <> 1")"
ANNOUNCED_TWICE="$(q "SELECT COUNT(*) FROM (SELECT ch.article_id FROM article_change ch JOIN article a ON a.id = ch.article_id
                     WHERE a.source = '$SOURCE' GROUP BY ch.article_id, ch.revision HAVING COUNT(*) > 1) d")"
REJECTIONS="$(q "SELECT COUNT(*) FROM rejection")"
NOT_PROCESSED="$(q "SELECT COUNT(*) FROM payload WHERE source = '$SOURCE' AND state <> 'PROCESSED'")"
ERRORS="$(error_files)"
DONE="$(done_files)"
LOST=$((ITEMS - STORED))
DUPLICATED=$((ROWS - STORED + REVISED + ANNOUNCED_TWICE))
QUARANTINED=$((ERRORS > REJECTIONS ? ERRORS : REJECTIONS))

cat <<EOF

items                 $ITEMS in $ITEMS files (source $SOURCE, database $DB)
first gateway         ready in $(elapsed "$T0" "$T_READY1") s; kill -9 (exit $KILL_EXIT) after $(elapsed "$T_READY1" "$T_KILL") s with $STORED_AT_KILL stored, $DONE_AT_KILL files done
second gateway        ready in $(elapsed "$T_KILL" "$T_READY2") s; PostgreSQL restarted at $DONE_AT_RESTART files done, down $(elapsed "$T_PG" "$T_PG_UP") s
batch finished        $(elapsed "$T_READY2" "$T_END") s after the second start ($(elapsed "$T0" "$T_END") s in all)
lost                  $LOST
duplicated            $DUPLICATED  (extra rows $((ROWS - STORED)), past revision 1 $REVISED, announced twice $ANNOUNCED_TWICE)
quarantined           $QUARANTINED  (.error/ files $ERRORS, rejection rows $REJECTIONS)
files in .done/       $DONE of $ITEMS; payloads not PROCESSED $NOT_PROCESSED
logs                  $LOGS
EOF

if [ "$ERRORS" -gt 0 ]; then
    echo
    echo "quarantined files (first 10) and why:"
    for reason in $(find "$FOLDER/.error" -name '*.reason.txt' | sort | head -n 10); do
        echo "  $(basename "$reason" .reason.txt): $(grep '^reason:' "$reason" | cut -c9-)"
    done
    mkdir -p "$LOGS/error" && cp -r "$FOLDER/.error/." "$LOGS/error/"
fi
[ "$LOST" -eq 0 ] && [ "$DUPLICATED" -eq 0 ] && [ "$QUARANTINED" -eq 0 ] && [ "$DONE" -eq "$ITEMS" ]
