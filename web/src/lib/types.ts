/**
 * The API's JSON shapes as the web app uses them (mirrors the Zod schemas behind
 * /api/openapi.json; money is always integer minor units plus a currency code).
 */
export type Role = 'buyer' | 'seller' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
}

export interface Membership {
  storeId: string;
  name: string;
  role: 'owner' | 'staff';
}

export interface Store {
  id: string;
  slug: string;
  name: string;
  kind: 'marketplace' | 'flagship';
  description: string;
  logoUrl: string | null;
  verified: boolean;
  createdAt: number;
}

export interface Sku {
  id: string;
  productId: string;
  code: string;
  options: Record<string, string>;
  priceMinor: number;
  currency: string;
  stock: number;
  inStock: boolean;
  images: string[];
}

export interface Product {
  id: string;
  storeId: string;
  title: string;
  description: string;
  status: 'draft' | 'published';
  options: Array<{ name: string; values: string[] }>;
  images: string[];
  currency: string;
  priceMinMinor: number;
  skus: Sku[];
  createdAt: number;
  updatedAt: number;
}

export interface ProductHit {
  id: string;
  storeId: string;
  storeName: string;
  storeVerified: boolean;
  storeKind: 'marketplace' | 'flagship';
  title: string;
  image: string | null;
  priceMinMinor: number;
  currency: string;
  inStock: boolean;
}

export interface CartLine {
  skuId: string;
  productId: string;
  storeId: string;
  storeName: string;
  title: string;
  options: Record<string, string>;
  image: string | null;
  unitPriceMinor: number;
  currency: string;
  quantity: number;
  stock: number;
  available: boolean;
}

export interface Cart {
  stores: Array<{ storeId: string; storeName: string; subtotalMinor: number; lines: CartLine[] }>;
  totalMinor: number;
  currency: string;
  itemCount: number;
}

export interface Address {
  recipient: string;
  phone: string;
  country?: string;
  province: string;
  city: string;
  district?: string;
  line1: string;
  line2?: string;
  postalCode?: string;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded';

export interface Order {
  id: string;
  buyerId: string;
  storeId: string;
  checkoutId: string;
  launchId: string | null;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  address: Address;
  paymentDeadlineAt: number;
  paymentId: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  refundReason: string | null;
  cancelReason: string | null;
  items: Array<{ skuId: string; productId: string; title: string; options: Record<string, string>; unitPriceMinor: number; quantity: number }>;
  timeline: Array<{ from: OrderStatus | null; to: OrderStatus; actor: string; note: string | null; at: number }>;
  createdAt: number;
  updatedAt: number;
}

export interface Payment {
  id: string;
  status: 'pending' | 'succeeded' | 'failed' | 'refunded' | 'partially_refunded';
  amountMinor: number;
  refundedMinor: number;
  currency: string;
  payUrl: string;
  orderIds: string[];
  createdAt: number;
}

export type LaunchPhase = 'scheduled' | 'registration' | 'live' | 'sold_out' | 'ended' | 'cancelled';

export interface LaunchItem {
  skuId: string;
  productId: string;
  title: string;
  options: Record<string, string>;
  image: string | null;
  allotment: number;
  available: number;
  launchPriceMinor: number;
  regularPriceMinor: number;
  currency: string;
}

export interface Launch {
  id: string;
  storeId: string;
  storeName: string;
  storeVerified: boolean;
  title: string;
  description: string;
  phase: LaunchPhase;
  paused: boolean;
  startsAt: number;
  endsAt: number;
  registrationRequired: boolean;
  registrationOpensAt: number | null;
  perBuyerLimit: number;
  paymentWindowMs: number;
  admission: { ratePerSecond: number; maxActive: number; passTtlMs: number };
  powDifficulty: number;
  draw: { seed: string; at: number; prequeueCount: number } | null;
  items: LaunchItem[];
  registeredCount: number;
  /** Whether the signed-in caller is registered (one launch read while signed in); null otherwise. */
  registered: boolean | null;
  /** The server's clock when it answered (for countdowns). */
  serverTime: number;
}

export type QueueState = 'prequeue' | 'waiting' | 'admitted' | 'sold_out' | 'ended' | 'paused';

export interface QueueStatus {
  state: QueueState;
  position: number | null;
  ahead: number | null;
  etaSeconds: number | null;
  pass: string | null;
  passExpiresAt: number | null;
  available: number;
  serverTime: number;
  /** When to ask again without the stream (ms); null: nothing more will change. */
  pollAfterMs: number | null;
}

export interface Hold {
  id: string;
  launchId: string;
  skuId: string;
  quantity: number;
  priceMinor: number;
  currency: string;
  status: 'held' | 'paid' | 'expired' | 'cancelled';
  expiresAt: number;
  orderId: string | null;
  createdAt: number;
}

export interface LaunchMonitor {
  at: number;
  phase: LaunchPhase;
  paused: boolean;
  registered: number;
  queued: number;
  admitted: number;
  active: number;
  held: number;
  sold: number;
  available: number;
  allotment: number;
  attempts: number;
  attemptsPerSecond: number;
  holdsCreated: number;
  payments: number;
  rejections: Record<string, number>;
  skus: Array<{ skuId: string; allotment: number; available: number; held: number; sold: number }>;
}
