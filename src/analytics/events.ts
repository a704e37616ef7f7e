/**
 * The analytics vocabulary: what happened (event types), on what (device classes, channels),
 * and the two shapes of an event — what callers hand the recorder (`AnalyticsInput`, raw ids
 * and references still to resolve) and the row that is stored (`StoredEvent`, pseudonymous
 * and complete). Pure data and small pure helpers; no I/O here.
 */

/** Every event type the recorder accepts. */
export const EVENT_TYPES = [
  'product_viewed',
  'launch_registered',
  'queue_joined',
  'admitted',
  'hold_created',
  'hold_refused',
  'payment_succeeded',
  'hold_expired',
  'hold_cancelled',
  'order_paid',
  'order_shipped',
  'order_delivered',
  'order_refunded',
  'join_refused',
] as const;

/** One kind of thing that happened. */
export type AnalyticsEventType = (typeof EVENT_TYPES)[number];

/** The classes buyers' devices fall into; `unknown` when nothing says (system events, bare API clients). */
export const DEVICE_CLASSES = ['phone', 'tablet', 'desktop', 'tv', 'unknown'] as const;

/** A buyer's device class. */
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** How the buyer reached Flashmall: a browser session (cookie), an app (bearer token), or not known. */
export type Channel = 'web' | 'api' | 'unknown';

/** What a route learns from the request and passes down to services (they never read the request). */
export interface RequestMeta {
  deviceClass: DeviceClass;
  channel: Channel;
}

/**
 * What a caller records. Raw user ids are allowed here (`buyerId`): the recorder turns them
 * into pseudonyms before anything is stored. References (`holdId`, `orderId` on order
 * events, `launchId`) let a caller on a hot path record a one-liner; the recorder fills the
 * rest (SKU, units, amount, store, seconds since the start) when it flushes.
 */
export interface AnalyticsInput {
  type: AnalyticsEventType;
  /** Epoch ms; defaults to the recorder's clock. */
  at?: number;
  storeId?: string | null;
  productId?: string | null;
  skuId?: string | null;
  launchId?: string | null;
  orderId?: string | null;
  /** A launch hold whose SKU, units, amount and buyer the flush reads when they are not given. */
  holdId?: string | null;
  /** The raw user id (never stored: pseudonymised at once). */
  buyerId?: string | null;
  units?: number;
  amountMinor?: number;
  currency?: string | null;
  /** Province or state of the shipping address. */
  region?: string | null;
  /** Why a hold, or a place in the waiting room, was refused (the error code). */
  reason?: string | null;
  /** admitted: how long the buyer waited (join, or the start for the pre-queue, to admission). */
  waitMs?: number | null;
  /** Launch events: the launch's start, when the caller knows it (saves a lookup). */
  launchStartsAt?: number | null;
  meta?: RequestMeta | null;
}

/** An event as stored in `analytics_events`: complete, pseudonymous, ready for rollups. */
export interface StoredEvent {
  at: number;
  type: AnalyticsEventType;
  store_id: string;
  product_id: string | null;
  sku_id: string | null;
  launch_id: string | null;
  order_id: string | null;
  buyer: string | null;
  device: DeviceClass;
  channel: Channel;
  region: string | null;
  units: number;
  amount_minor: number;
  currency: string | null;
  reason: string | null;
  wait_ms: number | null;
  since_start_ms: number | null;
}

/** Rollup time grains and their length in ms. */
export const GRAINS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** A time bucket size. */
export type Grain = keyof typeof GRAINS;

/** Start of the bucket of `grain` that contains `at` (UTC). */
export function bucketStart(at: number, grain: Grain): number {
  const ms = GRAINS[grain];
  return Math.floor(at / ms) * ms;
}

/** Upper bounds (exclusive, seconds) of the waiting-time buckets; the last bucket is open-ended. */
export const WAIT_BUCKETS_S = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800] as const;

/** Index of the waiting-time bucket for a wait in ms (0 … WAIT_BUCKETS_S.length). */
export function waitBucket(waitMs: number): number {
  const s = Math.max(0, waitMs) / 1000;
  const i = WAIT_BUCKETS_S.findIndex((b) => s < b);
  return i === -1 ? WAIT_BUCKETS_S.length : i;
}

/**
 * The launch funnel's steps, in order, and the event that puts a buyer on each. Step i is bit
 * `1 << i` of the stored step masks (`analytics_launch_buyers`): new steps go at the end.
 */
export const FUNNEL_STEPS = [
  { step: 'registered', event: 'launch_registered' },
  { step: 'queued', event: 'queue_joined' },
  { step: 'admitted', event: 'admitted' },
  { step: 'held', event: 'hold_created' },
  { step: 'paid', event: 'payment_succeeded' },
] as const satisfies ReadonlyArray<{ step: string; event: AnalyticsEventType }>;

/** A step of the launch funnel. */
export type FunnelStep = (typeof FUNNEL_STEPS)[number]['step'];

/** A funnel step's bit in the stored step masks. */
export function stepBit(step: FunnelStep): number {
  return 1 << FUNNEL_STEPS.findIndex((s) => s.step === step);
}

/** The funnel step an event puts its buyer on, if any. */
export function funnelStepOf(type: AnalyticsEventType): FunnelStep | null {
  return FUNNEL_STEPS.find((s) => s.event === type)?.step ?? null;
}
