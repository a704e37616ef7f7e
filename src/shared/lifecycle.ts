/**
 * A lifecycle as one table of allowed moves, in the shape of `orders/state-machine.ts`: each
 * move names the statuses it leaves from, the status it reaches and who may make it. Payments,
 * refunds and payouts each declare one; `next` is the only way their code picks a new status,
 * and their writes are conditional on the status read (`WHERE status = <read>`).
 */
import { AppError } from './errors.js';

/** One allowed move. */
export interface Move<S extends string, R extends string> {
  from: readonly S[];
  to: S;
  by: readonly R[];
}

/** A lifecycle's table: every move by name. */
export type MoveTable<S extends string, A extends string, R extends string> = Readonly<Record<A, Move<S, R>>>;

/** The status `action` takes something in `status` to, or the error explaining why it cannot (ACTION_NOT_ALLOWED for the actor, ILLEGAL_TRANSITION from this status). */
export function nextOf<S extends string, A extends string, R extends string>(what: string, table: MoveTable<S, A, R>, status: S, action: A, actor: R): S {
  const m = table[action];
  if (!m.by.includes(actor)) throw new AppError('ACTION_NOT_ALLOWED', `The ${actor} cannot ${action.replaceAll('_', ' ')} a ${what}.`);
  if (!m.from.includes(status)) throw new AppError('ILLEGAL_TRANSITION', `A ${what} that is ${status} cannot ${action.replaceAll('_', ' ')}.`, { status, action, allowedFrom: m.from });
  return m.to;
}

/** Whether the table allows `action` from `status` for `actor` (no error). */
export function allows<S extends string, A extends string, R extends string>(table: MoveTable<S, A, R>, status: S, action: A, actor: R): boolean {
  const m = table[action];
  return m.by.includes(actor) && m.from.includes(status);
}
