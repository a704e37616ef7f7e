/**
 * A lean HTTP/1.1 load generator for the flash-sale benchmark. autocannon rebuilds each
 * request through JavaScript objects when every request differs (a new idempotency key,
 * another buyer's token and pass), and on a 2-core machine that generator work, not the
 * server, set the pace. Here each request is one string concatenation written to a
 * keep-alive socket; responses are parsed by Content-Length. Latency goes into an HDR
 * histogram. The ceiling and Flashmall are driven by this same code with the same shape.
 */
import net from 'node:net';
import * as hdr from 'hdr-histogram-js';

export interface BlastRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface BlastResult {
  rps: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statusCounts: Record<string, number>;
  errors: number;
}

export interface BlastOptions {
  port: number;
  connections: number;
  durationMs: number;
  /** Builds request number i (called once per request). */
  build(i: number): BlastRequest;
  /** Sees every response (status and body). */
  onResponse?(i: number, status: number, body: string): void;
}

function serialize(r: BlastRequest, host: string): string {
  let head = `${r.method} ${r.path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const k in r.headers) head += `${k}: ${r.headers[k]}\r\n`;
  const body = r.body ?? '';
  if (r.method !== 'GET') head += `content-length: ${Buffer.byteLength(body)}\r\n`;
  return `${head}\r\n${body}`;
}

/** Runs `connections` keep-alive connections, one request in flight on each, for `durationMs`. */
export async function blast(o: BlastOptions): Promise<BlastResult> {
  const hist = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const statusCounts: Record<string, number> = {};
  let next = 0;
  let done = 0;
  let errors = 0;
  const host = `127.0.0.1:${o.port}`;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + o.durationMs;

  const conn = () =>
    new Promise<void>((resolve) => {
      const sock = net.connect(o.port, '127.0.0.1');
      sock.setNoDelay(true);
      let buf = '';
      let sentAt = 0n;
      let current = 0;
      const send = () => {
        if (Date.now() >= deadline) {
          sock.end();
          return resolve();
        }
        current = next++;
        sentAt = process.hrtime.bigint();
        sock.write(serialize(o.build(current), host));
      };
      sock.setEncoding('latin1');
      sock.on('data', (chunk: string) => {
        buf += chunk;
        for (;;) {
          const headEnd = buf.indexOf('\r\n\r\n');
          if (headEnd < 0) return;
          const head = buf.slice(0, headEnd);
          const m = /\r\ncontent-length: *(\d+)/i.exec(head);
          let body: string;
          if (m) {
            const len = Number(m[1]);
            if (buf.length < headEnd + 4 + len) return;
            body = buf.slice(headEnd + 4, headEnd + 4 + len);
            buf = buf.slice(headEnd + 4 + len);
          } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
            const end = buf.indexOf('\r\n0\r\n\r\n', headEnd);
            if (end < 0) return;
            body = buf.slice(headEnd + 4, end); // chunk framing kept: only Flashmall bodies are read, and they have a length
            buf = buf.slice(end + 7);
          } else {
            body = '';
            buf = buf.slice(headEnd + 4);
          }
          const status = Number(head.slice(9, 12));
          hist.recordValue(Number((process.hrtime.bigint() - sentAt) / 1000n));
          statusCounts[status] = (statusCounts[status] ?? 0) + 1;
          done++;
          o.onResponse?.(current, status, body);
          send();
        }
      });
      sock.on('error', () => {
        errors++;
        resolve();
      });
      sock.on('connect', send);
    });

  await Promise.all(Array.from({ length: o.connections }, conn));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const out: BlastResult = {
    rps: done / seconds,
    total: done,
    p50Ms: hist.getValueAtPercentile(50) / 1000,
    p99Ms: hist.getValueAtPercentile(99) / 1000,
    maxMs: hist.maxValue / 1000,
    statusCounts,
    errors,
  };
  hist.destroy();
  return out;
}
