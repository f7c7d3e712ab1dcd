#!/usr/bin/env python3
"""Driver for bench/static-publish.sh: static publishing behind nginx. Standard library only.

  static_publish.py check --gateway URL --edge URL --folder DIR
  static_publish.py fresh --gateway URL --edge URL --inbox DIR --items N --run K --out RAW.tsv
  static_publish.py report --out REPORT.md --command CMD --meta META.tsv --wrk WRK.tsv RAW.tsv...

check: for the nine main feeds, nginx (the edge, deploy/nginx/static-feeds.conf) answers the bytes
the gateway answers, the same media type, the gzipped twin when asked (also through a CDN), 304 for its own ETag and for
If-Modified-Since, a HEAD with the body's length; a page the folder does not hold (page 2, a tag
feed) is answered by the gateway behind it. Exits non-zero on the first difference.

fresh: one English item at a time (written under a .tmp name and renamed into the inbox, as
ttf.py does), the next once the last was seen on both; two readers poll /feeds/en.json every 20 ms,
one at the gateway and one at the edge, each as an aggregator would (kept-alive, If-None-Match),
and note when each item first appears there.
"""

import argparse
import gzip
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ttf  # noqa: E402  (the item and the drop of the time-to-feed benchmark)

FEEDS = [f"{lang}.{fmt}" for lang in ("en", "ar", "es") for fmt in ("rss", "atom", "json")]


def get(base, path, headers=None, method="GET"):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def check(args):
    def fail(message):
        sys.exit("static_publish.py check: " + message)

    for name in FEEDS:
        path = "/feeds/" + name
        status, gw_headers, gw_body = get(args.gateway, path, {"Accept-Encoding": "identity"})
        if status != 200:
            fail(f"gateway {path}: {status}")
        status, headers, body = get(args.edge, path, {"Accept-Encoding": "identity"})
        if status != 200 or body != gw_body:
            # The gateway may have rendered a newer page than the folder holds (a second's lag): once more.
            time.sleep(2.5)
            status, gw_headers, gw_body = get(args.gateway, path, {"Accept-Encoding": "identity"})
            status, headers, body = get(args.edge, path, {"Accept-Encoding": "identity"})
            if status != 200 or body != gw_body:
                fail(f"edge {path}: {status}, {len(body)} bytes against the gateway's {len(gw_body)}")
        if headers.get("content-type", "").replace(" ", "").lower() != gw_headers["content-type"].replace(" ", "").lower():
            fail(f"edge {path}: Content-Type {headers.get('content-type')} against {gw_headers['content-type']}")
        with open(os.path.join(args.folder, "feeds", name), "rb") as f:
            if f.read() != body:
                fail(f"{path}: the edge did not serve the folder's file")
        status, zipped_headers, zipped = get(args.edge, path, {"Accept-Encoding": "gzip"})
        if zipped_headers.get("content-encoding") != "gzip" or gzip.decompress(zipped) != body:
            fail(f"edge {path}: no gzipped twin ({zipped_headers.get('content-encoding')})")
        _, proxied_headers, _ = get(args.edge, path, {"Accept-Encoding": "gzip", "Via": "1.1 cdn.example"})
        if proxied_headers.get("content-encoding") != "gzip":
            fail(f"edge {path}: no gzip for a request through a CDN (Via)")
        if "accept-encoding" not in zipped_headers.get("vary", "").lower():
            fail(f"edge {path}: no Vary: Accept-Encoding")
        etag, modified = headers.get("etag"), headers.get("last-modified")
        if not etag or not modified:
            fail(f"edge {path}: ETag {etag}, Last-Modified {modified}")
        for validator in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
            status, _, _ = get(args.edge, path, validator)
            if status != 304:
                fail(f"edge {path}: {status} for {validator}, not 304")
        status, head_headers, head_body = get(args.edge, path, {"Accept-Encoding": "identity"}, "HEAD")
        if status != 200 or head_headers.get("content-length") != str(len(body)) or head_body:
            fail(f"edge {path}: HEAD {status}, Content-Length {head_headers.get('content-length')}")
        print(f"check {path}: same {len(body)} bytes, gzip {len(zipped)}, 304 for ETag and date, HEAD ok")
    for path in ("/feeds/en.rss?page=2", "/feeds", "/feeds.opml"):
        gw_status, _, gw_body = get(args.gateway, path, {"Accept-Encoding": "identity"})
        status, _, body = get(args.edge, path, {"Accept-Encoding": "identity"})
        if status != gw_status or (status == 200 and len(body) == 0):
            fail(f"edge {path}: {status}, the gateway {gw_status}")
        print(f"check {path}: answered by the gateway behind the edge ({status})")


class Seen:
    def __init__(self):
        self.lock = threading.Lock()
        self.first = {}  # (where, token) -> time

    def note(self, where, items, at):
        with self.lock:
            for item in items:
                title = item.get("title") or ""
                token = title.rsplit(" ", 1)[-1]
                self.first.setdefault((where, token), at)

    def has(self, where, token):
        with self.lock:
            return (where, token) in self.first


def poll(seen, where, base, stop, stats):
    url = urllib.parse.urlparse(base)
    conn, etag = None, None
    while not stop.is_set():
        started = time.time()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
            headers = {"Accept-Encoding": "identity"}
            if etag:
                headers["If-None-Match"] = etag
            conn.request("GET", "/feeds/en.json", headers=headers)
            response = conn.getresponse()
            body = response.read()
            at = time.time()
            if response.status == 200:
                etag = response.getheader("ETag")
                seen.note(where, json.loads(body).get("items", []), at)
        except (OSError, http.client.HTTPException, ValueError):
            stats[where] += 1
            if conn is not None:
                conn.close()
            conn = None
        rest = 0.02 - (time.time() - started)
        if rest > 0:
            time.sleep(rest)


def fresh(args):
    seen, stop, errors = Seen(), threading.Event(), {"gateway": 0, "edge": 0}
    readers = [threading.Thread(target=poll, args=(seen, where, base, stop, errors), daemon=True)
               for where, base in (("gateway", args.gateway), ("edge", args.edge))]
    for r in readers:
        r.start()
    rows = []
    try:
        for n in range(args.items):
            token = f"sp{args.run}x{n}x{int(time.time() * 1000) % 100000000}"
            arrival, _, _ = ttf.drop(args.inbox, token, n)
            deadline = time.time() + 60
            while not (seen.has("gateway", token) and seen.has("edge", token)):
                if time.time() > deadline:
                    sys.exit(f"static_publish.py fresh: {token} not seen on both after 60 s")
                time.sleep(0.01)
            rows.append((args.run, n, arrival, seen.first[("gateway", token)], seen.first[("edge", token)]))
            time.sleep(0.3)
    finally:
        stop.set()
    with open(args.out, "a") as out:
        for run, n, arrival, gateway, edge in rows:
            out.write(f"{run}\t{n}\t{(gateway - arrival) * 1000:.1f}\t{(edge - arrival) * 1000:.1f}\t{(edge - gateway) * 1000:.1f}\n")
    print(f"fresh: {len(rows)} items, poll errors {errors}")


def pct(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def spread(values, fmt="{:.0f}"):
    ordered = sorted(values)
    return f"{fmt.format(statistics.median(ordered))} ({fmt.format(ordered[0])}–{fmt.format(ordered[-1])})"


def report(args):
    rows = []
    for path in args.raw:
        rows += [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]
    meta = dict(line.rstrip("\n").split("\t", 1) for line in open(args.meta) if "\t" in line)
    runs = sorted({r[0] for r in rows}, key=int)
    out = [f"# Static publishing behind nginx ({meta.get('stamp', '')})", "",
           f"Command: `{args.command}` (commit {meta.get('commit', '?')})", "",
           f"Machine: {meta.get('machine', '')}", "",
           f"uptime at the start: {meta.get('uptime_start', '')}  ",
           f"uptime at the end: {meta.get('uptime_end', '')}", "",
           "Each run: a fresh gateway (H2, demo copy) writing its main feeds to a folder "
           "(`gateway.feeds.static-folder`), nginx with `deploy/nginx/static-feeds.conf` serving that folder "
           "and passing everything else to the gateway. Every run first checks the nine feeds (same bytes "
           "and type as the gateway's answer, gzip twin, 304 for ETag and date, HEAD, pages the folder does "
           "not hold answered by the gateway).", "",
           "## Freshness: file drop to visible in /feeds/en.json, milliseconds",
           "",
           "One item at a time, renamed into the inbox (2 s settle); readers poll every 20 ms. *edge − gateway*: "
           "how much later the item is served from the static file than by the gateway itself.", "",
           "| run | items | gateway p50 | gateway p99 | edge p50 | edge p99 | edge − gateway p50 | p99 | max |",
           "|---|---|---|---|---|---|---|---|---|"]
    per = {}
    for run in runs:
        rs = [r for r in rows if r[0] == run]
        g = [float(r[2]) for r in rs]
        e = [float(r[3]) for r in rs]
        d = [float(r[4]) for r in rs]
        per[run] = (pct(g, 50), pct(g, 99), pct(e, 50), pct(e, 99), pct(d, 50), pct(d, 99), max(d))
        out.append(f"| {run} | {len(rs)} | " + " | ".join(f"{v:.0f}" for v in per[run]) + " |")
    cols = list(zip(*per.values()))
    out.append("| **median (min–max) of the runs** | | " + " | ".join(spread(c) for c in cols) + " |")
    wrk = [line.rstrip("\n").split("\t") for line in open(args.wrk) if line.strip()]
    out += ["", "## Requests per second, /feeds/en.rss (demo page), wrk with keep-alive",
            "", "Same machine, same client settings; the edge is nginx serving the static file, the gateway is the "
            "JVM answering the same URL. Median (min–max) over the runs.", "",
            "| path | edge (nginx, static file) | gateway | edge ÷ gateway |", "|---|---|---|---|"]
    for path in dict.fromkeys(w[1] for w in wrk):
        edge = [float(w[3]) for w in wrk if w[1] == path and w[2] == "edge"]
        gateway = [float(w[3]) for w in wrk if w[1] == path and w[2] == "gateway"]
        ratios = [float(a[3]) / float(b[3]) for a in wrk for b in wrk
                  if a[0] == b[0] and a[1] == b[1] == path and a[2] == "edge" and b[2] == "gateway"]
        out.append(f"| {path} | {spread(edge)} | {spread(gateway)} | {spread(ratios, '{:.2f}')}x |")
    open(args.out, "w").write("\n".join(out) + "\n")
    print("\n".join(out))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="verb", required=True)
    c = sub.add_parser("check")
    c.add_argument("--gateway", required=True)
    c.add_argument("--edge", required=True)
    c.add_argument("--folder", required=True)
    f = sub.add_parser("fresh")
    f.add_argument("--gateway", required=True)
    f.add_argument("--edge", required=True)
    f.add_argument("--inbox", required=True)
    f.add_argument("--items", type=int, default=30)
    f.add_argument("--run", required=True)
    f.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--out", required=True)
    r.add_argument("--command", required=True)
    r.add_argument("--meta", required=True)
    r.add_argument("--wrk", required=True)
    r.add_argument("raw", nargs="+")
    args = ap.parse_args()
    {"check": check, "fresh": fresh, "report": report}[args.verb](args)


if __name__ == "__main__":
    main()
