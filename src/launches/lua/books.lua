-- A bucket's books, every SKU checked: {'ok', sku1, allot1, avail1, held1, sold1, ...}.
-- KEYS: gen, allot, avail, held, sold; ARGV: epoch
local bad = gen_mismatch()
if bad then return bad end
local out = {'ok'}
local skus = redis.call('HKEYS', KEYS[2])
for _, sku in ipairs(skus) do
  local b, broken = books(KEYS[2], KEYS[3], KEYS[4], KEYS[5], sku)
  if not b then return broken end
  out[#out + 1] = sku
  out[#out + 1] = b.allot
  out[#out + 1] = b.avail
  out[#out + 1] = b.held
  out[#out + 1] = b.sold
end
out[#out + 1] = '|'
return out
