/**
 * Where the hot path's time goes, stage by stage (`STAGE_TIMING=true`; off by default, when it
 * costs one branch per stage): reading and checking the request, resolving the caller, the rate
 * limits, the stock decision, the ledger write (its statements, per answer), the answer, and the
 * analytics record. Totals per route and stage in microseconds, served on /metrics
 * (`flashmall_hot_path_stage_microseconds_total`) and read by `npm run bench:flash` for its
 * per-stage table. What is left of a request's CPU — Node's HTTP parsing and writing, the event
 * loop, garbage collection — is the difference to the process's CPU per request.
 */
import { performance } from 'node:perf_hooks';

/** The routes timed. */
export type HotRoute = 'reserve' | 'join' | 'status';
/** The stages timed. */
export type HotStage = 'request' | 'auth' | 'limit' | 'decide' | 'write' | 'answer' | 'analytics';

/** Per-route, per-stage time totals of the hot path (see the file comment). */
export class StageTimer {
  /** Microseconds spent per route and stage, and requests per route. */
  readonly totals = new Map<string, number>();
  readonly requests = new Map<HotRoute, number>();

  constructor(readonly on: boolean) {}

  /** A start mark (0 when timing is off). */
  start(): number {
    return this.on ? performance.now() : 0;
  }

  /** Adds the time since `since` to a stage; returns the new mark. */
  add(route: HotRoute, stage: HotStage, since: number): number {
    if (!this.on) return 0;
    const now = performance.now();
    const k = `${route}:${stage}`;
    this.totals.set(k, (this.totals.get(k) ?? 0) + (now - since) * 1000);
    return now;
  }

  /** Adds a time measured elsewhere (µs), spread over `n` requests of a batch. */
  addMicros(route: HotRoute, stage: HotStage, micros: number): void {
    if (!this.on) return;
    const k = `${route}:${stage}`;
    this.totals.set(k, (this.totals.get(k) ?? 0) + micros);
  }

  /** Counts one request of a route. */
  count(route: HotRoute): void {
    if (this.on) this.requests.set(route, (this.requests.get(route) ?? 0) + 1);
  }
}
