#!/usr/bin/env bash
# Partner feed serving with 1,000 partners configured: wrk against /partner/feeds/en.rss with every
# request carrying the key of another partner (entitlement filtering, key lookup, rate limit and
# usage accounting on every request), against the public /feeds/en.rss of the same size on the same
# running jar, in the same run, alternating public, partner, public, partner per path (plain 200,
# gzip 200, 304). Context rows: the public feed through the full web stack, one partner's key only,
# all 1,000 partners on their own contracts' feeds, and a key over its rate limit. Writes
# bench/results/partners-<date>.md and bench/results/partners-latest.md; logs in
# bench/work/partners-<date>/. Needs root the first time (it installs wrk with apt-get when missing).
# See bench/README.md.
#
# Environment: PARTNERS_DURATION (default 6s), PARTNERS_THREADS (2), PARTNERS_CONNECTIONS (32),
# PARTNERS_WARMUP (default 4s per setup, not recorded), PARTNERS_JFR (1: record a JFR profile of the
# partner runs into the work directory), PARTNERS_PORT (the gateway's port; default: a free port).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

DURATION="${PARTNERS_DURATION:-6s}"
THREADS="${PARTNERS_THREADS:-2}"
CONNECTIONS="${PARTNERS_CONNECTIONS:-32}"
WARMUP="${PARTNERS_WARMUP:-4s}"
JFR="${PARTNERS_JFR:-0}"
PARTNERS=1000
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="$ROOT/bench/results"
LOGS="$ROOT/bench/work/partners-$STAMP"
REPORT="$RESULTS/partners-$STAMP.md"
mkdir -p "$RESULTS" "$LOGS"

log() { echo "== $*"; }
die() { echo "partners.sh: $*" >&2; exit 1; }

# --- 1. wrk ---------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "missing wrk: run as root once, or apt-get install wrk"
    log "installing wrk"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq wrk
fi
for tool in curl python3; do command -v "$tool" >/dev/null || die "needs $tool"; done

# --- 2. the gateway, with a corpus where the public and a standard partner see the same page ---
log "building the jar"
./mvnw -q -B -DskipTests package
JAR="$(ls target/wiregate-*.jar | head -n 1)"
[ -f "$JAR" ] || die "no target/wiregate-*.jar"

TMP="$(mktemp -d /tmp/wiregate-partners.XXXXXX)"
GATEWAY_PID=""
cleanup() {
    set +e
    [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null
    cp "$TMP"/gateway.log "$TMP"/partners.tsv.redacted "$TMP"/*.jfr "$LOGS"/ 2>/dev/null
    for lua in "$TMP"/*.lua; do # the scripts as run, keys blanked: keys stay in the temporary directory only
        [ -f "$lua" ] && sed -E 's/wgp_[a-z2-9]{12}_[A-Za-z0-9_-]{43}/wgp_REDACTED/g' "$lua" > "$LOGS/$(basename "$lua")"
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# English copy: the 12 demo ninjs items (which the gateway drops into the inbox itself) plus 48
# copies under new ids, all from the redistributable `standard` source, so page 1 of the English
# feed holds 50 items for the public and for a standard contract alike; plus 3 newer copies under an
# embargo a day ahead, which only an embargo-preview contract sees (on its page 1). One AFP item (Arabic, the
# NewsML 1.2 fixture) for the AFP-only contract.
mkdir -p "$TMP/inbox/standard" "$TMP/inbox/afp"
python3 - "$ROOT/src/main/resources/demo/standard" "$TMP/inbox/standard" <<'PY'
import datetime, json, pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
demo = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(src.glob("en-*.json"))]
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
def iso(t): return t.strftime("%Y-%m-%dT%H:%M:%SZ")
def copy(n, item, embargo=None):
    c = dict(item)
    c["uri"] = f"{item['uri']}-bench-{n}"
    c.pop("altids", None)  # no edition group: copies are not editions of each other
    if "headlines" in c:  # ninjs 2 (a list) or ninjs 1 (one string)
        c["headlines"] = [dict(h, value=f"{h['value']} ({n})") for h in item["headlines"]]
    else:
        c["headline"] = f"{item['headline']} ({n})"
    # Embargoed copies are the newest, so the embargo-preview page shows them; the rest go back by the hour.
    when = now - (datetime.timedelta(minutes=10 + n) if embargo else datetime.timedelta(hours=2 + n))
    c["firstcreated"] = c["versioncreated"] = iso(when)
    if embargo:
        c["embargoed"] = iso(embargo)
    (out / f"bench-{n:03d}.json").write_text(json.dumps(c, ensure_ascii=False), encoding="utf-8")
for n in range(48):
    copy(n, demo[n % len(demo)])
for n in range(48, 51):
    copy(n, demo[n % len(demo)], embargo=now + datetime.timedelta(days=1))
PY
cp "$ROOT/src/test/resources/fixtures/newsml1/ar-afp-lebanon-budget.xml" "$TMP/inbox/afp/"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
GW_PORT="${PARTNERS_PORT:-$(free_port)}"
GW="http://127.0.0.1:$GW_PORT"
OPS_TOKEN="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"

log "starting the gateway on $GW (log $LOGS/gateway.log)"
"$JAVA" -jar "$JAR" --server.port="$GW_PORT" --gateway.inbox="$TMP/inbox" \
    "--spring.datasource.url=jdbc:h2:file:$TMP/data/wiregate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    --gateway.public-base-url="$GW" --gateway.ops.token="$OPS_TOKEN" > "$TMP/gateway.log" 2>&1 &
GATEWAY_PID=$!

items() { curl -s --max-time 5 "$GW/feeds/$1" 2>/dev/null | grep -o '<item>' | wc -l || true; }
deadline=$((SECONDS + 240))
until [ "$(items en.rss)" -ge 50 ] && [ "$(items 'en.rss?page=2')" -ge 10 ] && [ "$(items ar.rss)" -ge 13 ] \
        && [ "$(items es.rss)" -ge 12 ]; do
    kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -n 40 "$TMP/gateway.log" >&2; die "the gateway exited"; }
    [ "$SECONDS" -lt "$deadline" ] || die "corpus not in the feeds after 240 s (en $(items en.rss)+$(items 'en.rss?page=2'), ar $(items ar.rss), es $(items es.rss))"
    sleep 1
done
log "corpus in: en.rss $(items en.rss) items (+$(items 'en.rss?page=2') on page 2), ar.rss $(items ar.rss), es.rss $(items es.rss)"

# --- 3. 1,000 partners over the admin API, each one's feed fetched once --------------------
# Contracts as an agency's partner list might spread them. Rates at the admin API's maximum
# (1,000,000 a minute, burst 1,000,000), so no benchmark request is limited; the limiter still
# runs on every request. One extra partner with 60 a minute, burst 10, for the 429 row.
log "creating $PARTNERS partners through POST /ops/partners and fetching each one's feed"
python3 - "$GW" "$OPS_TOKEN" "$PARTNERS" "$TMP" <<'PY'
import gzip, http.client, json, random, re, sys, urllib.parse
base, ops, count, tmp = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)

def call(method, path, headers=None, body=None):
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()

# (name, share, entitlements, feed the partner polls)
CONTRACTS = [
    ("standard", 0.40, {}, "/partner/feeds/en.rss"),
    ("es-only", 0.20, {"languages": ["es"]}, "/partner/feeds/es.rss"),
    ("politics-economy", 0.15, {"sections": ["politics", "economy"]}, "/partner/feeds/en.rss"),
    ("summary-only", 0.10, {"text": "summary"}, "/partner/feeds/en.rss"),
    ("afp-only", 0.10, {"agencies": ["afp"]}, "/partner/feeds/ar.rss"),
    ("embargo-preview", 0.05, {"embargoPreview": True}, "/partner/feeds/en.rss"),
]
plan = []
for name, share, ent, path in CONTRACTS:
    plan += [(name, ent, path)] * round(share * count)
assert len(plan) == count, len(plan)

def create(pid, name, ent, rate, burst):
    body = json.dumps({"id": pid, "name": f"Bench outlet {pid}", "entitlements": ent,
                       "ratePerMinute": rate, "burst": burst})
    status, _, answer = call("POST", "/ops/partners", {"Authorization": f"Bearer {ops}",
                                                      "Content-Type": "application/json"}, body)
    if status != 201:
        sys.exit(f"POST /ops/partners {pid}: {status} {answer[:300]!r}")
    return json.loads(answer)["key"]["key"]

def items(body):
    return len(re.findall(rb"<item>", body))

rows = []
for n, (name, ent, path) in enumerate(plan):
    pid = f"bench-{n:04d}"
    key = create(pid, name, ent, 1_000_000, 1_000_000)
    auth = {"Authorization": f"Bearer {key}"}
    status, h, body = call("GET", path, auth)
    if status != 200:
        sys.exit(f"{pid} ({name}) GET {path}: {status} {body[:300]!r}")
    etag = h["etag"]
    s304, _, _ = call("GET", path, dict(auth, **{"If-None-Match": etag}))
    sg, hg, gz = call("GET", path, dict(auth, **{"Accept-Encoding": "gzip"}))
    if s304 != 304 or sg != 200 or hg.get("content-encoding") != "gzip" or gzip.decompress(gz) != body:
        sys.exit(f"{pid} ({name}): 304 {s304}, gzip {sg} {hg.get('content-encoding')}")
    rows.append((pid, name, key, path, etag, len(body), len(gz), items(body)))

limited_key = create("bench-limited", "standard", {}, 60, 10)

# The public page and its bytes, the baseline.
status, h, public = call("GET", "/feeds/en.rss")
_, hg, public_gz = call("GET", "/feeds/en.rss", {"Accept-Encoding": "gzip"})
s304, _, _ = call("GET", "/feeds/en.rss", {"If-None-Match": h["etag"]})
_, hm, mvc = call("GET", "/feeds/en.rss?page=1")
assert status == 200 and s304 == 304 and mvc == public, "public feed checks"

with open(f"{tmp}/partners.tsv", "w") as f:
    for r in rows:
        f.write("\t".join(map(str, r)) + "\n")
with open(f"{tmp}/partners.tsv.redacted", "w") as f:
    f.write("partner\tcontract\tpath\tbytes\tgzip_bytes\titems\n")
    for r in rows:
        f.write("\t".join(map(str, (r[0], r[1], r[3], r[5], r[6], r[7]))) + "\n")

def lua_entries(file, entries):
    with open(f"{tmp}/{file}", "w") as f:
        f.write("entries = {\n")
        for path, key, etag in entries:
            f.write("  {%s, %s, %s},\n" % tuple(json.dumps(x) for x in (path, key, etag)))
        f.write("}\n")

standard = [r for r in rows if r[1] == "standard"]
mixed = list(rows)
random.Random(7).shuffle(mixed)  # consecutive requests come from different contracts
lua_entries("entries-public.lua", [("/feeds/en.rss", "", h["etag"])])
lua_entries("entries-public-mvc.lua", [("/feeds/en.rss?page=1", "", h["etag"])])
lua_entries("entries-standard.lua", [(r[3], r[2], r[4]) for r in standard])
lua_entries("entries-one.lua", [(standard[0][3], standard[0][2], standard[0][4])])
lua_entries("entries-mixed.lua", [(r[3], r[2], r[4]) for r in mixed])
lua_entries("entries-limited.lua", [("/partner/feeds/en.rss", limited_key, "")])

def mean(xs): return sum(xs) / len(xs)
facts = {
    "public_items": items(public), "public_bytes": len(public), "public_gzip": len(public_gz),
    "standard_items": sorted({r[7] for r in standard}), "standard_bytes": round(mean([r[5] for r in standard])),
    "standard_bytes_min": min(r[5] for r in standard), "standard_bytes_max": max(r[5] for r in standard),
    "standard_gzip": round(mean([r[6] for r in standard])), "standard_keys": len(standard),
    "one_bytes": standard[0][5], "one_gzip": standard[0][6],
    "mixed_bytes": round(mean([r[5] for r in rows])), "mixed_gzip": round(mean([r[6] for r in rows])),
    "contracts": [],
    "variant_mib": round(sum(r[5] + r[6] for r in rows) / 2**20),
}
for name, share, ent, path in CONTRACTS:
    rs = [r for r in rows if r[1] == name]
    facts["contracts"].append({"name": name, "partners": len(rs), "entitlements": json.dumps(ent), "path": path,
                               "items": sorted({r[7] for r in rs}), "bytes": round(mean([r[5] for r in rs])),
                               "gzip": round(mean([r[6] for r in rs]))})
json.dump(facts, open(f"{tmp}/facts.json", "w"))
print(f"{len(rows)} partners + 1 limited; public en.rss {facts['public_items']} items {len(public)} bytes;"
      f" standard {facts['standard_items']} items {facts['standard_bytes']} bytes")
PY

# --- 4. wrk ---------------------------------------------------------------------------------
# Every script builds each request in request() from an entries table, the public ones too, so wrk
# does the same work per request on both sides; only the table differs. Threads start at different
# places in the table.
DONE_FN='done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d errors=%d status_errors=%d bytes=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    e.status, summary.bytes))
end'
script() { # entries mode -> script path
    local out="$TMP/$1-$2.lua"
    {
        echo "-- $1, $2"
        cat "$TMP/entries-$1.lua"
        echo "local mode = \"$2\""
        cat <<'LUA'
local n = #entries
local next_id = 0
setup = function(thread) thread:set("thread_id", next_id); next_id = next_id + 1 end
local i
request = function()
  if i == nil then i = ((thread_id or 0) * 7919) % n end
  i = i % n + 1
  local e = entries[i]
  local headers = {}
  if e[2] ~= "" then headers["Authorization"] = "Bearer " .. e[2] end
  if mode == "gzip" then headers["Accept-Encoding"] = "gzip" end
  if mode == "304" then headers["If-None-Match"] = e[3] end
  return wrk.format("GET", e[1], headers)
end
LUA
        echo "$DONE_FN"
    } > "$out"
    echo "$out"
}

TICK="$(getconf CLK_TCK)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$GATEWAY_PID/stat"; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
run_wrk() { # name entries mode duration -> RESULT line + server CPU per request + machine busy share
    local out="$LOGS/wrk-$1.txt" before after b0 b1
    before="$(cpu_ticks)"; b0="$(busy_ticks)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency -s "$(script "$2" "$3")" "$GW" > "$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed: $1"; }
    after="$(cpu_ticks)"; b1="$(busy_ticks)"
    awk -v line="$(grep '^RESULT' "$out" | tail -n 1)" -v d="$((after - before))" -v t="$TICK" -v b0="$b0" -v b1="$b1" \
        -f "$ROOT/bench/wrk-cpu.awk"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "warmup: $WARMUP per setup and path (not recorded)"
for entries in public standard public-mvc one mixed; do
    for mode in plain gzip 304; do run_wrk "warmup-$entries-$mode" "$entries" "$mode" "$WARMUP" >/dev/null; done
done

if [ "$JFR" = 1 ]; then
    "$JCMD" "$GATEWAY_PID" JFR.start name=partners settings=profile filename="$TMP/partners-$STAMP.jfr" >/dev/null
fi
declare -A R
# The pairs the ratios come from, alternating within each round so they share the machine's drift.
for mode in plain gzip 304; do
    for round in 1 2; do
        for entries in public public-mvc standard; do
            R[$mode,$entries,$round]="$(run_wrk "$mode-$entries-$round" "$entries" "$mode" "$DURATION")"
            log "$mode $entries #$round: ${R[$mode,$entries,$round]}"
        done
    done
done
for mode in plain gzip 304; do
    for entries in one mixed; do
        R[$mode,$entries,1]="$(run_wrk "$mode-$entries" "$entries" "$mode" "$DURATION")"
        log "$mode $entries: ${R[$mode,$entries,1]}"
    done
done
R[plain,limited,1]="$(run_wrk "plain-limited" limited plain "$DURATION")"
log "plain limited: ${R[plain,limited,1]}"
if [ "$JFR" = 1 ]; then
    "$JCMD" "$GATEWAY_PID" JFR.stop name=partners >/dev/null
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
USAGE_CHECK="$(curl -s -H "Authorization: Bearer $OPS_TOKEN" "$GW/ops/partners/bench-0000/usage" | head -c 400)"

# --- 5. the report --------------------------------------------------------------------------
RUNS="$LOGS/runs.txt"
: > "$RUNS"
for k in "${!R[@]}"; do echo "${k//,/ } ${R[$k]}" >> "$RUNS"; done
python3 - "$RUNS" "$TMP/facts.json" "$REPORT" <<PY
import json, re, sys
runs, facts, out = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
R = {}
for line in open(runs):
    mode, entries, rnd, rest = line.split(" ", 3)
    R[mode, entries, int(rnd)] = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", rest)}
meta = {
    "stamp": "$STAMP", "partners": $PARTNERS, "cpu": """$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')""",
    "nproc": "$(nproc)", "java": """$("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')""",
    "wrk": """$(wrk -v 2>&1 | head -n 1 || true)""", "load_before": "$LOAD_BEFORE", "load_after": "$LOAD_AFTER",
    "jar": "$JAR", "java_cmd": "$JAVA", "threads": "$THREADS", "connections": "$CONNECTIONS", "duration": "$DURATION",
    "warmup": "$WARMUP", "usage": """$USAGE_CHECK""",
}
MODES = [("plain", "Plain 200 (no Accept-Encoding)"), ("gzip", "Gzip 200 (Accept-Encoding: gzip)"),
         ("304", "304 Not Modified (If-None-Match)")]
n_std = facts["standard_keys"]
def n(x): return f"{x:,.0f}"
def mean(mode, e, key): return sum(R[mode, e, r][key] for r in (1, 2)) / 2
def spread(mode, a, b):  # a/b with a's slowest round against b's fastest, and the other way round
    lo = min(R[mode, a, r]["rps"] for r in (1, 2)) / max(R[mode, b, r]["rps"] for r in (1, 2))
    hi = max(R[mode, a, r]["rps"] for r in (1, 2)) / min(R[mode, b, r]["rps"] for r in (1, 2))
    return f"{lo:.2f}x to {hi:.2f}x"
L = []
w = L.append
w(f"# Partner feed serving with {meta['partners']:,} partners: partner feed vs public feed, {meta['stamp']}")
w("")
w(f"Generated by \`bench/partners.sh\`. One running gateway with {meta['partners']:,} partners configured through the admin API.")
w(f"The partner feed \`/partner/feeds/en.rss\`, each request with the key of the next of the {n_std} partners on the")
w("standard contract (authentication, the page cut to the contract with the partner's own rights statement, rate limit")
w("and usage accounting on every request), against the public \`/feeds/en.rss\` of the same size, on the same jar, in the")
w("same run, alternating public, public through the web stack, partner, twice per path.")
w("")
w("## Machine")
w("")
w(f"- date: {meta['stamp']} (UTC start)")
w(f"- nproc: {meta['nproc']}; CPU: {meta['cpu']}")
w(f"- java: {meta['java']}")
w(f"- wrk: {meta['wrk']}")
w(f"- load average before: {meta['load_before']}; after: {meta['load_after']}")
w(f"- gateway: \`{meta['java_cmd']} -jar {meta['jar']}\` with default JVM and Tomcat settings, H2 file store")
w("")
w("## Corpus and partners")
w("")
w("English: the 12 demo ninjs items and 48 copies under new ids, all from the redistributable \`standard\` source, so the")
w("public page and a standard contract's page hold the same 50 newest items; 3 newer copies under an embargo a day ahead")
w("(seen only with embargo preview, on its first page); the Arabic and Spanish demo copy; one AFP item (Arabic, a NewsML")
w("1.2 test fixture).")
w("")
w("| Page | Items | Bytes | Gzip bytes |")
w("|---|---:|---:|---:|")
w(f"| public \`/feeds/en.rss\` | {facts['public_items']} | {facts['public_bytes']:,} | {facts['public_gzip']:,} |")
w(f"| partner \`/partner/feeds/en.rss\`, standard contract: mean of {n_std} partners (min {facts['standard_bytes_min']:,}, max {facts['standard_bytes_max']:,}) | {', '.join(map(str, facts['standard_items']))} | {facts['standard_bytes']:,} | {facts['standard_gzip']:,} |")
w("")
w(f"The partner page carries the same items and in addition each item's usage terms and the feed's rights statement naming the")
w(f"partner: {facts['standard_bytes'] / facts['public_bytes']:.2f}x the public page's bytes, {facts['standard_gzip'] / facts['public_gzip']:.2f}x gzipped.")
w("")
w("| Contract | Partners | Entitlements (admin API JSON) | Feed polled | Items | Bytes (mean) | Gzip (mean) |")
w("|---|---:|---|---|---:|---:|---:|")
for c in facts["contracts"]:
    w(f"| {c['name']} | {c['partners']} | \`{c['entitlements']}\` | \`{c['path']}\` | {', '.join(map(str, c['items']))} | {c['bytes']:,} | {c['gzip']:,} |")
w("")
w("Every partner has ratePerMinute 1,000,000 and burst 1,000,000 (the admin API's maximum): the limiter runs on every")
w("request and refuses none (429s would count in the error rows, which are 0). Before measuring, the script fetched every")
w("partner's feed (200), its gzip variant (the same bytes compressed) and a 304 for its ETag.")
w("")
w("## Commands")
w("")
w("\`\`\`sh")
w(f"wrk -t{meta['threads']} -c{meta['connections']} -d{meta['duration']} --latency -s <table>-<plain|gzip|304>.lua http://127.0.0.1:<port>")
w("\`\`\`")
w("")
w("Each script builds every request in \`request()\` from a table of (path, key, ETag) and moves to the next entry, the")
w("public tables too, so wrk's own cost per request is the same on every side. plain sends no Accept-Encoding, gzip sends")
w("\`Accept-Encoding: gzip\`, 304 sends \`If-None-Match\` with that entry's ETag. Tables: *public* \`/feeds/en.rss\`;")
w("*public through the web stack* \`/feeds/en.rss?page=1\` (the same bytes, but the query keeps it off the public main")
w("feeds' fast path, FeedFastPath, so it goes through the Spring Security filter chain, the request observation and Spring")
w(f"MVC as partner requests do); *partner* the {n_std} standard partners' keys; *one key* one of them only; *all {meta['partners']:,}* every")
w(f"partner on its own contract's feed (mean body {facts['mixed_bytes']:,} bytes, gzip {facts['mixed_gzip']:,}), shuffled so consecutive requests")
w(f"come from different contracts. Warmup {meta['warmup']} per table and path, not recorded. Scripts (keys blanked) and")
w(f"wrk output: \`bench/work/partners-{meta['stamp']}/\`.")
w("")
w("## Results: partner feed against the public feed of the same size")
w("")
w("| Path | Public req/s | Partner req/s | **Ratio partner/public** (spread) | Public through the web stack req/s | Ratio partner/public through the stack (spread) |")
w("|---|---:|---:|---:|---:|---:|")
for mode, title in MODES:
    p, m, s_ = (mean(mode, e, "rps") for e in ("public", "public-mvc", "standard"))
    w(f"| {title} | {n(p)} | {n(s_)} | **{s_ / p:.2f}x** ({spread(mode, 'standard', 'public')}) | {n(m)} | {s_ / m:.2f}x ({spread(mode, 'standard', 'public-mvc')}) |")
w("")
w("Requests/s are the mean of two rounds; the spread sets the slowest round of one side against the fastest of the other.")
w("")
for mode, title in MODES:
    w(f"### {title}")
    w("")
    w(f"| | Public | Public through the web stack | Partner, {n_std} keys |")
    w("|---|---:|---:|---:|")
    cols = ("public", "public-mvc", "standard")
    w("| Requests/s, round 1 / 2 | " + " | ".join(f"{n(R[mode, e, 1]['rps'])} / {n(R[mode, e, 2]['rps'])}" for e in cols) + " |")
    for r in (1, 2):
        w(f"| Latency p50 / p99, round {r} (ms) | " + " | ".join(f"{R[mode, e, r]['p50_ms']:.2f} / {R[mode, e, r]['p99_ms']:.2f}" for e in cols) + " |")
    w("| Server CPU per request, round 1 / 2 (µs) | " + " | ".join(f"{R[mode, e, 1]['cpu_us_per_req']:.0f} / {R[mode, e, 2]['cpu_us_per_req']:.0f}" for e in cols) + " |")
    w("| Machine CPU busy, round 1 / 2 (%) | " + " | ".join(f"{R[mode, e, 1]['machine_busy']:.0f} / {R[mode, e, 2]['machine_busy']:.0f}" for e in cols) + " |")
    w("| Socket errors + non-2xx/3xx (both rounds) | " + " | ".join(f"{R[mode, e, 1]['errors'] + R[mode, e, 2]['errors']:.0f}" for e in cols) + " |")
    w("")
w("## Per-partner cost: one key, 400 keys, 1,000 keys on six contracts")
w("")
w("| Setup | Path | Requests/s | Ratio to public | p50 / p99 (ms) | Server CPU µs/request | Socket errors + non-2xx/3xx |")
w("|---|---|---:|---:|---|---:|---:|")
for mode, title in MODES:
    p = mean(mode, "public", "rps")
    w(f"| Public (mean of 2) | {mode} | {n(p)} | 1.00x | | {mean(mode, 'public', 'cpu_us_per_req'):.0f} | |")
    w(f"| Public through the web stack (mean of 2) | {mode} | {n(mean(mode, 'public-mvc', 'rps'))} | {mean(mode, 'public-mvc', 'rps') / p:.2f}x | | {mean(mode, 'public-mvc', 'cpu_us_per_req'):.0f} | |")
    w(f"| Partner, one key | {mode} | {n(R[mode, 'one', 1]['rps'])} | {R[mode, 'one', 1]['rps'] / p:.2f}x | {R[mode, 'one', 1]['p50_ms']:.2f} / {R[mode, 'one', 1]['p99_ms']:.2f} | {R[mode, 'one', 1]['cpu_us_per_req']:.0f} | {R[mode, 'one', 1]['errors']:.0f} |")
    w(f"| Partner, {n_std} standard keys (mean of 2) | {mode} | {n(mean(mode, 'standard', 'rps'))} | {mean(mode, 'standard', 'rps') / p:.2f}x | | {mean(mode, 'standard', 'cpu_us_per_req'):.0f} | |")
    w(f"| Partner, all {meta['partners']:,} keys, own contracts | {mode} | {n(R[mode, 'mixed', 1]['rps'])} | {R[mode, 'mixed', 1]['rps'] / p:.2f}x | {R[mode, 'mixed', 1]['p50_ms']:.2f} / {R[mode, 'mixed', 1]['p99_ms']:.2f} | {R[mode, 'mixed', 1]['cpu_us_per_req']:.0f} | {R[mode, 'mixed', 1]['errors']:.0f} |")
v = R["plain", "limited", 1]
w(f"| Partner over its limit (60/min, burst 10): 429 | plain | {n(v['rps'])} | {v['rps'] / mean('plain', 'public', 'rps'):.2f}x | {v['p50_ms']:.2f} / {v['p99_ms']:.2f} | {v['cpu_us_per_req']:.0f} | {v['status_errors']:.0f} 429s of {v['requests']:.0f} |")
w("")
c = {e: mean("304", e, "cpu_us_per_req") for e in ("public", "public-mvc", "standard")}
cp = {e: mean("plain", e, "cpu_us_per_req") for e in ("public", "public-mvc", "standard")}
w("## What limits it")
w("")
w("Every run keeps the machine's CPUs busy (the \"machine CPU busy\" rows; wrk runs on the same cores), so requests/s")
w("follow server CPU time per request. For the 304 path, which sends no body, that is")
w(f"{c['public']:.0f} µs for the public feed, {c['public-mvc']:.0f} µs for the same public feed through the web stack and")
w(f"{c['standard']:.0f} µs for the partner feed; for plain 200, {cp['public']:.0f}, {cp['public-mvc']:.0f} and {cp['standard']:.0f} µs.")
w("A partner's main feed is answered by PartnerFeedFastPath, right after PartnerAuthFilter (key lookup in the")
w("directory's 2-second cache, SHA-256 of the presented key) and RateLimitFilter (the bucket4j token, usage counters, a")
w("byte-counting response wrapper), ahead of the Spring Security filter chain and Spring MVC, from the contract's render")
w("and the partner's variant looked up in two maps. What it still pays over the public fast path, per request: " + ", ".join(
    f"{m} {mean(m, 'standard', 'cpu_us_per_req') - mean(m, 'public', 'cpu_us_per_req'):+.0f} µs" for m in ("plain", "gzip", "304")) + ":")
w("that partner work, the \`http.server.requests\` observation (which runs before the partner filters; the public fast")
w("path runs before it) and, for plain bodies, the copy through Tomcat's output buffer, where the public feed's 32 KB-and-up")
w("bodies go out with sendfile (a file per ETag; per-partner variants are not written to disk, which would take a file per")
w("partner and page). The public-through-the-stack column shows what the fast path saves: " + ", ".join(
    f"{m} {mean(m, 'public-mvc', 'cpu_us_per_req') - mean(m, 'public', 'cpu_us_per_req'):+.0f} µs" for m in ("plain", "gzip", "304")) + ".")
w("Keys: a key is looked up in the database once per 2 seconds (the revocation bound) and then served from memory, so")
w("with N keys polling, at most N/2 lookups a second, whatever the request rate. Server CPU per 304 request: one key")
w(f"{R['304', 'one', 1]['cpu_us_per_req']:.0f} µs, {n_std} keys {c['standard']:.0f} µs, all {meta['partners']:,} keys {R['304', 'mixed', 1]['cpu_us_per_req']:.0f} µs. Renders: one per contract")
w("and page, shared by its partners; each partner's variant (the render with its rights statement, gzipped, tagged) is")
w(f"made once and kept: {facts['variant_mib']} MiB for the {meta['partners']:,} partners' pages here, plain and gzip, under the 256 MiB bound.")
w("")
w(f"Usage accounting after the run, partner bench-0000 (\`GET /ops/partners/bench-0000/usage\`): \`{meta['usage']}\`")
w("")
open(out, "w").write("\n".join(L))
PY
cp "$REPORT" "$RESULTS/partners-latest.md"
log "done: $REPORT (also $RESULTS/partners-latest.md); wrk output in $LOGS"
