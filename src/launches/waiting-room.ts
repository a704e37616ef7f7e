/**
 * The waiting room of one launch, in memory (rebuilt from queue_entries at start).
 * Before the start, arrivals wait in a pre-queue (each with an arrival number); at the start
 * the pre-queue is shuffled with the launch's committed seed, revealed and recorded, so anyone
 * can verify the draw (docs/draw.md); later
 * arrivals queue behind in arrival order. Admissions follow a token bucket (the launch's
 * rate) and stop at the cap of buyers admitted at once, and while nothing is available.
 */
import { createHmac } from 'node:crypto';

export interface QueueEntry {
  buyerId: string;
  joinedAt: number;
  prequeue: boolean;
  /** 1-based place in line; null while in the pre-queue before the draw. */
  seq: number | null;
  admittedAt: number | null;
  /** Set when the buyer has taken all they may (no longer counts against the active cap). */
  finished: boolean;
  /** Arrival number in the pre-queue, given at join (1, 2, ...; on the draw's receipt); null or absent for places taken after the draw. */
  arrival?: number | null;
}

export interface RoomSettings {
  admissionRatePerSec: number;
  maxActive: number;
  passTtlMs: number;
}

/**
 * The draw (docs/draw.md, "The shuffle"): a Fisher–Yates shuffle of `arrivalOrder` driven by
 * HMAC-SHA256 keyed with the seed's 32 bytes. For i from n-1 down to 1, the message is the
 * decimal digits of i (then `i:1`, `i:2`, ... should a value be rejected); the first 6 bytes of
 * the MAC, big-endian, are a 48-bit r, kept only when r < 2^48 - (2^48 mod (i+1)) so every j is
 * equally likely; j = r mod (i+1) and entries i and j swap. The permutation depends only on the
 * seed and the list's length, so it is the same whether buyer ids or tickets are shuffled.
 */
export function drawOrder(seedHex: string, arrivalOrder: readonly string[]): string[] {
  const out = [...arrivalOrder];
  const key = Buffer.from(seedHex, 'hex');
  const RANGE = 2 ** 48;
  for (let i = out.length - 1; i > 0; i--) {
    const m = i + 1;
    const limit = RANGE - (RANGE % m);
    let j = -1;
    for (let attempt = 0; j < 0; attempt++) {
      const r = createHmac('sha256', key).update(attempt === 0 ? String(i) : `${i}:${attempt}`).digest().readUIntBE(0, 6);
      if (r < limit) j = r % m;
    }
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Arrival order as the ledger records it: the arrival number each pre-queue place was given at
 * join (docs/draw.md); places without one (written before arrival numbers existed) by join
 * time, then buyer id. The seed and the queue_entries rows are all it takes to replay the draw.
 */
const byArrival = (a: QueueEntry, b: QueueEntry) => (a.arrival ?? Infinity) - (b.arrival ?? Infinity) || a.joinedAt - b.joinedAt || (a.buyerId < b.buyerId ? -1 : a.buyerId > b.buyerId ? 1 : 0);

export class WaitingRoom {
  private entries = new Map<string, QueueEntry>();
  private prequeue: QueueEntry[] = [];
  /** Entries in line order (index = seq - 1). */
  private line: Array<QueueEntry | undefined> = [];
  /** How many entries from the front of the line have been admitted. */
  private admitCursor = 0;
  private active: QueueEntry[] = [];
  private tokens = 0;
  private lastRefill = 0;
  /** The last arrival number handed out to the pre-queue. */
  private lastArrival = 0;
  drawn = false;

  constructor(public settings: RoomSettings) {}

  /** Restores an entry from the ledger (start-up). Call `restoreDone` after the last one. */
  restore(e: QueueEntry): void {
    this.entries.set(e.buyerId, e);
    this.lastArrival = Math.max(this.lastArrival, e.arrival ?? 0);
    if (e.seq === null) this.prequeue.push(e);
    else this.line[e.seq - 1] = e;
  }

  restoreDone(drawn: boolean, now: number): void {
    this.drawn = drawn;
    this.prequeue.sort(byArrival);
    // Slots left behind by buyers sent to the back of the line (a lapsed pass) are skipped.
    for (;;) {
      const slot = this.line[this.admitCursor];
      if (this.admitCursor >= this.line.length) break;
      if (slot && slot.seq === this.admitCursor + 1) {
        if (slot.admittedAt === null) break;
        this.active.push(slot);
      }
      this.admitCursor++;
    }
    this.lastRefill = now;
  }

  get(buyerId: string): QueueEntry | undefined {
    return this.entries.get(buyerId);
  }

  /** Adds a buyer (once: a second join returns the same place). Returns the entry and whether it is new. */
  join(buyerId: string, now: number): { entry: QueueEntry; isNew: boolean } {
    const existing = this.entries.get(buyerId);
    if (existing) return { entry: existing, isNew: false };
    const entry: QueueEntry = { buyerId, joinedAt: now, prequeue: !this.drawn, seq: null, admittedAt: null, finished: false };
    if (this.drawn) {
      this.line.push(entry);
      entry.seq = this.line.length;
    } else {
      entry.arrival = ++this.lastArrival;
      this.prequeue.push(entry);
    }
    this.entries.set(buyerId, entry);
    return { entry, isNew: true };
  }

  /** The pre-queue in arrival order (what the draw freezes). */
  entrants(): QueueEntry[] {
    return [...this.prequeue].sort(byArrival);
  }

  /** The pre-queue's buyer ids in the order the draw with this seed gives them (changes nothing). */
  drawPreview(seedHex: string): string[] {
    return drawOrder(seedHex, this.entrants().map((e) => e.buyerId));
  }

  /** The draw at the start: shuffles the pre-queue with the seed and puts it ahead of everyone else. */
  draw(seedHex: string): QueueEntry[] {
    const drawnEntries = this.drawPreview(seedHex).map((id) => this.entries.get(id)!);
    this.line = [...drawnEntries, ...this.line];
    this.line.forEach((e, i) => {
      if (e) e.seq = i + 1;
    });
    this.prequeue = [];
    this.drawn = true;
    return drawnEntries;
  }

  /** Buyers admitted now and still active (pass valid, not finished). */
  activeCount(now: number): number {
    this.active = this.active.filter((e) => !e.finished && e.admittedAt! + this.settings.passTtlMs > now);
    return this.active.length;
  }

  get waiting(): number {
    return this.line.length - this.admitCursor + this.prequeue.length;
  }

  get admittedTotal(): number {
    return this.admitCursor;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Admits the next buyers in line, as the rate and the cap allow. Returns who was admitted. */
  admit(now: number, open: boolean): QueueEntry[] {
    const elapsed = Math.max(0, now - this.lastRefill);
    this.lastRefill = now;
    this.tokens = Math.min(this.settings.admissionRatePerSec, this.tokens + (elapsed * this.settings.admissionRatePerSec) / 1000);
    if (!open || !this.drawn) return [];
    const room = this.settings.maxActive - this.activeCount(now);
    const n = Math.min(Math.floor(this.tokens), room, this.line.length - this.admitCursor);
    const out: QueueEntry[] = [];
    while (out.length < n && this.admitCursor < this.line.length) {
      const e = this.line[this.admitCursor++];
      if (!e || e.seq !== this.admitCursor || e.admittedAt !== null) continue; // a slot its buyer left
      e.admittedAt = now;
      this.active.push(e);
      out.push(e);
    }
    this.tokens -= out.length;
    return out;
  }

  /**
   * Sends an admitted buyer whose pass lapsed unused to the back of the line (as a queue
   * would): they keep one place, and the active cap is not held by someone who left.
   */
  requeue(e: QueueEntry): void {
    e.admittedAt = null;
    this.line.push(e);
    e.seq = this.line.length;
  }

  /** Where a buyer stands: place in line, how many are ahead, and a wait estimate at the admission rate. */
  position(e: QueueEntry): { position: number | null; ahead: number | null; etaSeconds: number | null } {
    if (e.seq === null) return { position: null, ahead: null, etaSeconds: null };
    const ahead = Math.max(0, e.seq - 1 - this.admitCursor);
    return { position: ahead + 1, ahead, etaSeconds: Math.ceil(ahead / Math.max(1, this.settings.admissionRatePerSec)) };
  }
}
