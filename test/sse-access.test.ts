/**
 * Live streams end with the access behind them: a staff member removed from the store stops
 * receiving the launch monitor at once, and a buyer whose token is revoked stops receiving
 * their queue stream — also when the removal or revocation happens in another process.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, forEachEngine, scheduleLaunch, sellerWithProduct, signup, startServer, type TestServer } from './harness.js';
import { addMember, expectOk } from './helpers/api.js';
import { joinQueue } from './helpers/launch.js';
import { anyString } from './helpers/match.js';

/** An open SSE stream: its events as they come, and whether the server ended it. */
function openStream(url: string, token: string) {
  const events: Array<{ event: string; data: unknown }> = [];
  const ctl = new AbortController();
  let ended = false;
  const done = (async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ctl.signal });
    if (res.status !== 200) throw new Error(`stream answered ${res.status}: ${await res.text()}`);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      buf += decoder.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const chunk = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(chunk)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(chunk)?.[1];
        events.push({ event, data: data ? (JSON.parse(data) as unknown) : null });
      }
    }
    ended = true;
  })().catch((err) => {
    if ((err as Error).name !== 'AbortError') throw err;
  });
  return {
    events,
    ended: () => ended,
    done,
    close: () => ctl.abort(),
    async firstData() {
      const start = Date.now();
      while (!events.some((e) => e.event === 'message')) {
        if (Date.now() - start > 5000) throw new Error('no data on the stream');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** Waits for the server to end the stream; fails after `ms` (the streams push every 1-2 s, so an open one never ends by itself). */
async function endsWithin(stream: ReturnType<typeof openStream>, ms: number): Promise<void> {
  const start = Date.now();
  while (!stream.ended()) {
    if (Date.now() - start > ms) {
      stream.close();
      throw new Error(`the stream was still open after ${ms} ms (${stream.events.length} events)`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(stream.events.at(-1)).toEqual({ event: 'error', data: { error: { code: 'ACCESS_ENDED', message: anyString } } });
}

forEachEngine('streams end with the access behind them', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(() => s.close());

  async function storeWithStaffAndLaunch() {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 10 });
    const staff = await signup(s.url, 'seller');
    await addMember(seller, store.id, staff);
    const launch = await scheduleLaunch(seller, store.id, product.skus[0]!.id, { startsInMs: 600_000, allotment: 5 });
    return { seller, staff, store, launch };
  }

  for (const where of engine === 'scale' ? (['same process', 'another process'] as const) : (['same process'] as const)) {
    it(`a staff member removed from the store (${where}) stops receiving the launch monitor at once`, async () => {
      const { seller, staff, store, launch } = await storeWithStaffAndLaunch();
      const stream = openStream(`${s.url}/api/v1/launches/${launch.id}/monitor/stream`, staff.token!);
      await stream.firstData();
      const owner = where === 'same process' ? seller : Object.assign(new Client((await s.peer()).url), { token: seller.token });
      expectOk(await owner.del(`/stores/${store.id}/members/${staff.userId}`), 204);
      await endsWithin(stream, 700);
      await stream.done;
    });

    it(`a buyer whose token is revoked (${where}) stops receiving the queue stream at once`, async () => {
      const { launch } = await storeWithStaffAndLaunch();
      const buyer = await signup(s.url);
      const device = await buyer.post('/auth/tokens', { label: 'phone' });
      const phone = Object.assign(new Client(s.url), { token: device.body.token });
      const queueToken = await joinQueue(phone, launch.id);
      const stream = openStream(`${s.url}/api/v1/launches/${launch.id}/queue/stream?token=${encodeURIComponent(queueToken)}`, phone.token);
      await stream.firstData();
      const revoker = where === 'same process' ? buyer : Object.assign(new Client((await s.peer()).url), { token: buyer.token });
      expectOk(await revoker.del(`/auth/tokens/${device.body.tokenId}`), 204);
      await endsWithin(stream, 700);
      await stream.done;
    });
  }

  it('a staff member still in the store keeps the stream; the owner removing someone else ends nothing of theirs', async () => {
    const { seller, staff, store, launch } = await storeWithStaffAndLaunch();
    const other = await signup(s.url, 'seller');
    await addMember(seller, store.id, other);
    const stream = openStream(`${s.url}/api/v1/launches/${launch.id}/monitor/stream`, staff.token!);
    await stream.firstData();
    expectOk(await seller.del(`/stores/${store.id}/members/${other.userId}`), 204);
    const seen = stream.events.length;
    await new Promise((r) => setTimeout(r, 1300));
    expect(stream.ended()).toBe(false);
    expect(stream.events.length).toBeGreaterThan(seen);
    stream.close();
    await stream.done;
  });
});
