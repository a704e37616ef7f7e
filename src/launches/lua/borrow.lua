-- Donor side of a transfer between buckets: half of what this bucket has of a SKU (at least
-- what is wanted, or all of it if less) leaves its books, recorded until the recipient has it.
-- KEYS: gen, allot, avail, held, sold, xout; ARGV: epoch, sku, want, transfer id, recipient bucket, now
-- Returns {'moved', units} ({'moved', 0}: this bucket is dry too) | {'gen', current} | {'invariant', detail}
local bad = gen_mismatch()
if bad then return bad end
local sku = ARGV[2]
local b, broken = books(KEYS[2], KEYS[3], KEYS[4], KEYS[5], sku)
if not b then return broken end
if b.avail <= 0 then return {'moved', 0} end
local k = math.max(math.min(b.avail, tonumber(ARGV[3])), math.floor(b.avail / 2))
redis.call('HINCRBY', KEYS[3], sku, -k)
redis.call('HINCRBY', KEYS[2], sku, -k)
redis.call('HSET', KEYS[6], ARGV[4], ARGV[5] .. '|' .. sku .. '|' .. k .. '|' .. ARGV[6])
return {'moved', k}
