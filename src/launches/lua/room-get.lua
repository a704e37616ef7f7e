-- A buyer's entry. KEYS: gen, entries; ARGV: epoch, buyer. Returns {'ok', entry JSON} | {'none'} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
local e = redis.call('HGET', KEYS[2], ARGV[2])
if e then return {'ok', e} end
return {'none'}
