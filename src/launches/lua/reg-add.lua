-- KEYS: loaded, set; ARGV: buyer. -1 when the set is lost, else 1 added / 0 already there.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('SADD', KEYS[2], ARGV[1])
