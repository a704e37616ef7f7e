/**
 * Background sweeps every app process runs: expire unpaid orders, send refunds and payouts a
 * crash left recorded but unsent, settle the sandbox's payouts and deliver its webhooks, and
 * (app.ts adds them) expire holds, settle the
 * stock authority, reconcile shared stock with the ledger (`every`, a slower cadence), return
 * unsold stock, load upcoming launches, prune rows past their retention (src/retention). Each is
 * safe to run in many processes at once.
 */
import type { AppContext } from './context.js';
import { expireOverdueOrders } from './orders/service.js';
import { resumeRefunds } from './payments/refunds.js';
import { resumePayouts } from './money/payouts.js';
import type { SandboxGateway } from './payments/sandbox.js';

/** The running sweeper. */
export interface Sweeper {
  /** Runs every sweep once, now (tests call this instead of waiting). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/** A job that runs at most once every `ms` however often the sweeper calls it (slower sweeps, such as stock reconciliation). */
export function every(ms: number, job: () => Promise<unknown>, now: () => number = Date.now): () => Promise<unknown> {
  let last = -Infinity;
  return async () => {
    if (now() - last < ms) return;
    last = now();
    await job();
  };
}

/** Starts the periodic sweeps (and `extra` jobs after them); tests stop it and call `runOnce`. */
export function startSweeper(ctx: AppContext, gateway: SandboxGateway | null, extra: Array<() => Promise<unknown>> = []): Sweeper {
  let running: Promise<void> | null = null;
  let stopped = false;
  const runOnce = async () => {
    await expireOverdueOrders(ctx);
    await resumeRefunds(ctx);
    await resumePayouts(ctx);
    if (gateway) {
      await gateway.settlePayouts();
      await gateway.deliverDue();
    }
    for (const job of extra) await job();
  };
  const tick = () => {
    if (running || stopped) return;
    running = runOnce()
      .catch((err) => ctx.log.error({ err }, 'sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, ctx.config.sweepIntervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
