#!/usr/bin/env python3
"""Turns a JMH JSON result of org.wiregate.bench.* into the Markdown report in bench/results/.

Every figure that matters is a ratio of two scores from the same run (gateway / baseline), since
absolute numbers on a shared machine move from run to run. Standard library only.

usage: report.py --json jmh.json --out report.md --date STAMP --java JAVA
                 [--sizes sizes.json] [--load-before "..."] [--load-after "..."] [--command "..."]
"""
import argparse
import json
import os
import subprocess
import sys

# (label, gateway method, baseline method, baseline name); methods of the class in the key. Ingest
# labels name the source(s), language(s) and input ("demo copy: …" or "fixtures: …", files and items); the part before
# " (" is the short name in "Quotable".
DOM = "bare JDK DOM parse"
PAIRS = {
    "IngestBenchmark": [
        ("ninjs ingest (standard, English; demo copy: 12 files, 12 items)", "ninjsGateway", "ninjsJackson",
         "bare Jackson readTree"),
        ("ninjs 3 ingest (dpa, English + Spanish; fixtures: 2 files, 2 items)", "ninjs3Gateway", "ninjs3Jackson",
         "bare Jackson readTree"),
        ("JSON Feed ingest (demo, Spanish; fixture: 1 feed, 3 items)", "jsonFeedGateway", "jsonFeedJackson",
         "bare Jackson readTree"),
        ("RSS ingest (demo, Arabic; demo copy: 2 feeds, 12 items)", "rssGateway", "rssRome", "bare Rome SyndFeedInput"),
        ("Atom ingest (demo, Spanish; demo copy: 2 feeds, 12 items)", "atomGateway", "atomRome", "bare Rome SyndFeedInput"),
        ("NewsML-G2 ingest (reuters, English; fixtures: 5 files, 5 items: v1, update, correction, kill, embargoed)",
         "newsmlG2Gateway", "newsmlG2Dom", DOM),
        ("NewsML 1.2 ingest (afp, Arabic + Spanish; fixtures: 2 files, 2 items)", "newsml1Gateway", "newsml1Dom", DOM),
        ("NITF ingest (efe Spanish + qna Arabic; fixtures: 2 files, 2 items)", "nitfGateway", "nitfDom", DOM),
        ("IPTC 7901 / ANPA ingest (qna Arabic windows-1256 + prensa-latina Spanish ISO-8859-1; "
         "fixtures: 2 files, 3 items)", "iptc7901Gateway", "iptc7901Decode", "bare charset decode + SOH/STX/ETX split"),
    ],
    "RenderBenchmark": [
        ("RSS 2.0 render, 100 items", "rssGateway", "rssRome", "bare Rome SyndFeedOutput"),
        ("Atom 1.0 render, 100 items", "atomGateway", "atomRome", "bare Rome SyndFeedOutput"),
        ("JSON Feed render, 100 items", "jsonGateway", "jsonJackson", "bare Jackson List<Map>"),
    ],
}
PACKAGE = "org.wiregate.bench."


def machine(java):
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    version = subprocess.run([java, "-version"], capture_output=True, text=True)
    return nproc, cpu, (version.stderr or version.stdout).strip()


def fmt(value, decimals=0):
    return f"{value:,.{decimals}f}"


def fmt_ratio(ratio):
    """Two decimals, or three significant digits below 0.1 so a small ratio does not read 0.01x."""
    return f"{ratio:.2f}x" if ratio >= 0.1 else f"{ratio:.3g}x"


def raw(result):
    return [v for fork in result["primaryMetric"].get("rawData", []) for v in fork]


def warmup(result):
    return f"{result.get('warmupIterations')} × {result.get('warmupTime')}"


def fmt_score(value, unit):
    """Items/s as whole numbers; render times in µs, or ms with 2 decimals from 1 ms up."""
    if unit == "ops/s":
        return f"{fmt(value)} items/s"
    if unit == "us/op":
        return f"{fmt(value / 1000, 2)} ms" if value >= 1000 else f"{fmt(value, 1)} µs"
    return f"{fmt(value, 3)} {unit}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--date", required=True)
    ap.add_argument("--java", default="java")
    ap.add_argument("--sizes")
    ap.add_argument("--load-before", default="")
    ap.add_argument("--load-after", default="")
    ap.add_argument("--command", default="bench/run.sh")
    args = ap.parse_args()

    with open(args.json, encoding="utf-8") as f:
        results = json.load(f)
    by_name = {r["benchmark"][len(PACKAGE):]: r for r in results if r["benchmark"].startswith(PACKAGE)}
    if not by_name:
        sys.exit(f"{args.json}: no org.wiregate.bench results")
    sizes = {}
    if args.sizes and os.path.exists(args.sizes):
        with open(args.sizes, encoding="utf-8") as f:
            text = f.read().strip()
        if text:
            sizes = json.loads(text.splitlines()[-1])

    nproc, cpu, java_version = machine(args.java)
    first = next(iter(by_name.values()))
    out = []
    w = out.append
    w(f"# Wiregate benchmarks — {args.date}")
    w("")
    w(f"- Date (UTC): {args.date}")
    w(f"- Machine: {nproc} CPUs (nproc), {cpu}")
    w(f"- Load average (1/5/15 min) before: {args.load_before or 'n/a'}; after: {args.load_after or 'n/a'}")
    w("- Java (`java -version`):")
    w("")
    w("  ```")
    for line in java_version.splitlines():
        w(f"  {line}")
    w("  ```")
    w("")
    warmups = {}
    for r in by_name.values():
        warmups.setdefault(warmup(r), []).append(r)
    usual = max(warmups, key=lambda k: len(warmups[k]))
    by_iterations = sorted(warmups.items(), key=lambda kv: kv[1][0].get("warmupIterations") or 0)
    others = ", ".join(f"{k} for {len(v)}" for k, v in by_iterations if k != usual)
    if others:
        others += f" of the {len(by_name)} benchmarks, see All scores"
    w(f"- JMH {first.get('jmhVersion', '?')}: {first.get('forks')} fork, "
      f"{usual} warmup{f' ({others})' if others else ''}, "
      f"{first.get('measurementIterations')} × {first.get('measurementTime')} measurement, "
      f"{first.get('threads')} thread; JVM options `{' '.join(first.get('jvmArgs', []))}`")
    w(f"- Command: `{args.command}`; raw results: `{os.path.basename(args.json)}`")
    w("")
    w("Absolute numbers depend on the machine and on whatever else it was running; quote the ratios, "
      "which compare the gateway with a bare library call on the same items in the same run. "
      "Gateway and baseline of a row ran back to back (seconds apart, each in its own fork). "
      "The ratio spread divides the slowest and fastest measurement iterations of one side by those of "
      "the other: a wide spread means the machine was noisy during that pair.")
    w("")

    quotes = []
    missing = []
    for cls, pairs in PAIRS.items():
        ingest = cls == "IngestBenchmark"
        if ingest:
            w("## Ingest throughput (items/s, higher is better)")
            w("")
            w("Gateway = `WireParsers.parse` (with the source's legacy charset for IPTC 7901 / ANPA) + "
              "`ArticleNormaliser.normalise` of every item as its source; baseline = a bare parse of the "
              "same bytes: Jackson `readTree` (ninjs, JSON Feed), Rome `SyndFeedInput` (RSS, Atom), a JDK "
              "DOM parse, namespace aware with secure processing (NewsML-G2, NewsML 1.2, NITF), a decode "
              "in the file's charset and a split on SOH/STX/ETX (IPTC 7901 / ANPA). Inputs: the bundled "
              "demo copy (\"demo\") or the agency test fixtures in `src/test/resources/fixtures/`. "
              "Ratio = gateway / baseline items/s: below 1 the gateway is slower.")
        else:
            w("## Render time of one 100-item page (lower is better)")
            w("")
            w("Gateway = `RssFeedWriter` / `AtomFeedWriter` / `JsonFeedWriter.write(FeedPage)`; "
              "baseline = a bare feed of the same items with title, link, description, published date "
              "and content only. Ratio = gateway / baseline time: above 1 the gateway is slower.")
        w("")
        header = "| | Gateway | Baseline | Ratio (gateway/baseline) | Ratio spread | Reading |"
        if not ingest and sizes:
            header += " Output bytes (gateway / baseline) |"
        w(header)
        w("|" + "---|" * (header.count("|") - 1))
        for label, gw_name, base_name, base_label in pairs:
            gw = by_name.get(f"{cls}.{gw_name}")
            base = by_name.get(f"{cls}.{base_name}")
            if gw is None or base is None:
                missing.append(label)
                continue
            g = gw["primaryMetric"]["score"]
            b = base["primaryMetric"]["score"]
            unit = gw["primaryMetric"]["scoreUnit"]
            ratio = g / b
            if ingest:
                reading = (f"bare parse is {1 / ratio:.1f}x faster" if ratio < 1
                           else f"gateway is {ratio:.1f}x faster than the bare parse")
            else:
                reading = (f"gateway takes {ratio:.2f}x as long" if ratio >= 1
                           else f"gateway is {1 / ratio:.2f}x faster")
            g_raw, b_raw = raw(gw) or [g], raw(base) or [b]
            spread = f"{fmt_ratio(min(g_raw) / max(b_raw))} – {fmt_ratio(max(g_raw) / min(b_raw))}"
            row = (f"| {label} | {fmt_score(g, unit)} | {fmt_score(b, unit)} ({base_label}) "
                   f"| **{fmt_ratio(ratio)}** | {spread} | {reading} |")
            if not ingest and sizes:
                gs, bs = sizes.get(gw_name), sizes.get(base_name)
                row += f" {fmt(gs)} / {fmt(bs)} ({gs / bs:.2f}x) |" if gs and bs else " n/a |"
            w(row)
            short = label.split(",")[0] if not ingest else label.split(" (")[0]
            quotes.append(f"- {short}: gateway {fmt_score(g, unit)}, {base_label} {fmt_score(b, unit)} = {fmt_ratio(ratio)}")
        w("")

    w("## Quotable")
    w("")
    out.extend(quotes)
    w("")
    w("## All scores")
    w("")
    w("JMH's error is the 99.9% confidence half-width over the measurement iterations of one fork; "
      "min and max are the slowest and fastest iteration.")
    w("")
    w("| Benchmark | Mode | Warmup | Score | Error (99.9%) | Min | Max | Unit |")
    w("|---|---|---|---|---|---|---|---|")
    for name in sorted(by_name):
        m = by_name[name]["primaryMetric"]
        values = raw(by_name[name])
        err = m.get("scoreError")
        err_text = fmt(err, 1) if isinstance(err, (int, float)) and err == err else "n/a"
        w(f"| {name} | {by_name[name]['mode']} | {warmup(by_name[name])} | {fmt(m['score'], 1)} | {err_text} | "
          f"{fmt(min(values), 1) if values else 'n/a'} | {fmt(max(values), 1) if values else 'n/a'} | "
          f"{m['scoreUnit'].replace('ops/s', 'items/s').replace('us/op', 'µs/page')} |")
    w("")
    if missing:
        w(f"Not in this run: {', '.join(missing)}.")
        w("")

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print("\n".join(quotes))


if __name__ == "__main__":
    main()
