-- wrk script for bench/cgi-bench: cycles through the request paths listed,
-- one per line, in the file named after "--" on wrk's command line, each
-- connection starting at its own offset; prints a JSON summary at the end.
--   wrk -t2 -c8 -d30s -s bench/cgi/requests.lua http://127.0.0.1:PORT -- PATHS_FILE
local paths = {}
local next_index = 1
local thread_number = 0
local threads = {}

function setup(thread)
  thread_number = thread_number + 1
  thread:set("id", thread_number)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  -- Threads start far apart in the list, so they do not ask the same thing
  -- together; in a long list (questions never repeated) half of it apart.
  local stride = #paths >= 1000 and math.floor(#paths / 2) or 97
  next_index = ((id - 1) * stride) % #paths + 1
  status_counts = {}
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  status_counts[status] = (status_counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local non_200 = 0
  for _, thread in ipairs(threads) do
    local counts = thread:get("status_counts")
    for status, n in pairs(counts) do
      if status ~= 200 then non_200 = non_200 + n end
    end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "errors_connect": %d, "errors_read": %d, "errors_write": %d, ' ..
    '"errors_timeout": %d, "errors_status": %d, "non_200": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.timeout, e.status, non_200))
end
