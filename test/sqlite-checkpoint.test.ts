/**
 * The store's SQLite WAL is checkpointed by a thread of its own: the store's connection no
 * longer checkpoints inside its commits (its own threshold is the fallback bound), the thread
 * moves the frames, and when the thread is gone the connection checkpoints for itself again.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, type StorageEngine } from '../src/db/engine.js';
import { eventually } from './harness.js';

describe('WAL checkpoints off the event loop [sqlite]', () => {
  let dir = '';
  let e: StorageEngine | null = null;
  afterEach(async () => {
    await e?.close();
    e = null;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const fill = (sqlite: NonNullable<StorageEngine['sqlite']>, rows: number) => {
    sqlite.exec('CREATE TABLE IF NOT EXISTS filler (k text PRIMARY KEY, v text NOT NULL)');
    const ins = sqlite.prepare('INSERT INTO filler (k, v) VALUES (?, ?)');
    const batch = sqlite.transaction((from: number) => {
      for (let i = from; i < from + 100; i++) ins.run(`${(i * 7919) % 100_003}-${i}`, 'x'.repeat(200));
    });
    for (let i = 0; i < rows; i += 100) batch(i);
  };

  it('the thread checkpoints what the store commits; the store connection waits for 16,384 pages before it would itself', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-ckpt-'));
    e = openEngine({ dataDir: dir });
    const sqlite = e.sqlite!;
    expect(e.checkpointer!.running).toBe(true);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
    fill(sqlite, 20_000);
    await eventually(() => Promise.resolve(e!.checkpointer!.stats.frames > 1000), 10_000, 'frames checkpointed by the thread');
    expect(e.checkpointer!.stats.errors).toBe(0);
    // Nothing is lost to the checkpoints: every row is there.
    expect((sqlite.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).toBe(20_000);
  });

  it('a process that opens the store and closes it ends by itself once closed (the thread does not hold it, nor is it cut off mid-close)', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-ckpt-'));
    const script = `import { openEngine } from ${JSON.stringify(path.resolve('src/db/engine.ts'))};
const e = openEngine({ dataDir: ${JSON.stringify(dir)} });
e.sqlite.exec('CREATE TABLE t (x)');
await e.close();
console.log('closed');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: r.status, out: r.stdout.trim() }).toEqual({ status: 0, out: 'closed' });
  });

  it('if the thread dies, the store connection checkpoints for itself at SQLite’s default again', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-ckpt-'));
    e = openEngine({ dataDir: dir });
    const cp = e.checkpointer!;
    // The thread ends without being asked (as a crash of it would).
    await (cp as unknown as { worker: Worker }).worker.terminate();
    await eventually(() => Promise.resolve(!cp.running), 5000, 'the thread seen gone');
    expect(e.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    fill(e.sqlite!, 2000);
    expect((e.sqlite!.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).toBe(2000);
  });
});
