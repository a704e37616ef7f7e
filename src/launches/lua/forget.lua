-- Drops a key's cached answer if it is still the given hold (its write did not make it).
-- KEYS: gen, answers; ARGV: epoch, answer field, hold id. Returns {'ok'} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
if redis.call('HGET', KEYS[2], ARGV[2]) == ARGV[3] then redis.call('HDEL', KEYS[2], ARGV[2]) end
return {'ok'}
