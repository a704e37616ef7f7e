-- A held hold ends: its units go back on sale ('release') or to sold ('sell'). Once only.
-- KEYS: gen, allot, avail, held, sold, units, holds, pending; ARGV: epoch, hold id, 'release' | 'sell'
-- Returns {'done'} | {'none'} (not held here) | {'gen', current} | {'invariant', detail}
local bad = gen_mismatch()
if bad then return bad end
local rec = redis.call('HGET', KEYS[7], ARGV[2])
if not rec then return {'none'} end
local sku, buyer, qty = hold_decode(rec)
local b, broken = books(KEYS[2], KEYS[3], KEYS[4], KEYS[5], sku)
if not b then return broken end
if b.held < qty then return {'invariant', 'SKU ' .. sku .. ': hold ' .. ARGV[2] .. ' of ' .. qty .. ' but only ' .. b.held .. ' held'} end
redis.call('HDEL', KEYS[7], ARGV[2])
redis.call('ZREM', KEYS[8], ARGV[2])
redis.call('HINCRBY', KEYS[4], sku, -qty)
if ARGV[3] == 'release' then
  redis.call('HINCRBY', KEYS[3], sku, qty)
  redis.call('HINCRBY', KEYS[6], buyer, -qty)
else
  redis.call('HINCRBY', KEYS[5], sku, qty)
end
return {'done'}
