-- A rebuild's holds into a new generation's bucket (the one codec of stock-lib.lua writes them).
-- KEYS: holds; ARGV: hold id, sku, buyer, quantity, ... (four per hold). Returns how many.
local n = 0
for i = 1, #ARGV, 4 do
  redis.call('HSET', KEYS[1], ARGV[i], hold_encode(ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], 0))
  n = n + 1
end
return n
