/**
 * Group commit: callers add records and wait; one writer flushes everything that arrived
 * meanwhile in a single transaction, then answers each caller with its record's result.
 * Durability then costs one commit (one fsync) per batch instead of one per request — the
 * AliSQL/InnoDB idea, here at the application level. A flush that throws rejects every caller
 * of that batch with the error (its outcome is unknown: the callers resolve it).
 */
export class GroupCommit<T, R = void> {
  private buffer: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private flushing = false;
  private scheduled = false;
  /** Batches written and records in them (the live monitor and benchmarks read these). */
  readonly stats = { batches: 0, records: 0, maxBatch: 0 };

  /**
   * `schedule` decides when a batch is written once records wait (default: on the next turn of
   * the event loop, so the requests already read from sockets join it); a fault simulation
   * passes one that waits to be told (`flushNow`).
   */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 2000,
    private readonly scheduler: (flush: () => void) => void = (flush) => setImmediate(flush),
  ) {}

  /** Resolves with the record's result once its batch is committed. */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.buffer.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Records waiting for the next batch. */
  get waiting(): number {
    return this.buffer.length;
  }

  /** Records of the batch being written. */
  inFlight = 0;

  private schedule() {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    this.scheduler(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Writes the waiting records now (one batch), unless a batch is being written; resolves when it is done. */
  async flushNow(): Promise<void> {
    this.scheduled = false;
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.buffer.length === 0) return;
    this.flushing = true;
    const batch = this.buffer.splice(0, this.maxBatch);
    this.inFlight = batch.length;
    try {
      const results = await this.write(batch.map((b) => b.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} records`);
      this.stats.batches++;
      this.stats.records += batch.length;
      this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      this.inFlight = 0;
      this.flushing = false;
      if (this.buffer.length) this.schedule();
    }
  }

  /** Waits until everything added so far is written (shutdown). */
  async drain(): Promise<void> {
    while (this.buffer.length || this.flushing) {
      if (!this.flushing) void this.flush();
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}
