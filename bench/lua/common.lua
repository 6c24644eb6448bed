-- Shared by every bench script: count responses that are not the expected ones, per wrk thread, and print one
-- JSON line with the totals in done(). Each script sets `expect_status` and optionally `expect_body` (a plain
-- substring the body must contain) before requiring this file, and may define its own request().
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  bad_sample = ""
  responses = 0
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= expect_status or (expect_body ~= nil and (body == nil or not string.find(body, expect_body, 1, true))) then
    bad = bad + 1
    if bad_sample == "" then
      bad_sample = tostring(status) .. " " .. string.sub(body or "", 1, 200)
    end
  end
end

local function json_string(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end

function done(summary, latency, requests)
  local bad_total, checked, sample = 0, 0, ""
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    checked = checked + t:get("responses")
    if sample == "" then sample = t:get("bad_sample") end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"rps":%.2f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"checked":%d,"unexpected":%d,"socket_errors":%d,"timeouts":%d,"sample":%s}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    checked, bad_total, e.connect + e.read + e.write, e.timeout, json_string(sample)))
end
