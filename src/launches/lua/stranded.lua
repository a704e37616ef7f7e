-- Holds taken at or before a moment and still unconfirmed. KEYS: gen, pending; ARGV: epoch, cutoff (ms)
-- Returns {'ok', count} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
return {'ok', redis.call('ZCOUNT', KEYS[2], '-inf', ARGV[2])}
