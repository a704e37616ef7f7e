/**
 * The one typed picture of every table, shared by both storage engines.
 * Times are integer epoch milliseconds; money is integer minor units plus a currency;
 * booleans are 0/1 integers so the same queries run on SQLite and PostgreSQL.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  /** One of CATEGORIES (catalog/service.ts), or null: commission rules may be set per category. */
  category: string | null;
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

/** Where a refund stands (payments/state-machine.ts): recorded, accepted by the provider, confirmed, or refused. */
export type RefundStatus = 'requested' | 'sent' | 'confirmed' | 'failed';

/** Money going back to a buyer: part or all of an order's share of a payment. Owned by payments/refunds.ts. */
export interface RefundsTable {
  /** Also the provider's idempotency key: sending the refund again never refunds twice. */
  id: string;
  payment_id: string;
  order_id: string;
  /** 'order': an approved refund of a paid order; 'unpayable': money that arrived for an order that could not take it (one per payment and order). */
  kind: 'order' | 'unpayable';
  amount_minor: number;
  currency: string;
  reason: string;
  status: RefundStatus;
  provider_refund_id: string | null;
  failure_reason: string | null;
  created_at: number;
  updated_at: number;
}

/** The step log of refunds: every move, when and by whom. */
export interface RefundEventsTable {
  id: Generated<number>;
  refund_id: string;
  from_status: RefundStatus | null;
  to_status: RefundStatus;
  actor: string;
  note: string | null;
  at: number;
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
  /** When the seller called it off; null while it runs its course. Its phases are derived from the times. */
  cancelled_at: number | null;
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
  /** Hex seed of the pre-queue draw, revealed when the launch starts (the committed one; audit and replay). */
  shuffle_seed: string | null;
  /** SHA-256 of the draw's seed, published from scheduling on (docs/draw.md); null for launches drawn before commitments existed. */
  draw_commitment: string | null;
  /** The committed seed, secret until the draw reveals it as `shuffle_seed` (never sent to anyone before). */
  draw_secret: string | null;
  draw_committed_at: number | null;
  /** SHA-256 of the frozen entrant list (docs/draw.md), recorded with the draw. */
  draw_entrants_hash: string | null;
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
  /** Units in holds still awaiting payment: kept by the triggers on holds, never written by code (migration 009). */
  held: ColumnType<number, never, never>;
  /** Units in paid holds (same). `held + sold <= allotment` is a constraint. */
  sold: ColumnType<number, never, never>;
}

/** Each buyer's units (held or paid) in a launch, kept by the triggers on holds; `units <= unit_limit` is a constraint. */
export interface LaunchBuyersTable {
  launch_id: string;
  buyer_id: string;
  units: number;
  /** The launch's per-buyer limit when the buyer first held a unit. */
  unit_limit: number;
}

/**
 * Every answer given to a reservation's idempotency key: the hold it made, or the refusal code
 * (exactly one of the two). The primary key is the arbiter of "the same key gets the same answer".
 */
export interface LaunchAnswersTable {
  launch_id: string;
  buyer_id: string;
  idempotency_key: string;
  /** What the request asked for (a retry with the same key asking for something else is refused). */
  sku_id: string;
  quantity: number;
  hold_id: string | null;
  code: string | null;
  answered_at: number;
}

/**
 * The generations of a launch's live state: a hold (or a place in line) is written only while
 * the epoch it was decided in is still current here; rebuilding the state starts a new one.
 */
export interface LaunchFencesTable {
  launch_id: string;
  stock_epoch: number;
  room_epoch: number;
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
  /** Arrival number in the pre-queue, given at join (the draw's receipt); null for places taken after the draw. */
  arrival: number | null;
}

/**
 * The frozen entrant list of a launch's draw (docs/draw.md), written once with the draw: each
 * pre-queue ticket with its arrival number and the place the draw gave it. Tickets are
 * pseudonyms; the buyer is known only through queue_entries on the server.
 */
export interface DrawEntrantsTable {
  launch_id: string;
  arrival: number;
  ticket: string;
  /** 1-based place in the drawn line. */
  position: number;
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
  /** The stock authority's generation the hold was decided in (never changes). */
  epoch: ColumnType<number, number | undefined, never>;
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

/** A mail to send; written in the transaction that decided to send it, delivered afterwards (src/mail). */
export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  /** Extra headers as JSON (Message-ID, List-Unsubscribe), or null. */
  headers_json: string | null;
  attempts: number;
  next_attempt_at: number;
  sent_at: number | null;
  created_at: number;
}

/** One event for one user (the in-app inbox): written in the transaction of the change that causes it, once per event key. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  /** What happened (src/notifications/texts.ts lists the kinds). */
  kind: string;
  /** The event's identity: a second write of the same event is a no-op. */
  event_key: string;
  params_json: string;
  created_at: number;
  read_at: number | null;
}

/** Delivery lifecycles of a notification (src/notifications/state-machine.ts). */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

/** One channel's delivery of a notification (e-mail or Web Push). */
export interface NotificationDeliveriesTable {
  notification_id: string;
  channel: 'email' | 'push';
  user_id: string;
  status: DeliveryStatus;
  /** Why it was skipped or failed (preference, throttled, no subscription, …). */
  reason: string | null;
  attempts: number;
  next_attempt_at: number;
  sent_at: number | null;
}

/** A user's notification settings (defaults apply while there is no row). */
export interface NotificationPreferencesTable {
  user_id: string;
  email_enabled: number;
  push_enabled: number;
  locale: 'en' | 'zh-CN';
  /** Kinds the user muted, as a JSON array. */
  muted_json: string;
  updated_at: number;
}

/** A browser's Web Push subscription. */
export interface PushSubscriptionsTable {
  endpoint: string;
  user_id: string;
  p256dh: string;
  auth: string;
  created_at: number;
}

/** How far a batch of notifications (a launch's start reminders) has been written. */
export interface NotificationBatchesTable {
  key: string;
  cursor: string;
  done_at: number | null;
  updated_at: number;
}

/** A sign-up waiting for the code mailed to its address (one per address; a new request replaces it). */
export interface SignupRequestsTable {
  email: string;
  name: string;
  role: 'buyer' | 'seller';
  password_hash: string;
  /** HMAC of the mailed code; the code itself is never stored. */
  code_hash: string;
  attempts: number;
  expires_at: number;
  created_at: number;
}

/** An invitation to join a store, mailed to an address; accepted by the account with that address. */
export interface StoreInvitationsTable {
  id: string;
  /** sha256 of the mailed token. */
  token_hash: string;
  store_id: string;
  email: string;
  role: 'owner' | 'staff';
  invited_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

/** A commission rate set by the operator (money/commission.ts): per store kind, category or launch, from a moment on. Never edited. */
export interface CommissionRulesTable {
  id: string;
  /** The store kind it applies to (null: any kind). */
  store_kind: 'marketplace' | 'flagship' | null;
  /** The product category it applies to (null: every category). */
  category: string | null;
  /** The launch it applies to (null: every sale). */
  launch_id: string | null;
  /** Basis points of the sale (100 = 1 %). */
  rate_bps: number;
  /** Sales paid from this moment (ms) on use it, until a later rule of the same scope takes over. */
  effective_from: number;
  note: string | null;
  created_by: string;
  created_at: number;
}

/** The kinds of money account (money/ledger.ts). */
export type LedgerAccountKind = 'store' | 'clearing' | 'revenue' | 'refunds_payable' | 'payouts_in_transit';

/** An account of the money ledger: one per store and currency, and the platform's own. */
export interface LedgerAccountsTable {
  /** e.g. `store:<storeId>:CNY`, `platform:clearing:CNY`. */
  id: string;
  kind: LedgerAccountKind;
  store_id: string | null;
  currency: string;
  created_at: number;
}

/** One posting of the ledger: a set of transfers written together, once (its `ref` is unique). Immutable. */
export interface LedgerPostingsTable {
  id: string;
  /** What caused it, unique: `order_paid:<orderId>`, `refund_approved:<refundId>`, `payout_paid:<payoutId>`… */
  ref: string;
  kind: string;
  store_id: string | null;
  order_id: string | null;
  refund_id: string | null;
  payout_id: string | null;
  currency: string;
  /** JSON: how it was computed (lines, rates and rules for a sale). */
  detail_json: string;
  at: number;
}

/** One transfer: `amount_minor` (> 0) leaves `debit_account` and enters `credit_account`, so every entry balances. Immutable. */
export interface LedgerTransfersTable {
  id: Generated<number>;
  posting_id: string;
  debit_account: string;
  credit_account: string;
  amount_minor: number;
  currency: string;
  /** sale, commission, refund, commission_refund, refund_sent, unpayable_payment, payout, payout_sent, payout_returned. */
  kind: string;
  store_id: string | null;
  order_id: string | null;
  at: number;
}

/** When a paid order's money becomes payable to its store: the return window after delivery. */
export interface MoneyReleasesTable {
  order_id: string;
  store_id: string;
  currency: string;
  delivered_at: number;
  available_at: number;
}

/** Where a payout stands (money/payouts.ts). */
export type PayoutStatus = 'requested' | 'sent' | 'paid' | 'failed';

/** A group of payouts created together by the operator or the schedule. */
export interface PayoutBatchesTable {
  id: string;
  created_by: string;
  currency: string;
  payouts: number;
  total_minor: number;
  created_at: number;
}

/** Money paid out to a store through the provider. Its id is the provider's idempotency key. */
export interface PayoutsTable {
  id: string;
  batch_id: string | null;
  store_id: string;
  amount_minor: number;
  currency: string;
  status: PayoutStatus;
  provider: string;
  provider_payout_id: string | null;
  failure_reason: string | null;
  requested_by: string;
  created_at: number;
  updated_at: number;
}

/** The step log of payouts. */
export interface PayoutEventsTable {
  id: Generated<number>;
  payout_id: string;
  from_status: PayoutStatus | null;
  to_status: PayoutStatus;
  actor: string;
  note: string | null;
  at: number;
}

/** The sandbox gateway's own record of a payout (its books, as a separate party keeps them). */
export interface SandboxPayoutsTable {
  id: string;
  /** The merchant's payout id (unique: the same request twice is one payout). */
  merchant_reference: string;
  amount_minor: number;
  currency: string;
  destination: string;
  status: 'processing' | 'paid' | 'failed';
  /** Decided when the payout was created, applied when it settles. */
  will_fail: number;
  failure_reason: string | null;
  settles_at: number;
  created_at: number;
  decided_at: number | null;
}

/**
 * A log-in lock the throttle set (accounts/throttle.ts): an e-mail locked after repeated
 * failures, or an address refused after failures over many e-mails (credential stuffing).
 * The admin lists them (GET /admin/security/lockouts); pruned after LOGIN_LOCKOUT_RETENTION_MS.
 */
export interface LoginLockoutsTable {
  id: string;
  scope: 'account' | 'address';
  /** The e-mail as the throttle keys it (a hash; the typed address is never stored), null for an address lock. */
  account: string | null;
  /** The account the e-mail belongs to, when it is one (the admin sees whose it is; never shown to anyone else). */
  user_id: string | null;
  /** The client address the failure came from. */
  ip: string;
  failures: number;
  lock_ms: number;
  at: number;
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
  refund_events: RefundEventsTable;
  commission_rules: CommissionRulesTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_postings: LedgerPostingsTable;
  ledger_transfers: LedgerTransfersTable;
  money_releases: MoneyReleasesTable;
  payout_batches: PayoutBatchesTable;
  payouts: PayoutsTable;
  payout_events: PayoutEventsTable;
  sandbox_payouts: SandboxPayoutsTable;
  webhook_events: WebhookEventsTable;
  webhook_signatures: WebhookSignaturesTable;
  sandbox_payments: SandboxPaymentsTable;
  sandbox_webhook_outbox: SandboxWebhookOutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
  launches: LaunchesTable;
  launch_items: LaunchItemsTable;
  launch_buyers: LaunchBuyersTable;
  launch_answers: LaunchAnswersTable;
  launch_fences: LaunchFencesTable;
  launch_registrations: LaunchRegistrationsTable;
  queue_entries: QueueEntriesTable;
  draw_entrants: DrawEntrantsTable;
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
  mail_outbox: MailOutboxTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_preferences: NotificationPreferencesTable;
  push_subscriptions: PushSubscriptionsTable;
  notification_batches: NotificationBatchesTable;
  signup_requests: SignupRequestsTable;
  store_invitations: StoreInvitationsTable;
  login_lockouts: LoginLockoutsTable;
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
export type Refund = Selectable<RefundsTable>;
export type Payout = Selectable<PayoutsTable>;
export type CommissionRule = Selectable<CommissionRulesTable>;
export type NewOrder = Insertable<OrdersTable>;
export type OrderUpdate = Updateable<OrdersTable>;
