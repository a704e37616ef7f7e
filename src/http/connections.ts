/**
 * Connection limits of the HTTP server (app.ts `serverFactory`): how long a client may take to
 * send its request, and how many connections one address may hold open to this process.
 *
 * - HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS: a connection that has not sent its
 *   headers (or its whole request) in time is answered 408 REQUEST_TIMEOUT in the error shape
 *   (edge.ts `clientErrorHandler`) and closed. Node checks its connections for this every
 *   `CONNECTIONS_CHECK_MS`, so a slow client is cut within that much of its deadline.
 * - CONNECTIONS_PER_ADDRESS: connections are counted by the socket's remote address (at
 *   connection level no forwarded header exists yet, so it is the peer's address). A
 *   connection over the cap gets `OVER_CAP_DEADLINE_MS` to send a request, which is answered
 *   503 TOO_MANY_CONNECTIONS with Retry-After and `Connection: close`; one that sends nothing
 *   in that time is closed. Proxies named in TRUST_PROXY are not capped (every client behind
 *   them shares their address: the proxy is where such a cap belongs), nor is any peer when
 *   TRUST_PROXY is a hop count (the peer is then a proxy by definition).
 */
import { BlockList, isIP, type Socket } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Config, TrustProxy } from '../config.js';
import { statusOf } from '../shared/errors.js';
import { errorBody } from './errors.js';

/** How often Node looks for connections past their header or request deadline. */
export const CONNECTIONS_CHECK_MS = 1000;
/** How long a connection over the per-address cap may take to send the request it is refused on. */
export const OVER_CAP_DEADLINE_MS = 2000;

const OVER_CAP = Symbol('flashmall.overConnectionCap');
type Marked = Socket & { [OVER_CAP]?: boolean };

/** The options for `http.createServer` that carry the timeouts (Node checks headersTimeout <= requestTimeout there). */
export function serverTimeoutOptions(http: Config['http']): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  return {
    headersTimeout: http.requestTimeoutMs > 0 ? Math.min(http.headersTimeoutMs, http.requestTimeoutMs) : http.headersTimeoutMs,
    requestTimeout: http.requestTimeoutMs,
    connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
  };
}

/** The address a connection is counted under (`::ffff:1.2.3.4` and `1.2.3.4` are one client). */
export function connectionAddress(socket: Pick<Socket, 'remoteAddress'>): string {
  const a = socket.remoteAddress ?? '';
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** The ranges proxy-addr's names stand for (config.ts accepts them in TRUST_PROXY). */
const NAMED_RANGES: Record<string, Array<[string, number, 'ipv4' | 'ipv6']>> = {
  loopback: [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']],
  linklocal: [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']],
  uniquelocal: [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['fc00::', 7, 'ipv6']],
};

/** True for a peer the cap does not apply to: a trusted proxy (see the file comment). */
export function uncappedPeer(trust: TrustProxy): (address: string) => boolean {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return () => true;
  const list = new BlockList();
  for (const entry of trust) {
    const named = NAMED_RANGES[entry];
    if (named) {
      for (const [net, bits, family] of named) list.addSubnet(net, bits, family);
      continue;
    }
    const [addr, bits] = entry.split('/');
    const family = isIP(addr!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr!, family);
    else list.addSubnet(addr!, Number(bits), family);
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/**
 * Counts open connections per address on `server` and marks those over `cap` (0: no cap).
 * Returns the request handler to install: it answers a marked connection's request with 503
 * and hands every other request to `next`. `onRefused` hears each refused connection.
 */
export function capConnectionsPerAddress(
  server: Server,
  opts: { cap: number; uncapped: (address: string) => boolean; onRefused?: (address: string, open: number) => void },
  next: (req: IncomingMessage, res: ServerResponse) => void,
): { handler: (req: IncomingMessage, res: ServerResponse) => void; open: (address: string) => number } {
  const open = new Map<string, number>();
  if (opts.cap > 0) {
    server.on('connection', (socket: Marked) => {
      const address = connectionAddress(socket);
      if (opts.uncapped(address)) return;
      const n = (open.get(address) ?? 0) + 1;
      open.set(address, n);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left <= 0) open.delete(address);
        else open.set(address, left);
      });
      if (n <= opts.cap) return;
      socket[OVER_CAP] = true;
      opts.onRefused?.(address, n);
      // Nothing sent in time: closed without an answer (nobody asked anything).
      const deadline = setTimeout(() => socket.destroy(), OVER_CAP_DEADLINE_MS);
      deadline.unref();
      socket.once('close', () => clearTimeout(deadline));
    });
  }
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!(req.socket as Marked)[OVER_CAP]) return next(req, res);
    const body = JSON.stringify(errorBody('TOO_MANY_CONNECTIONS', 'Too many open connections from this address; close some and try again.'));
    res.writeHead(statusOf('TOO_MANY_CONNECTIONS'), { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'retry-after': '1', connection: 'close' });
    res.end(body);
    // The request's body (if any) is not read: the connection goes with the answer.
    res.once('finish', () => req.socket.destroySoon());
  };
  return { handler, open: (address) => open.get(address) ?? 0 };
}
