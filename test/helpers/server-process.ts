/**
 * The real server as a child process (its own process group: tsx starts node as a child, and
 * SIGKILL goes to both), on a SQLite data directory or a PostgreSQL schema of its own, for the
 * crash tests of the money flows. `kill9` is kill -9; a crash point (CRASH_POINTS) makes the
 * server kill itself, which `exited` notices.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import type { Database } from '../../src/db/schema.js';
import { PG_URL } from '../harness.js';
import { SMTP_URL } from './mail.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Where a server process keeps its data: a SQLite directory or a PostgreSQL schema, and a direct handle to it. */
export class ServerData {
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-money-crash-'));
  readonly schema = `t_${randomBytes(6).toString('hex')}`;
  private dbs: Array<Kysely<Database>> = [];

  constructor(readonly engine: 'sqlite' | 'postgres') {}

  async init(): Promise<void> {
    if (this.engine !== 'postgres') return;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${this.schema}`);
    await c.end();
  }

  /** The environment that points a server at this data. */
  env(): Record<string, string> {
    if (this.engine === 'sqlite') return { DATA_DIR: this.dataDir };
    const u = new URL(PG_URL);
    u.searchParams.set('options', `-c search_path=${this.schema}`);
    return { DATA_DIR: this.dataDir, DATABASE_URL: u.toString() };
  }

  /** A Kysely handle on the same database (read it while the server runs, or after it died). */
  open(): Kysely<Database> {
    const db =
      this.engine === 'sqlite'
        ? new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path.join(this.dataDir, 'flashmall.sqlite'), { readonly: true }) }) })
        : new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${this.schema}` }) }) });
    this.dbs.push(db);
    return db;
  }

  async destroy(): Promise<void> {
    for (const db of this.dbs) await db.destroy().catch(() => {});
    if (this.engine === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
      await c.end();
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** One server process on `data`, started and killed at will. */
export class ServerProcess {
  private proc: ChildProcess | null = null;
  exited: Promise<void> = Promise.resolve();
  output = '';

  constructor(
    readonly data: ServerData,
    readonly port: number,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts it with extra settings and waits until /healthz answers. */
  async start(env: Record<string, string> = {}): Promise<void> {
    const full: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: this.url,
      SEED_DEMO: 'false',
      SCRYPT_COST: '1024',
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD: 'admin-password-1',
      RATE_LIMIT_ENABLED: 'false',
      SANDBOX_DUPLICATE_RATE: '0',
      SWEEP_INTERVAL_MS: '200',
      MONEY_RESUME_GRACE_MS: '0',
      SANDBOX_PAYOUT_DELAY_MS: '0',
      // Sign-up codes go to the tests' SMTP server, where the harness's signup() reads them.
      SMTP_URL,
      ...this.data.env(),
      ...env,
    };
    const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/server.ts'], { cwd: ROOT, env: full, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    // Should the test process die first, take the server down with it (its own group, by id).
    const reap = () => {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(-proc.pid!, 'SIGKILL');
    };
    process.once('exit', reap);
    void this.exited.then(() => process.off('exit', reap));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited at start (${proc.exitCode ?? proc.signalCode}):\n${this.output}`);
      try {
        const r = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (r.ok) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not come up:\n${this.output}`);
      await sleep(40);
    }
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Waits until the process is gone (it killed itself at a crash point) and its port is free. */
  async gone(timeoutMs = 15_000): Promise<void> {
    await Promise.race([this.exited, sleep(timeoutMs).then(() => Promise.reject(new Error(`server still running:\n${this.output}`)))]);
    // The node child is in the same group: make sure nothing of it is left, then wait for the port.
    if (this.proc?.pid) {
      try {
        process.kill(-this.proc.pid, 'SIGKILL');
      } catch {
        /* the group is gone */
      }
    }
    this.proc = null;
    for (let i = 0; i < 200; i++) {
      const up = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(200) }).then(
        () => true,
        () => false,
      );
      if (!up) return;
      await sleep(20);
    }
    throw new Error('server still answering after it died');
  }

  /** kill -9, the whole process group; resolves once it is gone. */
  async kill9(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return this.gone();
    process.kill(-proc.pid!, 'SIGKILL');
    await this.gone();
  }
}
