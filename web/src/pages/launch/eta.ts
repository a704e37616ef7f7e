/**
 * An honest wait estimate for a place in line. The server's figure is the line at the
 * launch's nominal admission rate; the line really moves slower whenever the cap of buyers
 * admitted at once is reached, or units run out. So the page also watches how fast the line
 * moved while it was open, and shows the slower of the two — never "under a minute" for a
 * line that takes two. No imports: the tests load it as it is.
 */

/** One look at the line: when (server time, ms) and how many were ahead. */
export interface LineSample {
  at: number;
  ahead: number;
}

/** What to say about the wait. */
export type WaitEstimate = { kind: 'seconds'; seconds: number } | { kind: 'stalled' } | { kind: 'unknown' };

/** How far back the observed pace looks (ms). */
export const PACE_WINDOW_MS = 90_000;
/** The pace is trusted once the page has watched the line this long (ms). */
export const PACE_MIN_SPAN_MS = 10_000;
/** A line that has not moved for this long while buyers are ahead is called stalled (ms). */
export const STALL_MS = 20_000;

/**
 * Adds a look at the line to the samples kept (newest last): older than the window ones go,
 * and a place further back than before (the buyer was put back in line) starts afresh.
 */
export function addSample(samples: readonly LineSample[], next: LineSample): LineSample[] {
  const last = samples[samples.length - 1];
  if (last && next.ahead > last.ahead) return [next];
  if (last && next.at <= last.at) return [...samples];
  return [...samples, next].filter((s) => s.at >= next.at - PACE_WINDOW_MS);
}

/**
 * The wait: the larger of the server's estimate and the one from the pace the line was seen
 * to move at; stalled when it has not moved for a while with buyers ahead.
 */
export function estimateWait(samples: readonly LineSample[], serverEtaSeconds: number | null): WaitEstimate {
  const last = samples[samples.length - 1];
  if (!last) return serverEtaSeconds === null ? { kind: 'unknown' } : { kind: 'seconds', seconds: serverEtaSeconds };
  const first = samples[0]!;
  const span = last.at - first.at;
  const moved = first.ahead - last.ahead;
  if (moved <= 0 && span >= STALL_MS) return { kind: 'stalled' };
  const observed = last.ahead > 0 && moved > 0 && span >= PACE_MIN_SPAN_MS ? Math.ceil((last.ahead * span) / moved / 1000) : 0;
  return { kind: 'seconds', seconds: Math.max(serverEtaSeconds ?? 0, observed) };
}

/** The estimate in whole units, rounded up (a 61-second wait is "about 2 min", never "under a minute"). */
export function waitUnits(seconds: number): { unit: 'soon' } | { unit: 'min'; n: number } | { unit: 'h'; n: number } {
  if (seconds < 60) return { unit: 'soon' };
  if (seconds < 3600) return { unit: 'min', n: Math.ceil(seconds / 60) };
  return { unit: 'h', n: Math.ceil(seconds / 1800) / 2 };
}
