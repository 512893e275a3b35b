-- The shared T1 workload (wrk/t1.lua of the shared bench, loaded unchanged) plus each answer's HTTP status counted
-- per 100 ms of wall-clock time, so that bench/redis-failover.sh can line the statuses up with the kill and the
-- promotion. wrk itself only counts non-2xx over the whole run.
--
--   T1_LUA=<shared>/wrk/t1.lua wrk -t2 -c32 -d25s --timeout 5s --latency -s failover-t1.lua URL -- POOL_FILE
--
-- Prints, after the shared script's BENCH_RESULT line, one "BENCH_STATUS <100 ms bucket> <status> <count>" line per
-- bucket and status (the bucket is Unix time in ms / 100, rounded down).
dofile(os.getenv("T1_LUA") or error("T1_LUA (path of the shared wrk/t1.lua) is not set"))

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } failover_timeval;
  int gettimeofday(failover_timeval *tv, void *tz);
]]
local tv = ffi.new("failover_timeval")

local threads = {}
local shared_setup = setup
function setup(thread)
  shared_setup(thread)
  threads[#threads + 1] = thread
end

-- Global, so that done() can read each thread's copy with thread:get.
statuses = {}

function response(status, headers, body)
  ffi.C.gettimeofday(tv, nil)
  local key = tostring(math.floor((tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000) / 100)) .. " " .. status
  statuses[key] = (statuses[key] or 0) + 1
end

local shared_done = done
function done(summary, latency, requests)
  shared_done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do
      io.write("BENCH_STATUS ", key, " ", count, "\n")
    end
  end
end
