#!/usr/bin/env python3
"""Report of bench/archive.sh: min/median/max over the runs of each render's p50 and p99 (wall
time over HTTP, and in-process CPU time), per database and archive size, and the largest ÷
smallest size ratio of the medians. Standard library only."""
import platform
import statistics
import sys
from collections import defaultdict
from datetime import datetime, timezone

raw, out, renders, command = sys.argv[1:5]
rows = defaultdict(list)  # (db, size, name) -> [(p50, p99, cpu50, cpu99, bytes, load)]
loads = defaultdict(dict)  # (db, size) -> {run: load average}
for line in open(raw, encoding="utf-8"):
    db, size, run, name, p50, p99, cpu50, cpu99, size_bytes, load = line.rstrip("\n").split("\t")
    rows[(db, int(size), name)].append((float(p50), float(p99), float(cpu50), float(cpu99), int(size_bytes)))
    loads[(db, int(size))][run] = load
waits = defaultdict(dict)  # (db, size) -> {run: ms waited for the edition window's start-up read}
for line in open(raw + ".waits", encoding="utf-8"):
    db, size, run, ms = line.rstrip("\n").split("\t")
    waits[(db, int(size))][run] = ms


def spread(values):
    return f"{min(values):.1f} / **{statistics.median(values):.1f}** / {max(values):.1f}"


lines = [
    f"# Uncached render time against the archive size ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)",
    "",
    f"Command: `{command}`. Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
    f"{open('/proc/cpuinfo').read().count('processor')} cores (shared with other builds: see the load averages).",
    "",
    f"Each cell: min / **median** / max over the runs of that percentile of {renders} renders per run, in ms;"
    " every render follows an eviction of every kept page (`FeedService.evictAll`). *wall* is the HTTP"
    " round trip on the gateway's port; *CPU* is the same render called in-process, as thread CPU time"
    " (FeedService for feeds; the change log read and edition links for the delta), which a busy"
    " machine disturbs far less. Renders start once the gateway's start-up read of the edition window"
    " (a background thread on both cores) has finished: the steady state, not the first seconds. Goal (issue 16): p99 ≤ 50 ms at 1M articles and 1M ÷ 10k ≤ 1.5.",
    "",
]
dbs = sorted({k[0] for k in rows})
for db in dbs:
    sizes = sorted({k[1] for k in rows if k[0] == db})
    names = [k[2] for k in rows if k[0] == db and k[1] == sizes[0]]
    lines += [f"## {'H2 (file)' if db == 'h2' else 'PostgreSQL 15'}", ""]
    for size in sizes:
        lines.append(f"- {size:,} articles: load average at the start of each run: "
                     + "; ".join(f"run {run}: {load}" for run, load in loads[(db, size)].items())
                     + "; waited for the edition window's start-up read before measuring: "
                     + ", ".join(f"{ms} ms" for ms in waits[(db, size)].values()))
    lines += ["", "| render | articles | wall p50 | wall p99 | CPU p50 | CPU p99 | bytes |", "|---|---|---|---|---|---|---|"]
    for name in dict.fromkeys(names):
        for size in sizes:
            r = rows.get((db, size, name), [])
            if not r:
                continue
            lines.append(f"| {name} | {size:,} | {spread([x[0] for x in r])} | {spread([x[1] for x in r])}"
                         f" | {spread([x[2] for x in r])} | {spread([x[3] for x in r])} | {r[-1][4]:,} |")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        lines += ["", f"Ratio {large:,} ÷ {small:,} of the medians (wall p99, CPU p50, CPU p99):", ""]
        for name in dict.fromkeys(names):
            a, b = rows.get((db, small, name)), rows.get((db, large, name))
            if a and b:
                ratio = [statistics.median([x[i] for x in b]) / statistics.median([x[i] for x in a]) for i in (1, 2, 3)]
                lines.append(f"- {name}: {ratio[0]:.2f} / {ratio[1]:.2f} / {ratio[2]:.2f}")
    lines.append("")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print("\n".join(lines))
