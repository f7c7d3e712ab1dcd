#!/usr/bin/env python3
"""Turns LinkingBenchmark's JMH JSON into the edition-linking section of a report."""
import json
import sys

rows = json.load(open(sys.argv[1]))
points = sorted((int(r["params"]["window"]), r["primaryMetric"]["score"]) for r in rows)
first_window, first_us = points[0]
print("## Edition linking: one arrival against the window\n")
print("Time to score one arriving article against every candidate in the other languages of its")
print("window (evidence cached, as the service does), and how it grows with the window.\n")
print("| window (candidates) | µs per arrival | arrivals/s | time vs smallest window | window vs smallest |")
print("|---|---|---|---|---|")
for window, us in points:
    print(f"| {window:,} | {us:,.1f} | {1e6 / us:,.0f} | {us / first_us:.2f}x | {window / first_window:.1f}x |")
last_window, last_us = points[-1]
growth = (last_us / first_us) / (last_window / first_window)
print(f"\nFrom {first_window:,} to {last_window:,} candidates the window grows {last_window / first_window:.0f}x and the time"
      f" per arrival {last_us / first_us:.1f}x: {growth:.2f} of linear"
      f" ({'no worse than linear' if growth <= 1.1 else 'WORSE than linear'}).")
print(f"With {last_window:,} items in the window: **{1e6 / last_us:,.0f} arrivals/s** linked.")
