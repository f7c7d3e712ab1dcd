#!/usr/bin/env bash
# H2 file growth with the gateway's default URL, AUTO_COMPACT_FILL_RATE unchanged (H2's 90) against 0.
# Runs bench/H2Growth.java (single-file Java, H2 jar only) for each variant, one after the other:
#   pass 1: ARTICLES articles, then a plain close (the last connection closes, as when the pool stops)
#   reopen, no writes, SHUTDOWN
#   a copy of that file is opened and SHUTDOWN COMPACT-ed: the size of the live data at that point
#   pass 2 (PASS2=1): reopen the same file, ARTICLES more articles, plain close, reopen + SHUTDOWN,
#   and SHUTDOWN COMPACT
# The URL options are read from src/main/resources/application.yaml, as bench/archive.sh does.
#
#   bench/h2-growth.sh > h2-growth.log          # 150,000 articles per pass, variants "default 0"
#   ARTICLES=12000 VARIANTS=0 PASS2=0 JAVA_OPTS=-Darticles.per.second=20 bench/h2-growth.sh
# Disk: about 10 GB per 150,000 articles at full speed (20 GB per variant after pass 2, plus the copy);
# each variant's folder under WORK (default bench/work/h2-growth, git-ignored) is removed at its end.
# The report is written by hand from the log (bench/results/h2-growth-*.md).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_YAML="${APP_YAML:-$HERE/../src/main/resources/application.yaml}"
ARTICLES="${ARTICLES:-150000}"
VARIANTS="${VARIANTS:-default 0}"
PASS2="${PASS2:-1}"
WORK="${WORK:-$HERE/work/h2-growth}"
JAVA="${JAVA:-java}"
H2_JAR="${H2_JAR:-$(ls "$HOME"/.m2/repository/com/h2database/h2/*/h2-*.jar | grep -v sources | sort -V | tail -n 1)}"
OPTIONS="$(sed -n 's/^ *url: jdbc:h2:file:[^;]*\(;.*\)$/\1/p' "$APP_YAML" | head -n 1)"
[ -n "$OPTIONS" ] || { echo "no H2 URL in $APP_YAML" >&2; exit 1; }

echo "h2 jar: $H2_JAR"
echo "options: $OPTIONS"
growth() { # dir fill articles end
    echo "## $(date -u +%FT%TZ) H2Growth $*  (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    "$JAVA" -Xmx2g ${JAVA_OPTS:-} -cp "$H2_JAR" "$HERE/H2Growth.java" "$@" "$OPTIONS"
    echo "## $(date -u +%FT%TZ) done  (load: $(cut -d' ' -f1-3 /proc/loadavg))"
}
for fill in $VARIANTS; do
    dir="$WORK/fill-$fill"
    rm -rf "$dir" "$dir-copy"
    echo "# variant AUTO_COMPACT_FILL_RATE=$fill"
    growth "$dir" "$fill" "$ARTICLES" close
    growth "$dir" "$fill" 0 shutdown
    cp -r "$dir" "$dir-copy"
    growth "$dir-copy" "$fill" 0 compact
    rm -rf "$dir-copy"
    if [ "$PASS2" = 1 ]; then
        growth "$dir" "$fill" "$ARTICLES" close
        growth "$dir" "$fill" 0 shutdown
        growth "$dir" "$fill" 0 compact
    fi
    rm -rf "$dir"
done
