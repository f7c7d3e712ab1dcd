-- The wrk script of bench/load.sh. load.sh writes a copy with these globals set on top:
--   BASE               the gateway's public base URL ("http://127.0.0.1:<port>")
--   URLS               { {path, etag or ""}, ... }: the whole catalogue, as bench/load_urls.py found it
--   THREADS            wrk's -t
--   GZIP_SHARE         share of requests sent with Accept-Encoding: gzip
--   CONDITIONAL_SHARE  share of requests sent with If-None-Match, when an ETag is known for the URL
--
-- wrk's Lua hooks run per thread, not per connection: each thread walks URLS round robin from its own
-- starting offset (thread k of n at k/n of the list), its connections taking the next URL in turn.
-- A conditional request carries the ETag last seen for that URL, as an aggregator's would: seeded from
-- the discovery pass, then taken from every plain 200 feed answer (wrk's response() does not say which
-- request it answers, so the URL is read from the feed's own self link: RSS atom:link rel="self", Atom
-- link rel="self", JSON Feed feed_url; gzip bodies cannot be read here, and the gateway accepts the
-- plain variant's ETag for either variant). done() prints status-code counts, the latency
-- distribution, and every answer other than 200/304 with the start of its body.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   n = #URLS
   i = math.floor(id * n / THREADS)
   etag, index = {}, {}
   for k, u in ipairs(URLS) do
      index[u[1]] = k
      if u[2] ~= "" then etag[u[1]] = u[2] end
   end
   statuses, bad = {}, {}
   sent, gzipped, conditional, learned = 0, 0, 0, 0
   math.randomseed(4242 + id)
end

function request()
   i = i % n + 1
   local path = URLS[i][1]
   local headers = {}
   if math.random() < GZIP_SHARE then
      headers["Accept-Encoding"] = "gzip"
      gzipped = gzipped + 1
   end
   local e = etag[path]
   if e and math.random() < CONDITIONAL_SHARE then
      headers["If-None-Match"] = e
      conditional = conditional + 1
   end
   sent = sent + 1
   return wrk.format("GET", path, headers)
end

local function self_link(body)
   local head = string.sub(body, 1, 4096)
   return string.match(head, '<atom:link href="([^"]+)" rel="self"')
      or string.match(head, '<link rel="self"[^>]-href="([^"]+)"')
      or string.match(head, '"feed_url":"([^"]+)"')
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status == 200 then
      local e = headers["ETag"]
      if e and headers["Content-Encoding"] == nil and body then
         local url = self_link(body)
         if url then
            local path = string.sub(url, #BASE + 1)
            if index[path] then
               etag[path] = e
               learned = learned + 1
            end
         end
      end
   elseif status ~= 304 then
      local start = body and string.gsub(string.sub(body, 1, 200), "%s+", " ") or ""
      local key = status .. " " .. start
      bad[key] = (bad[key] or 0) + 1
   end
end

function done(summary, latency, requests)
   local total, badall = {}, {}
   local s_sent, s_gzip, s_cond, s_learned = 0, 0, 0, 0
   for _, t in ipairs(threads) do
      for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
      for k, v in pairs(t:get("bad")) do badall[k] = (badall[k] or 0) + v end
      s_sent = s_sent + t:get("sent")
      s_gzip = s_gzip + t:get("gzipped")
      s_cond = s_cond + t:get("conditional")
      s_learned = s_learned + t:get("learned")
   end
   local other = 0
   for k, v in pairs(total) do
      if k ~= 200 and k ~= 304 then other = other + v end
      io.write(string.format("STATUS %d %d\n", k, v))
   end
   for k, v in pairs(badall) do io.write(string.format("BAD %d %s\n", v, k)) end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
         .. "s200=%d s304=%d other=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d "
         .. "sent=%d gzip=%d conditional=%d etags_learned=%d bytes=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, total[200] or 0, total[304] or 0, other,
      e.connect, e.read, e.write, e.timeout, s_sent, s_gzip, s_cond, s_learned, summary.bytes))
end
