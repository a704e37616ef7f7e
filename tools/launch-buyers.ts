/**
 * Simulated launch buyers, shared by `npm run simulate` and the whole-sale run of
 * `npm run bench:flash`: every buyer is an independent loop that joins the queue, polls it as
 * the storefront does without SSE (as often as the server's `pollAfterMs` says, jittered), and once admitted
 * reserves one unit and pays through the sandbox gateway. A semaphore caps the requests in
 * flight, not the buyers alive, so a buyer who is waiting never keeps another from its turn.
 */

import type { paths } from '../web/src/lib/api.gen.js';

/** The JSON body route `P` answers `M` with status `S`, from the generated OpenAPI types. */
export type Answer<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends { responses: infer R }
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never
  : never;

/** The API's error body (every route answers an error in this shape). */
export type ErrorBody = Answer<'/api/v1/auth/me', 'get', 401>;

/** The message of an error answer, else the status. */
export function failure(r: { status: number; body: unknown }): string | number {
  return (r.body as Partial<ErrorBody>).error?.message ?? r.status;
}

/** An HTTP call answered with its status and parsed JSON body (what the body is, the caller reads from the route's type). */
export type Call = (method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: unknown }>;

export interface SimBuyer {
  id: string;
  token: string;
}

/** Live counts of a simulated sale (read by progress displays). */
export interface SaleCounts {
  queued: number;
  admitted: number;
  held: number;
  paid: number;
  refused: number;
}

/** At most `n` tasks running; the rest wait their turn in order. */
export function semaphore(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

const ADDRESS = { recipient: 'Rehearsal Buyer', phone: '13800000000', country: 'CN', provinceCode: '440000', cityCode: '440300', districtCode: '440305', line1: '1 Rehearsal Road' };

export function newCounts(): SaleCounts {
  return { queued: 0, admitted: 0, held: 0, paid: 0, refused: 0 };
}

/** Every buyer joins the launch's queue (before its start); returns their queue tokens, in order. */
export async function joinAll(call: Call, launchId: string, buyers: readonly SimBuyer[], inFlight: number, counts: SaleCounts): Promise<string[]> {
  const gate = semaphore(inFlight);
  return Promise.all(
    buyers.map(async (b) => {
      const r = await gate(() => call('POST', `/api/v1/launches/${launchId}/queue`, b.token, {}));
      if (r.status !== 201 && r.status !== 200) throw new Error(`joining the queue failed: ${failure(r)}`);
      counts.queued++;
      return (r.body as Answer<'/api/v1/launches/{launchId}/queue', 'post', 200>).queueToken;
    }),
  );
}

/**
 * From the start on: every buyer polls until admitted, reserves `skuId` once, and pays (the
 * sandbox gateway's approve, whose webhook marks the order paid). Resolves when every buyer
 * has a hold or has been told the launch is sold out or over; returns when the last hold was
 * acknowledged.
 */
export async function buyAll(opts: {
  call: Call;
  launchId: string;
  skuId: string;
  buyers: readonly SimBuyer[];
  tokens: readonly string[];
  inFlight: number;
  counts: SaleCounts;
  /** Each acknowledged hold's id. */
  onHold?: (holdId: string) => void;
  keyPrefix?: string;
}): Promise<{ lastHoldAt: number }> {
  const { call, launchId, skuId, counts } = opts;
  const gate = semaphore(opts.inFlight);
  const req: Call = (...args) => gate(() => call(...args));
  let lastHoldAt = 0;
  await Promise.all(
    opts.buyers.map(async (b, i) => {
      // A crowd does not press at the same millisecond: first looks spread over two seconds.
      await sleep(Math.random() * 2000);
      for (;;) {
        const st = (await req('GET', `/api/v1/launches/${launchId}/queue?token=${encodeURIComponent(opts.tokens[i]!)}`, b.token)).body as Answer<'/api/v1/launches/{launchId}/queue', 'get', 200>;
        if (st.state === 'admitted') {
          counts.admitted++;
          // An admitted answer always carries its pass (the type allows null for the other states).
          const r = await req('POST', `/api/v1/launches/${launchId}/reservations`, b.token, { skuId }, { 'x-admission-pass': st.pass ?? '', 'idempotency-key': `${opts.keyPrefix ?? 'sim'}-${b.id}` });
          if (r.status !== 201) {
            counts.refused++;
            return;
          }
          counts.held++;
          lastHoldAt = Date.now();
          const hold = r.body as Answer<'/api/v1/launches/{launchId}/reservations', 'post', 201>;
          opts.onHold?.(hold.id);
          const pay = await req('POST', `/api/v1/holds/${hold.id}/pay`, b.token, { address: ADDRESS });
          if (pay.status === 201) {
            const { payment } = pay.body as Answer<'/api/v1/holds/{holdId}/pay', 'post', 201>;
            const ok = await req('POST', `${new URL(payment.payUrl).pathname}/approve`, null, undefined, { accept: 'application/json' });
            if (ok.status === 200) counts.paid++;
          }
          return;
        }
        if (st.state === 'sold_out' || st.state === 'ended') return;
        // As the server paces polling clients (what the storefront does without the stream), jittered.
        await sleep((st.pollAfterMs ?? 2000) * (0.85 + Math.random() * 0.3));
      }
    }),
  );
  return { lastHoldAt };
}
