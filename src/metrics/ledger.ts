/**
 * The launch ledger with its group commits timed: the same class (every statement stays in
 * launches/ledger.ts), whose two batch writes — reservations' answers and the waiting room's
 * places — report their batch size, commit latency and failures to the metrics.
 */
import type { Kysely } from 'kysely';
import type { StorageEngine } from '../db/engine.js';
import type { Database } from '../db/schema.js';
import { LaunchLedger, type AnswerResult, type AnswerWrite, type PlaceWrite } from '../launches/ledger.js';
import type { AppMetrics } from './metrics.js';

/** A LaunchLedger whose batch writes are measured (see the file comment). */
export class InstrumentedLaunchLedger extends LaunchLedger {
  constructor(
    engine: StorageEngine,
    private readonly metrics: AppMetrics,
  ) {
    super(engine);
  }

  private async timed<T>(writer: 'answers' | 'places', size: number, write: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    try {
      const out = await write();
      this.metrics.commitSeconds.observe({ writer }, Number(process.hrtime.bigint() - start) / 1e9);
      this.metrics.commitBatch.observe({ writer }, size);
      return out;
    } catch (err) {
      this.metrics.commitFailures.inc({ writer });
      throw err;
    }
  }

  override writeAnswers(items: readonly AnswerWrite[]): Promise<AnswerResult[]> {
    if (items.length === 0) return super.writeAnswers(items);
    return this.timed('answers', items.length, () => super.writeAnswers(items));
  }

  override writePlaces(ops: readonly PlaceWrite[], inTransaction?: (trx: Kysely<Database>, written: PlaceWrite[]) => Promise<void>): Promise<boolean[]> {
    if (ops.length === 0) return super.writePlaces(ops, inTransaction);
    return this.timed('places', ops.length, () => super.writePlaces(ops, inTransaction));
  }
}
