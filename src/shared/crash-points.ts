/**
 * Crash points: named step boundaries of the money flows (a refund or payout recorded but not
 * yet sent, sent but not yet recorded as sent, …) and of notifications (an event committed but
 * not yet handed to the mail outbox; a mail committed to the outbox but not yet sent) where a test can have the process die for
 * real. `CRASH_POINTS=refund.before_provider` (or `payout.after_provider@3`: the third time
 * that point is reached) makes the process SIGKILL itself there; unset — as in production —
 * every point is a no-op. Tests in the same process pass a function of their own instead
 * (a simulated crash that throws).
 */

/** Every crash point the code has, so a setting naming another one is refused at start. */
export const CRASH_POINTS = [
  'refund.before_commit',
  'refund.before_provider',
  'refund.after_provider',
  'payout.before_commit',
  'payout.before_provider',
  'payout.after_provider',
  'notify.before_handoff',
  'mail.before_send',
] as const;

/** A named step boundary. */
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** What the code calls at each crash point. */
export type CrashHook = (point: CrashPoint) => void;

/** Parses `name` / `name@N` entries (N ≥ 1) into the point and the hit that kills. */
export function parseCrashPoints(spec: string): Map<CrashPoint, number> {
  const out = new Map<CrashPoint, number>();
  for (const part of spec.split(',').map((x) => x.trim()).filter(Boolean)) {
    const [name, nth] = part.split('@') as [string, string | undefined];
    if (!(CRASH_POINTS as readonly string[]).includes(name)) throw new Error(`CRASH_POINTS: unknown point "${name}" (known: ${CRASH_POINTS.join(', ')})`);
    const n = nth === undefined ? 1 : Number(nth);
    if (!Number.isInteger(n) || n < 1) throw new Error(`CRASH_POINTS: "${part}" needs a whole number ≥ 1 after @`);
    out.set(name as CrashPoint, n);
  }
  return out;
}

/** The hook for a parsed setting: SIGKILLs this process on the chosen hit of each chosen point. */
export function killingCrashHook(points: Map<CrashPoint, number>): CrashHook {
  if (points.size === 0) return () => {};
  const hits = new Map<CrashPoint, number>();
  return (point) => {
    const at = points.get(point);
    if (at === undefined) return;
    const n = (hits.get(point) ?? 0) + 1;
    hits.set(point, n);
    if (n === at) process.kill(process.pid, 'SIGKILL');
  };
}
