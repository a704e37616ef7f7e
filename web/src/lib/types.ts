/**
 * Names for the API's JSON shapes that components pass around (props, state): all taken from
 * the types generated from /api/openapi.json (api.gen.ts, `npm run gen:api-types`), so a
 * change to a route's Zod schema reaches the web app's types without being copied by hand.
 * What a call answers needs no name here: the client types it from the route (lib/api.ts).
 * Money is always integer minor units plus a currency code.
 */
import type { components, paths } from './api.gen.js';

type Schemas = components['schemas'];

export type User = Schemas['User'];
/** A store the signed-in user belongs to (GET /auth/session, GET /auth/me). */
export type Membership = Schemas['Membership'];

export type Store = Schemas['Store'];
export type Sku = Schemas['Sku'];
export type Product = Schemas['Product'];
export type ProductHit = Schemas['ProductHit'];

export type Address = Schemas['Address'];
/** An address as checkout and paying a reservation send it: divisions by code. */
export type AddressInput = NonNullable<paths['/api/v1/checkout']['post']['requestBody']>['content']['application/json']['address'];
/** A division of China (GET /regions): its code and names. */
export type Region = Schemas['Region'];
export type Order = Schemas['Order'];
export type OrderStatus = Order['status'];
export type Payment = Schemas['Payment'];

export type Launch = Schemas['Launch'];
export type LaunchPhase = Launch['phase'];
export type LaunchItem = Launch['items'][number];
export type QueueStatus = Schemas['QueueStatus'];
export type Hold = Schemas['Hold'];
export type LaunchMonitor = Schemas['LaunchMonitor'];
export type AdminOrderList = Schemas['AdminOrderList'];
