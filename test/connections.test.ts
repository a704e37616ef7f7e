/**
 * Connection limits (src/http/connections.ts): a client that sends its headers too slowly is
 * answered 408 REQUEST_TIMEOUT and cut at HTTP_HEADERS_TIMEOUT_MS (Node's default held it for
 * 60 s); one address holds at most CONNECTIONS_PER_ADDRESS open connections, and a request on
 * one more is answered 503 TOO_MANY_CONNECTIONS in the error shape, on a closed connection.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, startServer, type TestServer } from './harness.js';
import { loadConfig } from '../src/config.js';
import { serverTimeoutOptions, uncappedPeer } from '../src/http/connections.js';
import { anyString } from './helpers/match.js';

/** An open socket that records what the server sends and when it closed. */
function open(url: string): Promise<{ socket: net.Socket; text: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    const closed = new Promise<number>((r) => socket.on('close', () => r(Date.now())));
    socket.once('error', () => {});
    socket.once('connect', () => resolve({ socket, text: () => Buffer.concat(chunks).toString('utf8'), closed }));
    socket.once('error', reject);
  });
}

function parse(text: string): { status: number; body: unknown; head: string } {
  const [head, ...rest] = text.split('\r\n\r\n');
  let body: unknown = rest.join('\r\n\r\n');
  try {
    body = JSON.parse(body as string);
  } catch {
    /* not JSON: the assertion says so */
  }
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1]), body, head: head ?? '' };
}

describe('connection settings', () => {
  it('headers are due within 10 s by default (Node alone allows 60 s), and the deadlines reach the server', () => {
    const c = loadConfig({});
    expect(c.http.headersTimeoutMs).toBe(10_000);
    expect(serverTimeoutOptions(c.http)).toEqual({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 });
    expect(c.http.connectionsPerAddress).toBeGreaterThan(0);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '10' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
    expect(() => loadConfig({ CONNECTIONS_PER_ADDRESS: '-1' })).toThrow(/CONNECTIONS_PER_ADDRESS/);
  });

  it('trusted proxies are not capped (their clients share their address); without TRUST_PROXY nobody is exempt', () => {
    expect(uncappedPeer(false)('127.0.0.1')).toBe(false);
    expect(uncappedPeer(1)('203.0.113.9')).toBe(true);
    const list = uncappedPeer(['loopback', '10.0.0.0/8', '198.51.100.7']);
    expect(['127.0.0.1', '::1', '10.2.3.4', '198.51.100.7'].map(list)).toEqual([true, true, true, true]);
    expect(['198.51.100.8', '11.0.0.1', 'junk'].map(list)).toEqual([false, false, false]);
  });
});

forEachEngine('connection limits', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { http: { headersTimeoutMs: 1000, requestTimeoutMs: 5000, connectionsPerAddress: 4 } } });
  });
  afterAll(() => s.close());

  it('a client that never finishes its headers is answered 408 REQUEST_TIMEOUT in the error shape and cut within the header deadline', async () => {
    const c = await open(s.url);
    const started = Date.now();
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    // It keeps trickling bytes, as a slow-header attack does; the deadline counts from the start.
    const drip = setInterval(() => c.socket.writable && c.socket.write('a'), 200);
    const closedAt = await Promise.race([c.closed, new Promise<number>((r) => setTimeout(() => r(-1), 8000))]);
    clearInterval(drip);
    c.socket.destroy();
    expect(closedAt, 'the connection was still open after 8 s').toBeGreaterThan(0);
    // Deadline 1 s, checked every second: cut between 1 and ~2.5 s (Node's default would be 60 s).
    expect(closedAt - started).toBeGreaterThanOrEqual(900);
    expect(closedAt - started).toBeLessThan(3500);
    const r = parse(c.text());
    expect(r.status, r.head).toBe(408);
    expect(r.body).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: anyString } });
  });

  it('one address holds at most CONNECTIONS_PER_ADDRESS connections: a request on one more gets 503 TOO_MANY_CONNECTIONS and a closed connection; closing one makes room', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => open(s.url)));
    // Let the server see the four before the fifth arrives.
    await new Promise((r) => setTimeout(r, 100));
    const extra = await open(s.url);
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const closed = await Promise.race([extra.closed, new Promise<number>((r) => setTimeout(() => r(-1), 3000))]);
    expect(closed, 'the connection over the cap was left open').toBeGreaterThan(0);
    const r = parse(extra.text());
    expect(r.status, r.head).toBe(503);
    expect(r.body).toEqual({ error: { code: 'TOO_MANY_CONNECTIONS', message: anyString } });
    expect(r.head).toMatch(/retry-after: 1/i);
    expect(r.head).toMatch(/connection: close/i);

    // The held ones still work, and once one closes a new connection is served.
    const first = held[0]!;
    first.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await first.closed;
    expect(parse(first.text()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const again = await fetch(`${s.url}/healthz`, { headers: { connection: 'close' } });
    expect(again.status).toBe(200);
    for (const h of held) h.socket.destroy();
  });

  it('a connection over the cap that sends nothing is closed within 2 s, not held', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => open(s.url)));
    await new Promise((r) => setTimeout(r, 100));
    const extra = await open(s.url);
    const started = Date.now();
    const closed = await Promise.race([extra.closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
    expect(closed).toBeGreaterThan(0);
    expect(closed - started).toBeLessThan(3000);
    for (const h of held) h.socket.destroy();
  });
});
