-- KEYS: loaded, set; ARGV: buyer. -1 when the set is lost, else 0 / 1.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('SISMEMBER', KEYS[2], ARGV[1])
