/**
 * The lifecycle of one channel's delivery of a notification, in one table (see
 * shared/lifecycle.ts):
 *
 *   pending ──hand_off──▶ sent        (e-mail: handed to the mail outbox in the same transaction)
 *      │ ───claim──▶ sending ──deliver──▶ sent     (Web Push: the push service took it)
 *      │               │ ───retry──▶ pending       (a failure, tried again later)
 *      │               │ ───give_up─▶ failed       (too many failures, or no subscription left)
 *      │               └───claim──▶ sending        (a sender died holding it: its lease ran out)
 *      └───skip──▶ skipped            (preference, throttle, muted kind, nothing to send to, moot)
 *
 * Every move is a conditional update on the status read, so two processes never both make one.
 */
import type { DeliveryStatus } from '../db/schema.js';
import type { MoveTable } from '../shared/lifecycle.js';

/** Moves of a delivery. */
export type DeliveryAction = 'hand_off' | 'claim' | 'deliver' | 'retry' | 'give_up' | 'skip';

/** Every allowed move of a delivery (all made by the sender sweep). */
export const DELIVERY_TRANSITIONS: MoveTable<DeliveryStatus, DeliveryAction, 'sender'> = {
  hand_off: { from: ['pending'], to: 'sent', by: ['sender'] },
  claim: { from: ['pending', 'sending'], to: 'sending', by: ['sender'] },
  deliver: { from: ['sending'], to: 'sent', by: ['sender'] },
  retry: { from: ['sending'], to: 'pending', by: ['sender'] },
  give_up: { from: ['sending'], to: 'failed', by: ['sender'] },
  skip: { from: ['pending', 'sending'], to: 'skipped', by: ['sender'] },
};
