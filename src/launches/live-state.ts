/**
 * The live state of a launch that is not the ledger — the waiting room, who registered, the
 * change signals behind the SSE streams, the live monitor's counters, and the settle queue —
 * behind small async interfaces, so the engine has one code path for both ways to run:
 *
 * - embedded: everything in this process's memory (`memoryLiveState`), as fast as plain
 *   objects (the memory room is `WaitingRoom` itself);
 * - scale-out: everything in Redis (`redis-live.ts`), shared by every app process.
 *
 * Either way the database stays the ledger of record: rooms and registrations are rebuilt
 * from queue_entries and launch_registrations when they are missing.
 */
import type { Launch } from '../db/schema.js';
import type { LaunchLedger } from './ledger.js';
import { WaitingRoom, type QueueEntry, type RoomSettings } from './waiting-room.js';

/** A buyer's place as the draw and the ledger need it. */
export interface Arrival {
  buyerId: string;
  joinedAt: number;
  /** The arrival number given at join (the draw's entrant list is in this order). */
  arrival: number;
}

/**
 * Records a draw in the ledger in the room generation it was made in: given the seed (the
 * launch's committed one) and the frozen pre-queue it shuffles (in drawn order), writes both and
 * returns the seed the ledger holds (another process's, should it have recorded one first), or
 * null when that generation is gone.
 */
export type RecordDraw = (seed: string, drawn: Arrival[], epoch: number) => Promise<string | null>;

/**
 * The waiting room of one launch (see waiting-room.ts for the rules). Its state is a generation
 * of the ledger's room epoch (`launch_fences.room_epoch`): every change it reports says the
 * generation it was made in, and the ledger writes it only while that one is current, so a room
 * rebuilt after a loss never misses a place that was acknowledged.
 */
export interface LaunchRoom {
  settings: RoomSettings;
  /** True once this process has seen the draw done (it never goes back). */
  readonly drawn: boolean;
  get(buyerId: string): Promise<QueueEntry | undefined>;
  /** Adds a buyer once (a second join returns the same place); null when the room already holds `maxPlaces`. */
  join(buyerId: string, now: number, maxPlaces: number): Promise<{ entry: QueueEntry; isNew: boolean; epoch: number } | null>;
  /**
   * The draw at the start, once across every process sharing the room: freezes the
   * pre-queue (in arrival order), shuffles it with `makeSeed()` (the launch's committed seed),
   * has `record` write it to the ledger, applies it.
   */
  draw(makeSeed: () => string, record: RecordDraw): Promise<void>;
  /** Admits the next buyers as the rate and the active cap allow; returns them. */
  admit(now: number, open: boolean): Promise<{ admitted: QueueEntry[]; epoch: number }>;
  /** Sends an admitted buyer whose pass lapsed to the back of the line; returns the new entry. */
  requeue(buyerId: string): Promise<{ entry: QueueEntry; epoch: number } | undefined>;
  /** Marks a buyer done (at the per-buyer limit: no longer counts against the active cap) or not. */
  setFinished(buyerId: string, finished: boolean): Promise<void>;
  position(e: QueueEntry): Promise<{ position: number | null; ahead: number | null; etaSeconds: number | null }>;
  stats(now: number): Promise<{ size: number; waiting: number; admittedTotal: number; active: number }>;
}

/** Who registered for a launch. */
export interface LaunchRegistrations {
  has(buyerId: string): Promise<boolean>;
  /** Adds a buyer; true when the buyer was not registered before. */
  add(buyerId: string): Promise<boolean>;
  remove(buyerId: string): Promise<void>;
  count(): Promise<number>;
}

/** Per-launch counters of the live monitor. Incremented synchronously on the hot path. */
export interface LaunchMetrics {
  attempts: number;
  holds: number;
  payments: number;
  rejections: Record<string, number>;
  /** Samples of the attempt total (monitor reads), for a rate that does not depend on how many viewers ask. */
  attemptsWindow: Array<{ at: number; n: number }>;
}

/** Counter totals across every process. */
export type MetricTotals = Pick<LaunchMetrics, 'attempts' | 'holds' | 'payments' | 'rejections'>;

/**
 * Signals between processes about a launch: `change` (something a waiting buyer may want to
 * know: admissions), `soldout` and `restock` (the last unit went / units came back), and
 * `refresh` (the launch row changed: pause, resume, cancel, draw — re-read it).
 */
export type LaunchSignal = 'change' | 'soldout' | 'restock' | 'refresh';

/** Where settle work waits until the ledger's final status reached the stock authority. */
export interface SettleQueue {
  /** Adds holds whose status is about to change (called before the change commits). */
  add(launchId: string, holdIds: string[], at: number): Promise<void>;
  /** Holds waiting in a launch, oldest first, with when they were added (a page of at most `limit` from `offset`). */
  pending(launchId: string, offset?: number, limit?: number): Promise<Array<{ holdId: string; at: number }>>;
  /** Takes settled holds off the queue. */
  done(launchId: string, holdIds: string[]): Promise<void>;
  /** Launches that may have work: from the queue itself (memory) or from `candidates` (shared). */
  launches(candidates: () => Promise<string[]>): Promise<string[]>;
}

/** The factory of live state: memory (embedded) or Redis (scale-out). */
export interface LiveState {
  readonly kind: 'memory' | 'redis';
  /**
   * True when the state outlives this process and is shared with others (Redis): settles
   * must reach it even for launches this process has not loaded, and changes are published.
   */
  readonly shared: boolean;
  /** The launch's room: memory builds it from the ledger (a new room generation); Redis keeps what it holds and rebuilds only what was lost. */
  room(launchId: string, row: Launch, now: number): Promise<LaunchRoom>;
  registrations(launchId: string): Promise<LaunchRegistrations>;
  /** Starts counting a launch's metrics (the engine increments `local`). */
  trackMetrics(launchId: string, local: LaunchMetrics): void;
  /** Totals across every process (memory: this one). */
  metricTotals(launchId: string, local: LaunchMetrics): Promise<MetricTotals>;
  /** Tells the other processes (the caller applies the signal to itself). */
  publish(launchId: string, signal: LaunchSignal): void;
  /** Receives other processes' signals. */
  subscribe(fn: (launchId: string, signal: LaunchSignal) => void): void;
  readonly settleQueue: SettleQueue;
  close(): Promise<void>;
}

/** Room settings from a launch row. */
export const roomSettingsOf = (row: Launch): RoomSettings => ({ admissionRatePerSec: row.admission_rate_per_sec, maxActive: row.max_active, passTtlMs: row.pass_ttl_ms });

/** The in-memory room: `WaitingRoom` behind the async interface (entries are live objects), in one room generation. */
export class MemoryRoom implements LaunchRoom {
  constructor(
    readonly room: WaitingRoom,
    readonly epoch: number,
  ) {}

  get settings(): RoomSettings {
    return this.room.settings;
  }
  set settings(s: RoomSettings) {
    this.room.settings = s;
  }
  get drawn(): boolean {
    return this.room.drawn;
  }
  get(buyerId: string): Promise<QueueEntry | undefined> {
    return Promise.resolve(this.room.get(buyerId));
  }
  join(buyerId: string, now: number, maxPlaces: number): ReturnType<LaunchRoom['join']> {
    if (this.room.size >= maxPlaces && !this.room.get(buyerId)) return Promise.resolve(null);
    return Promise.resolve({ ...this.room.join(buyerId, now), epoch: this.epoch });
  }
  async draw(makeSeed: () => string, record: RecordDraw): Promise<void> {
    if (this.room.drawn) return;
    const arrivals = (seed: string) =>
      this.room.drawPreview(seed).map((id) => {
        const e = this.room.get(id)!;
        return { buyerId: id, joinedAt: e.joinedAt, arrival: e.arrival ?? 0 };
      });
    const fresh = makeSeed();
    const seed = await record(fresh, arrivals(fresh), this.epoch);
    // A generation gone means another process owns the launch now (this one is a leftover): leave it undrawn.
    if (seed === null) throw new Error('the waiting room moved to a newer generation while drawing');
    this.room.draw(seed);
  }
  admit(now: number, open: boolean): ReturnType<LaunchRoom['admit']> {
    return Promise.resolve({ admitted: this.room.admit(now, open), epoch: this.epoch });
  }
  requeue(buyerId: string): ReturnType<LaunchRoom['requeue']> {
    const e = this.room.get(buyerId);
    if (!e) return Promise.resolve(undefined);
    if (e.admittedAt !== null) this.room.requeue(e);
    return Promise.resolve({ entry: e, epoch: this.epoch });
  }
  setFinished(buyerId: string, finished: boolean): Promise<void> {
    const e = this.room.get(buyerId);
    if (e) e.finished = finished;
    return Promise.resolve();
  }
  position(e: QueueEntry): ReturnType<LaunchRoom['position']> {
    return Promise.resolve(this.room.position(e));
  }
  stats(now: number): ReturnType<LaunchRoom['stats']> {
    return Promise.resolve({ size: this.room.size, waiting: this.room.waiting, admittedTotal: this.room.admittedTotal, active: this.room.activeCount(now) });
  }
}

/** Registrations in a Set. */
class MemoryRegistrations implements LaunchRegistrations {
  constructor(private readonly set: Set<string>) {}
  has(buyerId: string): Promise<boolean> {
    return Promise.resolve(this.set.has(buyerId));
  }
  add(buyerId: string): Promise<boolean> {
    if (this.set.has(buyerId)) return Promise.resolve(false);
    this.set.add(buyerId);
    return Promise.resolve(true);
  }
  remove(buyerId: string): Promise<void> {
    this.set.delete(buyerId);
    return Promise.resolve();
  }
  count(): Promise<number> {
    return Promise.resolve(this.set.size);
  }
}

/** The settle queue in a Map (embedded: a restart rebuilds the authority from the ledger anyway). */
class MemorySettleQueue implements SettleQueue {
  private readonly q = new Map<string, Map<string, number>>();
  add(launchId: string, holdIds: string[], at: number): Promise<void> {
    let m = this.q.get(launchId);
    if (!m) this.q.set(launchId, (m = new Map<string, number>()));
    for (const id of holdIds) if (!m.has(id)) m.set(id, at);
    return Promise.resolve();
  }
  pending(launchId: string, offset = 0, limit = 1000): Promise<Array<{ holdId: string; at: number }>> {
    return Promise.resolve([...(this.q.get(launchId) ?? [])].slice(offset, offset + limit).map(([holdId, at]) => ({ holdId, at })));
  }
  done(launchId: string, holdIds: string[]): Promise<void> {
    const m = this.q.get(launchId);
    for (const id of holdIds) m?.delete(id);
    if (m && m.size === 0) this.q.delete(launchId);
    return Promise.resolve();
  }
  launches(): Promise<string[]> {
    return Promise.resolve([...this.q.keys()]);
  }
}

/** Embedded live state: everything in this process (today's behaviour, and as fast). */
export function memoryLiveState(ledger: LaunchLedger): LiveState {
  return {
    kind: 'memory',
    shared: false,
    async room(launchId, row, now) {
      // A new room generation: places a previous owner of the launch decided are no longer written.
      await ledger.fenceRoom(launchId);
      const snap = await ledger.roomSnapshot(launchId);
      const room = new WaitingRoom(roomSettingsOf(row));
      for (const e of snap.entries) room.restore(e);
      room.restoreDone(snap.drawn, now);
      return new MemoryRoom(room, snap.epoch);
    },
    async registrations(launchId) {
      return new MemoryRegistrations(new Set(await ledger.registrations(launchId)));
    },
    trackMetrics() {},
    metricTotals: (_launchId, local) => Promise.resolve(local),
    publish() {},
    subscribe() {},
    settleQueue: new MemorySettleQueue(),
    async close() {},
  };
}
