-- Shared by every stock script (prepended to each when it is defined; see redis-scripts.ts).
-- Every script's KEYS[1] is its bucket's generation key and ARGV[1] the generation the caller
-- decides in: a script acts only while they agree, so nothing of an older generation (a state
-- Redis lost, or one rebuilt since) is ever changed or read as current.

local function gen_mismatch()
  local g = redis.call('GET', KEYS[1])
  if g ~= ARGV[1] then return {'gen', g or ''} end
  return nil
end

-- The one codec of a hold as a bucket stores it: SKU, buyer, quantity and when it was taken
-- (ms), joined by '|' (ids never contain one). Only these scripts read or write it.
local function hold_encode(sku, buyer, qty, at)
  return sku .. '|' .. buyer .. '|' .. qty .. '|' .. at
end

local function hold_decode(s)
  local sku, buyer, qty, at = string.match(s, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  return sku, buyer, tonumber(qty), tonumber(at)
end

-- The books of one SKU in this bucket, checked before anything changes: available + held +
-- sold = the bucket's allotment, nothing negative. Returns them, or nil and the failure.
local function books(k_allot, k_avail, k_held, k_sold, sku)
  local allot = redis.call('HGET', k_allot, sku)
  if not allot then return nil, {'invariant', 'SKU ' .. sku .. ' is not in the bucket'} end
  allot = tonumber(allot)
  local avail = tonumber(redis.call('HGET', k_avail, sku) or '0')
  local held = tonumber(redis.call('HGET', k_held, sku) or '0')
  local sold = tonumber(redis.call('HGET', k_sold, sku) or '0')
  if avail < 0 or held < 0 or sold < 0 or avail + held + sold ~= allot then
    return nil, {'invariant', 'SKU ' .. sku .. ': available ' .. avail .. ' + held ' .. held .. ' + sold ' .. sold .. ' ~= allotment ' .. allot}
  end
  return {allot = allot, avail = avail, held = held, sold = sold}
end
