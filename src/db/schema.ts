/**
 * The one typed picture of every table, shared by both storage engines.
 * Times are integer epoch milliseconds; money is integer minor units plus a currency;
 * booleans are 0/1 integers so the same queries run on SQLite and PostgreSQL.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type UserRole = 'buyer' | 'seller' | 'admin';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: UserRole;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the secret token; the token itself is never stored. */
  id: string;
  /** Short public id used to list and revoke a token. */
  public_id: string;
  user_id: string;
  kind: 'cookie' | 'bearer';
  label: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface StoresTable {
  id: string;
  slug: string;
  name: string;
  kind: 'marketplace' | 'flagship';
  description: string;
  /** JSON: per-locale name and description ({ "zh-CN": { "name": "…" } }); `name`/`description` are the primary texts. Default '{}'. */
  texts_json: Generated<string>;
  logo_url: string | null;
  verified: number;
  verified_at: number | null;
  owner_id: string;
  created_at: number;
}

export interface StoreMembersTable {
  store_id: string;
  user_id: string;
  role: 'owner' | 'staff';
  created_at: number;
}

export interface ProductsTable {
  id: string;
  store_id: string;
  title: string;
  description: string;
  status: 'draft' | 'published';
  /** JSON: [{ name: 'colour', values: ['black', 'white'], texts?: { 'zh-CN': { name: '颜色', values: ['黑', '白'] } } }, ...] */
  options_json: string;
  /** JSON: ['https://...'] */
  images_json: string;
  currency: string;
  /** Lowest SKU price, kept in step with SKU prices for search filters and sorting. */
  price_min_minor: number;
  /** JSON: per-locale title and description; `title`/`description` are the primary texts. Default '{}'. */
  texts_json: Generated<string>;
  /** The segmented text of every locale's title, and of the rest (catalog/search.ts): what full-text search indexes. */
  search_title: Generated<string>;
  search_body: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface SkusTable {
  id: string;
  product_id: string;
  store_id: string;
  code: string;
  /** JSON: { colour: 'black', storage: '256GB' } */
  options_json: string;
  price_minor: number;
  currency: string;
  stock: number;
  images_json: string;
  created_at: number;
  updated_at: number;
}

export interface CartItemsTable {
  user_id: string;
  sku_id: string;
  quantity: number;
  added_at: number;
}

export type OrderStatus =
  | 'pending_payment'
  | 'paid'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'cancelled'
  | 'refund_requested'
  | 'refunded';

export interface OrdersTable {
  id: string;
  buyer_id: string;
  store_id: string;
  checkout_id: string;
  status: OrderStatus;
  total_minor: number;
  currency: string;
  address_json: string;
  payment_deadline_at: number;
  payment_id: string | null;
  carrier: string | null;
  tracking_number: string | null;
  refund_reason: string | null;
  /** Status to return to when a refund request is rejected. */
  status_before_refund: OrderStatus | null;
  cancel_reason: string | null;
  /** Set for orders created from a flash-sale hold. */
  launch_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface OrderItemsTable {
  id: string;
  order_id: string;
  sku_id: string;
  product_id: string;
  title: string;
  options_json: string;
  unit_price_minor: number;
  quantity: number;
}

export interface OrderEventsTable {
  id: Generated<number>;
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  actor: string;
  note: string | null;
  at: number;
}

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'refunded' | 'partially_refunded';

export interface PaymentsTable {
  id: string;
  provider: string;
  provider_payment_id: string;
  buyer_id: string;
  amount_minor: number;
  refunded_minor: number;
  currency: string;
  status: PaymentStatus;
  /** JSON array of the order ids this payment covers. */
  order_ids_json: string;
  pay_url: string;
  created_at: number;
  updated_at: number;
}

export interface RefundsTable {
  id: string;
  payment_id: string;
  order_id: string;
  amount_minor: number;
  reason: string;
  provider_refund_id: string | null;
  created_at: number;
}

export interface WebhookEventsTable {
  /** The provider's event id: a second delivery of the same event finds its row and does nothing. */
  event_id: string;
  provider: string;
  type: string;
  received_at: number;
}

export interface SandboxPaymentsTable {
  id: string;
  merchant_reference: string;
  amount_minor: number;
  refunded_minor: number;
  currency: string;
  description: string;
  status: 'requires_action' | 'succeeded' | 'declined';
  return_url: string;
  created_at: number;
  decided_at: number | null;
}

export interface SandboxWebhookOutboxTable {
  /** Event id, shared by every delivery attempt (and duplicate) of one event. */
  id: string;
  type: string;
  payload: string;
  attempts: number;
  next_attempt_at: number;
  delivered_at: number | null;
  /** How many extra copies are still to be sent after the first acknowledged delivery. */
  duplicates_left: number;
  created_at: number;
}

export interface WebhookSignaturesTable {
  /** A signature header seen once; the same header again is a replay. */
  signature: string;
  received_at: number;
}

export interface IdempotencyKeysTable {
  scope: string;
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_json: string;
  created_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface LaunchesTable {
  id: string;
  store_id: string;
  title: string;
  description: string;
  /** JSON: per-locale title and description; `title`/`description` are the primary texts. Default '{}'. */
  texts_json: Generated<string>;
  /** 'scheduled' while it runs its course; 'cancelled' when the seller called it off. Phases are derived from times. */
  state: 'scheduled' | 'cancelled';
  registration_required: number;
  registration_opens_at: number | null;
  starts_at: number;
  ends_at: number;
  per_buyer_limit: number;
  payment_window_ms: number;
  admission_rate_per_sec: number;
  max_active: number;
  pass_ttl_ms: number;
  /** Proof-of-work difficulty in leading zero bits required to join; 0 = off. */
  pow_difficulty: number;
  paused: number;
  /** Hex seed of the pre-queue draw, recorded when the launch starts (audit and replay). */
  shuffle_seed: string | null;
  shuffled_at: number | null;
  prequeue_count: number | null;
  /** When unsold units went back to ordinary stock after the end. */
  stock_returned_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface LaunchItemsTable {
  launch_id: string;
  sku_id: string;
  allotment: number;
  price_minor: number;
  currency: string;
}

export interface LaunchRegistrationsTable {
  launch_id: string;
  buyer_id: string;
  registered_at: number;
}

export interface QueueEntriesTable {
  launch_id: string;
  buyer_id: string;
  joined_at: number;
  /** 1 when the buyer joined before the start (shuffled at the start). */
  prequeue: number;
  /** Place in line (1-based), set on arrival after the start or by the draw for the pre-queue. */
  seq: number | null;
  admitted_at: number | null;
}

export type HoldStatus = 'held' | 'paid' | 'expired' | 'cancelled';

export interface HoldsTable {
  id: string;
  launch_id: string;
  sku_id: string;
  buyer_id: string;
  quantity: number;
  price_minor: number;
  currency: string;
  status: HoldStatus;
  idempotency_key: string;
  expires_at: number;
  order_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The raw event log (append-only; buyers are pseudonyms, never user ids): one row per flushed batch, its events gzip'd column by column (`analytics/segments.ts`). */
export interface AnalyticsEventSegmentsTable {
  id: Generated<number>;
  /** The earliest and latest event time in the segment (ms). */
  first_at: number;
  last_at: number;
  events: number;
  /** The body's format (`SEGMENT_FORMAT`). */
  format: number;
  body: Uint8Array;
  /** The recorder's batch (unique): a batch written again, after a commit whose answer was lost, is not stored twice. Null before migration 008. */
  batch_id: string | null;
}

/** Sales per store, grain and bucket; `sku_id` '' is the all-SKU total, `launch_id` '' ordinary sales. */
export interface AnalyticsSalesTable {
  store_id: string;
  grain: string;
  sku_id: string;
  bucket_start: number;
  launch_id: string;
  currency: string;
  views: number;
  orders: number;
  units: number;
  revenue_minor: number;
  refunds: number;
  refunded_units: number;
  refunded_minor: number;
  shipped: number;
  delivered: number;
}

/** Paid orders per store, UTC day and region (province of the shipping address). */
export interface AnalyticsRegionsTable {
  store_id: string;
  day: number;
  region: string;
  launch_id: string;
  currency: string;
  orders: number;
  units: number;
  revenue_minor: number;
}

/** Paid orders (transactions) per store, UTC day and device class. */
export interface AnalyticsDevicesTable {
  store_id: string;
  day: number;
  device: string;
  launch_id: string;
  transactions: number;
  units: number;
}

/** Distinct-buyer sketches per scope ('store', 'platform', 'launch'), UTC day and device class. */
export interface AnalyticsBuyerSketchesTable {
  scope: string;
  scope_id: string;
  day: number;
  device: string;
  sketch: Uint8Array;
}

/**
 * The funnel steps each buyer of a launch reached (exact distinct counts per step): `steps` is
 * a bitmask of `FUNNEL_STEPS` (bit i = step i); `added` the bits the latest write added, which
 * the write reads back to count buyers new to each step.
 */
export interface AnalyticsLaunchBuyersTable {
  launch_id: string;
  buyer: string;
  steps: number;
  added: Generated<number>;
}

/** Named counters per launch (funnel buyers, holds, expiries, refusals by reason, waits). */
export interface AnalyticsLaunchCountersTable {
  launch_id: string;
  metric: string;
  value: number;
}

/** Units held, paid and released per second since a launch's start. */
export interface AnalyticsSelloutTable {
  launch_id: string;
  second: number;
  held_units: number;
  paid_units: number;
  released_units: number;
}

/** Admissions per waiting-time bucket of a launch. */
export interface AnalyticsWaitsTable {
  launch_id: string;
  bucket: number;
  admitted: number;
}

/** Every table Flashmall owns, typed for Kysely. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  stores: StoresTable;
  store_members: StoreMembersTable;
  products: ProductsTable;
  skus: SkusTable;
  cart_items: CartItemsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_events: OrderEventsTable;
  payments: PaymentsTable;
  refunds: RefundsTable;
  webhook_events: WebhookEventsTable;
  webhook_signatures: WebhookSignaturesTable;
  sandbox_payments: SandboxPaymentsTable;
  sandbox_webhook_outbox: SandboxWebhookOutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
  launches: LaunchesTable;
  launch_items: LaunchItemsTable;
  launch_registrations: LaunchRegistrationsTable;
  queue_entries: QueueEntriesTable;
  holds: HoldsTable;
  analytics_event_segments: AnalyticsEventSegmentsTable;
  analytics_sales: AnalyticsSalesTable;
  analytics_regions: AnalyticsRegionsTable;
  analytics_devices: AnalyticsDevicesTable;
  analytics_buyer_sketches: AnalyticsBuyerSketchesTable;
  analytics_launch_buyers: AnalyticsLaunchBuyersTable;
  analytics_launch_counters: AnalyticsLaunchCountersTable;
  analytics_sellout: AnalyticsSelloutTable;
  analytics_waits: AnalyticsWaitsTable;
}

export type Launch = Selectable<LaunchesTable>;
export type LaunchItem = Selectable<LaunchItemsTable>;
export type Hold = Selectable<HoldsTable>;

export type User = Selectable<UsersTable>;
export type Store = Selectable<StoresTable>;
export type Product = Selectable<ProductsTable>;
export type Sku = Selectable<SkusTable>;
export type Order = Selectable<OrdersTable>;
export type OrderItem = Selectable<OrderItemsTable>;
export type Payment = Selectable<PaymentsTable>;
export type NewOrder = Insertable<OrdersTable>;
export type OrderUpdate = Updateable<OrdersTable>;
