/**
 * The launch ledger's own defences, on SQLite and PostgreSQL, attacked directly (no engine in
 * front): a unit can never be sold twice and no buyer can pass the limit whatever code writes
 * to `holds`; holds are immutable and never deleted; a key has exactly one answer; a write of
 * a replaced generation fails; and on PostgreSQL a stalled write of the old generation either
 * holds the generation change back until it commits or fails after it — never both.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, PG_URL } from './harness.js';
import { createLaunch, holdRow, openLedger, type LedgerFixture } from './helpers/ledger.js';

const KINDS = ENGINES.includes('postgres') ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

for (const kind of KINDS) {
  describe(`launch ledger defences [${kind}]`, () => {
    let fx: LedgerFixture;
    beforeAll(async () => {
      fx = await openLedger(kind);
    });
    afterAll(async () => {
      await fx?.close();
    });
    const books = async (launchId: string) => (await fx.ledger.books(launchId)).map(({ held, sold }) => ({ held, sold }));

    it('keeps the books from the holds themselves: held and sold move with every insert and status change', async () => {
      const { launchId, skuIds } = await createLaunch(fx.engine, { allotments: [5], perBuyerLimit: 3 });
      const rows = [holdRow(launchId, skuIds[0]!, 'b1', 'k1', 1), holdRow(launchId, skuIds[0]!, 'b1', 'k2', 1, { quantity: 2 }), holdRow(launchId, skuIds[0]!, 'b2', 'k1', 1)];
      await fx.engine.db.insertInto('holds').values(rows).execute();
      expect(await books(launchId)).toEqual([{ held: 4, sold: 0 }]);
      await fx.engine.db.updateTable('holds').set({ status: 'paid' }).where('id', '=', rows[1]!.id).execute();
      await fx.engine.db.updateTable('holds').set({ status: 'expired' }).where('id', '=', rows[0]!.id).execute();
      expect(await books(launchId)).toEqual([{ held: 1, sold: 2 }]);
      const buyers = await fx.engine.db.selectFrom('launch_buyers').select(['buyer_id', 'units']).where('launch_id', '=', launchId).orderBy('buyer_id').execute();
      expect(buyers).toEqual([{ buyer_id: 'b1', units: 2 }, { buyer_id: 'b2', units: 1 }]);
    });

    it('refuses a unit beyond the allotment and a buyer beyond the limit, however the hold is written', async () => {
      const { launchId, skuIds } = await createLaunch(fx.engine, { allotments: [2], perBuyerLimit: 1 });
      const sku = skuIds[0]!;
      await fx.engine.db.insertInto('holds').values(holdRow(launchId, sku, 'b1', 'k', 1)).execute();
      await expect(fx.engine.db.insertInto('holds').values(holdRow(launchId, sku, 'b1', 'k2', 1)).execute()).rejects.toThrow(); // over the limit
      await fx.engine.db.insertInto('holds').values(holdRow(launchId, sku, 'b2', 'k', 1)).execute();
      await expect(fx.engine.db.insertInto('holds').values(holdRow(launchId, sku, 'b3', 'k', 1)).execute()).rejects.toThrow(); // sold out
      // A batch that would oversell is refused as a whole.
      const { launchId: l2, skuIds: s2 } = await createLaunch(fx.engine, { allotments: [3], perBuyerLimit: 5 });
      await expect(fx.engine.db.insertInto('holds').values(['a', 'b', 'c', 'd'].map((b) => holdRow(l2, s2[0]!, b, 'k', 1))).execute()).rejects.toThrow();
      expect(await books(l2)).toEqual([{ held: 0, sold: 0 }]);
      // A released unit may be held again, a paid one never comes back.
      const first = await fx.engine.db.selectFrom('holds').select('id').where('launch_id', '=', launchId).where('buyer_id', '=', 'b1').executeTakeFirstOrThrow();
      await fx.engine.db.updateTable('holds').set({ status: 'cancelled' }).where('id', '=', first.id).execute();
      await fx.engine.db.insertInto('holds').values(holdRow(launchId, sku, 'b3', 'k', 1)).execute();
      expect(await books(launchId)).toEqual([{ held: 2, sold: 0 }]);
      // A hold for a SKU outside its launch has no books to keep: refused.
      await expect(fx.engine.db.insertInto('holds').values(holdRow(launchId, s2[0]!, 'b9', 'k', 1)).execute()).rejects.toThrow();
    });

    it('holds are immutable but for status, deadline and order, and never deleted', async () => {
      const { launchId, skuIds } = await createLaunch(fx.engine, { allotments: [5], perBuyerLimit: 5 });
      const h = holdRow(launchId, skuIds[0]!, 'b1', 'k', 1);
      await fx.engine.db.insertInto('holds').values(h).execute();
      await expect(fx.engine.db.updateTable('holds').set({ quantity: 3 }).where('id', '=', h.id).execute()).rejects.toThrow();
      await expect(fx.engine.db.updateTable('holds').set({ buyer_id: 'b2' }).where('id', '=', h.id).execute()).rejects.toThrow();
      await expect(fx.engine.db.deleteFrom('holds').where('id', '=', h.id).execute()).rejects.toThrow();
      await fx.engine.db.updateTable('holds').set({ expires_at: h.expires_at + 1000, order_id: null }).where('id', '=', h.id).execute();
      expect(await books(launchId)).toEqual([{ held: 1, sold: 0 }]);
    });

    it('gives a key one answer: a second hold or refusal for it is not written, the first is returned', async () => {
      const { launchId, skuIds } = await createLaunch(fx.engine, { allotments: [5], perBuyerLimit: 5 });
      const sku = skuIds[0]!;
      const first = holdRow(launchId, sku, 'b1', 'key', 1);
      const [r1, r2, r3] = await fx.ledger.writeAnswers([
        { kind: 'hold', hold: first },
        { kind: 'refusal', launchId, buyerId: 'b2', key: 'key', skuId: sku, quantity: 1, code: 'SOLD_OUT', epoch: 1, at: Date.now() },
        { kind: 'hold', hold: holdRow(launchId, sku, 'b3', 'key', 1) },
      ]);
      expect([r1, r2, r3]).toEqual([{ status: 'written' }, { status: 'written' }, { status: 'written' }]);
      const [again, refusedAgain] = await fx.ledger.writeAnswers([
        { kind: 'hold', hold: holdRow(launchId, sku, 'b1', 'key', 1) },
        { kind: 'hold', hold: holdRow(launchId, sku, 'b2', 'key', 1) },
      ]);
      expect(again).toMatchObject({ status: 'answered', answer: { kind: 'hold', hold: { id: first.id } } });
      expect(refusedAgain).toMatchObject({ status: 'answered', answer: { kind: 'refusal', code: 'SOLD_OUT' } });
      expect(await books(launchId)).toEqual([{ held: 2, sold: 0 }]);
    });

    it('writes nothing of a replaced generation, and marks what its books refuse', async () => {
      const { launchId, skuIds } = await createLaunch(fx.engine, { allotments: [1], perBuyerLimit: 5 });
      const sku = skuIds[0]!;
      expect(await fx.ledger.fenceStock(launchId)).toBe(2);
      const [stale, fresh, over] = await fx.ledger.writeAnswers([
        { kind: 'hold', hold: holdRow(launchId, sku, 'b1', 'k', 1) },
        { kind: 'hold', hold: holdRow(launchId, sku, 'b2', 'k', 2) },
        { kind: 'hold', hold: holdRow(launchId, sku, 'b3', 'k', 2) },
      ]);
      expect([stale, fresh, over]).toEqual([{ status: 'stale' }, { status: 'written' }, { status: 'refused' }]);
      // The refused hold left no answer behind (its key may be answered again).
      const answers = await fx.engine.db.selectFrom('launch_answers').select(['buyer_id']).where('launch_id', '=', launchId).execute();
      expect(answers.map((a) => a.buyer_id)).toEqual(['b2']);
    });

    if (kind === 'postgres') {
      const connect = async () => {
        const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${fx.engine.pgSchema}` });
        await c.connect();
        return c;
      };
      const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

      it('a write stalled behind a table lock before it reads its generation: the new generation goes ahead, the stalled write fails (never acknowledged)', async () => {
        const { launchId, skuIds } = await createLaunch(fx.engine, { allotments: [10], perBuyerLimit: 5 });
        const locker = await connect();
        try {
          await locker.query('BEGIN');
          await locker.query('LOCK TABLE holds IN SHARE MODE'); // every insert into holds waits
          const stalled = fx.ledger.writeAnswers([{ kind: 'hold', hold: holdRow(launchId, skuIds[0]!, 'stalled', 'k', 1) }]);
          await tick(300);
          expect(await fx.ledger.fenceStock(launchId)).toBe(2);
          expect((await fx.ledger.stockSnapshot(launchId)).held).toEqual([]);
          await locker.query('COMMIT');
          expect(await stalled).toEqual([{ status: 'stale' }]);
          expect(await books(launchId)).toEqual([{ held: 0, sold: 0 }]);
        } finally {
          await locker.query('ROLLBACK').catch(() => {});
          await locker.end();
        }
      });

      it('a write stalled inside its statement (a row lock on the books): the new generation waits for it, then has it', async () => {
        const { launchId, skuIds } = await createLaunch(fx.engine, { allotments: [10], perBuyerLimit: 5 });
        const locker = await connect();
        try {
          await locker.query('BEGIN');
          await locker.query('SELECT * FROM launch_items WHERE launch_id = $1 FOR UPDATE', [launchId]);
          const stalled = fx.ledger.writeAnswers([{ kind: 'hold', hold: holdRow(launchId, skuIds[0]!, 'stalled', 'k', 1) }]);
          await tick(300);
          let fenced = false;
          const fence = fx.ledger.fenceStock(launchId).then((e) => ((fenced = true), e));
          await tick(300);
          expect(fenced).toBe(false); // the stalled write holds its generation (the fence row, shared)
          await locker.query('COMMIT');
          expect(await stalled).toEqual([{ status: 'written' }]);
          expect(await fence).toBe(2);
          expect((await fx.ledger.stockSnapshot(launchId)).held.map((h) => h.buyerId)).toEqual(['stalled']);
          expect(await fx.ledger.writeAnswers([{ kind: 'hold', hold: holdRow(launchId, skuIds[0]!, 'late', 'k', 1) }])).toEqual([{ status: 'stale' }]);
        } finally {
          await locker.query('ROLLBACK').catch(() => {});
          await locker.end();
        }
      });
    }
  });
}
