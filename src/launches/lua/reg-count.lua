-- KEYS: loaded, set. -1 when the set is lost, else how many registered.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('SCARD', KEYS[2])
