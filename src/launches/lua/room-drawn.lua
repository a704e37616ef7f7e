-- The draw's last step. KEYS: gen, pre, drawn; ARGV: epoch. Returns {'ok'} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[3], 'done')
return {'ok'}
