/**
 * What the orders domain tells other domains when an order moves: typed transition events on
 * the app context (`ctx.orderEvents`), each listener choosing when it runs — inside the
 * order's transaction (its writes commit or roll back with the move; a failure undoes the
 * move) or after the transaction committed (never for a move that was rolled back). Orders
 * know nothing of their listeners (money, launches, analytics subscribe in app.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Order, OrderStatus } from '../db/schema.js';
import { afterCommit } from '../db/after-commit.js';
import type { OrderAction, OrderActor } from './state-machine.js';

/** A database handle: a transaction, or the database itself. */
export type Tx = Transaction<Database> | Kysely<Database>;

/** One move of one order: the order as it is after the move, and the move. */
export interface OrderTransition {
  order: Order;
  from: OrderStatus;
  to: OrderStatus;
  action: OrderAction;
  actor: OrderActor;
  at: number;
}

/** A listener that runs inside the order's transaction, on the same handle. */
export type InTransactionListener = (trx: Tx, t: OrderTransition) => Promise<void>;
/** A listener that runs once the order's transaction has committed. */
export type AfterCommitListener = (t: OrderTransition) => void;

/** The order-transition event bus of one app. */
export class OrderEvents {
  private readonly inTx: InTransactionListener[] = [];
  private readonly committed: AfterCommitListener[] = [];

  /** Subscribes inside the transaction: the listener's writes are part of the move. */
  onTransitionInTransaction(listener: InTransactionListener): void {
    this.inTx.push(listener);
  }

  /** Subscribes after commit: the listener sees only moves that stuck. */
  onTransitionCommitted(listener: AfterCommitListener): void {
    this.committed.push(listener);
  }

  /** Called by `applyTransition` once the order row moved, inside its transaction. */
  async emit(trx: Tx, t: OrderTransition): Promise<void> {
    for (const l of this.inTx) await l(trx, t);
    for (const l of this.committed) afterCommit(trx, () => l(t));
  }
}
