/** Shared pieces of the benchmarks: child servers, free ports, resident memory. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import fs from 'node:fs';
import net from 'node:net';

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

let serverCores: string | null = null;

/**
 * Puts this process (the load generator) on core 0 and every server started afterwards on the
 * others, when the machine has two cores or more and `taskset` is there; returns what it did.
 */
export function pinCores(): string {
  const n = os.cpus().length;
  if (n < 2) return 'not pinned (one core)';
  try {
    execFileSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return 'not pinned (no taskset)';
  }
  serverCores = n === 2 ? '1' : `1-${n - 1}`;
  return `load generator on core 0, servers on core${n === 2 ? '' : 's'} ${serverCores}`;
}

/** Starts a command and waits until `url` answers 200. */
export async function startChild(cmd: string, args: string[], env: NodeJS.ProcessEnv, url: string, timeoutMs = 60_000): Promise<ChildProcess> {
  const extra = process.env.BENCH_SERVER_NODE_OPTIONS ? process.env.BENCH_SERVER_NODE_OPTIONS.split(' ') : [];
  const full = cmd === process.execPath && args[0] !== 'bench/hello.mjs' ? [...extra, ...args] : args;
  // Servers on the cores set aside for them (taskset execs the command: the pid stays the server's).
  const pinned = serverCores ? ['taskset', ['-c', serverCores, cmd, ...full]] as const : [cmd, full] as const;
  const child = spawn(pinned[0], pinned[1], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  // BENCH_SERVER_LOG=file keeps everything the server says (a worker's crash, its restart).
  const keep = process.env.BENCH_SERVER_LOG && cmd === process.execPath && args.includes('src/server.ts') ? fs.createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' }) : null;
  child.stdout.on('data', (d) => {
    log += d;
    keep?.write(d);
  });
  child.stderr.on('data', (d) => {
    log += d;
    keep?.write(d);
  });
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited early:\n${log}`);
    try {
      const r = await fetch(url);
      if (r.ok) return child;
    } catch {
      /* not up yet */
    }
    if (Date.now() - start > timeoutMs) throw new Error(`${cmd} did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the child is gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** Resident set size of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 200 ms; returns a function that stops and gives the peak. */
export function watchRss(pid: number): () => number {
  let peak = rssMb(pid);
  const t = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  return () => {
    clearInterval(t);
    return Math.max(peak, rssMb(pid));
  };
}

/** The process and its children (a cluster primary and its workers), from /proc. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      const tasks = fs.readdirSync(`/proc/${out[i]}/task`);
      for (const t of tasks) {
        const kids = fs.readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Peak total RSS of a process tree in MB (sampled every 200 ms); call the result to stop and read it. */
export function watchRssTree(pid: number): () => number {
  const total = () => processTree(pid).reduce((s, p) => s + rssMb(p), 0);
  let peak = total();
  const t = setInterval(() => (peak = Math.max(peak, total())), 200);
  return () => {
    clearInterval(t);
    return Math.max(peak, total());
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 when it is gone). */
export function cpuSeconds(pid: number, mainThreadOnly = false): number {
  try {
    // A process's main thread has the process's id as its thread id.
    const stat = fs.readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Pids of every process whose command name is `name` (redis-server, postgres). */
export function pidsNamed(name: string): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === name) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

/**
 * CPU used by groups of processes over a stretch of time: `start()` samples, the returned
 * function samples again and gives the seconds each group used in between. A group named in
 * `mainThreadOnly` counts only its processes' main threads (not their worker threads, libuv's
 * pool or V8's helpers).
 */
export function cpuMeter(groups: Record<string, () => number[]>, mainThreadOnly: readonly string[] = []): () => Record<string, number> {
  const first = new Map<string, number>();
  const pids = Object.fromEntries(Object.entries(groups).map(([k, f]) => [k, f()]));
  const read = (group: string, p: number) => cpuSeconds(p, mainThreadOnly.includes(group));
  for (const [k, ps] of Object.entries(pids)) for (const p of ps) first.set(`${k} ${p}`, read(k, p));
  return () => {
    const out: Record<string, number> = {};
    for (const [k, f] of Object.entries(groups)) {
      // Processes that appeared meanwhile (a new connection's backend) count from zero.
      const now = new Set([...pids[k]!, ...f()]);
      out[k] = [...now].reduce((s, p) => s + Math.max(0, read(k, p) - (first.get(`${k} ${p}`) ?? 0)), 0);
    }
    return out;
  };
}

/** A process's command line (spaces between arguments), or '' when it is gone. */
export function cmdlineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
