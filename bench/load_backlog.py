#!/usr/bin/env python3
"""Writes a backlog of wire copy for bench/load.sh: copies of the bundled demo copy
(src/main/resources/demo) with unique agency ids, as BacklogDrain makes them for bench/run.sh.

Half the items are English ninjs (source `standard`, one item per file), a quarter Arabic RSS 2.0
and a quarter Spanish Atom 1.0 (source `demo`, six items per file, the last file of each format
cut to make the exact count). Copy c of a story gets edition group `demo-story-NN-<tag>-c` in every
language, so its three editions link as the demo copy's do. The items are dated over the last
`--spread-hours` hours, in the order they are written (oldest first), so they are news: they fill
the Google News sitemaps (two days) and the edition window (24 h) as a real backlog would.

With --ninjs every item is a ninjs file of its own (source `standard`), a third each in English,
Arabic and Spanish: the Arabic and Spanish items are the demo RSS and Atom items written as ninjs
over the English file of the same story (same subjects, places and edition group), as bench/ingest.sh
drops them to time the per-file path.

Usage: load_backlog.py --demo DIR --out DIR --items N --tag TAG [--spread-hours H] [--now ISO] [--ninjs]
Prints one line: items=N files=F en=… ar=… es=… ninjs=… rss=… atom=…
"""

import argparse
import email.utils
import glob
import html
import json
import os
import re
from datetime import datetime, timedelta, timezone

ISO = "%Y-%m-%dT%H:%M:%SZ"
ITEMS_PER_FEED_FILE = 6


def iso(text):
    return datetime.strptime(text, ISO).replace(tzinfo=timezone.utc)


def rfc822(text):
    return email.utils.parsedate_to_datetime(text).astimezone(timezone.utc)


def fmt_rfc822(when):
    return email.utils.format_datetime(when.astimezone(timezone.utc), usegmt=True)


def shifted(item, fields, target):
    """Moves every timestamp of one item by the same amount, so its newest one is `target`."""
    found = [(m, parse(m.group(2))) for pattern, parse, _ in fields for m in pattern.finditer(item)]
    if not found:
        return item
    delta = target - max(when for _, when in found)
    for pattern, parse, write in fields:
        item = pattern.sub(lambda m: m.group(1) + write(parse(m.group(2)) + delta) + m.group(3), item)
    return item


NINJS_TIMES = [(re.compile(r'("(?:firstcreated|versioncreated|contentcreated)"\s*:\s*")([^"]+)(")'), iso,
                lambda w: w.strftime(ISO))]
RSS_TIMES = [(re.compile(r"(<pubDate>)([^<]+)(</pubDate>)"), rfc822, fmt_rfc822)]
ATOM_TIMES = [(re.compile(r"(<(?:published|updated)>)([^<]+)(</(?:published|updated)>)"), iso,
               lambda w: w.strftime(ISO))]
EDITION_GROUP = re.compile(r"(demo-story-\d+)")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def split_feed(text, tag):
    """head, [items], tail of an RSS (tag=item) or Atom (tag=entry) file."""
    blocks = list(re.finditer(r"[ \t]*<%s>.*?</%s>\s*" % (tag, tag), text, re.S))
    return text[: blocks[0].start()], [b.group(0) for b in blocks], text[blocks[-1].end():]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--demo", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--items", type=int, required=True)
    ap.add_argument("--tag", required=True, help="made part of every agency id, so seed and backlog differ")
    ap.add_argument("--spread-hours", type=float, default=36.0)
    ap.add_argument("--now", help="ISO instant the newest item is dated just before (default: now)")
    ap.add_argument("--ninjs", action="store_true", help="every item a ninjs file, a third per language")
    args = ap.parse_args()
    if args.ninjs:
        write_ninjs_backlog(args)
        return

    now = iso(args.now) if args.now else datetime.now(timezone.utc).replace(microsecond=0)
    newest = now - timedelta(minutes=2)
    spread = timedelta(hours=args.spread_hours)
    total = args.items
    n_ninjs = total // 2
    n_rss = (total - n_ninjs) // 2
    n_atom = total - n_ninjs - n_rss
    overall = [0]

    def when():
        """Oldest first: the i-th item of the whole backlog."""
        i = overall[0]
        overall[0] += 1
        return newest - spread * (1 - (i + 1) / max(total, 1))

    ninjs = [read(p) for p in sorted(glob.glob(os.path.join(args.demo, "standard", "*.json")))]
    rss = [split_feed(read(p), "item") for p in sorted(glob.glob(os.path.join(args.demo, "demo", "ar-*.rss.xml")))]
    atom = [split_feed(read(p), "entry") for p in sorted(glob.glob(os.path.join(args.demo, "demo", "es-*.atom.xml")))]
    if not ninjs or not rss or not atom:
        raise SystemExit("no demo copy under " + args.demo)
    rss_items = [item for _, items, _ in rss for item in items]
    atom_items = [item for _, items, _ in atom for item in items]

    standard_dir = os.path.join(args.out, "standard")
    demo_dir = os.path.join(args.out, "demo")
    os.makedirs(standard_dir, exist_ok=True)
    os.makedirs(demo_dir, exist_ok=True)
    files = 0

    # Interleaved as an agency link would deliver them: ninjs items, and spread among them the feed files.
    feed_files = {"rss": -(-n_rss // ITEMS_PER_FEED_FILE), "atom": -(-n_atom // ITEMS_PER_FEED_FILE)}
    done = {"rss": 0, "atom": 0}
    written = {"rss": 0, "atom": 0}
    for j in range(n_ninjs):
        copy = j // len(ninjs)
        text = ninjs[j % len(ninjs)]
        text = re.sub(r'("uri"\s*:\s*")([^"]+)(")', r"\g<1>\g<2>-%s-%d\g<3>" % (args.tag, j), text, count=1)
        text = EDITION_GROUP.sub(r"\g<1>-%s-%d" % (args.tag, copy), text)
        text = shifted(text, NINJS_TIMES, when())
        with open(os.path.join(standard_dir, "%s-%05d.json" % (args.tag, j)), "w", encoding="utf-8") as f:
            f.write(text)
        files += 1
        for kind in ("rss", "atom"):
            limit = n_rss if kind == "rss" else n_atom
            while written[kind] < -(-(j + 1) * feed_files[kind] // n_ninjs) and done[kind] < limit:
                head, _, tail = (rss if kind == "rss" else atom)[0]
                pool = rss_items if kind == "rss" else atom_items
                times = RSS_TIMES if kind == "rss" else ATOM_TIMES
                chosen = []
                for k in range(done[kind], min(done[kind] + ITEMS_PER_FEED_FILE, limit)):
                    item = pool[k % len(pool)]
                    copy = k // len(pool)
                    if kind == "rss":
                        item = re.sub(r"(<guid[^>]*>)([^<]+)(</guid>)", r"\g<1>\g<2>-%s-%d\g<3>" % (args.tag, k), item)
                    else:
                        item = re.sub(r"(<entry>\s*<id>)([^<]+)(</id>)", r"\g<1>\g<2>-%s-%d\g<3>" % (args.tag, k), item)
                    item = EDITION_GROUP.sub(r"\g<1>-%s-%d" % (args.tag, copy), item)
                    chosen.append(shifted(item, times, when()))
                if kind == "atom":
                    head = re.sub(r"<updated>[^<]+</updated>", "<updated>%s</updated>" % now.strftime(ISO), head, count=1)
                name = "%s-%05d.%s.xml" % (args.tag, written[kind], kind)
                with open(os.path.join(demo_dir, name), "w", encoding="utf-8") as f:
                    f.write(head + "".join(chosen) + tail)
                files += 1
                written[kind] += 1
                done[kind] += len(chosen)
    rss_done, atom_done = done["rss"], done["atom"]
    # Fewer ninjs than feed items (never with the default mix): the rest of the feed files.
    if rss_done < n_rss or atom_done < n_atom:
        raise SystemExit("backlog mix: %d ninjs cannot carry %d RSS and %d Atom items" % (n_ninjs, n_rss, n_atom))
    print("items=%d files=%d en=%d ar=%d es=%d ninjs=%d rss=%d atom=%d"
          % (n_ninjs + rss_done + atom_done, files, n_ninjs, rss_done, atom_done, n_ninjs, rss_done, atom_done))


def first(pattern, text):
    m = re.search(pattern, text, re.S)
    return m.group(1).strip() if m else ""


def as_ninjs(english, item, language, uri, headline, summary, body):
    """One demo RSS/Atom item as ninjs, over the English ninjs of the same story."""
    doc = json.loads(english)
    doc.update(uri=uri, language=language)
    if "headline" in doc:  # ninjs 1.x, as some demo stories are
        doc.update(headline=headline, description_text=summary, body_html=body)
    else:  # ninjs 2.x
        doc["headlines"] = [{"role": "main", "value": headline}]
        doc["descriptions"] = [{"role": "summary", "value": summary}]
        doc["bodies"] = [{"role": "main", "contenttype": "text/html", "value": body}]
    return json.dumps(doc, ensure_ascii=False, indent=2)


def write_ninjs_backlog(args):
    now = iso(args.now) if args.now else datetime.now(timezone.utc).replace(microsecond=0)
    newest = now - timedelta(minutes=2)
    spread = timedelta(hours=args.spread_hours)
    english = {EDITION_GROUP.search(t).group(1): t
               for t in (read(p) for p in sorted(glob.glob(os.path.join(args.demo, "standard", "*.json"))))}
    stories = [(g, "en", t) for g, t in sorted(english.items())]
    for path in sorted(glob.glob(os.path.join(args.demo, "demo", "ar-*.rss.xml"))):
        for item in split_feed(read(path), "item")[1]:
            group = EDITION_GROUP.search(item).group(1)
            body = first(r"<content:encoded><!\[CDATA\[(.*?)\]\]>", item)
            stories.append((group, "ar", as_ninjs(english[group], item, "ar", first(r"<guid[^>]*>([^<]+)", item),
                                                  html.unescape(first(r"<title>([^<]*)", item)),
                                                  html.unescape(first(r"<description>([^<]*)", item)), body)))
    for path in sorted(glob.glob(os.path.join(args.demo, "demo", "es-*.atom.xml"))):
        for item in split_feed(read(path), "entry")[1]:
            group = EDITION_GROUP.search(item).group(1)
            stories.append((group, "es", as_ninjs(english[group], item, "es", first(r"<id>([^<]+)", item),
                                                  html.unescape(first(r"<title>([^<]*)", item)),
                                                  html.unescape(first(r"<summary>([^<]*)", item)),
                                                  html.unescape(first(r"<content[^>]*>([^<]*)", item)))))
    # One round: every story in the three languages, so each copy's editions arrive together.
    stories.sort(key=lambda s: (s[0], "en ar es".split().index(s[1])))
    out = os.path.join(args.out, "standard")
    os.makedirs(out, exist_ok=True)
    counts = {"en": 0, "ar": 0, "es": 0}
    for i in range(args.items):
        group, language, text = stories[i % len(stories)]
        copy = i // len(stories)
        text = re.sub(r'("uri"\s*:\s*")([^"]+)(")', r"\g<1>\g<2>-%s-%d\g<3>" % (args.tag, i), text, count=1)
        text = EDITION_GROUP.sub(r"\g<1>-%s-%d" % (args.tag, copy), text)
        text = shifted(text, NINJS_TIMES, newest - spread * (1 - (i + 1) / max(args.items, 1)))
        with open(os.path.join(out, "%s-%05d.json" % (args.tag, i)), "w", encoding="utf-8") as f:
            f.write(text)
        counts[language] += 1
    print("items=%d files=%d en=%d ar=%d es=%d ninjs=%d rss=0 atom=0"
          % (args.items, args.items, counts["en"], counts["ar"], counts["es"], args.items))


if __name__ == "__main__":
    main()
