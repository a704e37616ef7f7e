/**
 * The draw check of docs/draw.md in the browser (Web Crypto): the seed against the commitment,
 * the entrant list against its hash, and the shuffle recomputed from the seed and the list.
 * It uses only what GET /api/v1/launches/:id/draw publishes.
 */

/** The published draw (the fields the check reads). */
export interface PublishedDraw {
  seed: string | null;
  commitment: string | null;
  entrantsHash: string | null;
  entrants: Array<{ arrival: number; ticket: string }>;
  line: string[];
}

/** What the check found. */
export interface DrawCheck {
  commitmentOk: boolean;
  entrantsHashOk: boolean;
  arrivalsIncrease: boolean;
  lineOk: boolean;
  /** The line as computed here (place 1 first). */
  line: string[];
}

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
const bytes = (h: string) => new Uint8Array(h.match(/../g)!.map((x) => parseInt(x, 16)));

/** Whether this page can check a draw (Web Crypto needs a secure context: HTTPS or localhost). */
export const canCheck = () => typeof crypto !== 'undefined' && !!crypto.subtle;

/** Runs every check; `onProgress` hears how far the shuffle is (0..1) on long lists. */
export async function checkDraw(d: PublishedDraw, onProgress?: (done: number) => void): Promise<DrawCheck> {
  const subtle = crypto.subtle;
  const enc = new TextEncoder();
  const seed = bytes(d.seed!);
  const commitmentOk = hex(await subtle.digest('SHA-256', seed)) === d.commitment;
  const text = d.entrants.map((e) => `${e.arrival} ${e.ticket}\n`).join('');
  const entrantsHashOk = hex(await subtle.digest('SHA-256', enc.encode(text))) === d.entrantsHash;
  const arrivalsIncrease = d.entrants.every((e, i) => i === 0 || d.entrants[i - 1]!.arrival < e.arrival);
  const key = await subtle.importKey('raw', seed, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const a = d.entrants.map((e) => e.ticket);
  const span = 2 ** 48;
  for (let i = a.length - 1; i > 0; i--) {
    const m = i + 1;
    const limit = span - (span % m);
    let j = -1;
    for (let attempt = 0; j < 0; attempt++) {
      const mac = new Uint8Array(await subtle.sign('HMAC', key, enc.encode(attempt === 0 ? `${i}` : `${i}:${attempt}`)));
      // The first 6 bytes, big-endian (exact in a double: below 2^53).
      let r = 0;
      for (let k = 0; k < 6; k++) r = r * 256 + mac[k]!;
      if (r < limit) j = r % m;
    }
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
    if (onProgress && i % 2000 === 0) onProgress(1 - i / a.length);
  }
  const lineOk = a.length === d.line.length && a.every((t, i) => t === d.line[i]);
  return { commitmentOk, entrantsHashOk, arrivalsIncrease, lineOk, line: a };
}
