/**
 * The verifiable draw survives a kill -9 (a real server process on SQLite and on PostgreSQL):
 * buyers join the pre-queue and get their receipts, the process dies, a new one starts — and the
 * commitment, the receipts and the arrival numbers are what they were, a buyer who joins after
 * the restart gets the next number, and at the start the draw made from the committed seed
 * verifies and holds every receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, ENGINES, eventually, sellerWithProduct, signup } from './harness.js';
import { SMTP_URL } from './helpers/mail.js';
import { freePort, ServerData, ServerProcess } from './helpers/server-process.js';
import { checkDraw } from '../tools/verify-draw.js';

const REAL = ENGINES.filter((e): e is 'sqlite' | 'postgres' => e === 'sqlite' || e === 'postgres');

for (const engine of REAL) {
  describe(`the draw survives kill -9 [${engine}, real server process]`, () => {
    const data = new ServerData(engine);
    let server: ServerProcess;
    beforeAll(async () => {
      await data.init();
      server = new ServerProcess(data, await freePort());
    });
    afterAll(async () => {
      await server?.kill9();
      await data.destroy();
    });

    it('commitment, receipts and arrival numbers outlive the process; the draw after the restart verifies', async () => {
      await server.start({ SMTP_URL, SWEEP_INTERVAL_MS: '100' });
      const base = server.url;
      const { seller, store, product } = await sellerWithProduct(base, { stock: 20 });
      const startsAt = Date.now() + 9000;
      const created = await seller.post(`/stores/${store.id}/launches`, {
        title: 'Restart launch',
        startsAt,
        endsAt: startsAt + 3600_000,
        admission: { ratePerSecond: 1, maxActive: 1000, passTtlMs: 600_000 },
        items: [{ skuId: product.skus[0]!.id, allotment: 20, launchPriceMinor: 999_00 }],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const launchId: string = created.body.id;
      const commitment: string = created.body.drawCommitment!;
      const buyers = [await signup(base), await signup(base), await signup(base), await signup(base)];
      const receipts: Array<{ ticket: string; arrival: number }> = [];
      for (const b of buyers.slice(0, 3)) {
        expect((await b.post(`/launches/${launchId}/queue`, {})).status).toBe(200);
        receipts.push((await b.get(`/launches/${launchId}/receipt`)).body);
      }
      expect(receipts.map((r) => r.arrival)).toEqual([1, 2, 3]);

      await server.kill9();
      await server.start({ SMTP_URL, SWEEP_INTERVAL_MS: '100' });
      expect((await new Client(base).get(`/launches/${launchId}`)).body.drawCommitment).toBe(commitment);
      for (const [i, b] of buyers.slice(0, 3).entries()) expect((await b.get(`/launches/${launchId}/receipt`)).body).toMatchObject(receipts[i]!);
      // The numbering goes on where it was.
      expect((await buyers[3]!.post(`/launches/${launchId}/queue`, {})).status).toBe(200);
      receipts.push((await buyers[3]!.get(`/launches/${launchId}/receipt`)).body);
      expect(receipts[3]!.arrival).toBe(4);

      const draw = await eventually(async () => {
        const d = (await new Client(base).get(`/launches/${launchId}/draw`)).body;
        return d.state === 'drawn' ? d : null;
      }, 30_000, 'the draw at the start');
      expect(draw.commitment).toBe(commitment);
      expect(draw.entrants).toEqual(receipts.map((r) => ({ arrival: r.arrival, ticket: r.ticket })));
      expect(checkDraw(draw).checks.filter((c) => !c.ok)).toEqual([]);
      for (const [i, b] of buyers.entries()) expect((await b.get(`/launches/${launchId}/draw`)).body.mine).toMatchObject({ ticket: receipts[i]!.ticket, position: draw.line.indexOf(receipts[i]!.ticket) + 1 });
    });
  });
}
