-- A reservation's decision, atomic in one bucket.
-- KEYS: gen, allot, avail, held, sold, units, holds, answers, pending
-- ARGV: epoch, sku, buyer, quantity, per-buyer limit, hold id, now (ms), answer field (buyer:key)
-- Returns {'taken', buyer's units, SKU available} | {'refused', code} | {'replay', hold id} | {'gen', current} | {'invariant', detail}
local bad = gen_mismatch()
if bad then return bad end
local prev = redis.call('HGET', KEYS[8], ARGV[8])
if prev then return {'replay', prev} end
local sku, buyer, qty, limit = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local b, broken = books(KEYS[2], KEYS[3], KEYS[4], KEYS[5], sku)
if not b then return broken end
local units = tonumber(redis.call('HGET', KEYS[6], buyer) or '0')
if units + qty > limit then return {'refused', 'LIMIT_REACHED'} end
if b.avail == 0 then return {'refused', 'SOLD_OUT'} end
if b.avail < qty then return {'refused', 'NOT_ENOUGH_UNITS'} end
redis.call('HINCRBY', KEYS[3], sku, -qty)
redis.call('HINCRBY', KEYS[4], sku, qty)
redis.call('HINCRBY', KEYS[6], buyer, qty)
redis.call('HSET', KEYS[7], ARGV[6], hold_encode(sku, buyer, qty, ARGV[7]))
redis.call('ZADD', KEYS[9], ARGV[7], ARGV[6])
redis.call('HSET', KEYS[8], ARGV[8], ARGV[6])
return {'taken', units + qty, b.avail - qty}
