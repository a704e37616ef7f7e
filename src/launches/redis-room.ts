/**
 * The waiting room of one launch in Redis, for scale-out: the same rules as the in-memory
 * WaitingRoom (pre-queue shuffled by the recorded draw, FIFO after, admissions by a token
 * bucket up to the active cap), shared by every app process. Admission is one Lua script,
 * so whichever process runs it, the rate and the cap hold across all of them.
 * All keys carry the hash tag {launchId} (one Redis Cluster shard per launch).
 */
import type { Redis } from 'ioredis';
import { drawOrder, type QueueEntry, type RoomSettings } from './waiting-room.js';

const keysOf = (prefix: string, launchId: string) => {
  const t = `${prefix}{${launchId}}:q:`;
  return {
    entries: `${t}entries`, // buyer -> JSON entry
    pre: `${t}pre`, // ZSET joinedAt -> buyer (before the draw)
    line: `${t}line`, // ZSET seq -> buyer (waiting, not yet admitted)
    active: `${t}active`, // ZSET admittedAt -> buyer (admitted, not finished)
    seq: `${t}seq`, // last seq handed out
    admitted: `${t}admitted`, // how many were ever admitted
    bucket: `${t}bucket`, // token bucket: tokens, last
    drawn: `${t}drawn`,
    lock: `${t}lock`,
  };
};

// KEYS: entries, pre, line, seq, drawn; ARGV: buyer, now
const JOIN = `
local e = redis.call('HGET', KEYS[1], ARGV[1])
if e then return {0, e} end
local entry
if redis.call('EXISTS', KEYS[5]) == 1 then
  local seq = redis.call('INCR', KEYS[4])
  redis.call('ZADD', KEYS[3], seq, ARGV[1])
  entry = cjson.encode({joinedAt = tonumber(ARGV[2]), prequeue = false, seq = seq, finished = false})
else
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
  entry = cjson.encode({joinedAt = tonumber(ARGV[2]), prequeue = true, finished = false})
end
redis.call('HSET', KEYS[1], ARGV[1], entry)
return {1, entry}
`;

// KEYS: entries, line, active, bucket, admitted; ARGV: now, rate, maxActive, passTtl, open
const ADMIT = `
local now, rate, cap, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[4], 'tokens', 'last')
local tokens, last = tonumber(b[1] or '0'), tonumber(b[2] or ARGV[1])
tokens = math.min(rate, tokens + math.max(0, now - last) * rate / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - ttl)
local out = {}
if ARGV[5] == '1' then
  local room = cap - redis.call('ZCARD', KEYS[3])
  local n = math.min(math.floor(tokens), room)
  if n > 0 then
    local popped = redis.call('ZPOPMIN', KEYS[2], n)
    for i = 1, #popped, 2 do
      local buyer = popped[i]
      local e = cjson.decode(redis.call('HGET', KEYS[1], buyer))
      e.admittedAt = now
      redis.call('HSET', KEYS[1], buyer, cjson.encode(e))
      redis.call('ZADD', KEYS[3], now, buyer)
      out[#out + 1] = buyer
    end
    tokens = tokens - #out
    redis.call('INCRBY', KEYS[5], #out)
  end
end
redis.call('HSET', KEYS[4], 'tokens', tostring(tokens), 'last', ARGV[1])
return out
`;

// KEYS: entries, line, active, seq; ARGV: buyer
const REQUEUE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return nil end
local e = cjson.decode(raw)
if not e.admittedAt then return raw end
e.admittedAt = nil
e.seq = redis.call('INCR', KEYS[4])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[2], e.seq, ARGV[1])
local out = cjson.encode(e)
redis.call('HSET', KEYS[1], ARGV[1], out)
return out
`;

// KEYS: entries, active; ARGV: buyer, '1'|'0'
const FINISH = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local e = cjson.decode(raw)
e.finished = ARGV[2] == '1'
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
if e.finished then redis.call('ZREM', KEYS[2], ARGV[1]) elseif e.admittedAt then redis.call('ZADD', KEYS[2], e.admittedAt, ARGV[1]) end
return 1
`;

function parse(buyerId: string, raw: string): QueueEntry {
  const e = JSON.parse(raw) as { joinedAt: number; prequeue: boolean; seq?: number; admittedAt?: number; finished: boolean };
  return { buyerId, joinedAt: e.joinedAt, prequeue: e.prequeue, seq: e.seq ?? null, admittedAt: e.admittedAt ?? null, finished: e.finished };
}

/** A launch's waiting room kept in Redis (scale-out). Methods mirror WaitingRoom, asynchronously. */
export class RedisWaitingRoom {
  private readonly k: ReturnType<typeof keysOf>;

  constructor(
    private readonly redis: Redis,
    launchId: string,
    public settings: RoomSettings,
    prefix = 'fm:',
  ) {
    this.k = keysOf(prefix, launchId);
    redis.defineCommand('fmqJoin', { numberOfKeys: 5, lua: JOIN });
    redis.defineCommand('fmqAdmit', { numberOfKeys: 5, lua: ADMIT });
    redis.defineCommand('fmqRequeue', { numberOfKeys: 4, lua: REQUEUE });
    redis.defineCommand('fmqFinish', { numberOfKeys: 2, lua: FINISH });
  }

  private get r(): any {
    return this.redis;
  }

  /** True once Redis holds this room (false after a loss: the caller restores it from the ledger). */
  async present(): Promise<boolean> {
    return (await this.redis.exists(this.k.seq)) === 1;
  }

  /** Restores the room from ledger rows (start-up, or after Redis lost it). */
  async restore(entries: QueueEntry[], drawn: boolean): Promise<void> {
    const m = this.redis.multi();
    m.del(this.k.entries, this.k.pre, this.k.line, this.k.active, this.k.seq, this.k.admitted, this.k.drawn);
    let maxSeq = 0;
    let admitted = 0;
    for (const e of entries) {
      m.hset(this.k.entries, e.buyerId, JSON.stringify({ joinedAt: e.joinedAt, prequeue: e.prequeue, seq: e.seq ?? undefined, admittedAt: e.admittedAt ?? undefined, finished: e.finished }));
      if (e.seq === null) m.zadd(this.k.pre, e.joinedAt, e.buyerId);
      else {
        maxSeq = Math.max(maxSeq, e.seq);
        if (e.admittedAt === null) m.zadd(this.k.line, e.seq, e.buyerId);
        else {
          admitted++;
          if (!e.finished) m.zadd(this.k.active, e.admittedAt, e.buyerId);
        }
      }
    }
    m.set(this.k.seq, maxSeq);
    m.set(this.k.admitted, admitted);
    if (drawn) m.set(this.k.drawn, '1');
    await m.exec();
  }

  async isDrawn(): Promise<boolean> {
    return (await this.redis.exists(this.k.drawn)) === 1;
  }

  async get(buyerId: string): Promise<QueueEntry | undefined> {
    const raw = await this.redis.hget(this.k.entries, buyerId);
    return raw ? parse(buyerId, raw) : undefined;
  }

  async join(buyerId: string, now: number): Promise<{ entry: QueueEntry; isNew: boolean }> {
    const [isNew, raw] = (await this.r.fmqJoin(this.k.entries, this.k.pre, this.k.line, this.k.seq, this.k.drawn, buyerId, now)) as [number, string];
    return { entry: parse(buyerId, raw), isNew: isNew === 1 };
  }

  /** The pre-queue in arrival order (join time, then buyer id), shuffled by the seed. */
  async drawPreview(seedHex: string): Promise<string[]> {
    const pre = await this.redis.zrange(this.k.pre, 0, -1, 'WITHSCORES');
    const rows: Array<[string, number]> = [];
    for (let i = 0; i < pre.length; i += 2) rows.push([pre[i]!, Number(pre[i + 1])]);
    rows.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return drawOrder(seedHex, rows.map(([b]) => b));
  }

  /** Applies the draw: the pre-queue takes seq 1..n in drawn order, ahead of anyone already in line. */
  async draw(seedHex: string): Promise<QueueEntry[]> {
    const order = await this.drawPreview(seedHex);
    const later = await this.redis.zrange(this.k.line, 0, -1);
    const m = this.redis.multi();
    const out: QueueEntry[] = [];
    const raws = order.length + later.length ? await this.redis.hmget(this.k.entries, ...order, ...later) : [];
    [...order, ...later].forEach((buyer, i) => {
      const e = parse(buyer, raws[i]!);
      e.seq = i + 1;
      if (i < order.length) out.push(e);
      m.hset(this.k.entries, buyer, JSON.stringify({ joinedAt: e.joinedAt, prequeue: e.prequeue, seq: e.seq, finished: e.finished }));
      m.zadd(this.k.line, e.seq, buyer);
    });
    m.del(this.k.pre);
    m.set(this.k.seq, order.length + later.length);
    m.set(this.k.drawn, '1');
    await m.exec();
    return out;
  }

  /** Admits the next buyers as the shared rate and cap allow (atomic across processes). */
  async admit(now: number, open: boolean): Promise<QueueEntry[]> {
    const s = this.settings;
    const buyers = (await this.r.fmqAdmit(this.k.entries, this.k.line, this.k.active, this.k.bucket, this.k.admitted, now, s.admissionRatePerSec, s.maxActive, s.passTtlMs, open ? '1' : '0')) as string[];
    return buyers.map((b) => ({ buyerId: b, joinedAt: 0, prequeue: false, seq: null, admittedAt: now, finished: false }));
  }

  async requeue(buyerId: string): Promise<QueueEntry | undefined> {
    const raw = (await this.r.fmqRequeue(this.k.entries, this.k.line, this.k.active, this.k.seq, buyerId)) as string | null;
    return raw ? parse(buyerId, raw) : undefined;
  }

  async setFinished(buyerId: string, finished: boolean): Promise<void> {
    await this.r.fmqFinish(this.k.entries, this.k.active, buyerId, finished ? '1' : '0');
  }

  /** Where a buyer stands: place in line, how many are ahead, a wait estimate at the rate. */
  async position(e: QueueEntry): Promise<{ position: number | null; ahead: number | null; etaSeconds: number | null }> {
    if (e.seq === null) return { position: null, ahead: null, etaSeconds: null };
    const rank = await this.redis.zrank(this.k.line, e.buyerId);
    const ahead = rank ?? 0;
    return { position: ahead + 1, ahead, etaSeconds: Math.ceil(ahead / Math.max(1, this.settings.admissionRatePerSec)) };
  }

  async stats(now: number): Promise<{ size: number; waiting: number; admittedTotal: number; active: number }> {
    const [size, line, pre, admitted, active] = await Promise.all([
      this.redis.hlen(this.k.entries),
      this.redis.zcard(this.k.line),
      this.redis.zcard(this.k.pre),
      this.redis.get(this.k.admitted),
      this.redis.zcount(this.k.active, now - this.settings.passTtlMs, '+inf'),
    ]);
    return { size, waiting: line + pre, admittedTotal: Number(admitted ?? 0), active };
  }
}
