-- The last step of a rebuild: the bucket (or room) decides in the new generation from now on,
-- unless a newer one was switched to meanwhile (then one left stopped goes back to that one),
-- or the new generation's keys are not all there (Redis lost some while they were written:
-- rebuild again). Completeness is checked by the size of each hash the rebuild wrote.
-- KEYS: gen, top, then hashes of the new generation; ARGV: the new epoch, then each hash's size.
-- Returns 1 switched, 0 not (an older rebuild), -1 the new generation is incomplete.
for i = 3, #KEYS do
  if redis.call('HLEN', KEYS[i]) ~= tonumber(ARGV[i - 1]) then return -1 end
end
local top = tonumber(redis.call('GET', KEYS[2]) or '-1')
local e = tonumber(ARGV[1])
if e > top then
  redis.call('SET', KEYS[2], e)
  redis.call('SET', KEYS[1], e)
  return 1
end
if redis.call('GET', KEYS[1]) == 'rebuilding' and top >= 0 then redis.call('SET', KEYS[1], top) end
return 0
