-- KEYS: gen, entries, line, pre, admitted, active; ARGV: epoch, active since (exclusive)
-- Returns {'ok', size, waiting, admitted in all, active now} | {'gen', current}
local bad = gen_mismatch()
if bad then return bad end
return {'ok', redis.call('HLEN', KEYS[2]), redis.call('ZCARD', KEYS[3]) + redis.call('ZCARD', KEYS[4]), tonumber(redis.call('GET', KEYS[5]) or '0'), redis.call('ZCOUNT', KEYS[6], '(' .. ARGV[2], '+inf')}
