/**
 * Demo data for the first start: a verified flagship phone store with phones in colour and
 * storage variants, two marketplace shops with other goods, a demo seller and a demo buyer.
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

const phone = (title: string, description: string, priceMinor: number, colours: string[], storage: Array<[string, number]>, stock: number, img: string): NewProductInput => ({
  title,
  description,
  category: 'phones',
  currency: 'CNY',
  priceMinor,
  options: [
    { name: 'colour', values: colours },
    { name: 'storage', values: storage.map(([s]) => s) },
  ],
  images: [`/demo/${img}.svg`],
  skus: colours.flatMap((c) => storage.map(([s, extra]) => ({ options: { colour: c, storage: s }, priceMinor: priceMinor + extra, stock }))),
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

  const flagship = await openStore(ctx, lumi, { name: 'Lumi Official Flagship Store', slug: 'lumi', kind: 'flagship', description: 'Official Lumi phones, tablets and accessories — launches every month.' });
  await setVerified(ctx, flagship.id, true);
  const audio = await openStore(ctx, shop, { name: 'Harbour Audio', slug: 'harbour-audio', kind: 'marketplace', description: 'Earbuds and speakers, shipped from Shenzhen.' });
  const cases = await openStore(ctx, shop, { name: 'Case & Cable Co.', slug: 'case-and-cable', kind: 'marketplace', description: 'Cases, chargers and cables for every phone.' });

  const products: Array<[Principal, string, NewProductInput]> = [
    [lumi, flagship.id, phone('Lumi 15 Pro', 'Flagship with a 6.7" 120 Hz display, 1-inch camera sensor and 100 W charging.', 4999_00, ['Obsidian Black', 'Glacier White', 'Ocean Blue'], [['256GB', 0], ['512GB', 500_00], ['1TB', 1200_00]], 40, 'lumi-15-pro')],
    [lumi, flagship.id, phone('Lumi 15', 'The everyday Lumi: 6.3" OLED, 50 MP camera, two-day battery.', 3299_00, ['Midnight', 'Sand', 'Mint'], [['128GB', 0], ['256GB', 300_00]], 60, 'lumi-15')],
    [lumi, flagship.id, phone('Lumi Note 14', 'Big screen, big battery, small price.', 1499_00, ['Graphite', 'Sky'], [['128GB', 0], ['256GB', 200_00]], 120, 'lumi-note-14')],
    [lumi, flagship.id, { title: 'Lumi Pad 6', category: 'tablets', description: '11" 144 Hz tablet with stylus support.', currency: 'CNY', priceMinor: 2399_00, options: [{ name: 'storage', values: ['128GB', '256GB'] }], images: ['/demo/lumi-pad-6.svg'], skus: [{ options: { storage: '128GB' }, stock: 30 }, { options: { storage: '256GB' }, priceMinor: 2699_00, stock: 20 }] }],
    [shop, audio.id, { title: 'Tide Buds Pro wireless earbuds', category: 'audio', description: 'Active noise cancelling, 36 h with case.', currency: 'CNY', priceMinor: 399_00, options: [{ name: 'colour', values: ['White', 'Black'] }], images: ['/demo/tide-buds.svg'], skus: [{ options: { colour: 'White' }, stock: 200 }, { options: { colour: 'Black' }, stock: 150 }] }],
    [shop, audio.id, { title: 'Pier Mini Bluetooth speaker', category: 'audio', description: 'Waterproof pocket speaker, 12 h playback.', currency: 'CNY', priceMinor: 199_00, options: [], images: ['/demo/pier-speaker.svg'], skus: [{ options: {}, stock: 80 }] }],
    [shop, cases.id, { title: 'Clear case for Lumi 15 Pro', category: 'accessories', description: 'Shock-absorbing corners, MagSafe-style ring.', currency: 'CNY', priceMinor: 59_00, options: [{ name: 'finish', values: ['Clear', 'Frosted'] }], images: ['/demo/clear-case.svg'], skus: [{ options: { finish: 'Clear' }, stock: 500 }, { options: { finish: 'Frosted' }, stock: 300 }] }],
    [shop, cases.id, { title: '100 W USB-C fast charger', category: 'accessories', description: 'GaN charger with two USB-C ports.', currency: 'CNY', priceMinor: 129_00, options: [], images: ['/demo/charger.svg'], skus: [{ options: {}, stock: 250 }] }],
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
