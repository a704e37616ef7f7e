/**
 * The Lua scripts of the scale-out mode (`lua/*.lua`), defined on a Redis connection with
 * ioredis `defineCommand` (EVALSHA, falling back to EVAL, and pipelined like any command) and
 * typed here once: callers see methods with typed arguments and replies, never `any`.
 *
 * Stock scripts share `stock-lib.lua` (the generation check, the one codec of a stored hold,
 * the books check), room scripts `room-lib.lua`; each is prepended to its scripts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Redis, Result } from 'ioredis';

/** A script's raw reply: Redis turns Lua tables into arrays of strings and integers. */
export type Reply = Array<string | number>;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    fmStockTake(...args: Array<string | number>): Result<Reply, Context>;
    fmStockSettle(...args: Array<string | number>): Result<Reply, Context>;
    fmStockConfirm(...args: Array<string | number>): Result<Reply, Context>;
    fmStockForget(...args: Array<string | number>): Result<Reply, Context>;
    fmStockUnits(...args: Array<string | number>): Result<Reply, Context>;
    fmStockStranded(...args: Array<string | number>): Result<Reply, Context>;
    fmStockBooks(...args: Array<string | number>): Result<Reply, Context>;
    fmStockBorrow(...args: Array<string | number>): Result<Reply, Context>;
    fmStockDeliver(...args: Array<string | number>): Result<Reply, Context>;
    fmStockSwitch(...args: Array<string | number>): Result<number, Context>;
    fmStockLoadHolds(...args: Array<string | number>): Result<number, Context>;
    fmRoomGet(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomJoin(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomAdmit(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomRequeue(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomFinish(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomPosition(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomStats(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomFreeze(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomApply(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomDrawn(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomRestoreMissing(...args: Array<string | number>): Result<Reply, Context>;
    fmRoomSwitch(...args: Array<string | number>): Result<number, Context>;
    fmRegHas(...args: Array<string | number>): Result<number, Context>;
    fmRegAdd(...args: Array<string | number>): Result<number, Context>;
    fmRegCount(...args: Array<string | number>): Result<number, Context>;
    fmUnlock(...args: Array<string | number>): Result<number, Context>;
    fmExtend(...args: Array<string | number>): Result<number, Context>;
  }
}

const lua = (name: string) => fs.readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');

/** Every script: command name, file, library it needs, number of keys. */
const SCRIPTS = [
  ['fmStockTake', 'take', 'stock', 9],
  ['fmStockSettle', 'settle', 'stock', 8],
  ['fmStockConfirm', 'confirm', 'stock', 2],
  ['fmStockForget', 'forget', 'stock', 2],
  ['fmStockUnits', 'units', 'stock', 2],
  ['fmStockStranded', 'stranded', 'stock', 2],
  ['fmStockBooks', 'books', 'stock', 5],
  ['fmStockBorrow', 'borrow', 'stock', 6],
  ['fmStockDeliver', 'deliver', 'stock', 4],
  ['fmStockSwitch', 'switch', null, 6],
  ['fmStockLoadHolds', 'load-holds', 'stock', 1],
  ['fmRoomGet', 'room-get', 'room', 2],
  ['fmRoomJoin', 'room-join', 'room', 7],
  ['fmRoomAdmit', 'room-admit', 'room', 7],
  ['fmRoomRequeue', 'room-requeue', 'room', 5],
  ['fmRoomFinish', 'room-finish', 'room', 3],
  ['fmRoomPosition', 'room-position', 'room', 2],
  ['fmRoomStats', 'room-stats', 'room', 6],
  ['fmRoomFreeze', 'room-freeze', 'room', 5],
  ['fmRoomApply', 'room-apply', 'room', 4],
  ['fmRoomDrawn', 'room-drawn', 'room', 3],
  ['fmRoomRestoreMissing', 'room-restore-missing', 'room', 6],
  ['fmRoomSwitch', 'switch', null, 3],
  ['fmRegHas', 'reg-has', null, 2],
  ['fmRegAdd', 'reg-add', null, 2],
  ['fmRegCount', 'reg-count', null, 2],
  ['fmUnlock', 'unlock', null, 1],
  ['fmExtend', 'extend', null, 1],
] as const;

const defined = new WeakSet<object>();

/**
 * Defines every script on a connection, once. Call it before traffic flows: ioredis copies
 * script commands into its automatic pipelines when it opens them, so a script defined while
 * one is open cannot join it.
 */
export function defineScripts(redis: Redis): void {
  if (defined.has(redis)) return;
  defined.add(redis);
  const libs = { stock: lua('stock-lib'), room: lua('room-lib') };
  for (const [name, file, lib, numberOfKeys] of SCRIPTS) {
    redis.defineCommand(name, { numberOfKeys, lua: `${lib ? libs[lib] : ''}\n${lua(file)}` });
  }
}

/** Releases a lock only if it is still the caller's (its token). A failure is left alone: the lock lapses by itself. */
export async function unlock(redis: Redis, key: string, token: string): Promise<void> {
  await redis.fmUnlock(key, token).catch(() => undefined);
}

/** How long a lock's lease lasts; the holder renews it every third of that while it works. */
export const LEASE_MS = 3000;

/**
 * Runs `fn` holding a lock under a lease: taken with SET NX PX, renewed while `fn` runs, released
 * after. A holder that dies leaves the lock for at most one lease. Returns null (without running
 * `fn`) when someone else holds it. Locks here only keep work from being done twice at once;
 * what makes it safe when it is (a lease lapsed under a stalled holder) is the generations.
 */
export async function withLease<T>(redis: Redis, key: string, fn: () => Promise<T>): Promise<{ value: T } | null> {
  const token = randomUUID();
  if (!(await redis.set(key, token, 'PX', LEASE_MS, 'NX'))) return null;
  const renew = setInterval(() => void redis.fmExtend(key, token, LEASE_MS).catch(() => undefined), LEASE_MS / 3);
  renew.unref();
  try {
    return { value: await fn() };
  } finally {
    clearInterval(renew);
    await unlock(redis, key, token);
  }
}

/**
 * Sends many commands in pipelines of a bounded size (a rebuild can be hundreds of thousands
 * of them) and fails on the first error. Not atomic: callers write into a generation nobody
 * decides in yet, and switch to it last.
 */
export async function writeChunked(redis: Redis, commands: Array<[string, ...Array<string | number>]>, chunk = 10_000): Promise<void> {
  for (let i = 0; i < commands.length; i += chunk) {
    const res = await redis.pipeline(commands.slice(i, i + chunk)).exec();
    const failed = res?.find(([err]) => err)?.[0];
    if (failed) throw failed;
  }
}

/** A reply's element as a string / a number. */
export const str = (r: Reply, i: number): string => String(r[i] ?? '');
export const num = (r: Reply, i: number): number => Number(r[i] ?? 0);
