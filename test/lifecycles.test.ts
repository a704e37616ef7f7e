/**
 * The order and notification-delivery lifecycles' tables, walked in full (as
 * money-lifecycles.test.ts walks the money ones): every move from every status by every actor is
 * allowed exactly where the expected list below says — written out by hand, not read from the
 * table — and refused everywhere else, 403 ACTION_NOT_ALLOWED for the wrong actor before 409
 * ILLEGAL_TRANSITION for the wrong status.
 */
import { describe, expect, it } from 'vitest';
import type { DeliveryStatus, OrderStatus } from '../src/db/schema.js';
import { nextStatus, ORDER_TRANSITIONS, type OrderAction, type OrderActor } from '../src/orders/state-machine.js';
import { DELIVERY_TRANSITIONS, type DeliveryAction } from '../src/notifications/state-machine.js';
import { allows, nextOf } from '../src/shared/lifecycle.js';
import { AppError } from '../src/shared/errors.js';

const ORDER_STATUSES: OrderStatus[] = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refund_requested', 'refunded'];
const ORDER_ACTORS: OrderActor[] = ['buyer', 'store', 'admin', 'system'];
/** [action, from, to, who] — 'previous' is the status before the refund request (here: shipped). */
const ORDER_MOVES: Array<[OrderAction, OrderStatus, OrderStatus | 'previous', OrderActor[]]> = [
  ['pay', 'pending_payment', 'paid', ['system']],
  ['cancel', 'pending_payment', 'cancelled', ['buyer', 'admin']],
  ['expire', 'pending_payment', 'cancelled', ['system']],
  ['ship', 'paid', 'shipped', ['store', 'admin']],
  ['deliver', 'shipped', 'delivered', ['store', 'buyer', 'admin', 'system']],
  ['complete', 'delivered', 'completed', ['buyer', 'admin', 'system']],
  ['request_refund', 'paid', 'refund_requested', ['buyer']],
  ['request_refund', 'shipped', 'refund_requested', ['buyer']],
  ['request_refund', 'delivered', 'refund_requested', ['buyer']],
  ['approve_refund', 'refund_requested', 'refunded', ['store', 'admin']],
  ['approve_partial_refund', 'refund_requested', 'previous', ['store', 'admin']],
  ['reject_refund', 'refund_requested', 'previous', ['store', 'admin']],
];

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
}

describe('the order lifecycle', () => {
  const cases = (Object.keys(ORDER_TRANSITIONS) as OrderAction[]).flatMap((a) => ORDER_STATUSES.flatMap((s) => ORDER_ACTORS.map((r) => ({ a, s, r }))));
  it.each(cases)('$a from $s by $r', ({ a, s, r }) => {
    const move = ORDER_MOVES.find(([ma, ms]) => ma === a && ms === s);
    const byAnyone = ORDER_MOVES.find(([ma]) => ma === a)![3];
    const run = () => nextStatus(s, a, r, 'shipped');
    if (move && move[3].includes(r)) expect(run()).toBe(move[2] === 'previous' ? 'shipped' : move[2]);
    else expect(codeOf(run)).toBe(byAnyone.includes(r) ? 'ILLEGAL_TRANSITION' : 'ACTION_NOT_ALLOWED');
  });

  it('a move back to the status before the refund request needs that status', () => {
    expect(codeOf(() => nextStatus('refund_requested', 'reject_refund', 'store', null))).toBe('ILLEGAL_TRANSITION');
  });
});

const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'sending', 'sent', 'skipped', 'failed'];
const DELIVERY_MOVES: Array<[DeliveryAction, DeliveryStatus, DeliveryStatus]> = [
  ['hand_off', 'pending', 'sent'],
  ['claim', 'pending', 'sending'],
  ['claim', 'sending', 'sending'],
  ['deliver', 'sending', 'sent'],
  ['retry', 'sending', 'pending'],
  ['give_up', 'sending', 'failed'],
  ['skip', 'pending', 'skipped'],
  ['skip', 'sending', 'skipped'],
];

describe('the notification delivery lifecycle', () => {
  const cases = (Object.keys(DELIVERY_TRANSITIONS) as DeliveryAction[]).flatMap((a) => DELIVERY_STATUSES.map((s) => ({ a, s })));
  it.each(cases)('$a from $s by the sender', ({ a, s }) => {
    const move = DELIVERY_MOVES.find(([ma, ms]) => ma === a && ms === s);
    expect(allows(DELIVERY_TRANSITIONS, s, a, 'sender')).toBe(!!move);
    if (move) expect(nextOf('delivery', DELIVERY_TRANSITIONS, s, a, 'sender')).toBe(move[2]);
    else expect(codeOf(() => nextOf('delivery', DELIVERY_TRANSITIONS, s, a, 'sender'))).toBe('ILLEGAL_TRANSITION');
  });
});
