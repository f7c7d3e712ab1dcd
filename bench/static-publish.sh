#!/usr/bin/env bash
# Static publishing (issue 16 part 3, docs/operations.md "Static publishing"): RUNS runs, each with a
# fresh gateway (H2, demo copy) writing its main feeds to a folder and nginx in front of it with
# deploy/nginx/static-feeds.conf (its root, upstream and port rewritten for this machine). Per run:
#   1. checks the nine feeds through nginx against the gateway (bench/static_publish.py check);
#   2. freshness: ITEMS file drops, one at a time, timed to visible in /feeds/en.json at the gateway
#      and at nginx (static_publish.py fresh);
#   3. requests/s of /feeds/en.rss at nginx and at the gateway, plain, gzip, 304 (wrk, WARMUP then
#      DURATION each, alternating).
# Writes bench/results/static-publish-<date>.md; logs in bench/work/static-publish-<date>/.
#
#   bash bench/static-publish.sh                 # 3 runs
#   RUNS=1 ITEMS=10 DURATION=5s bash bench/static-publish.sh
#
# Needs nginx and wrk (bench/serve.sh installs them as root); JAR to measure another jar.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

RUNS="${RUNS:-3}"
ITEMS="${ITEMS:-30}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="$ROOT/bench/results"
LOGS="$ROOT/bench/work/static-publish-$STAMP"
REPORT="$RESULTS/static-publish-$STAMP.md"
COMMAND="$(printf '%q ' "$0" "$@")"
mkdir -p "$RESULTS" "$LOGS"

log() { echo "== $*"; }
die() { echo "static-publish.sh: $*" >&2; exit 1; }
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || die "needs nginx (bench/serve.sh installs it)"
for tool in wrk curl python3; do command -v "$tool" >/dev/null || die "needs $tool"; done

if [ -z "${JAR:-}" ]; then
    ls target/wiregate-*.jar >/dev/null 2>&1 || { log "building the jar"; ./mvnw -q -B -DskipTests package; }
    JAR="$(ls target/wiregate-*.jar | head -n 1)"
fi
cp "$JAR" "$LOGS/wiregate.jar" # a build running meanwhile cannot change what is measured
JAR="$LOGS/wiregate.jar"

TMP=""
GATEWAY_PID=""
NGINX_PID=""
stop_servers() {
    set +e
    [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    GATEWAY_PID=""
    NGINX_PID=""
    [ -n "$TMP" ] && rm -rf "$TMP"
    TMP=""
    set -e
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# deploy/nginx/static-feeds.conf as it is, but for its root, upstream and listen address, inside the
# http block a standalone nginx needs.
nginx_conf() { # port gateway-port folder
    cat <<EOF
daemon off;
worker_processes $(nproc);
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/octet-stream;
    client_body_temp_path $TMP/nginx-body;
    proxy_temp_path $TMP/nginx-proxy;
    fastcgi_temp_path $TMP/nginx-fastcgi;
    uwsgi_temp_path $TMP/nginx-uwsgi;
    scgi_temp_path $TMP/nginx-scgi;
EOF
    # (no resolver: the gateway is at a fixed address here, and the resolve parameter needs nginx 1.27.3)
    sed -e "s|^\( *\)listen 80 default_server;|\1listen 127.0.0.1:$1;|" \
        -e "s|^\( *\)root /srv/wiregate;|\1root $3;|" \
        -e "s|server gateway:8080 resolve;|server 127.0.0.1:$2;|" \
        -e "/^resolver /d" \
        deploy/nginx/static-feeds.conf
    echo "}"
}

DONE_FN='done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f errors=%d\n", summary.requests / (summary.duration / 1e6),
    e.connect + e.read + e.write + e.status + e.timeout))
end'

RAW="$LOGS/fresh.tsv"
WRK="$LOGS/wrk.tsv"
: > "$RAW"
: > "$WRK"
UPTIME_START="$(uptime | sed 's/^ *//')"
for run in $(seq 1 "$RUNS"); do
    TMP="$(mktemp -d /tmp/wiregate-static.XXXXXX)"
    chmod 755 "$TMP"
    mkdir -p "$TMP/public" "$TMP/inbox/standard"
    chmod 755 "$TMP/public"
    RUN_LOGS="$LOGS/run-$run"
    mkdir -p "$RUN_LOGS"
    GW_PORT="$(free_port)"
    NG_PORT="$(free_port)"
    GW="http://127.0.0.1:$GW_PORT"
    EDGE="http://127.0.0.1:$NG_PORT"
    log "run $run: gateway $GW, nginx $EDGE; $(uptime | sed 's/^ *//')"
    "$JAVA" -jar "$JAR" --server.port="$GW_PORT" --gateway.inbox="$TMP/inbox" \
        "--spring.datasource.url=jdbc:h2:file:$TMP/data/wiregate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
        --gateway.public-base-url="$EDGE" --gateway.feeds.static-folder="$TMP/public" \
        > "$RUN_LOGS/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    nginx_conf "$NG_PORT" "$GW_PORT" "$TMP/public" > "$TMP/nginx.conf"
    cp "$TMP/nginx.conf" "$RUN_LOGS/nginx.conf"
    "$NGINX" -t -q -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf"
    "$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" &
    NGINX_PID=$!
    # The demo copy in all three languages, stored and written: the English RSS with its 12 items.
    deadline=$((SECONDS + 300))
    until [ -f "$TMP/public/feeds/es.json" ] && [ "$(grep -o '<item>' "$TMP/public/feeds/en.rss" 2>/dev/null | wc -l)" -ge 12 ]; do
        kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -n 40 "$RUN_LOGS/gateway.log" >&2; die "the gateway exited"; }
        [ "$SECONDS" -lt "$deadline" ] || die "the demo feeds were not written within 300 s"
        sleep 1
    done
    sleep 5 # edition links of the demo copy may still rewrite the pages
    python3 bench/static_publish.py check --gateway "$GW" --edge "$EDGE" --folder "$TMP/public" | tee "$RUN_LOGS/check.txt"
    python3 bench/static_publish.py fresh --gateway "$GW" --edge "$EDGE" --inbox "$TMP/inbox/standard" \
        --items "$ITEMS" --run "$run" --out "$RAW" | tee "$RUN_LOGS/fresh.txt"
    sleep 3
    printf '%s\n' "$DONE_FN" > "$TMP/plain.lua"
    printf '%s\n' 'wrk.headers["Accept-Encoding"] = "gzip"' "$DONE_FN" > "$TMP/gzip.lua"
    for path in plain gzip 304; do
        for where in edge gateway; do
            base="$EDGE"; [ "$where" = gateway ] && base="$GW"
            script="$TMP/$path.lua"
            if [ "$path" = 304 ]; then
                etag="$(curl -sI "$base/feeds/en.rss" | grep -i '^etag:' | cut -d' ' -f2- | tr -d '\r')"
                printf '%s\n' "wrk.headers[\"If-None-Match\"] = '$etag'" "$DONE_FN" > "$TMP/304-$where.lua"
                script="$TMP/304-$where.lua"
                [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base/feeds/en.rss")" = 304 ] \
                    || die "$where: no 304 for $etag"
            fi
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "$base/feeds/en.rss" > /dev/null 2>&1
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$script" "$base/feeds/en.rss" > "$RUN_LOGS/wrk-$path-$where.txt" 2>&1
            rps="$(sed -n 's/^RESULT rps=\([0-9.]*\) errors=\([0-9]*\)$/\1/p' "$RUN_LOGS/wrk-$path-$where.txt")"
            errors="$(sed -n 's/^RESULT rps=[0-9.]* errors=\([0-9]*\)$/\1/p' "$RUN_LOGS/wrk-$path-$where.txt")"
            [ -n "$rps" ] && [ "$errors" = 0 ] || die "wrk $path $where: $(tail -n 5 "$RUN_LOGS/wrk-$path-$where.txt")"
            printf '%s\t%s\t%s\t%s\n' "$run" "$path" "$where" "$rps" >> "$WRK"
            log "run $run: $path $where $rps requests/s"
        done
    done
    stop_servers
done
UPTIME_END="$(uptime | sed 's/^ *//')"

{
    printf 'stamp\t%s\n' "$STAMP"
    printf 'commit\t%s\n' "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src routes bench deploy || echo ', with uncommitted changes')"
    printf 'machine\t%s CPUs, %s, %s\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" "$("$JAVA" -version 2>&1 | head -n 1)"
    printf 'uptime_start\t%s\n' "$UPTIME_START"
    printf 'uptime_end\t%s\n' "$UPTIME_END"
} > "$LOGS/meta.tsv"
python3 bench/static_publish.py report --out "$REPORT" --command "RUNS=$RUNS ITEMS=$ITEMS DURATION=$DURATION $COMMAND" \
    --meta "$LOGS/meta.tsv" --wrk "$WRK" "$RAW"
log "wrote $REPORT"
