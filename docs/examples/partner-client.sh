#!/usr/bin/env bash
# A Wiregate partner client with curl, jq and openssl.
#   WIREGATE_URL=https://gateway.example WIREGATE_KEY=wgp_... ./partner-client.sh delta
#   ./partner-client.sh verify "$WEBHOOK_SECRET" "$SIGNATURE_HEADER" body.json
set -euo pipefail

# Walks the delta from the saved cursor (or the start) until caught up; saves the cursor.
delta() {
  local state="${WIREGATE_CURSOR_FILE:-wiregate-cursor.txt}" cursor="" count=0 page
  [ -f "$state" ] && cursor="$(cat "$state")"
  while :; do
    # --fail-with-body: a problem (401, 410 cursor-expired...) stops the walk with its detail.
    # --retry also waits out a 429 (honouring Retry-After).
    page="$(curl -sS --fail-with-body --retry 5 -G "${WIREGATE_URL%/}/api/partner/articles" \
      -H "Authorization: Bearer $WIREGATE_KEY" -d "limit=${WIREGATE_LIMIT:-50}" \
      ${cursor:+--data-urlencode "cursor=$cursor"})" || { echo "$page" >&2; exit 1; }
    # dedupe on uri + version: delivery is at least once
    jq -r '.items[] | "\(.uri) v\(.version) \(.language) \(.headlines[0].value)"' <<< "$page"
    count=$((count + $(jq '.items | length' <<< "$page")))
    cursor="$(jq -r .cursor <<< "$page")"
    printf %s "$cursor" > "$state" # resume here next time
    [ "$(jq .more <<< "$page")" = true ] || break
  done
  echo "caught up: $count items"
}

# Valid when Wiregate-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256>) signs the raw body bytes.
verify() {
  local secret="$1" header="$2" body="$3" t expected
  t="$(tr ',' '\n' <<< "$header" | sed -n 's/^t=//p')"
  [[ "$t" =~ ^[0-9]+$ ]] || { echo invalid; return 1; } # malformed: answer 400
  expected="$({ printf '%s.' "$t"; cat "$body"; } \
    | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
  if tr ',' '\n' <<< "$header" | grep -qx "v1=$expected" \
    && [ $(( $(date +%s) - t )) -le 300 ] && [ $(( t - $(date +%s) )) -le 300 ]; then
    echo valid
  else
    echo invalid; return 1 # stale or wrong: answer 401
  fi
}

case "${1:-}" in
  delta) delta ;;
  verify) [ $# -eq 4 ] || { echo "usage: $0 verify SECRET HEADER BODY_FILE" >&2; exit 2; }; verify "$2" "$3" "$4" ;;
  *) echo "usage: $0 delta | verify SECRET HEADER BODY_FILE" >&2; exit 2 ;;
esac
