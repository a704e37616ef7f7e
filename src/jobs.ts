/**
 * Background sweeps every app process runs: expire unpaid orders, deliver sandbox
 * webhooks, finish interrupted refunds. Each is safe to run in many processes at once.
 */
import type { AppContext } from './context.js';
import { expireOverdueOrders } from './orders/service.js';
import { settleRefunds } from './payments/service.js';
import type { SandboxGateway } from './payments/sandbox.js';

export interface Sweeper {
  /** Runs every sweep once, now (tests call this instead of waiting). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startSweeper(ctx: AppContext, gateway: SandboxGateway | null, extra: Array<() => Promise<unknown>> = []): Sweeper {
  let running: Promise<void> | null = null;
  let stopped = false;
  const runOnce = async () => {
    await expireOverdueOrders(ctx);
    await settleRefunds(ctx);
    if (gateway) await gateway.deliverDue();
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
