/**
 * The web app's query keys (web/src/lib/query.ts): an answer is cached under its route, its
 * parameters and its language, so `invalidate(route)` reaches a route's answers for every
 * parameter and language and `invalidate(route, params)` only those for the parameters named;
 * other routes keep theirs.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

type QueryModule = typeof import('../web/src/lib/query.js');
let q: QueryModule;

beforeAll(async () => {
  // i18n.ts (the interface language, part of every key) reads the page's language at load.
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  vi.stubGlobal('navigator', { language: 'en-GB' });
  q = await import('../web/src/lib/query.js');
});

/** Caches an answer as useGet does. */
function cached(key: readonly unknown[]): void {
  q.queryClient.setQueryData(key, { cached: true });
}
const stale = (key: readonly unknown[]) => q.queryClient.getQueryState(key)?.isInvalidated ?? null;

describe('web query keys', () => {
  it('invalidates a route in every language and for every parameter, or only for the parameters named', async () => {
    const p1 = q.queryKeyOf('/products/{productId}', { path: { productId: 'p1' } }, 'en');
    const p1zh = q.queryKeyOf('/products/{productId}', { path: { productId: 'p1' } }, 'zh-CN');
    const p1primary = q.queryKeyOf('/products/{productId}', { path: { productId: 'p1' } }, '*');
    const p2 = q.queryKeyOf('/products/{productId}', { path: { productId: 'p2' } }, 'en');
    const list = q.queryKeyOf('/stores/{storeId}/products', { path: { storeId: 's1' } }, 'en');
    const otherStore = q.queryKeyOf('/stores/{storeId}/products', { path: { storeId: 's2' } }, 'en');
    const cart = q.queryKeyOf('/cart', undefined, 'en');
    for (const key of [p1, p1zh, p1primary, p2, list, otherStore, cart]) cached(key);

    await q.invalidate('/stores/{storeId}/products', { path: { storeId: 's1' } });
    expect([stale(list), stale(otherStore), stale(p1)]).toEqual([true, false, false]);

    await q.invalidate('/products/{productId}');
    expect([stale(p1), stale(p1zh), stale(p1primary), stale(p2)]).toEqual([true, true, true, true]);
    expect([stale(otherStore), stale(cart)]).toEqual([false, false]);
    expect(q.apiKey('/products/{productId}', { path: { productId: 'p1' } })).toEqual(['/products/{productId}', { path: { productId: 'p1' } }]);
  });
});
