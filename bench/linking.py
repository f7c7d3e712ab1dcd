#!/usr/bin/env python3
"""Turns LinkingBenchmark's JMH JSON into the edition-linking section of a report.

Each JMH fork is one run: the figures are min / median / max over the forks (run with -f 3 or more),
with the load average before and after (arguments 2 and 3, optional)."""
import json
import re
import statistics
import sys


def live(path):
    """LiveLinkingTime's lines as a table: per copies and window, min / median / max over the runs."""
    points = {}
    for line in open(path):
        f = dict(re.findall(r"([\w/-]+)=(\S+)", line))
        key = (f["copies"], int(f["window"]))
        points.setdefault(key, []).append((float(f["arrivals/s"]), int(f["cpu-us-mean"]), int(f["wall-us-p99"])))
    print("| copies | window | arrivals/s min / median / max | CPU µs per arrival min / median / max | p99 wall µs median | goal ≥ 100/s at 10,000 |")
    print("|---|---|---|---|---|---|")
    for (copies, window), runs in sorted(points.items()):
        rates = [r[0] for r in runs]
        cpu = [r[1] for r in runs]
        p99 = statistics.median(r[2] for r in runs)
        goal = ("met" if statistics.median(rates) >= 100 else "NOT met") if window == 10000 else ""
        print(f"| {copies} | {window:,} | {min(rates):.0f} / {statistics.median(rates):.0f} / {max(rates):.0f}"
              f" | {min(cpu):,} / {statistics.median(cpu):,.0f} / {max(cpu):,} | {p99:,.0f} | {goal} |")
    for copies in sorted({c for c, _ in points}):
        windows = sorted(w for c, w in points if c == copies)
        if len(windows) >= 2:
            a, b = windows[-2], windows[-1]
            growth = statistics.median(r[1] for r in points[(copies, b)]) / statistics.median(
                r[1] for r in points[(copies, a)])
            print(f"\n{copies}: from {a:,} to {b:,} candidates the median CPU per arrival grows {growth:.2f}x"
                  f" for a {b / a:.1f}x window ({'no worse than linear' if growth <= (b / a) * 1.1 else 'WORSE than linear'}).")


if sys.argv[1] == "--live":
    live(sys.argv[2])
    sys.exit(0)

rows = json.load(open(sys.argv[1]))
load_before = sys.argv[2] if len(sys.argv) > 2 else "n/a"
load_after = sys.argv[3] if len(sys.argv) > 3 else "n/a"


def runs(row):
    """Mean µs per arrival of each fork."""
    return [statistics.mean(fork) for fork in row["primaryMetric"]["rawData"]]


points = sorted((int(r["params"]["window"]), runs(r)) for r in rows)
forks = min(len(p[1]) for p in points)
print("## Edition linking: one arrival against the window\n")
print("Time to link one arriving article through the window index (EditionWindow: only the candidates")
print("of the other languages sharing evidence with it are scored), then let one article leave the")
print("window and one enter; evidence cached, as the service does; and how it grows with the window.")
print(f"{forks} runs (JMH forks); load average {load_before} before, {load_after} after.\n")
print("| window (candidates) | µs per arrival min / median / max | arrivals/s min / median / max | median time vs smallest window | window vs smallest |")
print("|---|---|---|---|---|")
first_window, first_runs = points[0]
first_median = statistics.median(first_runs)
for window, us in points:
    lo, med, hi = min(us), statistics.median(us), max(us)
    print(f"| {window:,} | {lo:,.0f} / {med:,.0f} / {hi:,.0f} | {1e6 / hi:,.0f} / {1e6 / med:,.0f} / {1e6 / lo:,.0f}"
          f" | {med / first_median:.2f}x | {window / first_window:.1f}x |")
last_window, last_runs = points[-1]
last_median = statistics.median(last_runs)
growth = (last_median / first_median) / (last_window / first_window)
print(f"\nFrom {first_window:,} to {last_window:,} candidates the window grows {last_window / first_window:.0f}x and the median time"
      f" per arrival {last_median / first_median:.1f}x: {growth:.2f} of linear"
      f" ({'no worse than linear' if growth <= 1.1 else 'WORSE than linear'}).")
if len(points) >= 2:
    prev_window, prev_runs = points[-2]
    print(f"From {prev_window:,} to {last_window:,} candidates the median time per arrival grows"
          f" {last_median / statistics.median(prev_runs):.2f}x for a {last_window / prev_window:.1f}x window.")
print(f"With {last_window:,} items in the window: **{1e6 / max(last_runs):,.0f} / {1e6 / last_median:,.0f} / {1e6 / min(last_runs):,.0f}"
      f" arrivals/s** (min / median / max) linked.")
