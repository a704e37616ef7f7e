-- Numbers a chunk of the drawn pre-queue. KEYS: gen, entries, line, drawn; ARGV: epoch, offset, buyers in drawn order...
-- Returns {'ok'} | {'done'} (applied already) | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
if redis.call('GET', KEYS[4]) == 'done' then return {'done'} end
local offset = tonumber(ARGV[2])
for i = 3, #ARGV do
  local raw = redis.call('HGET', KEYS[2], ARGV[i])
  if raw then
    local e = cjson.decode(raw)
    e.seq = offset + i - 2
    redis.call('HSET', KEYS[2], ARGV[i], cjson.encode(e))
    redis.call('ZADD', KEYS[3], e.seq, ARGV[i])
  end
end
return {'ok'}
