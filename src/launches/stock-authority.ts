/**
 * The stock-authority seam: who decides, atomically and fast, whether a buyer may take units of
 * a launch SKU. The embedded default keeps the counters in this process's memory (one process
 * owns the launch); scale-out swaps in Redis Lua scripts (redis-authority.ts). Either way the
 * database is the ledger of record (ledger.ts): the authority's state is a *generation* built
 * from it, and a decision counts only once the ledger has written it in that same generation.
 *
 * Rebuilding (at load, after Redis lost a launch, after a write whose outcome is unknown, or
 * when a unit has stayed unconfirmed too long) always goes: stop deciding → start a new
 * generation in the ledger (which waits for the old generation's writes in flight and makes
 * every later one fail) → read the ledger → decide again. So a stalled write or a lost cache
 * can slow a sale down but never sell a unit twice; no timer decides anything.
 *
 * Invariant, asserted before every change: available + held + sold = allotment for each SKU,
 * nothing negative; a broken book stops the launch (`InvariantViolation`).
 */
import type { LaunchLedger, StockRefusal, StockSnapshot } from './ledger.js';

/** The books of one launch SKU: units on sale, held for buyers, and sold. */
export interface SkuCounts {
  skuId: string;
  allotment: number;
  available: number;
  held: number;
  sold: number;
}

/** One attempt to take units of a launch SKU for a buyer. */
export interface TakeRequest {
  launchId: string;
  skuId: string;
  buyerId: string;
  quantity: number;
  perBuyerLimit: number;
  idempotencyKey: string;
  /** The id the hold gets if the take succeeds (made by the caller so the ledger row can be written). */
  holdId: string;
  /** When (ms): a taken unit's age decides when an unconfirmed one is looked into. */
  now: number;
}

/**
 * The answer to a take, in the generation it was decided in: units taken (with how many the
 * buyer now has in the launch and how many of the SKU are left), a refusal, or the hold this
 * key already took here (a retry; the caller makes sure that hold is durable before answering).
 */
export type TakeResult =
  | { kind: 'taken'; epoch: number; buyerUnits: number; skuAvailable: number }
  | { kind: 'refused'; epoch: number; reason: StockRefusal }
  | { kind: 'replay'; holdId: string };

/** A launch's books broke (a bug, never a client's doing): the launch must stop and be looked at. */
export class InvariantViolation extends Error {
  constructor(
    readonly launchId: string,
    readonly detail: string,
  ) {
    super(`stock invariant broken in launch ${launchId}: ${detail}`);
  }
}

/** Decides, atomically, who may take which units of a launch (see the file comment). */
export interface StockAuthority {
  readonly name: 'memory' | 'redis';
  /** Makes the launch ready to decide on: memory builds it from the ledger (a new generation); Redis keeps what it holds and rebuilds only what was lost. */
  open(launchId: string): Promise<void>;
  /** The generation this process decides the launch in, when it knows without asking (a sold-out answer needs no decision). */
  epoch(launchId: string): number | undefined;
  /** Atomically checks the key's cached answer, the per-buyer limit and availability, and takes the units. */
  take(req: TakeRequest): Promise<TakeResult>;
  /** Gives back a held hold's units (expired, cancelled, or never made durable). Idempotent: true only the first time. */
  release(launchId: string, holdId: string, buyerId: string): Promise<boolean>;
  /** Moves a held hold's units to sold (paid). Idempotent: true only the first time. */
  sell(launchId: string, holdId: string, buyerId: string): Promise<boolean>;
  /** The launch-wide books of each SKU (asserted balanced). */
  counts(launchId: string): Promise<SkuCounts[]>;
  /** Units a buyer holds or has bought in the launch (what the per-buyer limit counts). */
  unitsOf(launchId: string, buyerId: string): Promise<number>;
  /** Drops the cached answer of a key if it is still this hold (its write did not make it: a retry may decide again). */
  forget(launchId: string, buyerId: string, key: string, holdId: string): Promise<void>;
  /** These holds are in the ledger now: a shared authority stops watching them as possibly stranded. */
  confirm(launchId: string, holds: ReadonlyArray<{ id: string; buyerId: string }>): Promise<void>;
  /**
   * The fence: stops deciding, starts a new generation in the ledger, rebuilds from it. Returns
   * the new epoch. Concurrent callers (here or in other processes) share one rebuild.
   */
  rebuild(launchId: string): Promise<number>;
  /**
   * How many holds were taken more than `olderThanMs` ago and are still unconfirmed (a process
   * died between decision and commit, or its write is stalled). Always 0 in memory, where a
   * decision lives and dies with the process that writes it.
   */
  stranded(launchId: string, olderThanMs: number): Promise<number>;
  /** Finishes what a dead process left half-done between buckets (Redis); returns how many it finished. */
  repair(launchId: string, olderThanMs: number): Promise<number>;
  /** Forgets a launch that is over (its state here, not the ledger). */
  close(launchId: string): Promise<void>;
}

/** Throws when a launch SKU's books do not balance. */
export function assertBalanced(launchId: string, c: SkuCounts): void {
  if (c.available < 0 || c.held < 0 || c.sold < 0 || c.available + c.held + c.sold !== c.allotment) {
    throw new InvariantViolation(launchId, `SKU ${c.skuId}: available ${c.available} + held ${c.held} + sold ${c.sold} != allotment ${c.allotment}`);
  }
}

/** Checks a ledger snapshot against itself (the holds it lists add up to its books) and returns the books it gives. */
export function booksOf(launchId: string, snap: StockSnapshot): Map<string, SkuCounts> {
  const skus = new Map<string, SkuCounts>(snap.items.map((i) => [i.skuId, { skuId: i.skuId, allotment: i.allotment, available: i.allotment - i.held - i.sold, held: i.held, sold: i.sold }]));
  const heldBySku = new Map<string, number>();
  for (const h of snap.held) heldBySku.set(h.skuId, (heldBySku.get(h.skuId) ?? 0) + h.quantity);
  for (const c of skus.values()) {
    assertBalanced(launchId, c);
    if ((heldBySku.get(c.skuId) ?? 0) !== c.held) throw new InvariantViolation(launchId, `SKU ${c.skuId}: the ledger's books say ${c.held} held, its holds ${heldBySku.get(c.skuId) ?? 0}`);
  }
  return skus;
}

interface MemLaunch {
  epoch: number;
  skus: Map<string, SkuCounts>;
  buyerUnits: Map<string, number>;
  /** Holds awaiting payment. */
  held: Map<string, { skuId: string; buyerId: string; quantity: number }>;
  /** buyer + key → the hold it took (a bounded cache: the ledger's answers are the record). */
  answers: Map<string, string>;
}

/** Most cached answers per launch (the oldest go first; the ledger still knows them). */
const MAX_CACHED_ANSWERS = 500_000;

/** The embedded stock authority: plain counters in this process, changed synchronously (atomic by construction). */
export class MemoryStockAuthority implements StockAuthority {
  readonly name = 'memory';
  private launches = new Map<string, MemLaunch>();
  /** Rebuilds in progress: decisions on those launches wait for them. */
  private rebuilding = new Map<string, Promise<number>>();

  constructor(private readonly ledger: LaunchLedger) {}

  async open(launchId: string): Promise<void> {
    if (!this.launches.has(launchId)) await this.rebuild(launchId);
  }

  rebuild(launchId: string): Promise<number> {
    let p = this.rebuilding.get(launchId);
    if (!p) {
      p = (async () => {
        // Nothing decides meanwhile (take waits for this), the ledger fences the old generation, then its books are read.
        this.launches.delete(launchId);
        const epoch = await this.ledger.fenceStock(launchId);
        const snap = await this.ledger.stockSnapshot(launchId);
        // Decide in the generation this fence started (should another fence have come after it,
        // every write of this one fails: the ledger checks the epoch).
        this.launches.set(launchId, {
          epoch,
          skus: booksOf(launchId, snap),
          buyerUnits: new Map(snap.buyers.map((b) => [b.buyerId, b.units])),
          held: new Map(snap.held.map((h) => [h.id, { skuId: h.skuId, buyerId: h.buyerId, quantity: h.quantity }])),
          answers: new Map(),
        });
        return epoch;
      })().finally(() => this.rebuilding.delete(launchId));
      this.rebuilding.set(launchId, p);
    }
    return p;
  }

  private async ready(launchId: string): Promise<MemLaunch> {
    for (;;) {
      const l = this.launches.get(launchId);
      if (l) return l;
      await (this.rebuilding.get(launchId) ?? this.rebuild(launchId));
    }
  }

  epoch(launchId: string): number | undefined {
    return this.launches.get(launchId)?.epoch;
  }

  async take(req: TakeRequest): Promise<TakeResult> {
    const l = this.launches.get(req.launchId) ?? (await this.ready(req.launchId));
    return this.decide(req.launchId, l, req);
  }

  /** The whole decision, with no await inside: nothing can interleave with it. */
  private decide(launchId: string, l: MemLaunch, req: TakeRequest): TakeResult {
    const answerKey = `${req.buyerId}:${req.idempotencyKey}`;
    const previous = l.answers.get(answerKey);
    if (previous !== undefined) return { kind: 'replay', holdId: previous };
    const c = l.skus.get(req.skuId);
    if (!c) throw new InvariantViolation(launchId, `SKU ${req.skuId} of the launch is not in its books`);
    assertBalanced(launchId, c);
    const units = l.buyerUnits.get(req.buyerId) ?? 0;
    if (units + req.quantity > req.perBuyerLimit) return { kind: 'refused', epoch: l.epoch, reason: 'LIMIT_REACHED' };
    if (c.available === 0) return { kind: 'refused', epoch: l.epoch, reason: 'SOLD_OUT' };
    if (c.available < req.quantity) return { kind: 'refused', epoch: l.epoch, reason: 'NOT_ENOUGH_UNITS' };
    c.available -= req.quantity;
    c.held += req.quantity;
    l.buyerUnits.set(req.buyerId, units + req.quantity);
    l.held.set(req.holdId, { skuId: req.skuId, buyerId: req.buyerId, quantity: req.quantity });
    if (l.answers.size >= MAX_CACHED_ANSWERS) l.answers.delete(l.answers.keys().next().value!);
    l.answers.set(answerKey, req.holdId);
    return { kind: 'taken', epoch: l.epoch, buyerUnits: units + req.quantity, skuAvailable: c.available };
  }

  async release(launchId: string, holdId: string): Promise<boolean> {
    return this.end(launchId, holdId, 'release');
  }

  async sell(launchId: string, holdId: string): Promise<boolean> {
    return this.end(launchId, holdId, 'sell');
  }

  private async end(launchId: string, holdId: string, how: 'release' | 'sell'): Promise<boolean> {
    // A rebuild in progress may have read the ledger before this change: apply it to what it builds
    // (a no-op when its read had the change). A launch not held here reads the ledger when it is.
    await this.rebuilding.get(launchId);
    const l = this.launches.get(launchId);
    const h = l?.held.get(holdId);
    if (!l || !h) return false;
    const c = l.skus.get(h.skuId)!;
    assertBalanced(launchId, c);
    if (c.held < h.quantity) throw new InvariantViolation(launchId, `SKU ${h.skuId}: hold ${holdId} of ${h.quantity} but only ${c.held} held`);
    c.held -= h.quantity;
    if (how === 'release') {
      c.available += h.quantity;
      l.buyerUnits.set(h.buyerId, (l.buyerUnits.get(h.buyerId) ?? 0) - h.quantity);
    } else c.sold += h.quantity;
    l.held.delete(holdId);
    return true;
  }

  forget(launchId: string, buyerId: string, key: string, holdId: string): Promise<void> {
    const l = this.launches.get(launchId);
    const k = `${buyerId}:${key}`;
    if (l?.answers.get(k) === holdId) l.answers.delete(k);
    return Promise.resolve();
  }

  async counts(launchId: string): Promise<SkuCounts[]> {
    const l = await this.ready(launchId);
    return [...l.skus.values()].map((c) => {
      assertBalanced(launchId, c);
      return { ...c };
    });
  }

  async unitsOf(launchId: string, buyerId: string): Promise<number> {
    return (await this.ready(launchId)).buyerUnits.get(buyerId) ?? 0;
  }

  /** Nothing to watch: in one process a decision is written or given back by the request that made it. */
  async confirm(): Promise<void> {}

  stranded(): Promise<number> {
    return Promise.resolve(0);
  }

  repair(): Promise<number> {
    return Promise.resolve(0);
  }

  close(launchId: string): Promise<void> {
    this.launches.delete(launchId);
    return Promise.resolve();
  }
}
