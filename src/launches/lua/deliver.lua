-- Recipient side of a transfer: the units join this bucket's books, once.
-- KEYS: gen, allot, avail, xin; ARGV: epoch, transfer id, sku, units. Returns {'done'} | {'already'} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
if redis.call('SADD', KEYS[4], ARGV[2]) == 0 then return {'already'} end
redis.call('HINCRBY', KEYS[3], ARGV[3], tonumber(ARGV[4]))
redis.call('HINCRBY', KEYS[2], ARGV[3], tonumber(ARGV[4]))
return {'done'}
