-- Pipelined GETs: 16 requests written back to back on each connection per round trip.
-- wrk counts each response, so req/s is requests, latency is per batch of 16.
local depth = 16
init = function(args)
  local r = {}
  for i = 1, depth do r[i] = wrk.format("GET", "/") end
  batch = table.concat(r)
end
request = function() return batch end
