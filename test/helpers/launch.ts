/**
 * Helpers of the launch suites (crash, expiry, fairness, input): the waiting-room steps a
 * buyer takes over HTTP, paying a hold on the sandbox page, and the ledger's own recount of
 * a launch to hold the engine's counters against.
 */
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { ADDRESS, Client, type Res, type ResponseOf, type TestServer } from '../harness.js';

/** The tables a launch writes to (and the stock it takes from): what "changes nothing" is checked on. */
export const LAUNCH_TABLES = ['launches', 'launch_items', 'holds', 'queue_entries', 'launch_registrations', 'skus'] as const;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sleeps until the wall clock passes `t` (plus a small margin). */
export const sleepUntil = (t: number, marginMs = 20) => sleep(Math.max(0, t - Date.now() + marginMs));

/** Joins the waiting room; returns the queue token (throws on anything but 200). */
export async function joinQueue(buyer: Client, launchId: string, body: Record<string, unknown> = {}): Promise<string> {
  const j = await buyer.post(`/launches/${launchId}/queue`, body);
  if (j.status !== 200) throw new Error(`join ${j.status} ${JSON.stringify(j.body)}`);
  return j.body.queueToken;
}

/** The buyer's queue status (throws on anything but 200). */
export async function queueStatus(buyer: Client, launchId: string, token: string): Promise<ResponseOf<'/launches/{launchId}/queue', 'get'>> {
  const r = await buyer.get(`/launches/${launchId}/queue?token=${encodeURIComponent(token)}`);
  if (r.status !== 200) throw new Error(`queue status ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The admission pass of an admitted buyer (throws when the buyer is not admitted). */
export async function passOf(buyer: Client, launchId: string, token: string): Promise<string> {
  const st = await queueStatus(buyer, launchId, token);
  if (st.state !== 'admitted' || !st.pass) throw new Error(`not admitted: ${JSON.stringify(st)}`);
  return st.pass;
}

/** One reservation attempt. */
export function reserve(buyer: Client, launchId: string, skuId: string, pass: string, key: string, quantity = 1) {
  return buyer.post(`/launches/${launchId}/reservations`, { skuId, quantity }, { 'x-admission-pass': pass, 'idempotency-key': key });
}

/** Turns a hold into an order with an open payment; returns the order id and the hosted pay page. */
export async function openHoldPayment(buyer: Client, holdId: string): Promise<{ orderId: string; paymentId: string; payUrl: string }> {
  const r = await buyer.post(`/holds/${holdId}/pay`, { address: ADDRESS });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { orderId: r.body.order.id, paymentId: r.body.payment.id, payUrl: r.body.payment.payUrl };
}

/** Presses "approve" on the sandbox pay page, as the buyer's browser would (JSON answer). */
export function approve(base: string, payUrl: string): Promise<Res> {
  return new Client(base).req('POST', `${payUrl}/approve`, undefined, { accept: 'application/json' });
}

export interface LedgerCount {
  skuId: string;
  allotment: number;
  held: number;
  sold: number;
}

/** The launch's books recounted from the ledger: allotment per SKU, units in held and in paid holds. */
export async function ledgerCounts(db: Kysely<Database>, launchId: string): Promise<LedgerCount[]> {
  const items = await db.selectFrom('launch_items').select(['sku_id', 'allotment']).where('launch_id', '=', launchId).orderBy('sku_id').execute();
  const holds = await db.selectFrom('holds').select(['sku_id', 'status', 'quantity']).where('launch_id', '=', launchId).execute();
  return items.map((i) => ({
    skuId: i.sku_id,
    allotment: i.allotment,
    held: holds.filter((h) => h.sku_id === i.sku_id && h.status === 'held').reduce((n, h) => n + h.quantity, 0),
    sold: holds.filter((h) => h.sku_id === i.sku_id && h.status === 'paid').reduce((n, h) => n + h.quantity, 0),
  }));
}

/**
 * Checks the engine's counters against the ledger: per SKU, allotment = available + held +
 * sold, and held and sold are what the holds table says.
 */
export async function expectBooksBalance(s: TestServer, launchId: string): Promise<{ available: number; held: number; sold: number; allotment: number }> {
  const counts = await s.fm.launches.counts(launchId);
  const ledger = await ledgerCounts(s.fm.ctx.db, launchId);
  expect(counts.map((c) => c.skuId).sort()).toEqual(ledger.map((c) => c.skuId));
  for (const c of counts) {
    const l = ledger.find((x) => x.skuId === c.skuId)!;
    expect(c.available + c.held + c.sold, `SKU ${c.skuId}`).toBe(c.allotment);
    expect(c.available, `SKU ${c.skuId}`).toBeGreaterThanOrEqual(0);
    expect({ allotment: c.allotment, held: c.held, sold: c.sold }, `SKU ${c.skuId}`).toEqual({ allotment: l.allotment, held: l.held, sold: l.sold });
  }
  const sum = (k: 'available' | 'held' | 'sold' | 'allotment') => counts.reduce((n, c) => n + c[k], 0);
  return { available: sum('available'), held: sum('held'), sold: sum('sold'), allotment: sum('allotment') };
}
