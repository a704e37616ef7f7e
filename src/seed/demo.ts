/**
 * Demo data for the first start: a verified flagship phone store with phones in colour and
 * storage variants, two marketplace shops with other goods, a demo seller and a demo buyer —
 * every store, product, option and launch in English (the primary texts) and Chinese.
 * Runs once per database (remembered in settings).
 */
import type { AppContext } from '../context.js';
import type { Principal } from '../accounts/service.js';
import { createUser } from '../accounts/service.js';
import { openStore, setVerified } from '../stores/service.js';
import { createProduct, setPublished, type NewProductInput } from '../catalog/service.js';
import { isUniqueViolation } from '../db/dialect.js';
import { createLaunch } from '../launches/service.js';

export const DEMO_LOGINS = [
  { role: 'buyer', email: 'buyer@flashmall.local', password: 'buyer-demo-1' },
  { role: 'seller (Lumi flagship)', email: 'lumi@flashmall.local', password: 'seller-demo-1' },
  { role: 'seller (marketplace)', email: 'shop@flashmall.local', password: 'seller-demo-1' },
] as const;

const asPrincipal = (u: { id: string; email: string; name: string; role: Principal['role'] }): Principal => ({
  userId: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  via: 'bearer',
  sessionId: 'seed',
});

/** Chinese texts of a demo product: title, description and, per option, its name and values. */
interface Zh {
  title: string;
  description: string;
  options?: Record<string, { name: string; values?: string[] }>;
}

/** Adds the Chinese texts to a product (English is the primary language of the demo data). */
const withZh = (p: NewProductInput, zh: Zh): NewProductInput => ({
  ...p,
  texts: { 'zh-CN': { title: zh.title, description: zh.description } },
  options: p.options.map((o) => (zh.options?.[o.name] ? { ...o, texts: { 'zh-CN': { name: zh.options[o.name]!.name, ...(zh.options[o.name]!.values ? { values: zh.options[o.name]!.values } : {}) } } } : o)),
});

/** A phone in colours and storage sizes; with `colourImgs` (one per colour), each colour's SKUs show their own picture. */
const phone = (title: string, description: string, priceMinor: number, colours: string[], storage: Array<[string, number]>, stock: number, img: string, zh: { title: string; description: string; colours: string[] }, colourImgs?: string[]): NewProductInput => ({
  title,
  description,
  category: 'phones',
  texts: { 'zh-CN': { title: zh.title, description: zh.description } },
  currency: 'CNY',
  priceMinor,
  options: [
    { name: 'colour', values: colours, texts: { 'zh-CN': { name: '颜色', values: zh.colours } } },
    { name: 'storage', values: storage.map(([s]) => s), texts: { 'zh-CN': { name: '存储容量' } } },
  ],
  images: [`/demo/${img}.svg`],
  skus: colours.flatMap((c, ci) => storage.map(([s, extra]) => ({ options: { colour: c, storage: s }, priceMinor: priceMinor + extra, stock, ...(colourImgs ? { images: [`/demo/${colourImgs[ci]!}.svg`] } : {}) }))),
});

/** Seeds the demo catalogue once; returns false when it was already there. */
export async function seedDemo(ctx: AppContext): Promise<boolean> {
  try {
    await ctx.db.insertInto('settings').values({ key: 'demo_seeded', value: String(ctx.clock.now()) }).execute();
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
  const buyer = await createUser(ctx, { email: DEMO_LOGINS[0].email, password: DEMO_LOGINS[0].password, name: 'Demo Buyer', role: 'buyer' });
  void buyer;
  const lumi = asPrincipal(await createUser(ctx, { email: DEMO_LOGINS[1].email, password: DEMO_LOGINS[1].password, name: 'Lumi Store Team', role: 'seller' }));
  const shop = asPrincipal(await createUser(ctx, { email: DEMO_LOGINS[2].email, password: DEMO_LOGINS[2].password, name: 'Marketplace Seller', role: 'seller' }));

  const flagship = await openStore(ctx, lumi, { name: 'Lumi Official Flagship Store', slug: 'lumi', kind: 'flagship', description: 'Official Lumi phones, tablets and accessories — launches every month.', texts: { 'zh-CN': { name: 'Lumi 官方旗舰店', description: 'Lumi 官方手机、平板与配件——每月首发新品。' } } });
  await setVerified(ctx, flagship.id, true);
  const audio = await openStore(ctx, shop, { name: 'Harbour Audio', slug: 'harbour-audio', kind: 'marketplace', description: 'Earbuds and speakers, shipped from Shenzhen.', texts: { 'zh-CN': { name: '港湾音频', description: '耳机与音箱，深圳发货。' } } });
  const cases = await openStore(ctx, shop, { name: 'Case & Cable Co.', slug: 'case-and-cable', kind: 'marketplace', description: 'Cases, chargers and cables for every phone.', texts: { 'zh-CN': { name: '壳线小铺', description: '各款手机的保护壳、充电器和数据线。' } } });

  const products: Array<[Principal, string, NewProductInput]> = [
    [lumi, flagship.id, phone('Lumi 15 Pro', 'Flagship with a 6.7" 120 Hz display, 1-inch camera sensor and 100 W charging.', 4999_00, ['Obsidian Black', 'Glacier White', 'Ocean Blue'], [['256GB', 0], ['512GB', 500_00], ['1TB', 1200_00]], 40, 'lumi-15-pro', { title: 'Lumi 15 Pro 旗舰手机', description: '6.7 英寸 120Hz 屏幕，一英寸大底主摄，100W 快充。', colours: ['曜石黑', '冰川白', '海洋蓝'] }, ['lumi-15-pro', 'lumi-15-pro-white', 'lumi-15-pro-blue'])],
    [lumi, flagship.id, phone('Lumi 15', 'The everyday Lumi: 6.3" OLED, 50 MP camera, two-day battery.', 3299_00, ['Midnight', 'Sand', 'Mint'], [['128GB', 0], ['256GB', 300_00]], 60, 'lumi-15', { title: 'Lumi 15 手机', description: '日常好用的 Lumi：6.3 英寸 OLED 屏，5000 万像素相机，两天续航。', colours: ['午夜黑', '沙丘金', '薄荷绿'] })],
    [lumi, flagship.id, phone('Lumi Note 14', 'Big screen, big battery, small price.', 1499_00, ['Graphite', 'Sky'], [['128GB', 0], ['256GB', 200_00]], 120, 'lumi-note-14', { title: 'Lumi Note 14 大屏手机', description: '大屏幕，大电池，小价格。', colours: ['石墨灰', '天空蓝'] })],
    [lumi, flagship.id, withZh({ title: 'Lumi Pad 6', category: 'tablets', description: '11" 144 Hz tablet with stylus support.', currency: 'CNY', priceMinor: 2399_00, options: [{ name: 'storage', values: ['128GB', '256GB'] }], images: ['/demo/lumi-pad-6.svg'], skus: [{ options: { storage: '128GB' }, stock: 30 }, { options: { storage: '256GB' }, priceMinor: 2699_00, stock: 20 }] }, { title: 'Lumi Pad 6 平板电脑', description: '11 英寸 144Hz 平板，支持手写笔。', options: { storage: { name: '存储容量' } } })],
    [shop, audio.id, withZh({ title: 'Tide Buds Pro wireless earbuds', category: 'audio', description: 'Active noise cancelling, 36 h with case.', currency: 'CNY', priceMinor: 399_00, options: [{ name: 'colour', values: ['White', 'Black'] }], images: ['/demo/tide-buds.svg'], skus: [{ options: { colour: 'White' }, stock: 200 }, { options: { colour: 'Black' }, stock: 150 }] }, { title: 'Tide Buds Pro 无线降噪耳机', description: '主动降噪，配合充电盒续航 36 小时。', options: { colour: { name: '颜色', values: ['白色', '黑色'] } } })],
    [shop, audio.id, withZh({ title: 'Pier Mini Bluetooth speaker', category: 'audio', description: 'Waterproof pocket speaker, 12 h playback.', currency: 'CNY', priceMinor: 199_00, options: [], images: ['/demo/pier-speaker.svg'], skus: [{ options: {}, stock: 80 }] }, { title: 'Pier Mini 蓝牙音箱', description: '防水口袋音箱，续航 12 小时。' })],
    [shop, cases.id, withZh({ title: 'Clear case for Lumi 15 Pro', category: 'accessories', description: 'Shock-absorbing corners, MagSafe-style ring.', currency: 'CNY', priceMinor: 59_00, options: [{ name: 'finish', values: ['Clear', 'Frosted'] }], images: ['/demo/clear-case.svg'], skus: [{ options: { finish: 'Clear' }, stock: 500 }, { options: { finish: 'Frosted' }, stock: 300 }] }, { title: 'Lumi 15 Pro 透明手机壳', description: '四角防摔，带磁吸圈。', options: { finish: { name: '款式', values: ['透明', '磨砂'] } } })],
    [shop, cases.id, withZh({ title: '100 W USB-C fast charger', category: 'accessories', description: 'GaN charger with two USB-C ports.', currency: 'CNY', priceMinor: 129_00, options: [], images: ['/demo/charger.svg'], skus: [{ options: {}, stock: 250 }] }, { title: '100W USB-C 氮化镓快充充电器', description: '氮化镓充电器，双 USB-C 接口。' })],
  ];
  const created = [];
  for (const [who, storeId, input] of products) {
    const p = await createProduct(ctx, who, storeId, input);
    await setPublished(ctx, who, p.id, true);
    created.push(p);
  }

  // A flash-sale launch of the flagship phone, opening ten minutes after the first start,
  // so the storefront shows a countdown, registration and then a live waiting room.
  const pro = created[0]!;
  const now = ctx.clock.now();
  const sku = (colour: string, storage: string) => pro.skus.find((k) => k.options.colour === colour && k.options.storage === storage)!;
  await createLaunch(ctx, lumi, flagship.id, {
    title: 'Lumi 15 Pro launch day',
    description: 'The first 60 Lumi 15 Pro at the launch price. Register now; the line opens at the start.',
    texts: { 'zh-CN': { title: 'Lumi 15 Pro 首发日', description: '前 60 台 Lumi 15 Pro 享首发价。现在预约，开抢时开放排队。' } },
    startsAt: now + 10 * 60_000,
    endsAt: now + 7 * 24 * 3600_000,
    registrationRequired: false,
    registrationOpensAt: now,
    perBuyerLimit: 1,
    paymentWindowMs: 15 * 60_000,
    admission: { ratePerSecond: 200, maxActive: 2000, passTtlMs: 120_000 },
    powDifficulty: 0,
    items: [
      { skuId: sku('Obsidian Black', '1TB').id, allotment: 30, launchPriceMinor: 5799_00 },
      { skuId: sku('Glacier White', '1TB').id, allotment: 30, launchPriceMinor: 5799_00 },
    ],
  });
  return true;
}
