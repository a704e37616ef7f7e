/**
 * Links the server builds follow the host the buyer used: without PUBLIC_URL, the sandbox
 * pay page and the way back from it are on the origin of the buyer's own request (a shop
 * opened by the machine's LAN name comes back to that name and its session cookie, not to
 * localhost); with PUBLIC_URL set, that URL wins; a Host header that is no host falls back
 * to the server's own address. Ordinary orders and launch holds alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { ADDRESS, Client, forEachEngine, scheduleLaunch, sellerWithProduct, signup, startServer, type ResponseOf, type TestServer } from './harness.js';
import { placeOrder } from './helpers/api.js';
import { joinQueue, passOf, reserve, sleep } from './helpers/launch.js';

/** A request as a browser that reached the server under `host` sends it (fetch cannot set Host); the body typed as the test client types it. */
async function asHost<M extends 'GET' | 'POST', U extends string>(s: TestServer, buyer: Client, host: string, method: M, path: U, body?: unknown, accept = 'application/json'): Promise<{ status: number; body: ResponseOf<U, Lowercase<M>>; location: string | undefined }> {
  const headers: Record<string, string> = { host, accept };
  if (buyer.token) headers.authorization = `Bearer ${buyer.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('/sandbox') ? `${s.url}${path}` : `${s.url}/api/v1${path}`;
  const res = await request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.body.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* HTML or empty */
  }
  return { status: res.statusCode, body: parsed as ResponseOf<U, Lowercase<M>>, location: res.headers.location as string | undefined };
}

forEachEngine('links follow the buyer\'s host', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(async () => s?.close());

  it('an order paid from the LAN name: pay page and return on that name', async () => {
    const port = new URL(s.url).port;
    const lan = `flashmall-box.lan:${port}`;
    const { product } = await sellerWithProduct(s.url);
    const buyer = await signup(s.url);
    const order = await placeOrder(buyer, product.skus[0]!.id);

    const pay = await asHost(s, buyer, lan, 'POST', '/payments', { orderIds: [order.id] });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect(pay.body.payUrl).toMatch(new RegExp(`^http://flashmall-box\\.lan:${port}/sandbox-pay/sbp_`));
    // The payment as read back says the same.
    expect((await buyer.get(`/payments/${pay.body.id}`)).body.payUrl).toBe(pay.body.payUrl);

    // The hosted page's form posts back relative to the page; approving redirects to the same host.
    const pagePath = new URL(pay.body.payUrl).pathname;
    const page = await asHost(s, buyer, lan, 'GET', pagePath, undefined, 'text/html');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`action="${pagePath}/approve"`);
    const approved = await asHost(s, buyer, lan, 'POST', `${pagePath}/approve`, undefined, 'text/html');
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`http://flashmall-box.lan:${port}/orders?payment=${pay.body.id}&payment=succeeded`);
  });

  it('a launch hold paid from the LAN name: the same', async () => {
    const port = new URL(s.url).port;
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 5 });
    const launch = await scheduleLaunch(seller, store.id, product.skus[0]!.id, { startsInMs: 300, allotment: 2 });
    const buyer = await signup(s.url);
    const token = await joinQueue(buyer, launch.id);
    await sleep(400);
    await s.fm.launches.tick();
    const held = await reserve(buyer, launch.id, product.skus[0]!.id, await passOf(buyer, launch.id, token), 'links-hold-0001');
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const paid = await asHost(s, buyer, `192.168.1.20:${port}`, 'POST', `/holds/${held.body.id}/pay`, { address: ADDRESS });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.payment.payUrl).toMatch(new RegExp(`^http://192\\.168\\.1\\.20:${port}/sandbox-pay/`));
    const approved = await asHost(s, buyer, `192.168.1.20:${port}`, 'POST', `${new URL(paid.body.payment.payUrl).pathname}/approve`, undefined, 'text/html');
    expect(approved.location).toMatch(new RegExp(`^http://192\\.168\\.1\\.20:${port}/orders\\?payment=`));
  });

  it('a Host header that is no host gets the server\'s own address', async () => {
    const { product } = await sellerWithProduct(s.url);
    const buyer = await signup(s.url);
    const order = await placeOrder(buyer, product.skus[0]!.id);
    const pay = await asHost(s, buyer, 'evil.example/"><script>', 'POST', '/payments', { orderIds: [order.id] });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect(pay.body.payUrl.startsWith(`${s.url}/sandbox-pay/`)).toBe(true);
  });
});

describe('links with PUBLIC_URL set', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('sqlite', { config: { publicUrl: 'https://shop.example.cn' } });
  });
  afterAll(async () => s?.close());

  it('follow PUBLIC_URL whatever host the request named', async () => {
    const { product } = await sellerWithProduct(s.url);
    const buyer = await signup(s.url);
    const order = await placeOrder(buyer, product.skus[0]!.id);
    const pay = await asHost(s, buyer, `flashmall-box.lan:${new URL(s.url).port}`, 'POST', '/payments', { orderIds: [order.id] });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect(pay.body.payUrl).toMatch(/^https:\/\/shop\.example\.cn\/sandbox-pay\/sbp_/);
    const approved = await asHost(s, buyer, 'flashmall-box.lan', 'POST', `${new URL(pay.body.payUrl).pathname}/approve`, undefined, 'text/html');
    expect(approved.location).toBe(`https://shop.example.cn/orders?payment=${pay.body.id}&payment=succeeded`);
  });
});
