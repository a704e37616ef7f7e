-- Adds a buyer once: after the draw at the end of the line, before it to the pre-queue with the
-- next arrival number (the draw's receipt; the pre-queue is ordered by it).
-- KEYS: gen, entries, pre, line, seq, drawn, arrival; ARGV: epoch, buyer, now, most places
-- Returns {'new', entry JSON} | {'old', entry JSON} | {'full'} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
local e = redis.call('HGET', KEYS[2], ARGV[2])
if e then return {'old', e} end
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[4]) then return {'full'} end
local entry
if redis.call('EXISTS', KEYS[6]) == 1 then
  local seq = redis.call('INCR', KEYS[5])
  redis.call('ZADD', KEYS[4], seq, ARGV[2])
  entry = cjson.encode({joinedAt = tonumber(ARGV[3]), prequeue = false, seq = seq, finished = false})
else
  local arrival = redis.call('INCR', KEYS[7])
  redis.call('ZADD', KEYS[3], arrival, ARGV[2])
  entry = cjson.encode({joinedAt = tonumber(ARGV[3]), prequeue = true, finished = false, arrival = arrival})
end
redis.call('HSET', KEYS[2], ARGV[2], entry)
return {'new', entry}
