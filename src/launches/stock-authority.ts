/**
 * The stock-authority seam: who decides, atomically, whether a buyer may take units of a
 * launch SKU. The embedded default keeps the counters in this process's memory (one
 * process owns the launch); scale-out swaps in Redis Lua scripts. Either way the ledger
 * of record is the database (holds table): the authority is rebuilt from it at start.
 *
 * Invariant, checked after every change: available + held + sold = allotment, and no
 * buyer holds or has bought more than the launch's per-buyer limit.
 */

/** The books of one launch SKU: units on sale, held for buyers, and sold. */
export interface SkuCounts {
  skuId: string;
  allotment: number;
  available: number;
  held: number;
  sold: number;
}

/** Why a take was refused. */
export type Refusal = 'SOLD_OUT' | 'NOT_ENOUGH_UNITS' | 'LIMIT_REACHED' | 'UNKNOWN_SKU';

/**
 * The answer to a take. A fresh success also says how many units the buyer now has in the
 * launch and how many of the SKU are left, so the caller needs no second round trip.
 */
export type TakeResult =
  | { ok: true; holdId: string; replayed: boolean; buyerUnits?: number; skuAvailable?: number }
  | { ok: false; reason: Refusal; replayed: boolean };

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
}

/**
 * A hold the ledger knows, as the authority needs it when (re)loading a launch. Ended holds
 * (expired, cancelled) take no units but keep their key's answer: a retry with that key
 * must get that hold again, not a second one.
 */
export interface LedgerHold {
  id: string;
  skuId: string;
  buyerId: string;
  quantity: number;
  status: 'held' | 'paid' | 'expired' | 'cancelled';
  idempotencyKey: string;
}

/** A hold's status in the ledger, as `reconcile` asks for it. */
export type LedgerStatus = LedgerHold['status'];

/** What the ledger says about a launch, read when an authority has to be (re)built from it. */
export interface LedgerSnapshot {
  items: Array<{ skuId: string; allotment: number }>;
  holds: LedgerHold[];
  /**
   * True when no unit of the launch can have been taken that the snapshot lacks (the launch
   * has not started yet), so a rebuild need not wait for writes in flight.
   */
  quiet?: boolean;
}

/** Reads a launch's ledger afresh (the authority calls it when it must rebuild). */
export type LedgerReader = () => Promise<LedgerSnapshot>;

/** Looks up the ledger status of holds; holds without a row are absent from the map. */
export type LedgerLookup = (holdIds: string[]) => Promise<Map<string, LedgerStatus>>;

/** Decides, atomically, who may take which units of a launch (see the file comment). */
export interface StockAuthority {
  readonly name: string;
  /**
   * Makes the authority hold the launch. The memory authority replaces its state with the
   * given ledger rows; a shared one (Redis) keeps what it already has and rebuilds from
   * `readLedger` only when it has lost the launch (then also later, on its own).
   */
  load(launchId: string, items: Array<{ skuId: string; allotment: number }>, holds: LedgerHold[], readLedger?: LedgerReader): Promise<void>;
  /** Atomically checks availability, the per-buyer limit and the idempotency key, and takes the units. */
  take(req: TakeRequest): Promise<TakeResult>;
  /** Gives back a hold's units (not made durable, expired or cancelled). Idempotent: true only the first time. */
  release(launchId: string, holdId: string): Promise<boolean>;
  /** Moves a hold's units from held to sold (paid). Idempotent: true only the first time. */
  sell(launchId: string, holdId: string): Promise<boolean>;
  counts(launchId: string): Promise<SkuCounts[]>;
  /** True when this buyer's idempotency key already has an answer (a retry must get that answer back). */
  hasAnswer(launchId: string, buyerId: string, key: string): Promise<boolean>;
  /** Forgets the answer given to an idempotency key (its hold never became durable), so a retry can succeed. */
  forget(launchId: string, buyerId: string, key: string): Promise<void>;
  /** Forgets a finished launch. */
  unload(launchId: string): Promise<void>;
  /** Units a buyer holds or has bought in the launch (what the per-buyer limit counts). */
  unitsOf(launchId: string, buyerId: string): Promise<number>;
  /**
   * Tells the authority these holds are now in the ledger (their write committed). A shared
   * authority stops watching them as possibly stranded, and takes their units again should it
   * have lost them meanwhile (a rebuild that read the ledger before the commit).
   */
  confirm(launchId: string, holds: LedgerHold[]): Promise<void>;
  /**
   * Repairs drift against the ledger for holds taken more than `olderThanMs` ago that were
   * never confirmed: units of holds with no ledger row go back (never acknowledged), holds
   * the ledger has settled are settled. Returns how many units went back. A no-op where the
   * authority lives and dies with the process (memory).
   */
  reconcile(launchId: string, olderThanMs: number, ledger: LedgerLookup): Promise<number>;
}

/** Throws when a launch SKU's books do not balance: a bug, never a client error. */
export function assertBalanced(c: SkuCounts): void {
  if (c.available < 0 || c.held < 0 || c.sold < 0 || c.available + c.held + c.sold !== c.allotment) {
    throw new Error(`stock invariant broken for SKU ${c.skuId}: available ${c.available} + held ${c.held} + sold ${c.sold} != allotment ${c.allotment}`);
  }
}

interface MemHold {
  skuId: string;
  buyerId: string;
  quantity: number;
  state: 'held' | 'sold';
}

interface MemLaunch {
  skus: Map<string, SkuCounts>;
  buyerUnits: Map<string, number>;
  holds: Map<string, MemHold>;
  /** buyerId + key → the answer given. Successes are kept for the launch's life; refusals are bounded. */
  answers: Map<string, TakeResult>;
  refusalKeys: string[];
}

/** Most remembered refusal answers per launch (successes are remembered through the ledger). */
const MAX_REMEMBERED_REFUSALS = 200_000;

/** The embedded stock authority: plain counters in this process, changed synchronously (atomic by construction). */
export class MemoryStockAuthority implements StockAuthority {
  readonly name = 'memory';
  private launches = new Map<string, MemLaunch>();

  async load(launchId: string, items: Array<{ skuId: string; allotment: number }>, holds: LedgerHold[]): Promise<void> {
    const l: MemLaunch = { skus: new Map(), buyerUnits: new Map(), holds: new Map(), answers: new Map(), refusalKeys: [] };
    for (const it of items) l.skus.set(it.skuId, { skuId: it.skuId, allotment: it.allotment, available: it.allotment, held: 0, sold: 0 });
    for (const h of holds) {
      const c = l.skus.get(h.skuId);
      if (!c) continue;
      l.answers.set(`${h.buyerId}:${h.idempotencyKey}`, { ok: true, holdId: h.id, replayed: true });
      if (h.status !== 'held' && h.status !== 'paid') continue;
      c.available -= h.quantity;
      if (h.status === 'held') c.held += h.quantity;
      else c.sold += h.quantity;
      l.holds.set(h.id, { skuId: h.skuId, buyerId: h.buyerId, quantity: h.quantity, state: h.status === 'held' ? 'held' : 'sold' });
      l.buyerUnits.set(h.buyerId, (l.buyerUnits.get(h.buyerId) ?? 0) + h.quantity);
    }
    for (const c of l.skus.values()) assertBalanced(c);
    this.launches.set(launchId, l);
  }

  async take(req: TakeRequest): Promise<TakeResult> {
    return this.takeSync(req);
  }

  async unitsOf(launchId: string, buyerId: string): Promise<number> {
    return this.launches.get(launchId)?.buyerUnits.get(buyerId) ?? 0;
  }

  /** Nothing to do: in one process a hold is known from the moment it is taken. */
  async confirm(): Promise<void> {}

  /** Nothing to do: a restart rebuilds the memory authority from the ledger. */
  async reconcile(): Promise<number> {
    return 0;
  }

  /** The whole decision, with no await inside: nothing can interleave with it. */
  takeSync(req: TakeRequest): TakeResult {
    const l = this.launches.get(req.launchId);
    if (!l) return { ok: false, reason: 'UNKNOWN_SKU', replayed: false };
    const answerKey = `${req.buyerId}:${req.idempotencyKey}`;
    const previous = l.answers.get(answerKey);
    if (previous) return { ...previous, replayed: true };
    const c = l.skus.get(req.skuId);
    let result: TakeResult;
    if (!c) result = { ok: false, reason: 'UNKNOWN_SKU', replayed: false };
    else if ((l.buyerUnits.get(req.buyerId) ?? 0) + req.quantity > req.perBuyerLimit) result = { ok: false, reason: 'LIMIT_REACHED', replayed: false };
    else if (c.available === 0) result = { ok: false, reason: 'SOLD_OUT', replayed: false };
    else if (c.available < req.quantity) result = { ok: false, reason: 'NOT_ENOUGH_UNITS', replayed: false };
    else {
      c.available -= req.quantity;
      c.held += req.quantity;
      assertBalanced(c);
      const units = (l.buyerUnits.get(req.buyerId) ?? 0) + req.quantity;
      l.buyerUnits.set(req.buyerId, units);
      l.holds.set(req.holdId, { skuId: req.skuId, buyerId: req.buyerId, quantity: req.quantity, state: 'held' });
      l.answers.set(answerKey, { ok: true, holdId: req.holdId, replayed: false });
      return { ok: true, holdId: req.holdId, replayed: false, buyerUnits: units, skuAvailable: c.available };
    }
    l.answers.set(answerKey, result);
    if (!result.ok) {
      l.refusalKeys.push(answerKey);
      if (l.refusalKeys.length > MAX_REMEMBERED_REFUSALS) l.answers.delete(l.refusalKeys.shift()!);
    }
    return result;
  }

  async release(launchId: string, holdId: string): Promise<boolean> {
    const l = this.launches.get(launchId);
    const h = l?.holds.get(holdId);
    if (!l || !h || h.state !== 'held') return false;
    const c = l.skus.get(h.skuId)!;
    c.held -= h.quantity;
    c.available += h.quantity;
    assertBalanced(c);
    l.holds.delete(holdId);
    l.buyerUnits.set(h.buyerId, (l.buyerUnits.get(h.buyerId) ?? 0) - h.quantity);
    return true;
  }

  async sell(launchId: string, holdId: string): Promise<boolean> {
    const l = this.launches.get(launchId);
    const h = l?.holds.get(holdId);
    if (!l || !h || h.state !== 'held') return false;
    const c = l.skus.get(h.skuId)!;
    c.held -= h.quantity;
    c.sold += h.quantity;
    assertBalanced(c);
    h.state = 'sold';
    return true;
  }

  /** Forgets the answer to an idempotency key whose hold never became durable, so a retry can succeed. */
  async forget(launchId: string, buyerId: string, key: string): Promise<void> {
    this.launches.get(launchId)?.answers.delete(`${buyerId}:${key}`);
  }

  async hasAnswer(launchId: string, buyerId: string, key: string): Promise<boolean> {
    return this.launches.get(launchId)?.answers.has(`${buyerId}:${key}`) ?? false;
  }

  async counts(launchId: string): Promise<SkuCounts[]> {
    return [...(this.launches.get(launchId)?.skus.values() ?? [])].map((c) => ({ ...c }));
  }

  /** Synchronous counts for the hot path (sold-out checks). */
  availableSync(launchId: string): number {
    let n = 0;
    for (const c of this.launches.get(launchId)?.skus.values() ?? []) n += c.available;
    return n;
  }

  async unload(launchId: string): Promise<void> {
    this.launches.delete(launchId);
  }
}
