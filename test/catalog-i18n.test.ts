/**
 * Catalog content in Chinese and English, and search that works for Chinese. Products, their
 * options, stores and launches take per-locale texts and give back both, with the one asked
 * for (`?lang=` or Accept-Language) in `title`/`name` — and the primary text where that locale
 * has none. Search finds Chinese words inside Chinese titles (耳机 in 无线降噪耳机, 充电器 where
 * the segmenter cut the title differently), mixed queries, option values, and follows edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, forEachEngine, scheduleLaunch, signup, startServer, type ResponseOf, type TestServer } from './harness.js';
import { expectError, expectOk } from './helpers/api.js';
import { searchIndexText, searchTerms } from '../src/db/dialect.js';
import { objectContaining, stringMatching } from './helpers/match.js';

describe('Chinese search terms', () => {
  it('index the segmenter’s words plus Chinese characters and their pairs; queries match the same pairs', () => {
    const indexed = searchIndexText(['Lumi 无线降噪耳机']).split(' ');
    expect(indexed).toEqual(expect.arrayContaining(['lumi', '无线', '耳机', '降噪', '耳']));
    expect(searchTerms('耳机')).toEqual([{ token: '耳机', prefix: false }]);
    expect(searchTerms('充电器')).toEqual([{ token: '充电', prefix: false }, { token: '电器', prefix: false }]);
    expect(searchTerms('Lumi 壳')).toEqual([{ token: 'lumi', prefix: true }, { token: '壳', prefix: false }]);
    expect(searchTerms('"; DROP TABLE products; --')).toEqual([{ token: 'drop', prefix: true }, { token: 'table', prefix: true }, { token: 'products', prefix: true }]);
  });
});

forEachEngine('bilingual catalog', (engine) => {
  let s: TestServer;
  let seller: Client;
  let storeId: string;
  let buds: ResponseOf<'/stores/{storeId}/products', 'post'>;
  let charger: ResponseOf<'/stores/{storeId}/products', 'post'>;
  let phone: ResponseOf<'/stores/{storeId}/products', 'post'>;
  const anon = () => new Client(s.url);

  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
    seller = await signup(s.url, 'seller');
    const store = await seller.post('/stores', { name: 'Tide Audio', kind: 'marketplace', description: 'Earbuds from Shenzhen.', texts: { 'zh-CN': { name: '潮汐音频', description: '深圳发货的耳机。' } } });
    expectOk(store, 201);
    storeId = store.body.id;
    const make = async (body: Record<string, unknown>) => {
      const r = await seller.post(`/stores/${storeId}/products`, { currency: 'CNY', priceMinor: 399_00, ...body });
      expectOk(r, 201);
      for (const k of r.body.skus) expectOk(await seller.patch(`/skus/${k.id}`, { stock: 5 }));
      expectOk(await seller.post(`/products/${r.body.id}/publish`));
      return r.body;
    };
    buds = await make({
      title: 'Tide Buds Pro wireless earbuds',
      description: 'Active noise cancelling, 36 h with case.',
      texts: { 'zh-CN': { title: 'Tide Buds Pro 无线降噪耳机', description: '主动降噪，配合充电盒续航 36 小时。' } },
      options: [{ name: 'colour', values: ['White', 'Black'], texts: { 'zh-CN': { name: '颜色', values: ['白色', '黑色'] } } }],
    });
    charger = await make({ texts: { 'zh-CN': { title: '快充充电器 100W' }, en: { title: '100 W fast charger' } }, description: 'GaN.' });
    phone = await make({ title: 'Lumi 15 Pro', description: 'Flagship phone.', options: [{ name: 'storage', values: ['256GB'] }] });
  });
  afterAll(async () => s?.close());

  it('gives both languages back, and the one asked for in title — else the primary text', async () => {
    const zh = await anon().get(`/products/${buds.id}`, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expectOk(zh);
    expect(zh.body).toMatchObject({ title: 'Tide Buds Pro 无线降噪耳机', description: '主动降噪，配合充电盒续航 36 小时。' });
    expect(zh.body.texts).toEqual({ 'zh-CN': { title: 'Tide Buds Pro 无线降噪耳机', description: '主动降噪，配合充电盒续航 36 小时。' } });
    expect(zh.body.options[0]).toMatchObject({ name: 'colour', values: ['White', 'Black'], label: '颜色', valueLabels: ['白色', '黑色'] });
    expect(zh.body.skus.map((k) => k.optionLabels?.colour).sort()).toEqual(['白色', '黑色']);
    // ?lang= wins over the header; English has no texts of its own here: the primary ones.
    const en = await anon().get(`/products/${buds.id}?lang=en`, { 'accept-language': 'zh-CN' });
    expect(en.body).toMatchObject({ title: 'Tide Buds Pro wireless earbuds', description: 'Active noise cancelling, 36 h with case.' });
    expect(en.body.options[0]).toMatchObject({ label: 'colour', valueLabels: ['White', 'Black'] });
    // No language asked for: the primary texts.
    expect((await anon().get(`/products/${buds.id}`)).body.title).toBe('Tide Buds Pro wireless earbuds');
    // A product made from texts alone takes the first locale's title as its primary one.
    expect((await anon().get(`/products/${charger.id}`)).body.title).toBe('快充充电器 100W');
    expect((await anon().get(`/products/${charger.id}`, { 'accept-language': 'en-GB' })).body.title).toBe('100 W fast charger');

    const store = await anon().get(`/stores/${storeId}`, { 'accept-language': 'zh' });
    expect(store.body).toMatchObject({ name: '潮汐音频', description: '深圳发货的耳机。', texts: { 'zh-CN': { name: '潮汐音频' } } });
    expect((await anon().get(`/stores/${storeId}?lang=en`)).body.name).toBe('Tide Audio');
  });

  it('searches Chinese: 耳机 finds 无线降噪耳机, 充电器 finds 快充充电器, mixed and option queries too, titles in the language asked for', async () => {
    const ids = async (q: string, lang = 'zh-CN') => (await anon().get(`/products?q=${encodeURIComponent(q)}`, { 'accept-language': lang })).body.items.map((i) => i.id);
    expect(await ids('耳机')).toEqual([buds.id]);
    expect(await ids('降噪耳机')).toEqual([buds.id]);
    expect(await ids('充电器')).toEqual([charger.id]);
    expect(await ids('Tide 耳机')).toEqual([buds.id]);
    expect(await ids('黑色')).toEqual([buds.id]);
    expect(await ids('buds')).toEqual([buds.id]);
    expect(await ids('lumi')).toEqual([phone.id]);
    expect(await ids('手表')).toEqual([]);
    const hit = (await anon().get(`/products?q=${encodeURIComponent('耳机')}`, { 'accept-language': 'zh-CN' })).body.items[0];
    expect(hit).toMatchObject({ title: 'Tide Buds Pro 无线降噪耳机', storeName: '潮汐音频' });
    const enHit = (await anon().get(`/products?q=${encodeURIComponent('耳机')}&lang=en`)).body.items[0];
    expect(enHit).toMatchObject({ title: 'Tide Buds Pro wireless earbuds', storeName: 'Tide Audio' });
  });

  it('follows edits: new texts are found, removed ones are not; option names can be added later', async () => {
    expectOk(await seller.patch(`/products/${phone.id}`, { texts: { 'zh-CN': { title: 'Lumi 15 Pro 旗舰手机' } }, optionTexts: [{ 'zh-CN': { name: '存储容量', values: ['256GB'] } }] }));
    const found = await anon().get(`/products?q=${encodeURIComponent('旗舰')}`);
    expect(found.body.items.map((i) => i.id)).toEqual([phone.id]);
    const zh = await anon().get(`/products/${phone.id}`, { 'accept-language': 'zh-CN' });
    expect(zh.body.title).toBe('Lumi 15 Pro 旗舰手机');
    expect(zh.body.options[0]!.label).toBe('存储容量');
    expectOk(await seller.patch(`/products/${phone.id}`, { texts: { 'zh-CN': { title: '' } } }));
    expect((await anon().get(`/products?q=${encodeURIComponent('旗舰')}`)).body.items).toEqual([]);
    expect((await anon().get(`/products/${phone.id}`, { 'accept-language': 'zh-CN' })).body.title).toBe('Lumi 15 Pro');
    // Names for values that do not line up with the option's are refused.
    expectError(await seller.patch(`/products/${phone.id}`, { optionTexts: [{ 'zh-CN': { values: ['一', '二'] } }] }), 400, 'OPTION_TEXTS_MISMATCH');
    expectError(await seller.post(`/stores/${storeId}/products`, { currency: 'CNY', priceMinor: 1, description: 'x' }), 400, 'TITLE_MISSING');
    expectError(await seller.post(`/stores/${storeId}/products`, { title: 'x', currency: 'CNY', priceMinor: 1, texts: { fr: { title: 'x' } } }), 400, 'VALIDATION_FAILED');
  });

  it('launches and cart lines come in the language asked for', async () => {
    const launch = await scheduleLaunch(seller, storeId, buds.skus[0]!.id, { startsInMs: 600_000, allotment: 2, title: 'Tide Buds launch', texts: { 'zh-CN': { title: 'Tide Buds 首发', description: '前 2 副首发价。' } } });
    const zh = await anon().get(`/launches/${launch.id}`, { 'accept-language': 'zh-CN' });
    expect(zh.body).toMatchObject({ title: 'Tide Buds 首发', description: '前 2 副首发价。', storeName: '潮汐音频' });
    expect(zh.body.items[0]).toMatchObject({ title: 'Tide Buds Pro 无线降噪耳机', optionLabels: { colour: buds.skus[0]!.options.colour === 'White' ? '白色' : '黑色' } });
    expect((await anon().get(`/launches/${launch.id}?lang=en`)).body.title).toBe('Tide Buds launch');
    const list = await anon().get(`/launches?storeId=${storeId}&include=all`, { 'accept-language': 'zh-CN' });
    expect(list.body.launches[0]!.title).toBe('Tide Buds 首发');

    const buyer = await signup(s.url);
    const cart = await buyer.req('PUT', `/cart/items/${buds.skus[1]!.id}`, { quantity: 1 }, { 'accept-language': 'zh-CN' });
    expectOk(cart);
    expect(cart.body.stores[0]).toMatchObject({ storeName: '潮汐音频', lines: [objectContaining({ title: 'Tide Buds Pro 无线降噪耳机', optionLabels: { colour: stringMatching(/^(白色|黑色)$/) } })] });
  });
});
