#!/usr/bin/env bash
# Per-class mutation score from PIT's XML report (target/pit-reports/mutations.xml), lowest first,
# and a non-zero exit when a class is below the floor (default 85%).
#   ./mvnw -Pmutation test-compile org.pitest:pitest-maven:mutationCoverage && bench/mutation-summary.sh
set -euo pipefail
report="${1:-target/pit-reports/mutations.xml}"
floor="${FLOOR:-85}"
[ -f "$report" ] || { echo "no PIT report at $report: run the mutation profile first" >&2; exit 2; }
/usr/bin/env python3 - "$report" "$floor" <<'PY'
import sys, xml.etree.ElementTree as ET
from collections import defaultdict
report, floor = sys.argv[1], float(sys.argv[2])
counts = defaultdict(lambda: [0, 0])  # class -> [killed, total]
for m in ET.parse(report).getroot().iter('mutation'):
    cls = m.findtext('mutatedClass').split('$')[0]
    counts[cls][1] += 1
    if m.get('detected') == 'true':
        counts[cls][0] += 1
below = 0
killed_all = total_all = 0
print(f"{'class':55} {'killed':>7} {'total':>6} {'score':>6}")
for cls, (k, t) in sorted(counts.items(), key=lambda kv: kv[1][0] / kv[1][1]):
    score = 100.0 * k / t
    killed_all += k; total_all += t
    mark = '' if score >= floor else '  < floor'
    below += score < floor
    print(f"{cls:55} {k:7d} {t:6d} {score:5.1f}%{mark}")
print(f"{'all core classes':55} {killed_all:7d} {total_all:6d} {100.0*killed_all/max(total_all,1):5.1f}%")
sys.exit(1 if below else 0)
PY
