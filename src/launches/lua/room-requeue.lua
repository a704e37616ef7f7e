-- Sends an admitted buyer whose pass lapsed to the back of the line.
-- KEYS: gen, entries, line, active, seq; ARGV: epoch, buyer. Returns {'ok', entry JSON} | {'none'} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
local raw = redis.call('HGET', KEYS[2], ARGV[2])
if not raw then return {'none'} end
local e = cjson.decode(raw)
if not e.admittedAt then return {'ok', raw} end
e.admittedAt = nil
e.seq = redis.call('INCR', KEYS[5])
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('ZADD', KEYS[3], e.seq, ARGV[2])
local out = cjson.encode(e)
redis.call('HSET', KEYS[2], ARGV[2], out)
return {'ok', out}
