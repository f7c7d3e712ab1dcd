#!/usr/bin/env bash
# Cached feed serving: wrk against the running gateway and against nginx serving the same bytes as
# static files, alternating gateway and nginx per path: plain 200, gzip 200, the 304 path
# (If-None-Match) and HEAD. Two pages of /feeds/en.rss: the demo copy (12 items) and a full first
# page of 50 items with bodies (48 copies of the demo items dropped into the inbox after the demo
# phase). SERVE_RUNS full runs (default 3), each from a fresh JVM and a fresh database; the report
# gives min/median/max of the per-run ratios. Writes bench/results/serve-<date>.md and
# bench/results/serve-latest.md; logs in bench/work/serve-<date>/. Needs root the first time (it
# installs nginx-light and wrk with apt-get when they are missing). See bench/README.md.
#
# Environment: SERVE_RUNS (3), SERVE_DURATION (default 10s), SERVE_THREADS (2), SERVE_CONNECTIONS (32),
# SERVE_WARMUP (default 10s per path and page, gateway and nginx alike, not recorded),
# SERVE_JAVA_OPTS (extra JVM options for the gateway, e.g. a JFR recording; none by default),
# SERVE_GATEWAY_ARGS (extra gateway arguments; none by default), SERVE_PAGES ("demo full"),
# SERVE_PORT_BASE (gateway on this port, nginx on the next; default: free ports the kernel picks).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

RUNS="${SERVE_RUNS:-3}"
DURATION="${SERVE_DURATION:-10s}"
THREADS="${SERVE_THREADS:-2}"
CONNECTIONS="${SERVE_CONNECTIONS:-32}"
WARMUP="${SERVE_WARMUP:-10s}"
JAVA_OPTS="${SERVE_JAVA_OPTS:-}"
GATEWAY_ARGS="${SERVE_GATEWAY_ARGS:-}"
PAGES="${SERVE_PAGES:-demo full}"
PATHS="plain gzip 304 head"
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
command -v ab >/dev/null 2>&1 || need+=(apache2-utils)
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

log "building the jar"
./mvnw -q -B -DskipTests package
JAR="$(ls target/wiregate-*.jar | head -n 1)"
[ -f "$JAR" ] || die "no target/wiregate-*.jar"

TMP="$(mktemp -d /tmp/wiregate-serve.XXXXXX)"
chmod 755 "$TMP"   # nginx workers (nobody / www-data) read the docroot
GATEWAY_PID=""
NGINX_PID=""
stop_servers() {
    set +e
    [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    GATEWAY_PID=""
    NGINX_PID=""
    set -e
}
cleanup() {
    set +e
    stop_servers
    cp "$TMP"/nginx.conf "$TMP"/*.lua "$LOGS"/ 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
header() { grep -i "^$2:" "$1" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
items() { curl -s --max-time 5 "$GW/feeds/$1" 2>/dev/null | grep -o '<item>' | wc -l || true; }
wait_for_items() { # feed count seconds
    local deadline=$((SECONDS + $3))
    until [ "$(items "$1")" -ge "$2" ]; do
        kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -n 40 "$RUN_LOGS/gateway.log" >&2; die "the gateway exited"; }
        [ "$SECONDS" -lt "$deadline" ] || die "no $2 items in /feeds/$1 after $3 s"
        sleep 1
    done
}

# The full page: 48 copies of the English demo items under new ids from the redistributable
# `standard` source, each an hour older than the next, so page 1 of /feeds/en.rss holds 50 items
# with their bodies (12 demo + 38 copies) and page 2 the remaining 10 (as in bench/partners.sh).
full_page_items() { # out-dir
    python3 - "$ROOT/src/main/resources/demo/standard" "$1" <<'PY'
import datetime, json, pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
demo = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(src.glob("en-*.json"))]
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
for n in range(48):
    item = demo[n % len(demo)]
    c = dict(item)
    c["uri"] = f"{item['uri']}-bench-{n}"
    c.pop("altids", None)  # no edition group: copies are not editions of each other
    if "headlines" in c:
        c["headlines"] = [dict(h, value=f"{h['value']} ({n})") for h in item["headlines"]]
    else:
        c["headline"] = f"{item['headline']} ({n})"
    when = now - datetime.timedelta(hours=2 + n)
    c["firstcreated"] = c["versioncreated"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    tmp = out / f".bench-{n:03d}.json.tmp"
    tmp.write_text(json.dumps(c, ensure_ascii=False), encoding="utf-8")
    tmp.rename(out / f"bench-{n:03d}.json")  # whole files only: the inbox reads what appears
PY
}

start_gateway() {
    GW_PORT="${SERVE_PORT_BASE:-$(free_port)}"
    GW="http://127.0.0.1:$GW_PORT"
    log "run $RUN: starting a fresh gateway on $GW (log $RUN_LOGS/gateway.log)"
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port="$GW_PORT" --gateway.inbox="$TMP/inbox" \
        "--spring.datasource.url=jdbc:h2:file:$TMP/data/wiregate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
        --gateway.public-base-url="$GW" $GATEWAY_ARGS > "$RUN_LOGS/gateway.log" 2>&1 &
    GATEWAY_PID=$!
}

# The gateway's bytes, both variants, as nginx's docroot; replaced atomically between pages.
snapshot() { # page
    local d="$TMP/www/feeds"
    mkdir -p "$d"
    local tries=0
    # The page may still be re-rendered while the other languages' items arrive: take both variants
    # of one and the same rendering (the plain ETag unchanged across them).
    while :; do
        curl -sf -D "$TMP/gw-plain.headers" -o "$d/.en.rss.new" "$GW/feeds/en.rss"
        curl -sf -D "$TMP/gw-gzip.headers" -H 'Accept-Encoding: gzip' -o "$d/.en.rss.gz.new" "$GW/feeds/en.rss"
        sleep 3 # and still the same rendering a moment later: edition links may still be coming in
        curl -sfI "$GW/feeds/en.rss" > "$TMP/gw-again.headers"
        GW_ETAG="$(header "$TMP/gw-plain.headers" ETag)"
        [ "$GW_ETAG" = "$(header "$TMP/gw-again.headers" ETag)" ] \
            && [ "$(header "$TMP/gw-again.headers" Content-Length)" = "$(stat -c %s "$d/.en.rss.new")" ] \
            && gzip -dc "$d/.en.rss.gz.new" | cmp -s - "$d/.en.rss.new" && break
        tries=$((tries + 1))
        [ "$tries" -lt 30 ] || die "the page kept changing for over 2 minutes"
        sleep 1
    done
    CONTENT_TYPE="$(header "$TMP/gw-plain.headers" Content-Type)"
    [ "$(header "$TMP/gw-gzip.headers" Content-Encoding)" = gzip ] || die "the gateway did not gzip"
    touch -r "$d/.en.rss.new" "$d/.en.rss.gz.new"
    mv -f "$d/.en.rss.gz.new" "$d/en.rss.gz"
    mv -f "$d/.en.rss.new" "$d/en.rss"
    chmod -R a+rX "$TMP/www"
    PLAIN_BYTES[$1]="$(stat -c %s "$d/en.rss")"
    GZIP_BYTES[$1]="$(stat -c %s "$d/en.rss.gz")"
    ITEMS[$1]="$(grep -o '<item>' "$d/en.rss" | wc -l)"
}

start_nginx() {
    NG_PORT="$(if [ -n "${SERVE_PORT_BASE:-}" ]; then echo $((SERVE_PORT_BASE + 1)); else free_port; fi)"
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
        root $TMP/www;
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
    "$NGINX" -t -q -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf"
    "$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" &
    NGINX_PID=$!
    for _ in $(seq 50); do curl -sf -o /dev/null "$NG/feeds/en.rss" && break; sleep 0.1; done
}

# Both servers give the same bytes, type and a 304 for their own ETag; wrk scripts for this page.
check_and_script() {
    curl -sf -o "$TMP/ng-plain.body" "$NG/feeds/en.rss" || die "nginx does not answer"
    cmp -s "$TMP/ng-plain.body" "$TMP/www/feeds/en.rss" || die "nginx serves other bytes"
    curl -sf -H 'Accept-Encoding: gzip' -o "$TMP/ng-gzip.body" "$NG/feeds/en.rss"
    cmp -s "$TMP/ng-gzip.body" "$TMP/www/feeds/en.rss.gz" || die "nginx does not serve the .gz bytes (gzip_static)"
    curl -sI "$NG/feeds/en.rss" > "$TMP/ng-head.headers"
    NG_ETAG="$(header "$TMP/ng-head.headers" ETag)"
    [ "$(header "$TMP/ng-head.headers" Content-Type)" = "$CONTENT_TYPE" ] || die "nginx Content-Type differs"
    curl -sI "$GW/feeds/en.rss" > "$TMP/gw-head.headers"
    [ "$(header "$TMP/gw-head.headers" Content-Length)" = "$(stat -c %s "$TMP/www/feeds/en.rss")" ] \
        || die "gateway HEAD Content-Length is not the body's"
    status() { curl -s -o /dev/null -w '%{http_code}' -H "$2" "$1/feeds/en.rss"; }
    [ "$(status "$GW" "If-None-Match: $GW_ETAG")" = 304 ] || die "gateway: no 304 for $GW_ETAG"
    [ "$(status "$NG" "If-None-Match: $NG_ETAG")" = 304 ] || die "nginx: no 304 for $NG_ETAG"
    printf '%s\n' "-- plain 200" "$DONE_FN" > "$TMP/plain.lua"
    printf '%s\n' "-- gzip 200" 'wrk.headers["Accept-Encoding"] = "gzip"' "$DONE_FN" > "$TMP/gzip.lua"
    printf '%s\n' "-- HEAD" 'wrk.method = "HEAD"' "$DONE_FN" > "$TMP/head.lua"
    printf '%s\n' "-- 304, the gateway's ETag" "wrk.headers[\"If-None-Match\"] = '$GW_ETAG'" "$DONE_FN" > "$TMP/304-gateway.lua"
    printf '%s\n' "-- 304, nginx's own ETag" "wrk.headers[\"If-None-Match\"] = '$NG_ETAG'" "$DONE_FN" > "$TMP/304-nginx.lua"
}

DONE_FN='done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end'

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
    local out="$RUN_LOGS/wrk-$1.txt" pids before after b0 b1
    pids="$(server_pids "$2" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    before="$(cpu_ticks $pids)"; b0="$(busy_ticks)"
    if [ "$(basename "$3")" = head.lua ]; then
        # wrk cannot do HEAD (it waits for the body the Content-Length announces, wg/wrk#198): ab can,
        # single-threaded, with keep-alive, for both servers alike.
        ab -k -i -q -c "$CONNECTIONS" -t "${4%s}" -n 100000000 "$2/feeds/en.rss" > "$out" 2>&1 \
            || { cat "$out" >&2; die "ab failed: $1"; }
        awk '/^Complete requests:/ { n = $3 } /^Failed requests:/ { f = $3 } /^Non-2xx responses:/ { x = $3 }
             /^Requests per second:/ { r = $4 } /^  50%/ { p50 = $2 } /^  99%/ { p99 = $2 }
             END { printf "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d errors=%d\n", r, p50, p99, n, f + x }' \
            "$out" >> "$out"
    else
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency -s "$3" "$2/feeds/en.rss" > "$out" 2>&1 \
            || { cat "$out" >&2; die "wrk failed: $1"; }
    fi
    # shellcheck disable=SC2086
    after="$(cpu_ticks $pids)"; b1="$(busy_ticks)"
    awk -v line="$(grep '^RESULT' "$out" | tail -n 1)" -v d="$((after - before))" -v t="$TICK" -v b0="$b0" -v b1="$b1" \
        -f "$ROOT/bench/wrk-cpu.awk"
}

measure_page() { # page: per path, warmup then one measured round on each server, gateway first
    local page="$1" path gs ns
    for path in $PATHS; do
        gs="$TMP/$path.lua"; ns="$TMP/$path.lua"
        [ "$path" = 304 ] && gs="$TMP/304-gateway.lua" && ns="$TMP/304-nginx.lua"
        run_wrk "$page-$path-warmup-gateway" "$GW" "$gs" "$WARMUP" >/dev/null
        run_wrk "$page-$path-warmup-nginx" "$NG" "$ns" "$WARMUP" >/dev/null
        R[$page,$path,gateway,$RUN]="$(run_wrk "$page-$path-gateway" "$GW" "$gs" "$DURATION")"
        log "run $RUN $page $path gateway: ${R[$page,$path,gateway,$RUN]}"
        R[$page,$path,nginx,$RUN]="$(run_wrk "$page-$path-nginx" "$NG" "$ns" "$DURATION")"
        log "run $RUN $page $path nginx:   ${R[$page,$path,nginx,$RUN]}"
    done
}

# --- 2. the runs ----------------------------------------------------------------------------
declare -A R PLAIN_BYTES GZIP_BYTES ITEMS LOAD C
CHANGED=()
for RUN in $(seq "$RUNS"); do
    RUN_LOGS="$LOGS/run-$RUN"
    mkdir -p "$RUN_LOGS"
    rm -rf "$TMP/inbox" "$TMP/data" "$TMP/www"
    mkdir -p "$TMP/inbox/standard"
    LOAD[before,$RUN]="$(cut -d' ' -f1-3 /proc/loadavg)"
    start_gateway
    # English items are re-rendered as their editions in other languages arrive: snapshot() waits for a rendering that holds still.
    wait_for_items en.rss 12 600
    for page in $PAGES; do
        if [ "$page" = full ]; then
            full_page_items "$TMP/inbox/standard"
            wait_for_items en.rss 50 600
            wait_for_items 'en.rss?page=2' 10 600
        fi
        snapshot "$page"
        [ -n "$NGINX_PID" ] || start_nginx
        check_and_script
        log "run $RUN $page: /feeds/en.rss ${ITEMS[$page]} items, ${PLAIN_BYTES[$page]} bytes (gzip ${GZIP_BYTES[$page]})"
        cp "$TMP/www/feeds/en.rss" "$RUN_LOGS/$page-en.rss"
        measure_page "$page"
        # The page must have stayed the one measured (a new rendering would turn 304s into 200s).
        if [ "$(curl -sfI "$GW/feeds/en.rss" | header /dev/stdin ETag)" != "$GW_ETAG" ]; then
            CHANGED+=("run $RUN, $page page: the gateway's page changed during the measurement")
            log "warning: run $RUN $page: the page changed during the measurement"
        fi
    done
    LOAD[after,$RUN]="$(cut -d' ' -f1-3 /proc/loadavg)"
    stop_servers
    cp "$TMP"/nginx-error.log "$RUN_LOGS"/ 2>/dev/null || true
done

# --- 3. the report --------------------------------------------------------------------------
field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" <<<"$1"; }
fmt() { awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } print s r }'; }
# min median max of the numbers given (median of an even count: the mean of the middle two)
stats() { printf '%s\n' "$@" | sort -g | awk -v f="${FMT:-%.2f}" '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf f " " f " " f "\n", v[1], m, v[NR] }'; }
ratio() { awk -v g="$1" -v n="$2" 'BEGIN { printf "%.3f", g / n }'; }
JAVA_VERSION="$("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
NGINX_VERSION="$("$NGINX" -v 2>&1)"
WRK_VERSION="$(wrk -v 2>&1 | head -n 1 || true)"
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
GOAL=0.6

{
    echo "# Feed serving: gateway vs nginx, $STAMP"
    echo
    echo "Generated by \`bench/serve.sh\`: $RUNS full runs, each from a fresh JVM and a fresh H2 database."
    echo "\`/feeds/en.rss\` from the gateway's in-memory cache, against nginx serving the very same bytes"
    echo "(fetched from the gateway) as a static file, on the same machine, in the same run: per page and path"
    echo "a warmup of $WARMUP on each server (not recorded), then $DURATION on the gateway and $DURATION on nginx."
    echo "Each run's ratio is gateway requests/s over nginx requests/s of that run; min / median / max are"
    echo "over the runs. Pages:"
    echo
    for page in $PAGES; do
        case "$page" in
            demo) echo "- **demo**: the 12 demo items, ${PLAIN_BYTES[demo]} bytes, gzip ${GZIP_BYTES[demo]} bytes (last run)";;
            full) echo "- **full**: a full first page of ${ITEMS[full]} items with bodies (the 12 demo items and 38 of 48 copies under new ids, dropped into the inbox after the demo page was measured), ${PLAIN_BYTES[full]} bytes, gzip ${GZIP_BYTES[full]} bytes (last run)";;
        esac
    done
    echo
    echo "## Machine"
    echo
    echo "- date: $STAMP (UTC start)"
    echo "- nproc: $(nproc); CPU: $CPU; shared with other builds (see the load averages)"
    echo "- java: $JAVA_VERSION"
    echo "- nginx: $NGINX_VERSION (worker_processes $(nproc), sendfile on, access_log off, etag on, gzip_static on)"
    echo "- wrk: $WRK_VERSION"
    for RUN in $(seq "$RUNS"); do
        echo "- run $RUN: load average before ${LOAD[before,$RUN]}; after ${LOAD[after,$RUN]}"
    done
    echo "- gateway: \`$JAVA ${JAVA_OPTS:+$JAVA_OPTS }-jar $JAR${GATEWAY_ARGS:+ $GATEWAY_ARGS}\`, H2 file store, demo copy"
    echo
    echo "## Commands"
    echo
    echo '```sh'
    echo "SERVE_RUNS=$RUNS SERVE_WARMUP=$WARMUP SERVE_DURATION=$DURATION bench/serve.sh"
    echo "# each measurement:"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s <path>.lua http://127.0.0.1:<port>/feeds/en.rss   # plain, gzip, 304"
    echo "ab -k -i -q -c $CONNECTIONS -t ${DURATION%s} -n 100000000 http://127.0.0.1:<port>/feeds/en.rss                   # HEAD"
    echo '```'
    echo
    echo "The scripts set the request (plain.lua: no extra header; gzip.lua: \`Accept-Encoding: gzip\`;"
    echo "304-gateway.lua / 304-nginx.lua: \`If-None-Match\` with the gateway's ETag or nginx's own) and print a"
    echo "RESULT line from wrk's summary. HEAD is measured with ApacheBench (\`ab -i\`, one client thread, keep-alive),"
    echo "as wrk cannot read bodiless answers (wg/wrk#198); its latencies are whole milliseconds. Before measuring each page the script checks that"
    echo "nginx returns the gateway's exact bytes for both variants, the same Content-Type, a 304 for each ETag,"
    echo "and that the gateway's HEAD gives the body's Content-Length. Full wrk output: \`bench/work/serve-$STAMP/\`."
    echo
    echo "## Summary: gateway / nginx requests/s (goal >= ${GOAL}x, median of $RUNS runs)"
    echo
    echo "| Page | Path | min | **median** | max | Goal |"
    echo "|---|---|---:|---:|---:|---|"
    for page in $PAGES; do
        for path in $PATHS; do
            rs=()
            for RUN in $(seq "$RUNS"); do
                rs+=("$(ratio "$(field "${R[$page,$path,gateway,$RUN]}" rps)" "$(field "${R[$page,$path,nginx,$RUN]}" rps)")")
            done
            read -r lo med hi <<<"$(stats "${rs[@]}")"
            met="$(awk -v r="$med" -v g="$GOAL" 'BEGIN { print (r >= g) ? "met" : "**not met**" }')"
            echo "| $page | $path | ${lo}x | **${med}x** | ${hi}x | $met |"
        done
    done
    echo
    echo "## Server CPU per request (µs; min / median / max over the runs)"
    echo
    echo "| Page | Path | Gateway | nginx |"
    echo "|---|---|---:|---:|"
    for page in $PAGES; do
        for path in $PATHS; do
            for server in gateway nginx; do
                cs=()
                for RUN in $(seq "$RUNS"); do cs+=("$(field "${R[$page,$path,$server,$RUN]}" cpu_us_per_req)"); done
                C[$server]="$(FMT=%.0f stats "${cs[@]}" | tr ' ' /)"
            done
            echo "| $page | $path | ${C[gateway]} | ${C[nginx]} |"
        done
    done
    echo
    echo "## Every run"
    echo
    echo "| Page | Path | Run | Gateway req/s | nginx req/s | Ratio | Gateway p50 / p99 ms | nginx p50 / p99 ms | Machine busy % (gw / nginx) | Errors (gw / nginx) |"
    echo "|---|---|---:|---:|---:|---:|---|---|---|---|"
    for page in $PAGES; do
        for path in $PATHS; do
            for RUN in $(seq "$RUNS"); do
                g="${R[$page,$path,gateway,$RUN]}"; n="${R[$page,$path,nginx,$RUN]}"
                echo "| $page | $path | $RUN | $(fmt "$(field "$g" rps)") | $(fmt "$(field "$n" rps)") | $(ratio "$(field "$g" rps)" "$(field "$n" rps)")x | $(field "$g" p50_ms) / $(field "$g" p99_ms) | $(field "$n" p50_ms) / $(field "$n" p99_ms) | $(field "$g" machine_busy) / $(field "$n" machine_busy) | $(field "$g" errors) / $(field "$n" errors) |"
            done
        done
    done
    echo
    if [ "${#CHANGED[@]}" -gt 0 ]; then
        echo "**Warning:** ${CHANGED[*]}."
    else
        echo "The gateway's page was the same rendering (ETag) before and after every page's measurements."
    fi
    echo
    echo "Every run keeps the machine's $(nproc) CPUs busy (the machine busy column), so requests/s is set by CPU"
    echo "time per request: the server's own, wrk's and the kernel's loopback TCP work, all on the same cores."
    echo "Other builds sharing the machine take their share too: compare runs by the load averages above."
} > "$REPORT"
cp "$REPORT" "$RESULTS/serve-latest.md"
log "done: $REPORT (also $RESULTS/serve-latest.md); wrk output in $LOGS"
