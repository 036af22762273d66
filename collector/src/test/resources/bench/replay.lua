-- wrk script for scripts/bench-ingest: each wrk thread replays its own file of pre-signed envelopes
-- (one per line, written by io.farmwatch.collector.bench.LoadGenerator) as POST /api/v1/reports.
-- Arguments after "--": the folder and the phase name. A thread that runs out of envelopes sends
-- GET /healthz instead and says so at the end, so a run that outlasted its envelopes is not
-- mistaken for a measurement of ingest.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local lines
local post_headers = { ["Content-Type"] = "application/json" }
exhausted = 0

function init(args)
  local file = args[1] .. "/" .. args[2] .. "-" .. id .. ".txt"
  lines = io.lines(file)
end

function request()
  local envelope = lines and lines()
  if envelope == nil then
    lines = nil
    exhausted = exhausted + 1
    return wrk.format("GET", "/healthz")
  end
  return wrk.format("POST", "/api/v1/reports", post_headers, envelope)
end

function done(summary, latency, requests)
  local idle = 0
  for _, thread in ipairs(threads) do
    idle = idle + thread:get("exhausted")
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format("requests %d in %.1f s: %.0f/s; non-2xx %d, socket errors %d, timeouts %d\n",
    summary.requests, seconds, summary.requests / seconds, errors.status,
    errors.connect + errors.read + errors.write, errors.timeout))
  io.write(string.format("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  if idle > 0 then
    io.write(string.format("WARNING: envelopes ran out; %d requests were health checks, not reports\n", idle))
  end
end
