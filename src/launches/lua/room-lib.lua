-- Shared by every waiting-room script (prepended to each; see redis-scripts.ts). KEYS[1] is the
-- room's generation key and ARGV[1] the generation the caller means: a script acts only while
-- they agree, so a room Redis lost or rebuilt since is never changed or read as current.
local function gen_mismatch()
  local g = redis.call('GET', KEYS[1])
  if g ~= ARGV[1] then return {'gen', g or ''} end
  return nil
end
