-- The draw's first step: from now on arrivals queue behind the pre-queue (numbered after it)
-- and nobody is admitted until the draw is applied. KEYS: gen, pre, seq, drawn, entries; ARGV: epoch
-- Returns {'done'} | {'frozen', buyer1, arrival1, joinedAt1, ...} (in arrival order) | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
local d = redis.call('GET', KEYS[4])
if d == 'done' then return {'done'} end
if not d then
  redis.call('SET', KEYS[4], 'frozen')
  local n = redis.call('ZCARD', KEYS[2])
  local seq = tonumber(redis.call('GET', KEYS[3]) or '0')
  if seq < n then redis.call('SET', KEYS[3], n) end
end
local out = {'frozen'}
local pre = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #pre, 2 do
  local e = cjson.decode(redis.call('HGET', KEYS[5], pre[i]))
  out[#out + 1] = pre[i]
  out[#out + 1] = pre[i + 1]
  out[#out + 1] = tostring(e.joinedAt)
end
return out
