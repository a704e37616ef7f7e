/**
 * The verifiable draw (docs/draw.md), on a clock the test moves: the commitment is published when
 * the launch is scheduled and the seed is not; every pre-queue buyer gets a receipt (ticket and
 * arrival number); at the start the entrant list is frozen and hashed, the seed revealed and the
 * line applied — and that line is what two independent verifiers compute from what is published
 * (tools/verify-draw.ts and test/draw/verify_draw.py, written from the spec alone), what the
 * buyers are admitted in, and what each buyer finds for their own ticket. In the scale variant two
 * processes race the draw. A tampered draw fails both verifiers.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkBuyers, Client, dropRedisPrefix, forEachEngine, sellerWithProduct, startServer, type TestServer, errorOf } from './harness.js';
import { ManualClock } from '../src/shared/clock.js';
import { checkDraw, drawApiUrl, shuffleTickets } from '../tools/verify-draw.js';
import { joinQueue, queueStatus } from './helpers/launch.js';
import { stringMatching } from './helpers/match.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command without blocking this process; resolves with its exit status and output. */
function run(cmd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) => resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

/** Runs the Python verifier on a draw's JSON; returns its verdict. */
interface PythonVerdict {
  commitment_ok: boolean;
  entrants_hash_ok: boolean;
  arrivals_increase: boolean;
  line: string[];
  line_ok: boolean;
  position: number | null;
}
function pythonVerify(draw: unknown, ticket?: string): PythonVerdict {
  const out = execFileSync('python3', ['test/draw/verify_draw.py', ...(ticket ? [ticket] : [])], { cwd: ROOT, input: JSON.stringify(draw) });
  return JSON.parse(out.toString()) as PythonVerdict;
}

forEachEngine('verifiable draw', (engine) => {
  let s: TestServer;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    s = await startServer(engine, { clock, config: { rateLimitEnabled: false } });
  });
  afterAll(() => s.close());

  async function launch() {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 50 });
    const now = clock.now();
    const r = await seller.post(`/stores/${store.id}/launches`, {
      title: 'Verifiable launch',
      startsAt: now + 60_000,
      endsAt: now + 6 * 3600_000,
      admission: { ratePerSecond: 1, maxActive: 1000, passTtlMs: 3600_000 },
      items: [{ skuId: product.skus[0]!.id, allotment: 50, launchPriceMinor: 999_00 }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; startsAt: number; drawCommitment: string };
  }

  it('commit, receipts, freeze, reveal: the published draw verifies in two independent implementations and is the line buyers are admitted in', async () => {
    const L = await launch();
    // Published at once: the commitment only.
    expect(L.drawCommitment).toMatch(/^[0-9a-f]{64}$/);
    const before = (await new Client(s.url).get(`/launches/${L.id}/draw`)).body;
    expect(before).toMatchObject({ state: 'committed', commitment: L.drawCommitment, seed: null, entrantsHash: null, entrants: [], line: [], mine: null });
    // The seed exists already, and it is the one committed to; nothing served so far contains it.
    const secret = (await s.fm.ctx.db.selectFrom('launches').select('draw_secret').where('id', '=', L.id).executeTakeFirstOrThrow()).draw_secret!;
    expect(createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex')).toBe(L.drawCommitment);
    expect(JSON.stringify((await new Client(s.url).get(`/launches/${L.id}`)).body)).not.toContain(secret);

    const buyers = await bulkBuyers(s, 25);
    const tokens = new Map<string, string>();
    for (const [i, b] of buyers.entries()) {
      tokens.set(b.userId!, await joinQueue(b, L.id));
      if (i % 3 === 0) clock.advance(7);
    }
    // Every buyer's receipt: a ticket of their own and the arrival number, in the order they joined.
    const receipts = new Map<string, { ticket: string; arrival: number }>();
    for (const b of buyers) {
      const r = await b.get(`/launches/${L.id}/receipt`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ launchId: L.id, ticket: stringMatching(/^[0-9a-f]{32}$/), commitment: L.drawCommitment });
      receipts.set(b.userId!, r.body);
    }
    expect(buyers.map((b) => receipts.get(b.userId!)!.arrival)).toEqual(buyers.map((_, i) => i + 1));
    expect(new Set([...receipts.values()].map((r) => r.ticket)).size).toBe(25);
    // A receipt is the same when asked again; before the draw the buyer sees their own ticket and nothing else.
    expect((await buyers[4]!.get(`/launches/${L.id}/receipt`)).body).toEqual(receipts.get(buyers[4]!.userId!));
    const mineBefore = (await buyers[4]!.get(`/launches/${L.id}/draw`)).body;
    expect(mineBefore).toMatchObject({ state: 'committed', seed: null, entrants: [], mine: { ticket: receipts.get(buyers[4]!.userId!)!.ticket, arrival: 5, position: null } });

    if (s.variant === 'scale') {
      // Redis loses everything before the start: the room is rebuilt from the ledger with its arrival numbers, and numbering goes on.
      await dropRedisPrefix(s.fm.ctx.config.redisPrefix);
      const [extra] = await bulkBuyers(s, 1);
      tokens.set(extra!.userId!, await joinQueue(extra!, L.id));
      const r = (await extra!.get(`/launches/${L.id}/receipt`)).body;
      expect(r.arrival).toBe(26);
      expect((await buyers[0]!.get(`/launches/${L.id}/receipt`)).body).toEqual(receipts.get(buyers[0]!.userId!));
      receipts.set(extra!.userId!, r);
      buyers.push(extra!);
    }
    const n = buyers.length;

    // The start; in the scale variant a second process races this one to draw.
    clock.set(L.startsAt + 1);
    if (s.variant === 'scale') {
      const peer = await s.peer();
      await Promise.all([s.fm.launches.tick(), peer.fm.launches.tick()]);
    } else {
      await s.fm.launches.tick();
    }
    const draw = (await new Client(s.url).get(`/launches/${L.id}/draw`)).body;
    expect(draw).toMatchObject({ state: 'drawn', commitment: L.drawCommitment, seed: secret, mine: null });
    expect(draw.entrants).toEqual(buyers.map((b) => ({ arrival: receipts.get(b.userId!)!.arrival, ticket: receipts.get(b.userId!)!.ticket })));
    const view = (await new Client(s.url).get(`/launches/${L.id}`)).body;
    expect(view.draw).toMatchObject({ seed: secret, prequeueCount: n, entrantsHash: draw.entrantsHash });

    // Verifier one (tools/verify-draw.ts) and verifier two (Python, from docs/draw.md alone) agree with the server.
    const one = checkDraw(draw);
    expect(one.checks.filter((c) => !c.ok)).toEqual([]);
    const two = pythonVerify(draw);
    expect(two).toMatchObject({ commitment_ok: true, entrants_hash_ok: true, arrivals_increase: true, line_ok: true });
    expect(two.line).toEqual(one.line);
    expect(draw.line).toEqual(one.line);

    // The line is the one applied: the ledger's places and the buyers' positions follow it.
    const ticketOf = (id: string) => receipts.get(id)!.ticket;
    const places = await s.fm.ctx.db.selectFrom('queue_entries').select(['buyer_id', 'seq']).where('launch_id', '=', L.id).orderBy('seq').execute();
    expect(places.map((p) => ticketOf(p.buyer_id))).toEqual(draw.line);
    // The first admission round (one buyer a second) let in place 1, and only place 1.
    for (const b of buyers) {
      const st = await queueStatus(b, L.id, tokens.get(b.userId!)!);
      expect(st.state, `place ${draw.line.indexOf(ticketOf(b.userId!)) + 1}`).toBe(ticketOf(b.userId!) === draw.line[0] ? 'admitted' : 'waiting');
    }
    for (const b of buyers.slice(0, 6)) {
      const place = draw.line.indexOf(ticketOf(b.userId!)) + 1;
      const mine = (await b.get(`/launches/${L.id}/draw`)).body.mine;
      expect(mine).toEqual({ ticket: ticketOf(b.userId!), arrival: receipts.get(b.userId!)!.arrival, position: place });
      expect(pythonVerify(draw, ticketOf(b.userId!)).position).toBe(place);
    }

    // A tampered draw fails both: a swapped line, a different seed, an entrant dropped.
    const swapped = { ...draw, line: [draw.line[1]!, draw.line[0]!, ...draw.line.slice(2)] };
    expect(checkDraw(swapped).checks.find((c) => c.name.startsWith('the line'))!.ok).toBe(false);
    expect(pythonVerify(swapped).line_ok).toBe(false);
    const reseeded = { ...draw, seed: 'ab'.repeat(32) };
    expect(checkDraw(reseeded).checks[0]!.ok).toBe(false);
    expect(pythonVerify(reseeded).commitment_ok).toBe(false);
    const dropped = { ...draw, entrants: draw.entrants.slice(1) };
    expect(checkDraw(dropped).checks[1]!.ok).toBe(false);
    expect(pythonVerify(dropped).entrants_hash_ok).toBe(false);

    // The command-line verifier, against the running server, with a buyer's ticket.
    const t = ticketOf(buyers[2]!.userId!);
    // (Asynchronously: the server it asks runs in this process.)
    const cli = await run(`${ROOT}node_modules/.bin/tsx`, ['tools/verify-draw.ts', `${s.url}/launches/${L.id}`, '--ticket', t]);
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout).toContain('VERIFIED');
    expect(cli.stdout).toContain(`ticket ${t} is place ${draw.line.indexOf(t) + 1} of ${n}`);

    // Later arrivals queue behind the draw and get no receipt.
    const [late] = await bulkBuyers(s, 1);
    await joinQueue(late!, L.id);
    expect((await late!.get(`/launches/${L.id}/receipt`)).status).toBe(404);
    expect((await new Client(s.url).get(`/launches/${L.id}/draw`)).body.entrants).toHaveLength(n);
  });

  it('the draw page is only for existing launches; a receipt needs a place in the pre-queue', async () => {
    const L = await launch();
    const [b] = await bulkBuyers(s, 1);
    const r = await b!.get(`/launches/${L.id}/receipt`);
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe('NOT_FOUND');
    const none = await new Client(s.url).get('/launches/00000000-0000-4000-8000-000000000000/draw');
    expect(none.status).toBe(404);
  });
});

describe('draw verifier (unit)', () => {
  it('accepts launch page URLs and API URLs alike', () => {
    expect(drawApiUrl('https://mall.example/launches/abc')).toBe('https://mall.example/api/v1/launches/abc/draw');
    expect(drawApiUrl('https://mall.example/launches/abc/draw?x=1')).toBe('https://mall.example/api/v1/launches/abc/draw');
    expect(drawApiUrl('http://127.0.0.1:3000/api/v1/launches/abc/draw')).toBe('http://127.0.0.1:3000/api/v1/launches/abc/draw');
  });

  it('the shuffle is a permutation that the Python implementation reproduces for many sizes', () => {
    for (const n of [0, 1, 2, 3, 10, 257]) {
      const tickets = Array.from({ length: n }, (_, i) => createHash('sha256').update(String(i)).digest('hex').slice(0, 32));
      const seed = createHash('sha256').update(`seed-${n}`).digest('hex');
      const line = shuffleTickets(seed, tickets);
      expect([...line].sort()).toEqual([...tickets].sort());
      const entrants = tickets.map((ticket, i) => ({ arrival: i + 1, ticket }));
      const text = entrants.map((e) => `${e.arrival} ${e.ticket}\n`).join('');
      const draw = { state: 'drawn', seed, commitment: createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'), entrantsHash: createHash('sha256').update(text).digest('hex'), entrants, line };
      expect(pythonVerify(draw)).toMatchObject({ commitment_ok: true, entrants_hash_ok: true, line_ok: true });
    }
  });
});
