/**
 * The hold lifecycle in one table (see shared/lifecycle.ts):
 *
 *   held ──pay──▶ paid            (its order was paid)
 *     ├──expire──▶ expired         (its payment deadline passed: through its order, or by the sweep when it has none)
 *     └──cancel──▶ cancelled       (its order was cancelled)
 *
 * Every move leaves from `held`, and each status other than `held` is final: the ledger's
 * writes are conditional on it (`WHERE status = 'held'`), and the books' triggers
 * (`holds_books_update` in db/migrations.ts) move a SKU's held and sold units with it.
 */
import type { HoldStatus } from '../db/schema.js';
import { nextOf, type MoveTable } from '../shared/lifecycle.js';

/** Moves of a hold. */
export type HoldAction = 'pay' | 'expire' | 'cancel';
/** Who moves a hold: its order (the hold follows the order's move, in its transaction) or the expiry sweep (a hold with no order yet). */
export type HoldActor = 'order' | 'sweep';

/** Every allowed move of a hold. */
export const HOLD_TRANSITIONS: MoveTable<HoldStatus, HoldAction, HoldActor> = {
  pay: { from: ['held'], to: 'paid', by: ['order'] },
  expire: { from: ['held'], to: 'expired', by: ['order', 'sweep'] },
  cancel: { from: ['held'], to: 'cancelled', by: ['order'] },
};

/** The status a hold in `status` reaches by `action` (ACTION_NOT_ALLOWED or ILLEGAL_TRANSITION when the table does not allow it). */
export function nextHoldStatus(status: HoldStatus, action: HoldAction, actor: HoldActor): HoldStatus {
  return nextOf('hold', HOLD_TRANSITIONS, status, action, actor);
}
