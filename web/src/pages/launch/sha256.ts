/**
 * The proof of work a launch may ask for on join: find a solution such that
 * sha256(challenge + ':' + solution) starts with `difficulty` zero bits (the server checks
 * it with one hash, see src/launches/tokens.ts).
 *
 * A small SHA-256 of our own rather than crypto.subtle: subtle.digest is asynchronous per
 * call (a promise and a thread hop for every 100-byte message), needs a secure context,
 * and cannot reuse work. Here the blocks of the fixed prefix are hashed once (the
 * "midstate") and each attempt hashes only the last one or two blocks, all synchronously
 * in a Web Worker — millions of attempts a second on a phone-class core.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const W = new Uint32Array(64);

/** One SHA-256 compression of the 64-byte block at `off` into the state `h`. */
function compress(h: Uint32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    W[i] = (b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = h[0]!, bb = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = bb;
    bb = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + bb) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

/** Leading zero bits of a digest given as eight 32-bit words. */
function zeroBits(h: Uint32Array): number {
  let bits = 0;
  for (let i = 0; i < 8; i++) {
    const z = Math.clz32(h[i]!);
    bits += z;
    if (z < 32) break;
  }
  return bits;
}

/** A search for one challenge: the prefix hashed once, then attempts by number. */
export class PowSearch {
  private readonly mid = new Uint32Array(8);
  private readonly tail: Uint8Array;
  private readonly prefixLength: number;
  private readonly buf = new Uint8Array(192);
  private readonly h = new Uint32Array(8);
  next = 0;

  constructor(challenge: string, readonly difficulty: number) {
    const prefix = new TextEncoder().encode(`${challenge}:`);
    this.prefixLength = prefix.length;
    this.mid.set(INIT);
    const full = Math.floor(prefix.length / 64);
    for (let i = 0; i < full; i++) compress(this.mid, prefix, i * 64);
    this.tail = prefix.subarray(full * 64);
  }

  /** The digest of prefix + `solution` (exposed for tests against node:crypto). */
  digest(solution: string): Uint32Array {
    const b = this.buf;
    b.fill(0);
    b.set(this.tail, 0);
    let n = this.tail.length;
    for (let i = 0; i < solution.length; i++) b[n++] = solution.charCodeAt(i) & 0x7f;
    b[n++] = 0x80;
    const blocks = n + 8 <= 64 ? 1 : n + 8 <= 128 ? 2 : 3;
    const bits = (this.prefixLength + solution.length) * 8;
    const end = blocks * 64;
    b[end - 4] = (bits >>> 24) & 0xff;
    b[end - 3] = (bits >>> 16) & 0xff;
    b[end - 2] = (bits >>> 8) & 0xff;
    b[end - 1] = bits & 0xff;
    this.h.set(this.mid);
    for (let i = 0; i < blocks; i++) compress(this.h, b, i * 64);
    return this.h;
  }

  /** Tries up to `count` more solutions ("0", "1", … in base 36); the one that works, or null. */
  run(count: number): string | null {
    for (let i = 0; i < count; i++) {
      const s = (this.next++).toString(36);
      if (zeroBits(this.digest(s)) >= this.difficulty) return s;
    }
    return null;
  }
}
