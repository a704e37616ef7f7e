/**
 * The waiting room of one launch in Redis, for scale-out: the same rules as the in-memory
 * WaitingRoom (pre-queue shuffled by the recorded draw, FIFO after, admissions by a token
 * bucket up to the active cap), shared by every app process. Each operation is one Lua
 * script, so whichever process runs it, the rate and the cap hold across all of them.
 * All keys carry the hash tag {launchId} (one Redis Cluster shard per launch).
 *
 * The draw, across processes: one process takes a lock, *freezes* the pre-queue (from then on
 * arrivals queue behind it, numbered after it, and nobody is admitted), records the frozen
 * entrants, the revealed seed (the launch's committed one) and the drawn order in the ledger,
 * then applies it. Pre-queue places carry the arrival number they were given at join (the
 * draw's receipt), and the pre-queue is ordered by it. A process that dies half-way leaves the
 * room frozen; the next one to draw finishes with the seed the ledger holds, if any.
 *
 * Generations: the room's state belongs to one room generation of the ledger
 * (`launch_fences.room_epoch`), its keys carry the epoch, and every script first checks the
 * room's `gen` key against the epoch the caller acts in. When Redis has lost the room (restart,
 * FLUSHALL) it is rebuilt from the ledger in a new generation under a lock; a join decided in
 * the old one is then no longer written (the ledger checks the epoch), so a place is
 * acknowledged only if the rebuilt room has it.
 */
import type { Redis } from 'ioredis';
import { AppError } from '../shared/errors.js';
import type { LaunchLedger } from './ledger.js';
import { drawOrder, type QueueEntry, type RoomSettings } from './waiting-room.js';
import { defineScripts, num, str, withLease, writeChunked, type Reply } from './redis-scripts.js';
import type { Arrival, LaunchRoom, RecordDraw } from './live-state.js';

/** The room's keys: the generation pointers and locks, and one generation's state. */
const keysOf = (prefix: string, launchId: string, epoch: number) => {
  const t = `${prefix}{${launchId}}:q:`;
  const g = `${t}g${epoch}:`;
  return {
    gen: `${t}gen`, // the generation the room decides in ('rebuilding' while it is rebuilt)
    top: `${t}top`, // the newest generation ever switched to
    lock: `${t}lock`, // the draw
    restoring: `${t}restoring`, // a rebuild from the ledger
    entries: `${g}entries`, // buyer -> JSON entry
    pre: `${g}pre`, // ZSET arrival number -> buyer (before the draw)
    line: `${g}line`, // ZSET seq -> buyer (waiting, not yet admitted)
    active: `${g}active`, // ZSET admittedAt -> buyer (admitted, not finished)
    seq: `${g}seq`, // last seq handed out
    admitted: `${g}admitted`, // how many were ever admitted
    bucket: `${g}bucket`, // token bucket: tokens, last
    drawn: `${g}drawn`, // 'frozen' while the draw is recorded, 'done' after
    arrival: `${g}arrival`, // last arrival number handed out to the pre-queue
  };
};

/** A generation's own keys (what dropping one removes). */
const GENERATION_KEYS = ['entries', 'pre', 'line', 'active', 'seq', 'admitted', 'bucket', 'drawn', 'arrival'] as const;

/** Buyers per APPLY call (a script call's arguments are spread into a JavaScript call: keep them bounded). */
const APPLY_CHUNK = 5000;

function parse(buyerId: string, raw: string): QueueEntry {
  const e = JSON.parse(raw) as { joinedAt: number; prequeue: boolean; seq?: number; admittedAt?: number; finished: boolean; arrival?: number };
  return { buyerId, joinedAt: e.joinedAt, prequeue: e.prequeue, seq: e.seq ?? null, admittedAt: e.admittedAt ?? null, finished: e.finished, arrival: e.arrival ?? null };
}

const stored = (e: QueueEntry) => JSON.stringify({ joinedAt: e.joinedAt, prequeue: e.prequeue, seq: e.seq ?? undefined, admittedAt: e.admittedAt ?? undefined, finished: e.finished, arrival: e.arrival ?? undefined });

/** Options of a Redis room. */
export interface RedisRoomOptions {
  /** Key prefix (tests use one of their own). */
  prefix?: string;
  /** The ledger: the room is rebuilt from it (after a new room generation) when Redis has lost it. */
  ledger: Pick<LaunchLedger, 'fenceRoom' | 'roomSnapshot'>;
  /** The clock (the token bucket starts from "now" when the room is rebuilt). */
  now: () => number;
}

/** A launch's waiting room kept in Redis (scale-out). */
export class RedisWaitingRoom implements LaunchRoom {
  private epoch: number | null = null;
  private drawnSeen = false;
  /** Rebuilds this process ran (monitoring and tests). */
  restores = 0;

  constructor(
    private readonly redis: Redis,
    private readonly launchId: string,
    public settings: RoomSettings,
    private readonly o: RedisRoomOptions,
  ) {
    defineScripts(redis);
  }

  private k(epoch: number) {
    return keysOf(this.o.prefix ?? 'fm:', this.launchId, epoch);
  }

  get drawn(): boolean {
    return this.drawnSeen;
  }

  /** Makes sure Redis holds the room (rebuilding it from the ledger if not) and learns its generation. */
  async ensure(): Promise<void> {
    const e = await this.current();
    if ((await this.redis.get(this.k(e).drawn)) === 'done') this.drawnSeen = true;
  }

  /** The generation to act in: the one seen last, else Redis's, else a rebuild. */
  private async current(): Promise<number> {
    if (this.epoch !== null) return this.epoch;
    for (let i = 0; i < 1000; i++) {
      const g = await this.redis.get(this.k(0).gen);
      if (g && /^\d+$/.test(g)) return (this.epoch = Number(g));
      if (!(await this.redis.exists(this.k(0).restoring))) return this.restore();
      await sleep(5);
    }
    throw new AppError('QUEUE_UNAVAILABLE', 'The waiting room is being restored; try again.');
  }

  /** Runs a script in the current generation; when the generation moved, catches up (or rebuilds) and runs it again. */
  private async run(script: (epoch: number, k: ReturnType<typeof keysOf>) => Promise<Reply>): Promise<{ r: Reply; epoch: number }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const epoch = await this.current();
      const r = await script(epoch, this.k(epoch));
      if (r[0] !== 'gen') return { r, epoch };
      const seen = str(r, 1);
      this.epoch = /^\d+$/.test(seen) && Number(seen) > epoch ? Number(seen) : null;
    }
    throw new AppError('QUEUE_UNAVAILABLE', 'The waiting room is being restored; try again.');
  }

  /**
   * Rebuilds the room from the ledger, once across processes (others wait for it): stop the
   * room, start a new room generation in the ledger (joins of the old one in flight finish
   * first, later ones fail), read the ledger, write the new generation, switch to it.
   */
  async restore(): Promise<number> {
    const base = this.k(0);
    const done = await withLease(this.redis, base.restoring, () => this.restoreHeld());
    if (done) return done.value;
    // Someone else restores: wait for it (and take over should its lease lapse: it died).
    for (let i = 0; i < 2400; i++) {
      await sleep(25);
      const g = await this.redis.get(base.gen);
      if (g && /^\d+$/.test(g)) return (this.epoch = Number(g));
      if (!(await this.redis.exists(base.restoring))) return this.restore();
    }
    throw new AppError('QUEUE_UNAVAILABLE', 'The waiting room is being restored; try again.');
  }

  private async restoreHeld(): Promise<number> {
    const base = this.k(0);
    this.restores++;
    const old = await this.redis.get(base.top);
    await this.redis.set(base.gen, 'rebuilding');
    const epoch = await this.o.ledger.fenceRoom(this.launchId);
    const { entries, drawn } = await this.o.ledger.roomSnapshot(this.launchId);
    const k = this.k(epoch);
    const cmds: Array<[string, ...Array<string | number>]> = [];
    let maxSeq = 0;
    let admitted = 0;
    // Arrival numbers continue after the highest the ledger has (places written before they existed come after, in join order).
    let lastArrival = Math.max(0, ...entries.map((e) => e.arrival ?? 0));
    for (const e of [...entries].sort((a, b) => a.joinedAt - b.joinedAt || (a.buyerId < b.buyerId ? -1 : 1))) {
      if (e.seq === null && (e.arrival ?? null) === null) e.arrival = ++lastArrival;
    }
    for (const e of entries) {
      cmds.push(['hset', k.entries, e.buyerId, stored(e)]);
      if (e.seq === null) cmds.push(['zadd', k.pre, e.arrival!, e.buyerId]);
      else {
        maxSeq = Math.max(maxSeq, e.seq);
        if (e.admittedAt === null) cmds.push(['zadd', k.line, e.seq, e.buyerId]);
        else {
          admitted++;
          if (!e.finished) cmds.push(['zadd', k.active, e.admittedAt, e.buyerId]);
        }
      }
    }
    cmds.push(['set', k.seq, maxSeq], ['set', k.admitted, admitted], ['set', k.arrival, lastArrival], ['hset', k.bucket, 'tokens', '0', 'last', String(this.o.now())]);
    if (drawn) cmds.push(['set', k.drawn, 'done']);
    await writeChunked(this.redis, cmds);
    const r = await this.redis.fmRoomSwitch(base.gen, base.top, k.entries, epoch, entries.length);
    // Redis lost the new generation while it was written: the next caller rebuilds again.
    if (r === -1) throw new AppError('QUEUE_UNAVAILABLE', 'The waiting room was lost while it was restored; try again.');
    const switched = r === 1;
    const drop = switched ? (old && /^\d+$/.test(old) ? Number(old) : null) : epoch;
    if (drop !== null) await Promise.all(GENERATION_KEYS.map((n) => this.redis.unlink(this.k(drop)[n])));
    if (drawn && switched) this.drawnSeen = true;
    this.epoch = null;
    const g = await this.redis.get(base.gen);
    return (this.epoch = Number(g));
  }

  async get(buyerId: string): Promise<QueueEntry | undefined> {
    const { r } = await this.run((e, k) => this.redis.fmRoomGet(k.gen, k.entries, e, buyerId));
    return r[0] === 'ok' ? parse(buyerId, str(r, 1)) : undefined;
  }

  async join(buyerId: string, now: number, maxPlaces: number): Promise<{ entry: QueueEntry; isNew: boolean; epoch: number } | null> {
    const { r, epoch } = await this.run((e, k) => this.redis.fmRoomJoin(k.gen, k.entries, k.pre, k.line, k.seq, k.drawn, k.arrival, e, buyerId, now, maxPlaces));
    if (r[0] === 'full') return null;
    return { entry: parse(buyerId, str(r, 1)), isNew: r[0] === 'new', epoch };
  }

  async draw(makeSeed: () => string, record: RecordDraw): Promise<void> {
    if (this.drawnSeen) return;
    const lock = this.k(0).lock;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const held = await withLease(this.redis, lock, () => this.drawHeld(makeSeed, record));
      if (held?.value === true) return;
      if (!held) {
        // Another process draws: wait until it is done (or its lease lapses and this one takes over).
        await sleep(20);
        if (await this.isDrawn()) return void (this.drawnSeen = true);
      }
    }
    throw new AppError('QUEUE_UNAVAILABLE', 'The draw is taking too long; try again.');
  }

  /** One attempt at the draw, holding its lock: true when the room is drawn, false to try again. */
  private async drawHeld(makeSeed: () => string, record: RecordDraw): Promise<boolean> {
    const { r, epoch } = await this.run((e, k) => this.redis.fmRoomFreeze(k.gen, k.pre, k.seq, k.drawn, k.entries, e));
    if (r[0] === 'done') return (this.drawnSeen = true);
    // The frozen pre-queue, in arrival order (the script reads it so; sorted again to rest on nothing but the numbers).
    const arrivals: Arrival[] = [];
    for (let i = 1; i < r.length; i += 3) arrivals.push({ buyerId: str(r, i), arrival: num(r, i + 1), joinedAt: num(r, i + 2) });
    arrivals.sort((a, b) => a.arrival - b.arrival);
    const byId = new Map(arrivals.map((a) => [a.buyerId, a]));
    const inOrder = (seed: string) => drawOrder(seed, arrivals.map((a) => a.buyerId)).map((id) => byId.get(id)!);
    const fresh = makeSeed();
    const seed = await record(fresh, inOrder(fresh), epoch);
    if (seed === null) return false; // the room was rebuilt meanwhile: draw again in the new generation
    const order = inOrder(seed).map((a) => a.buyerId);
    const k = this.k(epoch);
    // In chunks (the room stays frozen, so nobody is admitted until the last step).
    let moved = false;
    for (let i = 0; i < order.length && !moved; i += APPLY_CHUNK) {
      const a = await this.redis.fmRoomApply(k.gen, k.entries, k.line, k.drawn, epoch, i, ...order.slice(i, i + APPLY_CHUNK));
      if (a[0] === 'gen') moved = true;
      if (a[0] === 'done') break; // done by another process meanwhile
    }
    if (moved || (await this.redis.fmRoomDrawn(k.gen, k.pre, k.drawn, epoch))[0] === 'gen') {
      // Rebuilt meanwhile from the ledger, which has the draw: the new generation is drawn.
      this.epoch = null;
      return (this.drawnSeen = await this.isDrawn());
    }
    return (this.drawnSeen = true);
  }

  private async isDrawn(): Promise<boolean> {
    const e = await this.current();
    return (await this.redis.get(this.k(e).drawn)) === 'done';
  }

  /** Admits the next buyers as the shared rate and cap allow (atomic across processes). */
  async admit(now: number, open: boolean): Promise<{ admitted: QueueEntry[]; epoch: number }> {
    const s = this.settings;
    const { r, epoch } = await this.run((e, k) => this.redis.fmRoomAdmit(k.gen, k.entries, k.line, k.active, k.bucket, k.admitted, k.drawn, e, now, s.admissionRatePerSec, s.maxActive, s.passTtlMs, open ? '1' : '0'));
    const admitted: QueueEntry[] = [];
    for (let i = 1; i < r.length; i += 2) admitted.push({ buyerId: str(r, i), joinedAt: num(r, i + 1), prequeue: false, seq: null, admittedAt: now, finished: false });
    return { admitted, epoch };
  }

  async requeue(buyerId: string): Promise<{ entry: QueueEntry; epoch: number } | undefined> {
    const { r, epoch } = await this.run((e, k) => this.redis.fmRoomRequeue(k.gen, k.entries, k.line, k.active, k.seq, e, buyerId));
    return r[0] === 'ok' ? { entry: parse(buyerId, str(r, 1)), epoch } : undefined;
  }

  async setFinished(buyerId: string, finished: boolean): Promise<void> {
    await this.run((e, k) => this.redis.fmRoomFinish(k.gen, k.entries, k.active, e, buyerId, finished ? '1' : '0'));
  }

  /** Where a buyer stands: place in line, how many are ahead, a wait estimate at the rate. */
  async position(e: QueueEntry): Promise<{ position: number | null; ahead: number | null; etaSeconds: number | null }> {
    if (e.seq === null) return { position: null, ahead: null, etaSeconds: null };
    const { r } = await this.run((g, k) => this.redis.fmRoomPosition(k.gen, k.line, g, e.buyerId));
    const ahead = Math.max(0, num(r, 1));
    return { position: ahead + 1, ahead, etaSeconds: Math.ceil(ahead / Math.max(1, this.settings.admissionRatePerSec)) };
  }

  async stats(now: number): Promise<{ size: number; waiting: number; admittedTotal: number; active: number }> {
    const { r } = await this.run((e, k) => this.redis.fmRoomStats(k.gen, k.entries, k.line, k.pre, k.admitted, k.active, e, now - this.settings.passTtlMs));
    return { size: num(r, 1), waiting: num(r, 2), admittedTotal: num(r, 3), active: num(r, 4) };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
