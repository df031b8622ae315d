-- wrk script for bench/run: optional form POST from the environment, and a JSON summary with p50/p95.
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""

local alternate = os.getenv("BENCH_BODY_ALT") or ""
local sent = 0

wrk.method = method
if method == "POST" then
   wrk.body = body
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

-- With an alternate body (e.g. "undo" after "done"), requests take turns so each one changes data.
if alternate ~= "" then
   request = function()
      sent = sent + 1
      return wrk.format(nil, nil, nil, (sent % 2 == 0) and alternate or body)
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"bad_status": %d, "socket_errors": %d}\n',
      summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(95), latency:percentile(99),
      e.status, e.connect + e.read + e.write + e.timeout))
end
