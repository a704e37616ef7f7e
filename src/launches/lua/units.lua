-- A buyer's units in the launch (held or bought). KEYS: gen, units; ARGV: epoch, buyer
-- Returns {'ok', units} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
return {'ok', tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')}
