#!/usr/bin/env python3
"""Time-to-feed driver for bench/time-to-feed.sh (issue 16 part 4). Standard library only.

  ttf.py measure --base URL --inbox DIR --push-source ID --token T --sub-port P --run K --out RAW.tsv
  ttf.py report --out REPORT.md --command CMD --meta META.tsv RAW.tsv...

measure: a WebSub subscriber (a small HTTP server answering the hub's challenge) subscribes to
{base}/feeds/en.json; then, one item at a time, 300-500 ms apart, file drops (written under a
.tmp name, then renamed into the inbox: the rename is the arrival) and HTTP pushes (the 202 is the
arrival). A reader polls /feeds/en.json every 20 ms as a client would (keep-alive, If-None-Match,
no cache-busting) and notes when each item's headline first appears; the subscriber notes when
the first notification listing it arrives. One line per item goes to RAW.tsv; the store times
(article.stored_at, payload.first_received_at) are added by the script from the database.

report: p50/p99/max per mode and run, min/median/max over the runs, into a markdown report.
"""

import argparse
import http.client
import json
import math
import os
import random
import statistics
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEMO_BODIES = [
    "<p>The ministers met for a second day of talks on the budget, officials said.</p>",
    "<p>Rescue teams reached the coastal villages after the storm cut the main road.</p>",
    "<p>The central bank held its key rate, citing slowing inflation and a firmer currency.</p>",
    "<p>Organisers said the festival drew a record crowd despite the heat.</p>",
]


def now():
    return time.time()


class Tracker:
    """What was seen where and when, keyed by the item's token (unique in its headline)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = {}  # token -> dict
        self.verified = threading.Event()
        self.notifications = 0

    def add(self, token, mode, n):
        with self.lock:
            self.items[token] = {"mode": mode, "n": n, "arrival": None, "visible": None, "websub": None,
                                 "id": "", "rtt": None, "status": None}

    def seen(self, key, body_items, at):
        with self.lock:
            for item in body_items:
                title = item.get("title") or ""
                token = title.rsplit(" ", 1)[-1]
                entry = self.items.get(token)
                if entry is not None and entry[key] is None:
                    entry[key] = at
                    entry["id"] = (item.get("id") or "").rsplit(":", 1)[-1]

    def pending(self):
        with self.lock:
            return [t for t, e in self.items.items()
                    if e["arrival"] is not None and (e["visible"] is None or e["websub"] is None)]


def subscriber(tracker, port):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):  # verification of intent: echo the challenge
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            challenge = query.get("hub.challenge", [""])[0].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(challenge)))
            self.end_headers()
            self.wfile.write(challenge)
            if query.get("hub.mode", [""])[0] == "subscribe":
                tracker.verified.set()

        def do_POST(self):  # content distribution: the feed's first page
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            at = now()
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            try:
                items = json.loads(body).get("items", [])
            except ValueError:
                items = []
            tracker.notifications += 1
            tracker.seen("websub", items, at)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def reader(tracker, base, stop, interval, stats):
    """Polls the feed as an aggregator would: one kept-alive connection, If-None-Match."""
    url = urllib.parse.urlparse(base)
    conn = None
    etag = None
    while not stop.is_set():
        started = now()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
            headers = {"Accept": "application/feed+json", "Accept-Encoding": "identity"}
            if etag:
                headers["If-None-Match"] = etag
            conn.request("GET", "/feeds/en.json", headers=headers)
            response = conn.getresponse()
            body = response.read()
            at = now()
            stats["polls"] += 1
            if response.status == 200:
                stats["renders_seen"] += 1
                etag = response.getheader("ETag")
                tracker.seen("visible", json.loads(body).get("items", []), at)
            elif response.status != 304:
                stats["other"] += 1
        except (OSError, http.client.HTTPException, ValueError):
            stats["errors"] += 1
            if conn is not None:
                conn.close()
            conn = None
        rest = interval - (now() - started)
        if rest > 0:
            time.sleep(rest)


def ninjs(token, seq):
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return json.dumps({
        "uri": "urn:newsml:ttf.example:" + token,
        "type": "text",
        "version": "1",
        "firstcreated": stamp,
        "versioncreated": stamp,
        "pubstatus": "usable",
        "urgency": 4,
        "language": "en",
        "headlines": [{"role": "main", "value": "Time to feed item " + str(seq) + " " + token}],
        "descriptions": [{"role": "summary", "value": "A benchmark item, " + token + "."}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": DEMO_BODIES[seq % len(DEMO_BODIES)]}],
        "subjects": [{"name": "politics", "uri": "http://cv.iptc.org/newscodes/mediatopic/11000000"}],
    }).encode()


def drop(inbox, token, seq):
    temp = os.path.join(inbox, token + ".json.tmp")
    with open(temp, "wb") as f:
        f.write(ninjs(token, seq))
    final = os.path.join(inbox, token + ".json")
    os.rename(temp, final)
    return now(), None, None


def push(base, source, auth, token, seq):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=180)
    try:
        started = now()
        conn.request("POST", "/ingest/" + source, body=ninjs(token, seq),
                     headers={"Authorization": "Bearer " + auth, "Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        at = now()
        return at, at - started, response.status
    finally:
        conn.close()


def subscribe(base, topic, callback):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    form = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.topic": topic, "hub.callback": callback,
                                   "hub.lease_seconds": "86400"})
    conn.request("POST", "/websub/hub", body=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    text = response.read().decode(errors="replace")
    conn.close()
    if response.status != 202:
        sys.exit("subscription refused: %d %s" % (response.status, text))


def measure(args):
    tracker = Tracker()
    server = subscriber(tracker, args.sub_port)
    subscribe(args.base, args.base + "/feeds/en.json", "http://127.0.0.1:%d/websub" % args.sub_port)
    if not tracker.verified.wait(30):
        sys.exit("the hub did not verify the subscription within 30 s")
    stop = threading.Event()
    stats = {"polls": 0, "renders_seen": 0, "other": 0, "errors": 0}
    poller = threading.Thread(target=reader, args=(tracker, args.base, stop, args.poll / 1000, stats), daemon=True)
    poller.start()
    rng = random.Random(args.run)
    prefix = "t%d%s" % (args.run, format(int(now()) % 100000, "05d"))

    def send(mode, n, recorded):
        token = "%s%s%03d%s" % (prefix, mode[0], n, "" if recorded else "w")
        tracker.add(token, mode, n if recorded else -1 - n)
        if mode == "file":
            arrival, rtt, status = drop(args.inbox, token, n)
        else:
            arrival, rtt, status = push(args.base, args.push_source, args.token, token, n)
        with tracker.lock:
            entry = tracker.items[token]
            entry["arrival"], entry["rtt"], entry["status"] = arrival, rtt, status
        if status is not None and status != 202:
            print("push %s answered %s" % (token, status), file=sys.stderr)

    def settle(tokens, limit):
        deadline = now() + limit
        while now() < deadline and any(t in tokens for t in tracker.pending()):
            time.sleep(0.05)

    # Warm-up, not recorded: the first renders and deliveries of a fresh JVM are compiled on the way,
    # and edition linking reads the window's documents once (against a large archive, many seconds).
    for mode in args.modes:
        for n in range(args.warmup):
            send(mode, n, False)
            time.sleep(rng.uniform(args.min_gap, args.max_gap))
    settle(set(tracker.items), 300)
    # Each mode alone, so a file's settle wait never overlaps a push.
    for mode in args.modes:
        started = len(tracker.items)
        for n in range(args.items):
            send(mode, n, True)
            time.sleep(rng.uniform(args.min_gap, args.max_gap))
        settle(set(list(tracker.items)[started:]), args.timeout)
    stop.set()
    poller.join(5)
    server.shutdown()
    with open(args.out, "w") as out:
        out.write("variant\trun\tmode\tn\ttoken\tid\tarrival\tvisible\twebsub\tpush_rtt\tpush_status\n")
        for token, e in tracker.items.items():
            if e["n"] < 0:
                continue
            out.write("\t".join(str(v) for v in (
                args.variant, args.run, e["mode"], e["n"], token, e["id"] or "-", fmt(e["arrival"]), fmt(e["visible"]),
                fmt(e["websub"]), fmt(e["rtt"]), e["status"] if e["status"] is not None else "-")) + "\n")
    missing = sum(1 for e in tracker.items.values() if e["n"] >= 0 and (e["visible"] is None or e["websub"] is None))
    print("run %d: %d items, %d not seen in the feed or by WebSub within %d s; %d polls (%d answered 200,"
          " %d other, %d errors), %d notifications"
          % (args.run, len(tracker.items), missing, args.timeout, stats["polls"], stats["renders_seen"],
             stats["other"], stats["errors"], tracker.notifications))


def fmt(value):
    return "-" if value is None else "%.4f" % value


def merge(args):
    times = {}
    for line in open(args.times):
        parts = [p.strip() for p in line.rstrip("\n").split("\t")]
        if len(parts) >= 3 and parts[0]:
            times[parts[0]] = parts[1:3]
    rows = read_raw(args.raw)
    with open(args.raw, "w") as out:
        header = [k for k in rows[0].keys() if k not in ("stored", "received")] + ["stored", "received"] if rows else []
        out.write("\t".join(header) + "\n")
        for r in rows:
            r["stored"], r["received"] = times.get(r["id"], ["-", "-"])
            out.write("\t".join(r.get(k, "-") for k in header) + "\n")
    print("%d of %d items have store times" % (sum(1 for r in rows if r["stored"] != "-"), len(rows)))


# --- report ------------------------------------------------------------------------------------

def pct(values, p):
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def read_raw(path):
    rows = []
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def number(row, key):
    value = row.get(key, "-")
    return None if value in ("-", "", None) else float(value)


# (label, from, to, goal in seconds or None)
MEASURES = [
    ("arrival → feed", "arrival", "visible"),
    ("arrival → WebSub", "arrival", "websub"),
    ("store → WebSub", "stored", "websub"),
    ("store → feed", "stored", "visible"),
    ("arrival → store", "arrival", "stored"),
    ("arrival → capture", "arrival", "received"),
]
TIMEOUT = 30  # the driver's wait after the last item of a mode (measure --timeout)
GOALS = {("file", "arrival → feed"): 3.5, ("push", "arrival → feed"): 0.5,
         ("file", "store → WebSub"): 1.0, ("push", "store → WebSub"): 1.0}


def ms(value):
    if value is None:
        return "–"
    return "> %d s" % TIMEOUT if math.isinf(value) else "%.0f" % (value * 1000)


def report(args):
    meta = {}
    for line in open(args.meta):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2:
            meta.setdefault(parts[0], []).append(parts[1:])
    variants = {}  # variant -> run -> rows
    for path in args.raw:
        rows = read_raw(path)
        if not rows:
            continue
        variant = rows[0].get("variant", "default")
        variants.setdefault(variant, {}).setdefault(rows[0]["run"], []).extend(rows)
    out = []
    w = out.append
    w("# Time to feed (%s)" % args.stamp)
    w("")
    w("Command: `%s`" % args.command)
    w("")
    w("Machine: %s, %s CPUs; %s" % (meta.get("cpu", [["?"]])[0][0], meta.get("nproc", [["?"]])[0][0],
                                    meta.get("java", [["?"]])[0][0]))
    w("")
    w("Uptime before the first run: `%s`; after the last: `%s`"
      % (meta.get("uptime_start", [["?"]])[0][0], meta.get("uptime_end", [["?"]])[0][0]))
    w("")
    w("Times are wall clock on one machine, in milliseconds: arrival is the rename into the inbox (file drop)"
      " or the 202 of `POST /ingest/{source}` (push); feed is the first `/feeds/en.json` answer listing the"
      " item (polled every %s ms with If-None-Match, as a client would); WebSub is the first notification"
      " POSTed to the subscriber of `/feeds/en.json` listing it; store is the item's `article.stored_at`,"
      " capture the payload's `first_received_at` (the gateway's clock, the same machine's). Per run: p50, p99"
      " (nearest rank) and max over the run's items; across runs: min / median / max of those. An item not"
      " seen within %d s of the mode's last arrival counts as slower than every item seen (shown as"
      " > %d s)." % (args.poll, TIMEOUT, TIMEOUT))
    w("")
    for variant, runs in variants.items():
        w("## %s" % variant)
        w("")
        for key in ("gateway",):
            for value in meta.get(variant + ":" + key, []):
                w("Gateway: %s" % value[0])
                w("")
        w("| run | uptime before | uptime after | items per mode | not seen |")
        w("|---|---|---|---|---|")
        for run, rows in sorted(runs.items()):
            before = next((v[1] for v in meta.get(variant + ":uptime_before", []) if v[0] == run), "?")
            after = next((v[1] for v in meta.get(variant + ":uptime_after", []) if v[0] == run), "?")
            modes = sorted({r["mode"] for r in rows})
            counts = ", ".join("%s %d" % (m, sum(1 for r in rows if r["mode"] == m)) for m in modes)
            missing = sum(1 for r in rows if r["visible"] == "-" or r["websub"] == "-")
            w("| %s | `%s` | `%s` | %s | %d |" % (run, before, after, counts, missing))
        w("")
        w("| mode | measure | goal (p99) | p50 min / median / max | p99 min / median / max | max min / median / max | goal met in |")
        w("|---|---|---|---|---|---|---|")
        headline = []
        for mode in ("file", "push"):
            for label, start, end in MEASURES:
                per_run = []
                for run, rows in sorted(runs.items()):
                    values = []
                    for r in rows:
                        if r["mode"] != mode:
                            continue
                        a, b = number(r, start), number(r, end)
                        if a is not None and b is not None:
                            values.append(b - a)
                        elif a is not None and end in ("visible", "websub"):
                            values.append(math.inf)  # not seen before the driver gave up: slower than any seen
                    if values:
                        per_run.append((pct(values, 50), pct(values, 99), max(values)))
                if not per_run:
                    continue
                goal = GOALS.get((mode, label))
                cells = []
                for i in range(3):
                    col = [p[i] for p in per_run]
                    cells.append("%s / %s / %s" % (ms(min(col)), ms(statistics.median(col)), ms(max(col))))
                met = "–"
                if goal is not None:
                    met = "%d of %d runs" % (sum(1 for p in per_run if p[1] <= goal), len(per_run))
                    headline.append("%s %s: p99 median %s ms (goal %d ms): %s"
                                    % (mode, label, ms(statistics.median([p[1] for p in per_run])), goal * 1000, met))
                w("| %s | %s | %s | %s | %s | %s | %s |"
                  % (mode, label, "≤ %d ms" % (goal * 1000) if goal else "", cells[0], cells[1], cells[2], met))
        w("")
        w("Push round trip (POST to 202), p50 / p99 per run: " + "; ".join(
            "run %s %s / %s ms" % (run, ms(pct([number(r, "push_rtt") for r in rows
                                                if r["mode"] == "push" and number(r, "push_rtt") is not None], 50)),
                                    ms(pct([number(r, "push_rtt") for r in rows
                                            if r["mode"] == "push" and number(r, "push_rtt") is not None], 99)))
            for run, rows in sorted(runs.items())))
        w("")
        w("Headline: " + "; ".join(headline))
        w("")
    for value in meta.get("note", []):
        w(value[0])
        w("")
    with open(args.out, "w") as f:
        f.write("\n".join(out))
    print("\n".join(out))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="action", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--base", required=True)
    m.add_argument("--inbox", required=True, help="the file-drop source's inbox folder")
    m.add_argument("--push-source", required=True)
    m.add_argument("--token", required=True)
    m.add_argument("--sub-port", type=int, required=True)
    m.add_argument("--run", type=int, required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--items", type=int, default=100)
    m.add_argument("--warmup", type=int, default=10)
    m.add_argument("--modes", nargs="+", default=["file", "push"])
    m.add_argument("--min-gap", type=float, default=0.3)
    m.add_argument("--max-gap", type=float, default=0.5)
    m.add_argument("--poll", type=int, default=20, help="feed poll interval, ms")
    m.add_argument("--timeout", type=int, default=30)
    m.add_argument("--variant", default="default")
    g = sub.add_parser("merge", help="adds the store times (id, stored_at, first_received_at in epoch s) to RAW")
    g.add_argument("raw")
    g.add_argument("times")
    r = sub.add_parser("report")
    r.add_argument("--out", required=True)
    r.add_argument("--command", required=True)
    r.add_argument("--meta", required=True)
    r.add_argument("--stamp", required=True)
    r.add_argument("--poll", default="20")
    r.add_argument("raw", nargs="+")
    args = parser.parse_args()
    if args.action == "measure":
        measure(args)
    elif args.action == "merge":
        merge(args)
    else:
        report(args)


if __name__ == "__main__":
    main()
