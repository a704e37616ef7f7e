/**
 * The waiting room of one launch in Redis, for scale-out: the same rules as the in-memory
 * WaitingRoom (pre-queue shuffled by the recorded draw, FIFO after, admissions by a token
 * bucket up to the active cap), shared by every app process. Each operation is one Lua
 * script, so whichever process runs it, the rate and the cap hold across all of them.
 * All keys carry the hash tag {launchId} (one Redis Cluster shard per launch).
 *
 * The draw, across processes: one process takes a lock, *freezes* the pre-queue (from then on
 * arrivals queue behind it, numbered after it, and nobody is admitted), records the seed and
 * the drawn order in the ledger, then applies it. A process that dies half-way leaves the
 * room frozen; the next one to draw finishes with the seed the ledger holds, if any.
 *
 * Loss: every script first checks the room's `loaded` marker. When Redis has lost the room
 * (restart, FLUSHALL) it is restored from the ledger (queue_entries) under a lock, and the
 * operation is retried.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../http/errors.js';
import { drawOrder, type QueueEntry, type RoomSettings } from './waiting-room.js';
import { writeChunked } from './redis-authority.js';
import type { Arrival, LaunchRoom, RecordDraw, RoomSnapshot } from './live-state.js';

const keysOf = (prefix: string, launchId: string) => {
  const t = `${prefix}{${launchId}}:q:`;
  return {
    loaded: `${t}loaded`,
    entries: `${t}entries`, // buyer -> JSON entry
    pre: `${t}pre`, // ZSET joinedAt -> buyer (before the draw)
    line: `${t}line`, // ZSET seq -> buyer (waiting, not yet admitted)
    active: `${t}active`, // ZSET admittedAt -> buyer (admitted, not finished)
    seq: `${t}seq`, // last seq handed out
    admitted: `${t}admitted`, // how many were ever admitted
    bucket: `${t}bucket`, // token bucket: tokens, last
    drawn: `${t}drawn`, // 'frozen' while the draw is recorded, 'done' after
    lock: `${t}lock`, // the draw
    restoring: `${t}restoring`, // a restore from the ledger
  };
};

const NOT_LOADED = `if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end\n`;

// KEYS: loaded, entries; ARGV: buyer
const GET = `${NOT_LOADED}
local e = redis.call('HGET', KEYS[2], ARGV[1])
if e then return {1, e} end
return {0}
`;

// KEYS: loaded, entries, pre, line, seq, drawn; ARGV: buyer, now
const JOIN = `${NOT_LOADED}
local e = redis.call('HGET', KEYS[2], ARGV[1])
if e then return {0, e} end
local entry
if redis.call('EXISTS', KEYS[6]) == 1 then
  local seq = redis.call('INCR', KEYS[5])
  redis.call('ZADD', KEYS[4], seq, ARGV[1])
  entry = cjson.encode({joinedAt = tonumber(ARGV[2]), prequeue = false, seq = seq, finished = false})
else
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
  entry = cjson.encode({joinedAt = tonumber(ARGV[2]), prequeue = true, finished = false})
end
redis.call('HSET', KEYS[2], ARGV[1], entry)
return {1, entry}
`;

// KEYS: loaded, entries, line, active, bucket, admitted, drawn; ARGV: now, rate, maxActive, passTtl, open
// Returns {1, buyer1, joinedAt1, buyer2, joinedAt2, ...}
const ADMIT = `${NOT_LOADED}
local now, rate, cap, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[5], 'tokens', 'last')
local tokens, last = tonumber(b[1] or '0'), tonumber(b[2] or ARGV[1])
tokens = math.min(rate, tokens + math.max(0, now - last) * rate / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - ttl)
local out = {1}
if ARGV[5] == '1' and redis.call('GET', KEYS[7]) == 'done' then
  local room = cap - redis.call('ZCARD', KEYS[4])
  local n = math.min(math.floor(tokens), room)
  if n > 0 then
    local popped = redis.call('ZPOPMIN', KEYS[3], n)
    local admitted = 0
    for i = 1, #popped, 2 do
      local buyer = popped[i]
      local e = cjson.decode(redis.call('HGET', KEYS[2], buyer))
      e.admittedAt = now
      redis.call('HSET', KEYS[2], buyer, cjson.encode(e))
      redis.call('ZADD', KEYS[4], now, buyer)
      out[#out + 1] = buyer
      out[#out + 1] = tostring(e.joinedAt)
      admitted = admitted + 1
    end
    tokens = tokens - admitted
    redis.call('INCRBY', KEYS[6], admitted)
  end
end
redis.call('HSET', KEYS[5], 'tokens', tostring(tokens), 'last', tostring(math.max(now, last)))
return out
`;

// KEYS: loaded, entries, line, active, seq; ARGV: buyer
const REQUEUE = `${NOT_LOADED}
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw then return {0} end
local e = cjson.decode(raw)
if not e.admittedAt then return {1, raw} end
e.admittedAt = nil
e.seq = redis.call('INCR', KEYS[5])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[3], e.seq, ARGV[1])
local out = cjson.encode(e)
redis.call('HSET', KEYS[2], ARGV[1], out)
return {1, out}
`;

// KEYS: loaded, entries, active; ARGV: buyer, '1'|'0'
const FINISH = `${NOT_LOADED}
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw then return {0} end
local e = cjson.decode(raw)
e.finished = ARGV[2] == '1'
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(e))
if e.finished then redis.call('ZREM', KEYS[3], ARGV[1]) elseif e.admittedAt then redis.call('ZADD', KEYS[3], e.admittedAt, ARGV[1]) end
return {1}
`;

// KEYS: loaded, line; ARGV: buyer. Returns {1, rank} (rank -1: not in line).
const POSITION = `${NOT_LOADED}
local r = redis.call('ZRANK', KEYS[2], ARGV[1])
if r then return {1, r} end
return {1, -1}
`;

// KEYS: loaded, entries, line, pre, admitted, active; ARGV: active since (exclusive)
const STATS = `${NOT_LOADED}
return {1, redis.call('HLEN', KEYS[2]), redis.call('ZCARD', KEYS[3]) + redis.call('ZCARD', KEYS[4]), tonumber(redis.call('GET', KEYS[5]) or '0'), redis.call('ZCOUNT', KEYS[6], '(' .. ARGV[1], '+inf')}
`;

// KEYS: loaded, pre, seq, drawn. Returns {1, 'done'} or {1, 'frozen', buyer1, joinedAt1, ...}
const FREEZE = `${NOT_LOADED}
local d = redis.call('GET', KEYS[4])
if d == 'done' then return {1, 'done'} end
if not d then
  redis.call('SET', KEYS[4], 'frozen')
  local n = redis.call('ZCARD', KEYS[2])
  local seq = tonumber(redis.call('GET', KEYS[3]) or '0')
  if seq < n then redis.call('SET', KEYS[3], n) end
end
local out = {1, 'frozen'}
local pre = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #pre do out[#out + 1] = pre[i] end
return out
`;

// KEYS: loaded, entries, line, drawn; ARGV: offset, then buyers in drawn order (a chunk of them)
const APPLY = `${NOT_LOADED}
if redis.call('GET', KEYS[4]) == 'done' then return {0} end
local offset = tonumber(ARGV[1])
for i = 2, #ARGV do
  local raw = redis.call('HGET', KEYS[2], ARGV[i])
  if raw then
    local e = cjson.decode(raw)
    e.seq = offset + i - 1
    redis.call('HSET', KEYS[2], ARGV[i], cjson.encode(e))
    redis.call('ZADD', KEYS[3], e.seq, ARGV[i])
  end
end
return {1}
`;

// KEYS: loaded, pre, drawn. The last step of a draw: nobody was admitted while it was frozen.
const DRAWN = `${NOT_LOADED}
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[3], 'done')
return {1}
`;

/** Buyers per APPLY call (a script call's arguments are spread into a JavaScript call: keep them bounded). */
const APPLY_CHUNK = 5000;

// KEYS: loaded, entries, pre, line, active, seq; ARGV: JSON list of entries
const RESTORE_MISSING = `${NOT_LOADED}
local list = cjson.decode(ARGV[1])
local n = 0
for _, e in ipairs(list) do
  if redis.call('HEXISTS', KEYS[2], e.buyerId) == 0 then
    local b = e.buyerId
    e.buyerId = nil
    redis.call('HSET', KEYS[2], b, cjson.encode(e))
    if not e.seq then redis.call('ZADD', KEYS[3], e.joinedAt, b)
    elseif not e.admittedAt then redis.call('ZADD', KEYS[4], e.seq, b)
    elseif not e.finished then redis.call('ZADD', KEYS[5], e.admittedAt, b) end
    if e.seq and tonumber(redis.call('GET', KEYS[6]) or '0') < e.seq then redis.call('SET', KEYS[6], e.seq) end
    n = n + 1
  end
end
return {1, n}
`;

function parse(buyerId: string, raw: string): QueueEntry {
  const e = JSON.parse(raw) as { joinedAt: number; prequeue: boolean; seq?: number; admittedAt?: number; finished: boolean };
  return { buyerId, joinedAt: e.joinedAt, prequeue: e.prequeue, seq: e.seq ?? null, admittedAt: e.admittedAt ?? null, finished: e.finished };
}

const stored = (e: QueueEntry) => JSON.stringify({ joinedAt: e.joinedAt, prequeue: e.prequeue, seq: e.seq ?? undefined, admittedAt: e.admittedAt ?? undefined, finished: e.finished });

/**
 * Defines the room's scripts on a connection, once. Call it before traffic flows: ioredis
 * copies script commands into its automatic pipelines when it opens them, so a script defined
 * while one is open cannot join it.
 */
export function defineRoomCommands(redis: Redis): void {
  if ((redis as any).fmqJoin) return;
  redis.defineCommand('fmqGet', { numberOfKeys: 2, lua: GET });
  redis.defineCommand('fmqJoin', { numberOfKeys: 6, lua: JOIN });
  redis.defineCommand('fmqAdmit', { numberOfKeys: 7, lua: ADMIT });
  redis.defineCommand('fmqRequeue', { numberOfKeys: 5, lua: REQUEUE });
  redis.defineCommand('fmqFinish', { numberOfKeys: 3, lua: FINISH });
  redis.defineCommand('fmqPosition', { numberOfKeys: 2, lua: POSITION });
  redis.defineCommand('fmqStats', { numberOfKeys: 6, lua: STATS });
  redis.defineCommand('fmqFreeze', { numberOfKeys: 4, lua: FREEZE });
  redis.defineCommand('fmqApply', { numberOfKeys: 4, lua: APPLY });
  redis.defineCommand('fmqDrawn', { numberOfKeys: 3, lua: DRAWN });
  redis.defineCommand('fmqRestoreMissing', { numberOfKeys: 6, lua: RESTORE_MISSING });
}

/** Options of a Redis room. */
export interface RedisRoomOptions {
  /** Key prefix (tests use one of their own). */
  prefix?: string;
  /** Reads the ledger's view of the room (to restore it when Redis has lost it). */
  readLedger: () => Promise<RoomSnapshot>;
  /** The clock (the token bucket starts from "now" when the room is restored). */
  now: () => number;
}

/** A launch's waiting room kept in Redis (scale-out). */
export class RedisWaitingRoom implements LaunchRoom {
  private readonly k: ReturnType<typeof keysOf>;
  private drawnSeen = false;
  /** Restores this process ran (monitoring and tests). */
  restores = 0;

  constructor(
    private readonly redis: Redis,
    launchId: string,
    public settings: RoomSettings,
    private readonly o: RedisRoomOptions,
  ) {
    this.k = keysOf(o.prefix ?? 'fm:', launchId);
    defineRoomCommands(redis);
  }

  private get r(): any {
    return this.redis;
  }

  get drawn(): boolean {
    return this.drawnSeen;
  }

  /** Makes sure Redis holds the room (restoring it from the ledger if not). */
  async ensure(): Promise<void> {
    if ((await this.redis.exists(this.k.loaded)) === 0) await this.restore();
    if ((await this.redis.get(this.k.drawn)) === 'done') this.drawnSeen = true;
  }

  /** Runs a script; when the room is missing, restores it from the ledger and runs it again. */
  private async run(cmd: string, keys: string[], args: Array<string | number>): Promise<any[]> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = (await this.r[cmd](...keys, ...args)) as any[];
      if (res[0] !== -1) return res;
      await this.restore();
    }
    throw new AppError(503, 'QUEUE_UNAVAILABLE', 'The waiting room is being restored; try again.');
  }

  /** Restores the room from the ledger, once across processes (others wait for it). */
  async restore(): Promise<void> {
    const token = randomUUID();
    const got = await this.redis.set(this.k.restoring, token, 'PX', 30_000, 'NX');
    if (!got) {
      for (let i = 0; i < 1200; i++) {
        await sleep(25);
        if (await this.redis.exists(this.k.loaded)) return;
        if (!(await this.redis.exists(this.k.restoring))) return this.restore();
      }
      throw new AppError(503, 'QUEUE_UNAVAILABLE', 'The waiting room is being restored; try again.');
    }
    try {
      if (await this.redis.exists(this.k.loaded)) return;
      this.restores++;
      const { entries, drawn } = await this.o.readLedger();
      const k = this.k;
      const cmds: Array<[string, ...Array<string | number>]> = [['del', k.entries, k.pre, k.line, k.active, k.seq, k.admitted, k.drawn, k.bucket]];
      let maxSeq = 0;
      let admitted = 0;
      for (const e of entries) {
        cmds.push(['hset', k.entries, e.buyerId, stored(e)]);
        if (e.seq === null) cmds.push(['zadd', k.pre, e.joinedAt, e.buyerId]);
        else {
          maxSeq = Math.max(maxSeq, e.seq);
          if (e.admittedAt === null) cmds.push(['zadd', k.line, e.seq, e.buyerId]);
          else {
            admitted++;
            if (!e.finished) cmds.push(['zadd', k.active, e.admittedAt, e.buyerId]);
          }
        }
      }
      cmds.push(['set', k.seq, maxSeq], ['set', k.admitted, admitted], ['hset', k.bucket, 'tokens', '0', 'last', String(this.o.now())]);
      if (drawn) cmds.push(['set', k.drawn, 'done']);
      // The marker last: until it is there every script answers "not loaded" and waits for this.
      cmds.push(['set', k.loaded, String(this.o.now())]);
      await writeChunked(this.redis, cmds);
      if (drawn) this.drawnSeen = true;
    } finally {
      await this.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, this.k.restoring, token);
    }
  }

  async get(buyerId: string): Promise<QueueEntry | undefined> {
    const [found, raw] = await this.run('fmqGet', [this.k.loaded, this.k.entries], [buyerId]);
    return found === 1 ? parse(buyerId, raw) : undefined;
  }

  async join(buyerId: string, now: number): Promise<{ entry: QueueEntry; isNew: boolean }> {
    const [isNew, raw] = await this.run('fmqJoin', [this.k.loaded, this.k.entries, this.k.pre, this.k.line, this.k.seq, this.k.drawn], [buyerId, now]);
    return { entry: parse(buyerId, raw), isNew: isNew === 1 };
  }

  async draw(makeSeed: () => string, record: RecordDraw): Promise<void> {
    if (this.drawnSeen) return;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const token = randomUUID();
      if (!(await this.redis.set(this.k.lock, token, 'PX', 30_000, 'NX'))) {
        // Another process draws: wait until it is done (or its lock lapses and this one takes over).
        await sleep(20);
        if ((await this.redis.get(this.k.drawn)) === 'done') return void (this.drawnSeen = true);
        continue;
      }
      try {
        const res = await this.run('fmqFreeze', [this.k.loaded, this.k.pre, this.k.seq, this.k.drawn], []);
        if (res[1] === 'done') return void (this.drawnSeen = true);
        const arrivals: Arrival[] = [];
        for (let i = 2; i < res.length; i += 2) arrivals.push({ buyerId: String(res[i]), joinedAt: Number(res[i + 1]) });
        arrivals.sort((a, b) => a.joinedAt - b.joinedAt || (a.buyerId < b.buyerId ? -1 : a.buyerId > b.buyerId ? 1 : 0));
        const byId = new Map(arrivals.map((a) => [a.buyerId, a]));
        const inOrder = (seed: string) => drawOrder(seed, arrivals.map((a) => a.buyerId)).map((id) => byId.get(id)!);
        const fresh = makeSeed();
        const seed = await record(fresh, inOrder(fresh));
        const order = inOrder(seed).map((a) => a.buyerId);
        // In chunks (the room stays frozen, so nobody is admitted until the last step).
        for (let i = 0; i < order.length; i += APPLY_CHUNK) {
          const [applied] = await this.run('fmqApply', [this.k.loaded, this.k.entries, this.k.line, this.k.drawn], [i, ...order.slice(i, i + APPLY_CHUNK)]);
          if (applied === 0) break; // done by another process meanwhile
        }
        await this.run('fmqDrawn', [this.k.loaded, this.k.pre, this.k.drawn], []);
        this.drawnSeen = true;
        return;
      } finally {
        await this.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, this.k.lock, token);
      }
    }
    throw new AppError(503, 'QUEUE_UNAVAILABLE', 'The draw is taking too long; try again.');
  }

  /** Admits the next buyers as the shared rate and cap allow (atomic across processes). */
  async admit(now: number, open: boolean): Promise<QueueEntry[]> {
    const s = this.settings;
    const res = await this.run('fmqAdmit', [this.k.loaded, this.k.entries, this.k.line, this.k.active, this.k.bucket, this.k.admitted, this.k.drawn], [now, s.admissionRatePerSec, s.maxActive, s.passTtlMs, open ? '1' : '0']);
    const out: QueueEntry[] = [];
    for (let i = 1; i < res.length; i += 2) out.push({ buyerId: String(res[i]), joinedAt: Number(res[i + 1]), prequeue: false, seq: null, admittedAt: now, finished: false });
    return out;
  }

  async requeue(buyerId: string): Promise<QueueEntry | undefined> {
    const [found, raw] = await this.run('fmqRequeue', [this.k.loaded, this.k.entries, this.k.line, this.k.active, this.k.seq], [buyerId]);
    return found === 1 ? parse(buyerId, raw) : undefined;
  }

  async setFinished(buyerId: string, finished: boolean): Promise<void> {
    await this.run('fmqFinish', [this.k.loaded, this.k.entries, this.k.active], [buyerId, finished ? '1' : '0']);
  }

  /** Where a buyer stands: place in line, how many are ahead, a wait estimate at the rate. */
  async position(e: QueueEntry): Promise<{ position: number | null; ahead: number | null; etaSeconds: number | null }> {
    if (e.seq === null) return { position: null, ahead: null, etaSeconds: null };
    const [, rank] = await this.run('fmqPosition', [this.k.loaded, this.k.line], [e.buyerId]);
    const ahead = Math.max(0, Number(rank));
    return { position: ahead + 1, ahead, etaSeconds: Math.ceil(ahead / Math.max(1, this.settings.admissionRatePerSec)) };
  }

  async stats(now: number): Promise<{ size: number; waiting: number; admittedTotal: number; active: number }> {
    const [, size, waiting, admitted, active] = await this.run('fmqStats', [this.k.loaded, this.k.entries, this.k.line, this.k.pre, this.k.admitted, this.k.active], [now - this.settings.passTtlMs]);
    return { size: Number(size), waiting: Number(waiting), admittedTotal: Number(admitted), active: Number(active) };
  }

  async restoreMissing(entries: QueueEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const list = entries.map((e) => ({ buyerId: e.buyerId, joinedAt: e.joinedAt, prequeue: e.prequeue, seq: e.seq ?? undefined, admittedAt: e.admittedAt ?? undefined, finished: e.finished }));
    await this.run('fmqRestoreMissing', [this.k.loaded, this.k.entries, this.k.pre, this.k.line, this.k.active, this.k.seq], [JSON.stringify(list)]);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
