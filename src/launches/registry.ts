/**
 * The launches this process is serving: each one's row and SKUs, its waiting room and
 * registrations (live state), its monitor counters and its change signals. A launch is loaded
 * on first use (concurrent callers share the load), re-read when it changes here or elsewhere
 * (`refresh`, signals), and unloaded once it is over, so what is held in memory is bounded by
 * the launches running or about to.
 */
import { EventEmitter } from 'node:events';
import type { AppContext } from '../context.js';
import type { Launch, LaunchItem } from '../db/schema.js';
import { notFound } from '../shared/errors.js';
import type { LaunchLedger } from './ledger.js';
import { roomSettingsOf, type LaunchMetrics, type LaunchRegistrations, type LaunchRoom, type LaunchSignal, type LiveState } from './live-state.js';
import type { StockAuthority } from './stock-authority.js';

/** One launch as this process serves it. */
export interface LiveLaunch {
  row: Launch;
  items: Map<string, LaunchItem>;
  room: LaunchRoom;
  registrations: LaunchRegistrations;
  /** This process's counters (shared totals come from the live state). */
  metrics: LaunchMetrics;
  events: EventEmitter;
  /** Nothing left (this process's view: set at once here, by signal or the next tick elsewhere). */
  soldOut: boolean;
  /** The draw in progress, if any. */
  drawing: Promise<void> | null;
}

/** Launches are unloaded this long after their end (their holds settle through the ledger). */
const UNLOAD_AFTER_END_MS = 5 * 60_000;
/** Launches are loaded ahead of their start by the periodic sweep. */
const LOAD_AHEAD_MS = 3600_000;

/** The launches this process serves (see the file comment). */
export class LaunchRegistry {
  private readonly loading = new Map<string, Promise<LiveLaunch>>();
  /** Launches loaded here, by id. */
  readonly loaded = new Map<string, LiveLaunch>();

  constructor(
    private readonly ctx: AppContext,
    private readonly ledger: LaunchLedger,
    private readonly authority: StockAuthority,
    readonly state: LiveState,
  ) {
    this.state.subscribe((launchId, signal) => {
      const l = this.loaded.get(launchId);
      if (l) this.apply(l, signal);
    });
  }

  /** A launch, loading it from the ledger the first time (404 when there is none). */
  get(launchId: string): Promise<LiveLaunch> {
    const l = this.loaded.get(launchId);
    if (l) return Promise.resolve(l);
    let p = this.loading.get(launchId);
    if (!p) {
      p = this.load(launchId).finally(() => this.loading.delete(launchId));
      this.loading.set(launchId, p);
    }
    return p;
  }

  /** A launch if it is loaded here (or being loaded), without loading it. */
  find(launchId: string): Promise<LiveLaunch> | undefined {
    const l = this.loaded.get(launchId);
    return l ? Promise.resolve(l) : this.loading.get(launchId);
  }

  private async load(launchId: string): Promise<LiveLaunch> {
    const row = await this.ledger.launch(launchId);
    if (!row) throw notFound('Launch');
    const items = await this.ledger.items(launchId);
    await this.authority.open(launchId);
    const now = this.ctx.clock.now();
    const [room, registrations] = await Promise.all([this.state.room(launchId, row, now), this.state.registrations(launchId)]);
    const l: LiveLaunch = {
      row,
      items: new Map(items.map((i) => [i.sku_id, i])),
      room,
      registrations,
      metrics: { attempts: 0, holds: 0, payments: 0, rejections: {}, attemptsWindow: [] },
      events: new EventEmitter().setMaxListeners(0),
      soldOut: false,
      drawing: null,
    };
    l.soldOut = (await this.available(launchId)) === 0;
    this.state.trackMetrics(launchId, l.metrics);
    this.loaded.set(launchId, l);
    return l;
  }

  /** Units of a launch still on sale (all SKUs). */
  async available(launchId: string): Promise<number> {
    return (await this.authority.counts(launchId)).reduce((s, c) => s + c.available, 0);
  }

  /** Re-reads a launch row after an edit, pause, resume or cancel, here and in every other process. */
  async refresh(launchId: string): Promise<void> {
    const l = this.loaded.get(launchId);
    if (l) {
      await this.reloadRow(l);
      l.events.emit('change');
    }
    this.state.publish(launchId, 'refresh');
  }

  /** Re-reads the row of a loaded launch. */
  async reloadRow(l: LiveLaunch): Promise<void> {
    const row = await this.ledger.launch(l.row.id);
    if (row) this.setRow(l, row);
  }

  private setRow(l: LiveLaunch, row: Launch): void {
    l.row = row;
    l.room.settings = roomSettingsOf(row);
  }

  /** Applies a signal to this process's view of a launch (from here or from another process). */
  private apply(l: LiveLaunch, signal: LaunchSignal): void {
    if (signal === 'soldout') l.soldOut = true;
    if (signal === 'restock') l.soldOut = false;
    if (signal === 'refresh') {
      void this.reloadRow(l)
        .then(() => l.events.emit('change'))
        .catch((err) => this.ctx.log.error({ err }, 'launch refresh failed'));
      return;
    }
    l.events.emit('change');
  }

  /** Applies a signal here and tells the other processes. */
  signal(l: LiveLaunch, signal: LaunchSignal): void {
    // The store hears of a sell-out and of units coming back (once per launch and 10 minutes, whichever process notices).
    if (signal === 'soldout' || signal === 'restock') void this.ctx.notifications?.launchStock(l.row.id, signal === 'soldout').catch((err: unknown) => this.ctx.log.warn({ err }, 'sell-out notification failed'));
    this.apply(l, signal);
    this.state.publish(l.row.id, signal);
  }

  /**
   * Loads every launch that is running or about to (start-up and periodic), re-reads the rows
   * of those loaded (a refresh signal missed during a reconnect heals here), and unloads the
   * ones that are over.
   */
  async sweep(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const r of await this.ledger.upcoming(now, LOAD_AHEAD_MS)) {
      const l = this.loaded.get(r.id);
      if (l && l.row.updated_at < r.updated_at) this.setRow(l, r);
      else if (!l) await this.get(r.id);
    }
    for (const [id, l] of this.loaded) {
      if (l.row.cancelled_at !== null || now >= l.row.ends_at + UNLOAD_AFTER_END_MS) await this.unload(id);
    }
  }

  /** Forgets a launch here (its ledger and, in scale-out, its shared state stay). */
  private async unload(launchId: string): Promise<void> {
    const l = this.loaded.get(launchId);
    this.loaded.delete(launchId);
    l?.events.emit('change');
    await this.authority.close(launchId);
  }
}
