#!/usr/bin/python3
"""A Wiregate partner client in Python's standard library only.

  WIREGATE_URL=https://gateway.example WIREGATE_KEY=wgp_... python3 partner-client.py delta
  python3 partner-client.py verify "$WEBHOOK_SECRET" "$SIGNATURE_HEADER" body.json
"""
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def delta():
    """Walks the delta from the saved cursor (or the start) until caught up; saves the cursor."""
    base, key = os.environ["WIREGATE_URL"].rstrip("/"), os.environ["WIREGATE_KEY"]
    state = os.environ.get("WIREGATE_CURSOR_FILE", "wiregate-cursor.txt")
    cursor = open(state, encoding="utf-8").read().strip() if os.path.exists(state) else None
    count = 0
    while True:
        query = {"limit": os.environ.get("WIREGATE_LIMIT", "50")}
        if cursor:
            query["cursor"] = cursor
        url = base + "/api/partner/articles?" + urllib.parse.urlencode(query)
        request = urllib.request.Request(url, headers={"Authorization": "Bearer " + key})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                page = json.load(response)
        except urllib.error.HTTPError as e:
            if e.code == 429:  # rate limited: wait as told, then ask again
                time.sleep(int(e.headers.get("Retry-After", "1")))
                continue
            raise SystemExit(f"{e.code} {json.load(e).get('detail')}")
        for item in page["items"]:  # dedupe on uri + version: delivery is at least once
            count += 1
            print(item["uri"], "v" + item["version"], item["language"], item["headlines"][0]["value"])
        cursor = page["cursor"]
        with open(state, "w", encoding="utf-8") as f:  # resume here next time
            f.write(cursor)
        if not page["more"]:
            break
    print(f"caught up: {count} items")


def verify(secret, header, body, now=None, tolerance=300):
    """True when Wiregate-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256>) signs these raw body bytes."""
    try:
        parts = [part.split("=", 1) for part in header.split(",")]
        t = int(next(value for name, value in parts if name == "t"))
        signatures = [value for name, value in parts if name == "v1"]
    except (StopIteration, ValueError):
        return False  # malformed: answer 400
    expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    fresh = abs((now or time.time()) - t) <= tolerance
    return fresh and any(hmac.compare_digest(expected.encode(), s.encode()) for s in signatures)  # else 401


if __name__ == "__main__":
    if sys.argv[1:2] == ["delta"]:
        delta()
    elif sys.argv[1:2] == ["verify"] and len(sys.argv) == 5:
        with open(sys.argv[4], "rb") as f:
            ok = verify(sys.argv[2], sys.argv[3], f.read())
        print("valid" if ok else "invalid")
        sys.exit(0 if ok else 1)
    else:
        sys.exit(__doc__)
