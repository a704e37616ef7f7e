/**
 * The payout lifecycle, in one table (see shared/lifecycle.ts).
 *
 *   requested ──send──▶ sent ──pay──▶ paid
 *       │                 └───fail──▶ failed   (the money goes back to the store's balance)
 *       ├──────────pay─────────▲               (the provider's webhook may overtake its answer)
 *       └──────────fail────────▲               (or the provider refuses the payout at once)
 *
 * A payout is recorded as `requested` — with its amount moved from the store's balance to
 * payouts in transit — before the provider is asked; the payout's id is the provider's
 * idempotency key, so asking again after a crash never pays twice.
 */
import type { PayoutStatus } from '../db/schema.js';
import type { MoveTable } from '../shared/lifecycle.js';

/** Moves of a payout. */
export type PayoutAction = 'send' | 'pay' | 'fail';

/** Every allowed move of a payout (all made on the provider's word). */
export const PAYOUT_TRANSITIONS: MoveTable<PayoutStatus, PayoutAction, 'provider'> = {
  send: { from: ['requested'], to: 'sent', by: ['provider'] },
  pay: { from: ['requested', 'sent'], to: 'paid', by: ['provider'] },
  fail: { from: ['requested', 'sent'], to: 'failed', by: ['provider'] },
};
