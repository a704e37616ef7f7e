/**
 * Verifies a launch's draw from what it publishes (docs/draw.md), importing nothing of the
 * server: `npm run verify-draw -- <launch page URL | draw API URL> [--ticket <your ticket>]`.
 *
 * It fetches GET /api/v1/launches/:id/draw, checks that the revealed seed hashes to the
 * commitment, that the frozen entrant list hashes to the published hash, and that shuffling the
 * list with the seed gives the published line; with --ticket it prints that ticket's place.
 * Exits 0 when every check passes, 1 when one fails, 2 on bad usage or an unreachable server.
 */
import { createHash, createHmac } from 'node:crypto';

/** The draw as GET /api/v1/launches/:id/draw serves it (the fields this tool reads). */
interface Draw {
  launchId: string;
  state: string;
  commitment: string | null;
  committedAt: number | null;
  seed: string | null;
  entrantsHash: string | null;
  entrants: Array<{ arrival: number; ticket: string }>;
  line: string[];
}

/** The API URL of a launch's draw, from a launch page URL (…/launches/:id[/draw]) or the API URL itself. */
export function drawApiUrl(input: string): string {
  const u = new URL(input);
  const m = /\/launches\/([^/?#]+)/.exec(u.pathname);
  if (!m) throw new Error(`not a launch URL: ${input}`);
  return `${u.origin}/api/v1/launches/${m[1]}/draw`;
}

/** The shuffle of docs/draw.md: Fisher–Yates by HMAC-SHA256(seed, i[:attempt]) with rejection. */
export function shuffleTickets(seedHex: string, tickets: readonly string[]): string[] {
  const key = Buffer.from(seedHex, 'hex');
  const a = [...tickets];
  const span = 2n ** 48n;
  for (let i = a.length - 1; i > 0; i--) {
    const m = BigInt(i + 1);
    const limit = span - (span % m);
    let j: number | null = null;
    for (let attempt = 0; j === null; attempt++) {
      const mac = createHmac('sha256', key).update(attempt === 0 ? `${i}` : `${i}:${attempt}`, 'ascii').digest();
      const r = BigInt(`0x${mac.subarray(0, 6).toString('hex')}`);
      if (r < limit) j = Number(r % m);
    }
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** Every check of docs/draw.md, "Checking a draw"; `ticket` adds its place. */
export function checkDraw(d: Draw, ticket?: string): { checks: Array<{ name: string; ok: boolean }>; position: number | null; line: string[] } {
  if (d.state !== 'drawn' || !d.seed || !d.commitment || !d.entrantsHash) return { checks: [{ name: `the draw is done (state: ${d.state})`, ok: false }], position: null, line: [] };
  const listText = d.entrants.map((e) => `${e.arrival} ${e.ticket}\n`).join('');
  const line = shuffleTickets(d.seed, d.entrants.map((e) => e.ticket));
  const checks = [
    { name: 'the revealed seed hashes to the commitment', ok: createHash('sha256').update(Buffer.from(d.seed, 'hex')).digest('hex') === d.commitment },
    { name: 'the entrant list hashes to the published hash', ok: createHash('sha256').update(listText, 'utf8').digest('hex') === d.entrantsHash },
    { name: 'arrival numbers strictly increase', ok: d.entrants.every((e, i) => i === 0 || d.entrants[i - 1]!.arrival < e.arrival) },
    { name: 'the line follows from the seed and the list', ok: line.length === d.line.length && line.every((t, i) => t === d.line[i]) },
  ];
  const at = ticket ? line.indexOf(ticket) : -1;
  if (ticket) checks.push({ name: `ticket ${ticket} is in the list`, ok: at >= 0 });
  return { checks, position: at >= 0 ? at + 1 : null, line };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const t = args.indexOf('--ticket');
  const ticket = t >= 0 ? args[t + 1] : undefined;
  const target = args.find((a, i) => !a.startsWith('--') && (t < 0 || i !== t + 1));
  if (!target) {
    console.error('usage: npm run verify-draw -- <launch URL> [--ticket <ticket>]');
    return 2;
  }
  let draw: Draw;
  try {
    const res = await fetch(drawApiUrl(target), { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    draw = (await res.json()) as Draw;
  } catch (err) {
    console.error(`could not read the draw: ${(err as Error).message}`);
    return 2;
  }
  const out = checkDraw(draw, ticket);
  console.log(`launch ${draw.launchId}: ${draw.entrants.length} entrants, committed ${draw.committedAt ? new Date(draw.committedAt).toISOString() : '—'}`);
  console.log(`  commitment ${draw.commitment ?? '—'}`);
  console.log(`  seed       ${draw.seed ?? '(not revealed yet)'}`);
  for (const c of out.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}`);
  if (ticket && out.position) console.log(`  ticket ${ticket} is place ${out.position} of ${out.line.length}`);
  const ok = out.checks.every((c) => c.ok);
  console.log(ok ? 'VERIFIED' : 'NOT VERIFIED');
  return ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
