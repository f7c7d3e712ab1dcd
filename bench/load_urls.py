#!/usr/bin/env python3
"""The public feed catalogue of a running gateway, for bench/load.sh: every URL it serves to readers
and aggregators, read from the gateway itself, never a hard-coded list.

- /feeds.opml: every feed of every language (FeedCatalogue.feedsOf: main, breaking, each section,
  region and content type, each tag with a published article) in RSS, Atom and JSON Feed, and the
  front pages they name as htmlUrl;
- the catalogue pages /feeds?lang=en|ar|es (checked to list the same feeds as the OPML) and /feeds.opml;
- /sitemaps/index.xml and every news sitemap it names;
- pages 2+ of every feed: its `next` link (RSS atom:link, Atom link, JSON Feed next_url), followed
  to the end (at most --max-pages pages a feed).

Not included: the partner API and partner feeds (a key is needed: /api/partner/articles answers
401), the WebSub hub (POST), /ops, /ingest, actuator, and article pages (linked from feed items,
not feeds).

Every URL is fetched once (plain); any answer other than 200 is printed and makes the exit status 2.
Writes --out (tab-separated: path, kind, plain ETag or "-") and prints one summary line per kind.
"""

import argparse
import collections
import concurrent.futures
import html
import re
import sys
import urllib.error
import urllib.request


def fetch(url):
    req = urllib.request.Request(url, headers={"User-Agent": "wiregate-bench-load"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("ETag"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, None, e.read()


def kind_of(path):
    if path.startswith("/sitemaps/"):
        return "sitemap index" if path.endswith("index.xml") else "news sitemap"
    if path == "/feeds.opml":
        return "OPML"
    if path.startswith("/feeds?") or path == "/feeds":
        return "catalogue page"
    if re.fullmatch(r"/(en|ar|es)/", path):
        return "front page"
    paged = "?page=" in path
    m = re.fullmatch(r"/feeds/(en|ar|es)\.(rss|atom|json)(\?page=\d+)?", path)
    if m:
        return "main feed, page 2+" if paged else "main feed"
    m = re.fullmatch(r"/feeds/(en|ar|es)/(breaking|section|region|type|tag)[./].*", path)
    if m:
        return ("%s feed" % m.group(2)) + (", page 2+" if paged else "")
    return "other"


NEXT = [
    re.compile(rb'<atom:link href="([^"]+)" rel="next"'),
    re.compile(rb'<link rel="next"[^>]*?href="([^"]+)"'),
    re.compile(rb'"next_url":"([^"]+)"'),
]


def next_link(body):
    for pattern in NEXT:
        m = pattern.search(body)
        if m:
            return html.unescape(m.group(1).decode("utf-8"))
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="the gateway's public base URL, e.g. http://127.0.0.1:8080")
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-pages", type=int, default=200)
    ap.add_argument("--workers", type=int, default=4)
    args = ap.parse_args()
    base = args.base.rstrip("/")

    def path_of(url):
        if not url.startswith(base + "/"):
            raise SystemExit("a catalogue URL outside the gateway's base %s: %s" % (base, url))
        return url[len(base):]

    status, _, opml = fetch(base + "/feeds.opml")
    if status != 200:
        raise SystemExit("/feeds.opml answered %d" % status)
    opml = opml.decode("utf-8")
    feeds = [path_of(html.unescape(u)) for u in re.findall(r'xmlUrl="([^"]+)"', opml)]
    fronts = sorted({path_of(html.unescape(u)) for u in re.findall(r'htmlUrl="([^"]+)"', opml)})
    if len(set(feeds)) != len(feeds):
        print("warning: the OPML lists %d feeds twice" % (len(feeds) - len(set(feeds))), file=sys.stderr)
    feeds = list(dict.fromkeys(feeds))

    catalogue = ["/feeds", "/feeds?lang=ar", "/feeds?lang=es"]
    problems = []
    for page in catalogue:
        status, _, body = fetch(base + page)
        if status != 200:
            problems.append("%d %s" % (status, page))
            continue
        listed = {path_of(html.unescape(u)) for u in re.findall(r'href="(%s/feeds/[^"]+)"' % re.escape(base),
                                                                   body.decode("utf-8"))}
        lang = page.split("=")[1] if "=" in page else "en"
        in_opml = {f for f in feeds if f.startswith("/feeds/%s/" % lang) or f.startswith("/feeds/%s." % lang)}
        if listed != in_opml:
            problems.append("catalogue page %s and the OPML differ: only in the page %s, only in the OPML %s"
                            % (page, sorted(listed - in_opml)[:5], sorted(in_opml - listed)[:5]))

    status, _, index = fetch(base + "/sitemaps/index.xml")
    sitemaps = ["/sitemaps/index.xml"] + [path_of(html.unescape(u))
                                          for u in re.findall(r"<loc>([^<]+)</loc>", index.decode("utf-8"))]

    results = {}  # path -> (status, etag)

    def crawl(first):
        """The feed's page 1 and every page its next links lead to."""
        out = []
        path, pages = first, 0
        while path and pages < args.max_pages:
            status, etag, body = fetch(base + path)
            out.append((path, status, etag))
            pages += 1
            if status != 200:
                break
            nxt = next_link(body[:8192])
            path = path_of(nxt) if nxt else None
        return out

    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        for pages in pool.map(crawl, feeds):
            for path, status, etag in pages:
                results[path] = (status, etag)
        for path, (status, etag, _) in zip(fronts + catalogue + ["/feeds.opml"] + sitemaps,
                                           pool.map(fetch, [base + p for p in fronts + catalogue + ["/feeds.opml"]
                                                            + sitemaps])):
            results[path] = (status, etag)

    for path, (status, _) in results.items():
        if status != 200:
            problems.append("%d %s" % (status, path))

    order = list(dict.fromkeys(feeds + [p for p in results if p not in feeds]))
    counts = collections.Counter(kind_of(p) for p in order)
    with open(args.out, "w", encoding="utf-8") as out:
        for path in order:
            status, etag = results[path]
            out.write("%s\t%s\t%s\n" % (path, kind_of(path), etag or "-"))
    for kind, n in sorted(counts.items()):
        print("KIND\t%s\t%d" % (kind, n))
    print("TOTAL\t%d" % len(order))
    for p in problems:
        print("PROBLEM\t" + p)
    sys.exit(2 if problems else 0)


if __name__ == "__main__":
    main()
