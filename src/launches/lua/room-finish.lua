-- Marks a buyer done (at the limit: no longer counted against the active cap) or not.
-- KEYS: gen, entries, active; ARGV: epoch, buyer, '1' | '0'. Returns {'ok'} | {'none'} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
local raw = redis.call('HGET', KEYS[2], ARGV[2])
if not raw then return {'none'} end
local e = cjson.decode(raw)
e.finished = ARGV[3] == '1'
redis.call('HSET', KEYS[2], ARGV[2], cjson.encode(e))
if e.finished then redis.call('ZREM', KEYS[3], ARGV[2]) elseif e.admittedAt then redis.call('ZADD', KEYS[3], e.admittedAt, ARGV[2]) end
return {'ok'}
