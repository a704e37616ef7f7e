-- A buyer's rank in line (-1: not in line). KEYS: gen, line; ARGV: epoch, buyer. Returns {'ok', rank} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
local r = redis.call('ZRANK', KEYS[2], ARGV[2])
if r then return {'ok', r} end
return {'ok', -1}
