/**
 * The catalog as buyers and sellers see it: options become SKUs, search finds words by
 * their beginning, filters and sorts do what they say, paging never skips or repeats,
 * drafts stay private to the store, stock has a ceiling, and an approved refund gives the
 * money back (and the unit, when it never shipped).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, forEachEngine, signup, startServer, type Res, type ResponseOf, type TestServer } from './harness.js';
import { addMember, expectError, expectOk, orderInState, webhooksSettled } from './helpers/api.js';

/** A word no other test uses (letters only, so search treats it as one term). */
const word = (prefix: string) => `${prefix}${randomBytes(6).toString('hex').replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

forEachEngine('catalog', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(() => s.close());

  async function newStore(): Promise<{ seller: Client; storeId: string }> {
    const seller = await signup(s.url, 'seller');
    const store = await seller.post('/stores', { name: 'Catalog Store', slug: `cat-${randomBytes(5).toString('hex')}`, kind: 'marketplace' });
    expectOk(store, 201);
    return { seller, storeId: store.body.id };
  }

  /** Creates a product with one SKU (or the SKUs its options make), gives every SKU `stock`, publishes it unless told not to. */
  async function newProduct(
    seller: Client,
    storeId: string,
    p: { title: string; description?: string; priceMinor: number; stock?: number; publish?: boolean; options?: Array<{ name: string; values: string[] }> },
  ): Promise<ResponseOf<'/products/{productId}', 'get'>> {
    const created = await seller.post(`/stores/${storeId}/products`, { title: p.title, description: p.description ?? '', priceMinor: p.priceMinor, options: p.options ?? [] });
    expectOk(created, 201);
    for (const sku of created.body.skus) expectOk(await seller.patch(`/skus/${sku.id}`, { stock: p.stock ?? 5 }));
    if (p.publish !== false) expectOk(await seller.post(`/products/${created.body.id}/publish`));
    return (await seller.get(`/products/${created.body.id}`)).body;
  }

  const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((i) => i.id);

  it('options generate one SKU per combination: 2 colours × 3 storages = 6 SKUs, each priced and stocked on its own', async () => {
    const { seller, storeId } = await newStore();
    const created = await seller.post(`/stores/${storeId}/products`, {
      title: 'Nova 12',
      priceMinor: 2999_00,
      options: [
        { name: 'colour', values: ['Black', 'White'] },
        { name: 'storage', values: ['128GB', '256GB', '512GB'] },
      ],
      skus: [{ options: { colour: 'White', storage: '512GB' }, priceMinor: 3999_00, stock: 7 }],
    });
    expectOk(created, 201);
    const skus = created.body.skus;
    expect(skus).toHaveLength(6);
    const combos = skus.map((k) => `${k.options.colour}/${k.options.storage}`).sort();
    expect(combos).toEqual(['Black/128GB', 'Black/256GB', 'Black/512GB', 'White/128GB', 'White/256GB', 'White/512GB']);
    expect(new Set(skus.map((k) => k.code)).size).toBe(6);
    expect(skus.map((k) => k.code)).toContain('white-512gb');
    const top = skus.find((k) => k.options.colour === 'White' && k.options.storage === '512GB');
    expect(top).toMatchObject({ priceMinor: 3999_00, stock: 7, inStock: true });
    for (const k of skus.filter((x) => x !== top)) expect(k).toMatchObject({ priceMinor: 2999_00, stock: 0, inStock: false });
    expect(created.body.priceMinMinor).toBe(2999_00);

    // Lowering one SKU's price lowers the product's "from" price that search filters on.
    const cheap = skus.find((k) => k.options.colour === 'Black' && k.options.storage === '128GB');
    expectOk(await seller.patch(`/skus/${cheap!.id}`, { priceMinor: 2499_00 }));
    expect((await seller.get(`/products/${created.body.id}`)).body.priceMinMinor).toBe(2499_00);
  });

  it('search matches every word by its beginning, in the title or the description', async () => {
    const { seller, storeId } = await newStore();
    const brand = word('zephyr');
    const feature = word('lumin');
    const phone = await newProduct(seller, storeId, { title: `${brand} Ultra Phone`, description: `With a ${feature} display`, priceMinor: 1000_00 });
    const watch = await newProduct(seller, storeId, { title: `${brand} Watch`, priceMinor: 500_00 });

    expect(ids(await new Client(s.url).get(`/products?q=${brand.slice(0, 8)}`)).sort()).toEqual([phone.id, watch.id].sort());
    expect(ids(await new Client(s.url).get(`/products?q=${brand}%20ultr`))).toEqual([phone.id]);
    expect(ids(await new Client(s.url).get(`/products?q=${feature.slice(0, 7)}`))).toEqual([phone.id]);
    expect(ids(await new Client(s.url).get(`/products?q=${brand.toUpperCase()}%20WATCH`))).toEqual([watch.id]);
    // Every word must match; a word matching nothing empties the result.
    expect(ids(await new Client(s.url).get(`/products?q=${brand}%20${word('nothing')}`))).toEqual([]);
    // Punctuation alone is no search at all.
    expect(ids(await new Client(s.url).get('/products?q=%22*%3A()'))).toEqual([]);
  });

  it('filters: by store, by price range (inclusive), and in stock only', async () => {
    const a = await newStore();
    const b = await newStore();
    const cheap = await newProduct(a.seller, a.storeId, { title: 'Cheap', priceMinor: 100_00 });
    const mid = await newProduct(a.seller, a.storeId, { title: 'Mid', priceMinor: 200_00 });
    const soldOut = await newProduct(a.seller, a.storeId, { title: 'Sold out', priceMinor: 300_00, stock: 0 });
    await newProduct(b.seller, b.storeId, { title: 'Elsewhere', priceMinor: 200_00 });
    const buyer = await signup(s.url);

    expect(ids(await buyer.get(`/products?storeId=${a.storeId}`)).sort()).toEqual([cheap.id, mid.id, soldOut.id].sort());
    expect(ids(await buyer.get(`/products?storeId=${a.storeId}&minPriceMinor=20000`)).sort()).toEqual([mid.id, soldOut.id].sort());
    expect(ids(await buyer.get(`/products?storeId=${a.storeId}&minPriceMinor=20000&maxPriceMinor=20000`))).toEqual([mid.id]);
    expect(ids(await buyer.get(`/products?storeId=${a.storeId}&maxPriceMinor=19999`))).toEqual([cheap.id]);
    const inStock = await buyer.get(`/products?storeId=${a.storeId}&inStock=true`);
    expect(ids(inStock).sort()).toEqual([cheap.id, mid.id].sort());
    expect(inStock.body.items.every((i) => i.inStock)).toBe(true);
    const all = (await buyer.get(`/products?storeId=${a.storeId}`)).body.items;
    expect(all.find((i) => i.id === soldOut.id)!.inStock).toBe(false);
  });

  it('sorts: price low to high, high to low, and newest first', async () => {
    const { seller, storeId } = await newStore();
    const p300 = await newProduct(seller, storeId, { title: `Sorted ${300_00}`, priceMinor: 300_00 });
    const p100 = await newProduct(seller, storeId, { title: `Sorted ${100_00}`, priceMinor: 100_00 });
    const p200 = await newProduct(seller, storeId, { title: `Sorted ${200_00}`, priceMinor: 200_00 });
    const list = async (sort: string) => ids(await new Client(s.url).get(`/products?storeId=${storeId}&sort=${sort}`));
    expect(await list('price_asc')).toEqual([p100.id, p200.id, p300.id]);
    expect(await list('price_desc')).toEqual([p300.id, p200.id, p100.id]);
    expect(await list('newest')).toEqual([p200.id, p100.id, p300.id]);
    // Without a sort and without search text, newest first is the default.
    expect(ids(await new Client(s.url).get(`/products?storeId=${storeId}`))).toEqual([p200.id, p100.id, p300.id]);
  });

  it('cursor paging returns every item exactly once, in the same order as one big page, for every sort', async () => {
    const { seller, storeId } = await newStore();
    const tag = word('pager');
    // Equal prices on purpose: ties must not make paging skip or repeat.
    for (const [i, price] of [300, 100, 200, 100, 500, 200, 400].entries()) {
      await newProduct(seller, storeId, { title: `${tag} item ${i}`, description: i % 2 ? `${tag} ${tag}` : '', priceMinor: price * 100 });
    }
    for (const query of [`storeId=${storeId}&sort=price_asc`, `storeId=${storeId}&sort=price_desc`, `storeId=${storeId}&sort=newest`, `q=${tag}&sort=relevance`]) {
      const whole = ids(await new Client(s.url).get(`/products?${query}&limit=100`));
      expect(whole).toHaveLength(7);
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r: Res<ResponseOf<'/products', 'get'>> = await new Client(s.url).get(`/products?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expectOk(r);
        expect(r.body.items.length).toBeLessThanOrEqual(2);
        paged.push(...ids(r));
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages, query).toBe(4);
      expect(paged, query).toEqual(whole);
    }
  });

  it('an unpublished product is invisible to buyers and other sellers, but visible to the store owner and staff', async () => {
    const { seller, storeId } = await newStore();
    const staff = await signup(s.url, 'seller');
    await addMember(seller, storeId, staff);
    const secret = word('prototype');
    const draft = await newProduct(seller, storeId, { title: `${secret} Fold`, priceMinor: 9999_00, publish: false });
    const live = await newProduct(seller, storeId, { title: `${secret} Classic`, priceMinor: 999_00 });
    const buyer = await signup(s.url);
    const otherSeller = await signup(s.url, 'seller');

    for (const outsider of [buyer, otherSeller, new Client(s.url)]) {
      expectError(await outsider.get(`/products/${draft.id}`), 404, 'NOT_FOUND');
      expect(ids(await outsider.get(`/products?q=${secret}`))).toEqual([live.id]);
      expect((await outsider.get(`/stores/${storeId}/products`)).body.products.map((p) => p.id)).toEqual([live.id]);
    }
    expectError(await buyer.post('/cart/items', { skuId: draft.skus[0]!.id }), 404, 'NOT_FOUND');

    for (const member of [seller, staff]) {
      expect((await member.get(`/products/${draft.id}`)).body.status).toBe('draft');
      expect((await member.get(`/stores/${storeId}/products`)).body.products.map((p) => p.id).sort()).toEqual([draft.id, live.id].sort());
    }

    // Taking a product off sale hides it again; publishing the draft shows it.
    expectOk(await staff.post(`/products/${live.id}/unpublish`));
    expectOk(await staff.post(`/products/${draft.id}/publish`));
    expect(ids(await buyer.get(`/products?q=${secret}`))).toEqual([draft.id]);
    expectError(await buyer.get(`/products/${live.id}`), 404, 'NOT_FOUND');
  });

  it('stock moves atomically by a delta, never below zero and never above the ten-million ceiling', async () => {
    const { seller, storeId } = await newStore();
    const p = await newProduct(seller, storeId, { title: 'Stocked', priceMinor: 100, stock: 3 });
    const sku = p.skus[0]!.id;
    expect((await seller.patch(`/skus/${sku}`, { stockDelta: 4 })).body.stock).toBe(7);
    expectError(await seller.patch(`/skus/${sku}`, { stockDelta: -8 }), 409, 'STOCK_NEGATIVE');
    expect((await seller.patch(`/skus/${sku}`, { stockDelta: -7 })).body.stock).toBe(0);
    expect((await seller.patch(`/skus/${sku}`, { stock: 10_000_000 })).body.stock).toBe(10_000_000);
    expectError(await seller.patch(`/skus/${sku}`, { stockDelta: 1 }), 409, 'STOCK_LIMIT');
    expectError(await seller.patch(`/skus/${sku}`, { stockDelta: 10_000_000 }), 409, 'STOCK_LIMIT');
    expect((await seller.get(`/products/${p.id}`)).body.skus[0]!.stock).toBe(10_000_000);
  });

  describe('refunds', () => {
    async function paidSetup(stock = 5) {
      const { seller, storeId } = await newStore();
      const p = await newProduct(seller, storeId, { title: 'Refundable', priceMinor: 1499_00, stock });
      const buyer = await signup(s.url);
      return { seller, buyer, product: p, skuId: p.skus[0]!.id };
    }
    const stockOf = async (c: Client, productId: string) => (await c.get(`/products/${productId}`)).body.skus[0]!.stock;
    const gatewayRefunded = async (paymentId: string) => {
      const row = await s.fm.ctx.db.selectFrom('payments').select('provider_payment_id').where('id', '=', paymentId).executeTakeFirstOrThrow();
      return (await s.fm.ctx.db.selectFrom('sandbox_payments').select('refunded_minor').where('id', '=', row.provider_payment_id).executeTakeFirstOrThrow()).refunded_minor;
    };

    it('refund request → approve on a paid order: the money goes back through the gateway, the order is refunded, the unit is back on sale', async () => {
      const { seller, buyer, product, skuId } = await paidSetup();
      const orderId = await orderInState(s, buyer, seller, skuId, 'paid');
      expect(await stockOf(seller, product.id)).toBe(4);
      const requested = await buyer.post(`/orders/${orderId}/refund-request`, { reason: 'wrong colour' });
      expectOk(requested);
      expect(requested.body).toMatchObject({ status: 'refund_requested', refundReason: 'wrong colour' });

      const approved = await seller.post(`/orders/${orderId}/refund/approve`);
      expectOk(approved);
      expect(approved.body.status).toBe('refunded');
      expect(approved.body.timeline.map((t) => t.to)).toEqual(['pending_payment', 'paid', 'refund_requested', 'refunded']);
      const payment = (await buyer.get(`/payments/${approved.body.paymentId}`)).body;
      expect(payment).toMatchObject({ status: 'refunded', refundedMinor: 1499_00 });
      expect(await gatewayRefunded(approved.body.paymentId!)).toBe(1499_00);
      expect(await stockOf(seller, product.id)).toBe(5);
      await webhooksSettled(s);
      // Approving again changes nothing and refunds nothing more.
      expectError(await seller.post(`/orders/${orderId}/refund/approve`), 409, 'ILLEGAL_TRANSITION');
      expect(await gatewayRefunded(approved.body.paymentId!)).toBe(1499_00);
    });

    it('a refund of a shipped order gives the money back but not the unit (it is with the buyer)', async () => {
      const { seller, buyer, product, skuId } = await paidSetup();
      const orderId = await orderInState(s, buyer, seller, skuId, 'shipped');
      expectOk(await buyer.post(`/orders/${orderId}/refund-request`, { reason: 'broken on arrival' }));
      const approved = await seller.post(`/orders/${orderId}/refund/approve`);
      expectOk(approved);
      expect(approved.body.status).toBe('refunded');
      expect(await gatewayRefunded(approved.body.paymentId!)).toBe(1499_00);
      expect(await stockOf(seller, product.id)).toBe(4);
      await webhooksSettled(s);
    });

    it('a rejected refund request puts the order back where it was, and no money moves', async () => {
      const { seller, buyer, skuId } = await paidSetup();
      const orderId = await orderInState(s, buyer, seller, skuId, 'shipped');
      expectOk(await buyer.post(`/orders/${orderId}/refund-request`, { reason: 'changed my mind' }));
      const rejected = await seller.post(`/orders/${orderId}/refund/reject`, { note: 'not eligible' });
      expectOk(rejected);
      expect(rejected.body.status).toBe('shipped');
      expect((await buyer.get(`/payments/${rejected.body.paymentId}`)).body).toMatchObject({ status: 'succeeded', refundedMinor: 0 });
      expect(await gatewayRefunded(rejected.body.paymentId!)).toBe(0);
    });
  });
});
