-- Admits the next buyers by the token bucket (the launch's rate) up to the active cap.
-- KEYS: gen, entries, line, active, bucket, admitted, drawn; ARGV: epoch, now, rate, maxActive, passTtl, open
-- Returns {'ok', buyer1, joinedAt1, buyer2, joinedAt2, ...} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
local now, rate, cap, ttl = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local b = redis.call('HMGET', KEYS[5], 'tokens', 'last')
local tokens, last = tonumber(b[1] or '0'), tonumber(b[2] or ARGV[2])
tokens = math.min(rate, tokens + math.max(0, now - last) * rate / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - ttl)
local out = {'ok'}
if ARGV[6] == '1' and redis.call('GET', KEYS[7]) == 'done' then
  local room = cap - redis.call('ZCARD', KEYS[4])
  local n = math.min(math.floor(tokens), room)
  if n > 0 then
    local popped = redis.call('ZPOPMIN', KEYS[3], n)
    local admitted = 0
    for i = 1, #popped, 2 do
      local buyer = popped[i]
      local e = cjson.decode(redis.call('HGET', KEYS[2], buyer))
      e.admittedAt = now
      redis.call('HSET', KEYS[2], buyer, cjson.encode(e))
      redis.call('ZADD', KEYS[4], now, buyer)
      out[#out + 1] = buyer
      out[#out + 1] = tostring(e.joinedAt)
      admitted = admitted + 1
    end
    tokens = tokens - admitted
    redis.call('INCRBY', KEYS[6], admitted)
  end
end
redis.call('HSET', KEYS[5], 'tokens', tostring(tokens), 'last', tostring(math.max(now, last)))
return out
