-- The last step of a rebuild: the bucket decides in the new generation from now on, unless a
-- newer one was switched to meanwhile (then a bucket left stopped goes back to that one).
-- KEYS: gen, top; ARGV: the new epoch. Returns 1 switched, 0 not (an older rebuild).
local top = tonumber(redis.call('GET', KEYS[2]) or '-1')
local e = tonumber(ARGV[1])
if e > top then
  redis.call('SET', KEYS[2], e)
  redis.call('SET', KEYS[1], e)
  return 1
end
if redis.call('GET', KEYS[1]) == 'rebuilding' and top >= 0 then redis.call('SET', KEYS[1], top) end
return 0
