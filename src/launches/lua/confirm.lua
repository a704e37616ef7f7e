-- These holds are in the ledger: stop watching them as possibly stranded.
-- KEYS: gen, pending; ARGV: epoch, hold ids... Returns {'ok'} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
if #ARGV > 1 then redis.call('ZREM', KEYS[2], unpack(ARGV, 2)) end
return {'ok'}
