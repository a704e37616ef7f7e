-- Puts back places the ledger has and the room lacks (existing ones are kept).
-- KEYS: gen, entries, pre, line, active, seq; ARGV: epoch, JSON list of entries. Returns {'ok', restored} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
local list = cjson.decode(ARGV[2])
local n = 0
for _, e in ipairs(list) do
  if redis.call('HEXISTS', KEYS[2], e.buyerId) == 0 then
    local b = e.buyerId
    e.buyerId = nil
    redis.call('HSET', KEYS[2], b, cjson.encode(e))
    if not e.seq then redis.call('ZADD', KEYS[3], e.joinedAt, b)
    elseif not e.admittedAt then redis.call('ZADD', KEYS[4], e.seq, b)
    elseif not e.finished then redis.call('ZADD', KEYS[5], e.admittedAt, b) end
    if e.seq and tonumber(redis.call('GET', KEYS[6]) or '0') < e.seq then redis.call('SET', KEYS[6], e.seq) end
    n = n + 1
  end
end
return {'ok', n}
