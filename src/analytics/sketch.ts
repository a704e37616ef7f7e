/**
 * Distinct-buyer counts that stay fast over any date range: a HyperLogLog sketch per
 * (scope, day, device) with an exact sparse mode. Up to `SPARSE_MAX` buyers a sketch holds
 * the buyers' 64-bit hashes themselves, so small counts (and unions of small sketches) are
 * exact; beyond that it becomes 4,096 one-byte registers (precision 12: a standard error of
 * about 1.6 %). A range query merges at most one sketch per day and device, whatever the
 * number of buyers, instead of counting distinct values over millions of rows.
 */

const P = 12;
const M = 1 << P;
/** Above this many distinct buyers a sketch switches from exact to estimated. */
export const SPARSE_MAX = 400;
const SPARSE = 1;
const DENSE = 2;

/** The value of each base64url character by its code (-1: not one). */
const B64URL = (() => {
  const t = new Int8Array(128).fill(-1);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < abc.length; i++) t[abc.charCodeAt(i)] = i;
  return t;
})();

/** The 64-bit sketch hash of a buyer pseudonym (its first 8 bytes), as 16 hex characters. */
export function sketchHash(pseudonym: string): string {
  // A stored pseudonym (16 base64url characters): its first 64 bits decoded here, without a Buffer.
  if (pseudonym.length === 16) {
    let hi = 0;
    let lo = 0;
    let ok = true;
    for (let i = 0; i < 11; i++) {
      const v = B64URL[pseudonym.charCodeAt(i)] ?? -1;
      if (v < 0) {
        ok = false;
        break;
      }
      // Bits 0-31 of the 66 decoded: hi; bits 32-63: lo (the last 2 bits of the 11th character dropped).
      if (i < 5) hi = (hi << 6) | v;
      else if (i === 5) {
        hi = (hi << 2) | (v >> 4);
        lo = v & 15;
      } else if (i < 10) lo = (lo << 6) | v;
      else lo = (lo << 4) | (v >> 2);
    }
    if (ok) return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
  }
  return Buffer.from(pseudonym, 'base64url').subarray(0, 8).toString('hex').padEnd(16, '0');
}

function registerOf(hex: string): { idx: number; rank: number } {
  return registerOfWords(parseInt(hex.slice(0, 8), 16) >>> 0, parseInt(hex.slice(8, 16), 16) >>> 0);
}

/** The register and rank of a 64-bit hash given as its high and low 32 bits. */
function registerOfWords(hi: number, lo: number): { idx: number; rank: number } {
  const idx = hi >>> (32 - P);
  const rest = hi & ((1 << (32 - P)) - 1);
  let rank: number;
  if (rest !== 0) rank = Math.clz32(rest) - P + 1;
  else if (lo !== 0) rank = 32 - P + Math.clz32(lo) + 1;
  else rank = 64 - P + 1;
  return { idx, rank };
}

/** The big-endian 32-bit word at `i`. */
const word = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/** A mergeable distinct count of buyers: exact while small, HyperLogLog beyond. */
export class BuyerSketch {
  private sparse: Set<string> | null = new Set();
  private regs: Uint8Array | null = null;

  /** Reads a stored sketch (null or empty: an empty sketch). */
  static decode(buf: Uint8Array | null | undefined): BuyerSketch {
    const s = new BuyerSketch();
    if (!buf || buf.length === 0) return s;
    const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    if (b[0] === DENSE) {
      s.sparse = null;
      s.regs = new Uint8Array(b.subarray(1, 1 + M));
    } else {
      for (let i = 1; i + 8 <= b.length; i += 8) s.sparse!.add(b.subarray(i, i + 8).toString('hex'));
    }
    return s;
  }

  /** A stored sketch (as `encode` wrote it; none: empty) with more buyers added, encoded again: what a flush writes back. */
  static withHashes(stored: Uint8Array | null | undefined, hashes: Iterable<string>): Buffer {
    const sk = BuyerSketch.decode(stored);
    for (const h of hashes) sk.addHash(h);
    return sk.encode();
  }

  /** True while the count is exact. */
  get exact(): boolean {
    return this.sparse !== null;
  }

  /** Adds one buyer by its sketch hash (see `sketchHash`). */
  addHash(hex: string): void {
    if (this.sparse) {
      this.sparse.add(hex);
      if (this.sparse.size > SPARSE_MAX) this.densify();
      return;
    }
    const { idx, rank } = registerOf(hex);
    if (rank > this.regs![idx]!) this.regs![idx] = rank;
  }

  /**
   * Adds every buyer of a stored sketch (as `encode` wrote it) without decoding it first: once
   * this sketch is dense, a stored hash goes straight to its register (no hex string made).
   */
  mergeEncoded(buf: Uint8Array | null | undefined): void {
    if (!buf || buf.length === 0) return;
    if (buf[0] === DENSE) {
      if (this.sparse) this.densify();
      const a = this.regs!;
      for (let i = 0; i < M; i++) if (buf[1 + i]! > a[i]!) a[i] = buf[1 + i]!;
      return;
    }
    for (let i = 1; i + 8 <= buf.length; i += 8) {
      if (this.sparse) {
        this.addHash(word(buf, i).toString(16).padStart(8, '0') + word(buf, i + 4).toString(16).padStart(8, '0'));
        continue;
      }
      const { idx, rank } = registerOfWords(word(buf, i), word(buf, i + 4));
      if (rank > this.regs![idx]!) this.regs![idx] = rank;
    }
  }

  private densify(): void {
    const regs = new Uint8Array(M);
    for (const h of this.sparse!) {
      const { idx, rank } = registerOf(h);
      if (rank > regs[idx]!) regs[idx] = rank;
    }
    this.sparse = null;
    this.regs = regs;
  }

  /** The number of distinct buyers: exact in sparse mode, the HyperLogLog estimate otherwise. */
  count(): number {
    if (this.sparse) return this.sparse.size;
    const regs = this.regs!;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      const r = regs[i]!;
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / M);
    const e = (alpha * M * M) / sum;
    if (e <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    return Math.round(e);
  }

  /** The stored form: a type byte, then the hashes (sparse) or the registers (dense). */
  encode(): Buffer {
    if (this.sparse) {
      const b = Buffer.alloc(1 + 8 * this.sparse.size);
      b[0] = SPARSE;
      let i = 1;
      for (const h of this.sparse) {
        b.write(h, i, 'hex');
        i += 8;
      }
      return b;
    }
    const b = Buffer.alloc(1 + M);
    b[0] = DENSE;
    b.set(this.regs!, 1);
    return b;
  }
}
