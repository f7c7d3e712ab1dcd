// A Wiregate partner client for Node.js 18 or later, no npm packages.
//   WIREGATE_URL=https://gateway.example WIREGATE_KEY=wgp_... node partner-client.mjs delta
//   node partner-client.mjs verify "$WEBHOOK_SECRET" "$SIGNATURE_HEADER" body.json
import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

// Walks the delta from the saved cursor (or the start) until caught up; saves the cursor.
async function delta() {
  const base = process.env.WIREGATE_URL.replace(/\/$/, "");
  const state = process.env.WIREGATE_CURSOR_FILE ?? "wiregate-cursor.txt";
  let cursor = existsSync(state) ? readFileSync(state, "utf8").trim() : null;
  let count = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: process.env.WIREGATE_LIMIT ?? "50" });
    if (cursor) query.set("cursor", cursor);
    const response = await fetch(`${base}/api/partner/articles?${query}`, {
      headers: { Authorization: `Bearer ${process.env.WIREGATE_KEY}` },
    });
    if (response.status === 429) { // rate limited: wait as told, then ask again
      const seconds = Number(response.headers.get("Retry-After") ?? "1");
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    const page = await response.json();
    if (!response.ok) throw new Error(`${response.status} ${page.detail}`);
    for (const item of page.items) { // dedupe on uri + version: delivery is at least once
      count++;
      console.log(item.uri, `v${item.version}`, item.language, item.headlines[0].value);
    }
    cursor = page.cursor;
    writeFileSync(state, cursor); // resume here next time
    if (!page.more) break;
  }
  console.log(`caught up: ${count} items`);
}

// True when Wiregate-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256>) signs these raw body bytes.
function verify(secret, header, body, now = Date.now() / 1000, tolerance = 300) {
  const parts = header.split(",").map((part) => part.split("="));
  const t = Number(parts.find(([name]) => name === "t")?.[1]);
  if (!Number.isInteger(t)) return false; // malformed: answer 400
  const expected = createHmac("sha256", secret).update(`${t}.`).update(body).digest();
  const signed = parts
    .filter(([name, value]) => name === "v1" && /^[0-9a-f]{64}$/.test(value))
    .some(([, value]) => timingSafeEqual(expected, Buffer.from(value, "hex")));
  return signed && Math.abs(now - t) <= tolerance; // else answer 401
}

const [command, ...args] = process.argv.slice(2);
if (command === "delta") {
  await delta();
} else if (command === "verify" && args.length === 3) {
  const ok = verify(args[0], args[1], readFileSync(args[2]));
  console.log(ok ? "valid" : "invalid");
  process.exit(ok ? 0 : 1);
} else {
  console.error("usage: partner-client.mjs delta | verify SECRET HEADER BODY_FILE");
  process.exit(2);
}
