/**
 * The start-reminder run of the flash-sale benchmark (`npm run bench:flash -- --only reminders`):
 * a launch with up to 10,000 registered buyers (registered over HTTP, their "registered" mails
 * delivered first) gets its start reminders written by the server's own sweep — in
 * NOTIFY_BATCH_SIZE transactions from a cursor — while reservations of another, live launch run
 * flat out. Reservations/s are measured without reminders (the same blast, before), and with
 * them, split into the stretch while the reminder batches were being written and the stretch
 * while the reminders were being delivered (handed to the mail outbox and push), from the
 * response times of the blast itself. The sweep's progress is read from the database while it
 * runs (the SQLite file read-only beside the server, or PostgreSQL).
 *
 * The reminders start when the launch comes within NOTIFY_REMINDER_LEAD_MS (10 minutes unless
 * the server was given another) of its start. The launch is scheduled an hour beyond that, and
 * a second into the measured run its start is moved into the reminder window straight in the
 * database (there is no API to reschedule a launch, and waiting for the clock would leave the
 * moment to chance): to the sweep, which reads launches from the database, that is the clock
 * reaching the window.
 */
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { Answer, Call } from '../tools/launch-buyers.js';
import { blast } from './blaster.js';

/** A row the bench reads back (counts and times). */
type Row = Record<string, string | number | null>;

/** What the run needs from bench/flash.ts. */
export interface RemindersRunOptions {
  call: Call;
  /** The server's port (the blast's). */
  port: number;
  connections: number;
  durationSeconds: number;
  log: (...a: unknown[]) => void;
  /** The seller's token and store, and a SKU with at least one unit of stock left for the reminded launch. */
  seller: string;
  storeId: string;
  skuId: string;
  /** Buyers to register for the reminded launch (10,000 in a full run). */
  registrants: ReadonlyArray<{ id: string; token: string }>;
  /** The live launch reserved in meanwhile: buyers with their admission passes. */
  reserve: { launchId: string; skuId: string; buyers: ReadonlyArray<{ id: string; token: string }>; pass: (buyerId: string) => string };
  /** Where progress is read: the server's SQLite file, or its PostgreSQL. */
  database: string | pg.Pool;
  /** --json: the table is left out (stdout has only the benchmark's JSON); the figures still go to `log`. */
  json?: boolean;
}

/** Reservation requests answered per second in a stretch of the blast (from the times of its answers). */
interface Window {
  fromMs: number;
  toMs: number;
  seconds: number;
  reservationsPerSecond: number | null;
}

/** A counting query on the server's database, SQLite or PostgreSQL (`?` placeholders). */
function reader(database: string | pg.Pool): { one: (q: string, params?: unknown[]) => Promise<Row | undefined>; run: (q: string, params?: unknown[]) => Promise<void>; close: () => void } {
  if (typeof database === 'string') {
    const db = new SQLite(database);
    db.pragma('busy_timeout = 10000');
    const stmts = new Map<string, SQLite.Statement>();
    const prepared = (q: string) => {
      let st = stmts.get(q);
      if (!st) stmts.set(q, (st = db.prepare(q)));
      return st;
    };
    return {
      one: (q, params = []) => Promise.resolve(prepared(q).get(...params) as Row | undefined),
      run: (q, params = []) => Promise.resolve(void prepared(q).run(...params)),
      close: () => db.close(),
    };
  }
  const numbered = (q: string) => {
    let i = 0;
    return q.replace(/\?/g, () => `$${++i}`);
  };
  return {
    one: async (q, params = []) => (await database.query(numbered(q), params)).rows[0] as Row | undefined,
    run: async (q, params = []) => void (await database.query(numbered(q), params)),
    close: () => {},
  };
}

async function parallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** Runs the scenario (see the file comment), prints its table and returns its figures. */
export async function remindersRun(o: RemindersRunOptions) {
  const { call, log } = o;
  const db = reader(o.database);
  const n = o.registrants.length;
  const leadMs = Number(process.env.NOTIFY_REMINDER_LEAD_MS ?? 600_000);
  const durationMs = o.durationSeconds * 1000;
  const startsAt = Date.now() + leadMs + 3600_000;
  const launch = (await call('POST', `/api/v1/stores/${o.storeId}/launches`, o.seller, {
    title: 'Bench reminders',
    startsAt,
    endsAt: startsAt + 3600_000,
    perBuyerLimit: 1,
    admission: { ratePerSecond: 1000, maxActive: 10_000, passTtlMs: 120_000 },
    items: [{ skuId: o.skuId, allotment: 1, launchPriceMinor: 1499_00 }],
  })).body as Answer<'/api/v1/stores/{storeId}/launches', 'post', 201>;
  if (!launch.id) throw new Error(`reminders: the launch was refused: ${JSON.stringify(launch)}`);

  const pending = async () => Number((await db.one("SELECT COUNT(*) AS n FROM notification_deliveries WHERE status IN ('pending', 'sending')"))?.n ?? 0);
  const unsentMail = async () => Number((await db.one('SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL AND attempts < 10'))?.n ?? 0);
  const drained = async (what: string, timeoutMs = 900_000) => {
    const t = Date.now();
    for (;;) {
      const [d, m] = [await pending(), await unsentMail()];
      if (d === 0 && m === 0) return (Date.now() - t) / 1000;
      if (Date.now() - t > timeoutMs) throw new Error(`reminders: ${what} still has ${d} deliveries and ${m} mails waiting after ${timeoutMs / 1000} s`);
      await sleep(250);
    }
  };

  log(`reminders: ${n} buyers register for a launch ...`);
  const t = Date.now();
  const refused: Record<string, number> = {};
  await parallel(o.registrants, 64, async (b) => {
    const r = await call('POST', `/api/v1/launches/${launch.id}/registrations`, b.token, {});
    if (r.status !== 200) refused[r.status] = (refused[r.status] ?? 0) + 1;
  });
  const registerSeconds = (Date.now() - t) / 1000;
  const registered = Number((await db.one('SELECT COUNT(*) AS n FROM launch_registrations WHERE launch_id = ?', [launch.id]))?.n ?? 0);
  if (registered !== n) log(`reminders: warning: ${registered} of ${n} registrations recorded (refused: ${JSON.stringify(refused)})`);
  const mailSeconds = await drained('the registration mails');
  log(`reminders: ${registered} registered in ${round(registerSeconds, 1)} s; their registration mails and pushes delivered ${round(mailSeconds, 1)} s later`);

  /** One reservation blast, with the time of every answer (ms since its start). */
  let keyRun = 0;
  const reserveBlast = async (label: string) => {
    const run = ++keyRun;
    const answers: number[] = [];
    const t0 = Date.now();
    const r = await blast({
      port: o.port,
      connections: o.connections,
      durationMs,
      build: (i) => {
        const b = o.reserve.buyers[i % o.reserve.buyers.length]!;
        return {
          method: 'POST',
          path: `/api/v1/launches/${o.reserve.launchId}/reservations`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}`, 'x-admission-pass': o.reserve.pass(b.id), 'idempotency-key': `reminders-${run}-${i}` },
          body: JSON.stringify({ skuId: o.reserve.skuId }),
        };
      },
      onResponse: () => {
        answers.push(Date.now() - t0);
      },
    });
    log(`reminders: ${label}: ${round(r.rps)} reservation requests/s (${JSON.stringify(r.statusCounts)}), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
    return { r, t0, answers };
  };
  const rateIn = (answers: number[], fromMs: number, toMs: number): Window | null => {
    // Only the part inside the run.
    toMs = Math.min(toMs, durationMs);
    if (toMs <= fromMs) return null;
    const seconds = (toMs - fromMs) / 1000;
    const k = answers.filter((a) => a >= fromMs && a < toMs).length;
    return { fromMs: round(fromMs), toMs: round(toMs), seconds: round(seconds, 2), reservationsPerSecond: seconds >= 0.2 ? round(k / seconds) : null };
  };

  const remindersWritten = async () => Number((await db.one("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'launch_starting' AND event_key LIKE ?", [`start:${launch.id}:%`]))?.n ?? 0);
  /** Reads the progress every 100 ms while a run lasts (during both runs, so both bear the same reading). */
  const watch = (t0: number, print: boolean) => {
    const progress: Array<{ atMs: number; reminders: number; pendingDeliveries: number }> = [];
    let polling = true;
    let lastLine = 0;
    const done = (async () => {
      while (polling) {
        const p = { atMs: Date.now() - t0, reminders: await remindersWritten(), pendingDeliveries: await pending() };
        progress.push(p);
        if (print && p.atMs - lastLine >= 1000) {
          lastLine = p.atMs;
          log(`  +${(p.atMs / 1000).toFixed(1)} s  reminders written ${p.reminders}/${registered}  deliveries waiting ${p.pendingDeliveries}`);
        }
        await sleep(100);
      }
    })();
    return { progress, stop: () => ((polling = false), done) };
  };

  log(`reminders: reserve without reminders: ${o.connections} connections, ${o.durationSeconds} s ...`);
  const quiet = watch(Date.now(), false);
  const without = await reserveBlast('without reminders');
  await quiet.stop();

  log(`reminders: reserve while the sweep writes ${registered} start reminders: ${o.connections} connections, ${o.durationSeconds} s ...`);
  const withRun = reserveBlast('with reminders');
  const t0 = Date.now();
  // A second in, the launch comes within the reminder lead (see the file comment); the next sweep (SWEEP_INTERVAL_MS) starts writing.
  const due = sleep(1000).then(() => db.run('UPDATE launches SET starts_at = ? WHERE id = ?', [Date.now() + leadMs - 1000, launch.id]));
  const watching = watch(t0, true);
  const progress = watching.progress;
  const withReminders = await withRun;
  await Promise.all([watching.stop(), due]);

  // The writing: from the first batch's commit to the last one's (the rows' own times), on the blast's time line.
  const times = await db.one("SELECT MIN(created_at) AS first, MAX(created_at) AS last, COUNT(*) AS n FROM notifications WHERE kind = 'launch_starting' AND event_key LIKE ?", [`start:${launch.id}:%`]);
  const batch = await db.one('SELECT cursor, done_at FROM notification_batches WHERE key = ?', [`start:${launch.id}`]);
  const written = Number(times?.n ?? 0);
  const firstMs = times?.first != null ? Number(times.first) - withReminders.t0 : null;
  const lastMs = times?.last != null ? Number(times.last) - withReminders.t0 : null;
  const deliveredAt = progress.find((p) => lastMs !== null && p.atMs > lastMs && p.pendingDeliveries === 0)?.atMs ?? null;
  const left = await pending();
  // How fast the reminders went out during the run: from the most waiting after the writing to what was left at its end.
  const afterWriting = progress.filter((p) => lastMs !== null && p.atMs >= lastMs);
  const peak = afterWriting.reduce((m, p) => (p.pendingDeliveries > m.pendingDeliveries ? p : m), afterWriting[0] ?? { atMs: 0, pendingDeliveries: 0, reminders: 0 });
  const lastSample = afterWriting.at(-1);
  const deliveriesPerSecond = lastSample && lastSample.atMs > peak.atMs ? round((peak.pendingDeliveries - lastSample.pendingDeliveries) / ((lastSample.atMs - peak.atMs) / 1000)) : null;
  const drainSeconds = left > 0 ? await drained('the reminders') : 0;
  db.close();

  const end = durationMs;
  const writing = firstMs !== null && lastMs !== null ? rateIn(withReminders.answers, firstMs, Math.max(lastMs, firstMs + 1)) : null;
  const delivering = lastMs !== null ? rateIn(withReminders.answers, lastMs, deliveredAt ?? end) : null;
  const before = firstMs !== null ? rateIn(withReminders.answers, 0, firstMs) : null;
  const after = deliveredAt !== null ? rateIn(withReminders.answers, deliveredAt, end) : null;
  const out = {
    registered,
    registerSeconds: round(registerSeconds, 1),
    remindersWritten: written,
    writeSeconds: firstMs !== null && lastMs !== null ? round((lastMs - firstMs) / 1000, 2) : null,
    batchDone: batch?.done_at != null,
    deliveredSecondsAfterWriting: deliveredAt !== null && lastMs !== null ? round((deliveredAt - lastMs) / 1000, 2) : null,
    deliveriesLeftAtEnd: left,
    deliveriesPerSecondDuringRun: deliveriesPerSecond,
    drainedSecondsAfterRun: round(drainSeconds, 1),
    withoutRps: round(without.r.rps),
    withoutP99Ms: without.r.p99Ms,
    withRps: round(withReminders.r.rps),
    withP99Ms: withReminders.r.p99Ms,
    windows: { beforeReminders: before, whileWriting: writing, whileDelivering: delivering, afterDelivered: after },
  };
  const row = (w: Window | null) => (w ? { 'reservations/s': w.reservationsPerSecond, from: `+${(w.fromMs / 1000).toFixed(2)} s`, seconds: w.seconds } : { 'reservations/s': null, from: '-', seconds: 0 });
  log('');
  log(`reminders: ${written} start reminders written for ${registered} registered buyers in ${out.writeSeconds ?? '-'} s (from +${firstMs !== null ? (firstMs / 1000).toFixed(2) : '-'} s into the run), batch ${out.batchDone ? 'done' : 'not yet marked done'}; delivered (e-mail and push, ${deliveriesPerSecond ?? '-'} deliveries/s during the run) ${out.deliveredSecondsAfterWriting ?? '-'} s after the last was written${left ? ` (${left} still waiting at the end of the run, drained ${out.drainedSecondsAfterRun} s later)` : ''}`);
  if (!o.json) console.table({
    'reserve, no reminders (whole run)': { 'reservations/s': out.withoutRps, from: '-', seconds: o.durationSeconds },
    'reserve, reminders due (whole run)': { 'reservations/s': out.withRps, from: '-', seconds: o.durationSeconds },
    '  before the first batch': row(before),
    '  while the batches were written': row(writing),
    '  while the reminders were delivered': row(delivering),
    '  after they were all delivered': row(after),
  });
  log(`reminders: ${JSON.stringify(out)}`);
  return out;
}
