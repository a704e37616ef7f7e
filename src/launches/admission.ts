/**
 * The waiting room's jobs: registration before the start, proof-of-work challenges, joining,
 * a buyer's standing in line, the draw at the start and the admission rounds. Every answer that
 * promises something — "you are registered", "this is your place" — is given only once the
 * ledger has it: registrations and places are written by group commit first, and a place is
 * written only in the room generation it was made in (a room rebuilt meanwhile makes the write
 * fail, and the buyer is told to try again instead of being given a place nobody keeps).
 */
import type { AppContext } from '../context.js';
import { getOrCreateSetting } from '../db/settings.js';
import type { Launch } from '../db/schema.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import type { RequestMeta } from '../analytics/events.js';
import { GroupCommit } from './group-commit.js';
import type { LaunchLedger, PlaceWrite } from './ledger.js';
import type { LaunchRegistry, LiveLaunch } from './registry.js';
import { TokenSigner, newNonce, powBits } from './tokens.js';
import { drawOrder, type QueueEntry } from './waiting-room.js';
import { DRAW_SCHEME, drawTicket, entrantsHash, newDrawSeed, type DrawEntrant } from './draw.js';

/** Where a launch stands at a moment. */
export type LaunchPhase = 'scheduled' | 'registration' | 'live' | 'sold_out' | 'ended' | 'cancelled';

/** Phase of a launch at a moment (pure: the row, the clock and whether anything is left). */
export function phaseOf(row: Launch, now: number, available: number | null): LaunchPhase {
  if (row.cancelled_at !== null) return 'cancelled';
  if (now >= row.ends_at) return 'ended';
  if (now >= row.starts_at) return available === 0 ? 'sold_out' : 'live';
  if (row.registration_opens_at !== null && now >= row.registration_opens_at) return 'registration';
  return 'scheduled';
}

/** A buyer's standing in a launch's waiting room, as the queue endpoints answer it. */
export interface QueueStatus {
  state: 'prequeue' | 'waiting' | 'admitted' | 'sold_out' | 'ended' | 'paused';
  position: number | null;
  ahead: number | null;
  etaSeconds: number | null;
  pass: string | null;
  passExpiresAt: number | null;
  available: number;
  serverTime: number;
  /** When a client without the stream should ask again (ms), or null: nothing will change. */
  pollAfterMs: number | null;
}

/**
 * The server paces polling clients: a waiting room of 100,000 buyers polling every two
 * seconds would be a load test of polling. At the start, then about when the turn is
 * expected (2-20 s), after the end never.
 */
export function pollAfterMs(s: Pick<QueueStatus, 'state' | 'etaSeconds'>, launch: { starts_at: number }, now: number): number | null {
  const clamp = (ms: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, ms)));
  switch (s.state) {
    case 'ended':
      return null;
    case 'prequeue':
      // Back right at the start (the client adds its own jitter); the draw takes a moment.
      return now < launch.starts_at ? clamp(launch.starts_at - now, 1000, 30_000) : 1000;
    case 'waiting':
      // About when the turn is expected (2-20 s): the sum over a long line stays near the
      // admission rate times log(line / rate), not one poll per buyer every second.
      return clamp((s.etaSeconds ?? 0) * 1000, 2000, 20_000);
    case 'admitted':
      return 5000;
    case 'paused':
      return 5000;
    case 'sold_out':
      // Units come back only as reservations expire or are cancelled.
      return 15_000;
  }
}

/** A buyer's receipt for a place in a launch's pre-queue (docs/draw.md): their ticket and arrival number. */
export interface DrawReceipt {
  launchId: string;
  ticket: string;
  arrival: number;
  joinedAt: number;
  /** The seed's commitment the draw will be checked against (null for a launch scheduled before commitments existed). */
  commitment: string | null;
}

/** A launch's draw as anyone may read it (GET /launches/:id/draw), with the caller's own ticket when signed in. */
export interface PublicDraw {
  launchId: string;
  scheme: typeof DRAW_SCHEME;
  startsAt: number;
  state: 'committed' | 'drawn' | 'uncommitted';
  commitment: string | null;
  committedAt: number | null;
  seed: string | null;
  drawnAt: number | null;
  entrantsHash: string | null;
  /** The frozen list in arrival order. */
  entrants: DrawEntrant[];
  /** Tickets in drawn order (place 1 first). */
  line: string[];
  /** The caller's own ticket, arrival number and drawn place, when the caller was an entrant. */
  mine: { ticket: string; arrival: number; position: number | null } | null;
}

/** The waiting room's jobs (see the file comment). */
export class Admission {
  private ticketSecret: Promise<string> | null = null;
  /** Buyers this process admitted, by launch (the operator's metrics read it). */
  readonly admittedCount = new Map<string, number>();

  /** Places and registrations on their way to the ledger (one commit per batch). */
  readonly writer: GroupCommit<PlaceWrite, boolean>;

  constructor(
    private readonly ctx: AppContext,
    private readonly ledger: LaunchLedger,
    private readonly registry: LaunchRegistry,
    private readonly signer: TokenSigner,
    commitScheduler?: (flush: () => void) => void,
  ) {
    // Registrations confirmed and turns come are notified in the transaction that writes them.
    this.writer = new GroupCommit<PlaceWrite, boolean>((ops) => this.ledger.writePlaces(ops, (trx, written) => this.ctx.notifications?.placesWritten(trx, written) ?? Promise.resolve()), 2000, commitScheduler);
  }

  /** Writes a change to the line before it is acknowledged; a ledger that cannot take it is a 503 (retry), never a 500. */
  private async durably(op: PlaceWrite): Promise<boolean> {
    try {
      return await this.writer.add(op);
    } catch (err) {
      this.ctx.log.error({ err }, 'place write failed');
      throw new AppError('LEDGER_UNAVAILABLE', 'Your place could not be saved; try again.');
    }
  }

  /** Registration before the start (required when the launch says so; counted for the funnel either way). Answered once it is durable. */
  async register(p: Principal, launchId: string, meta?: RequestMeta): Promise<{ registered: true; registeredCount: number }> {
    const l = await this.registry.get(launchId);
    const now = this.ctx.clock.now();
    const phase = phaseOf(l.row, now, null);
    if (phase === 'cancelled' || phase === 'ended') throw new AppError('LAUNCH_ENDED', 'This launch is over.');
    if (now >= l.row.starts_at) throw new AppError('REGISTRATION_CLOSED', 'Registration closed when the launch started.');
    if (l.row.registration_opens_at !== null && now < l.row.registration_opens_at) throw new AppError('REGISTRATION_NOT_OPEN', 'Registration has not opened yet.');
    // The same bound as the waiting room (only registered buyers may join it, when required).
    if (!(await l.registrations.has(p.userId)) && (await l.registrations.count()) >= this.ctx.config.queueMaxPlaces) throw new AppError('REGISTRATION_FULL', 'Registration for this launch is full.');
    const isNew = await l.registrations.add(p.userId);
    // Written whether or not it is new here: an earlier attempt may have been answered with an error before its write landed.
    try {
      await this.durably({ kind: 'register', launchId, buyerId: p.userId, at: now });
    } catch (err) {
      if (isNew) await l.registrations.remove(p.userId);
      throw err;
    }
    if (isNew) this.ctx.analytics.record({ type: 'launch_registered', at: now, storeId: l.row.store_id, launchId, buyerId: p.userId, meta });
    return { registered: true, registeredCount: await l.registrations.count() };
  }

  /** A proof-of-work challenge for joining a launch that asks for one. */
  async challenge(p: Principal, launchId: string): Promise<{ challenge: string; difficulty: number; expiresAt: number }> {
    const l = await this.registry.get(launchId);
    const expiresAt = this.ctx.clock.now() + 5 * 60_000;
    return { challenge: this.signer.sign('challenge', { l: launchId, b: p.userId, e: expiresAt, n: newNonce() }), difficulty: l.row.pow_difficulty, expiresAt };
  }

  /** Joins the waiting room: one place per buyer, however many sessions or devices; answered once the place is durable. */
  async join(p: Principal, launchId: string, pow: { challenge?: string | undefined; solution?: string | undefined }, meta?: RequestMeta): Promise<{ queueToken: string; status: QueueStatus }> {
    const l = await this.registry.get(launchId);
    const now = this.ctx.clock.now();
    const phase = phaseOf(l.row, now, null);
    if (phase === 'cancelled' || phase === 'ended') throw new AppError('LAUNCH_ENDED', 'This launch is over.');
    if (l.row.registration_required && !(await l.registrations.has(p.userId))) {
      // A refused attempt like a refused reservation: on the monitor and in the funnel's refusals.
      l.metrics.rejections.NOT_REGISTERED = (l.metrics.rejections.NOT_REGISTERED ?? 0) + 1;
      this.ctx.analytics.record({ type: 'join_refused', at: now, storeId: l.row.store_id, launchId, buyerId: p.userId, reason: 'NOT_REGISTERED', meta });
      throw new AppError('NOT_REGISTERED', 'Only buyers who registered before the start may join this launch.');
    }
    const existing = await l.room.get(p.userId);
    if (!existing && l.row.pow_difficulty > 0) {
      if (!pow.challenge || !pow.solution) throw new AppError('POW_REQUIRED', 'This launch asks for a proof of work: get a challenge and send its solution.');
      this.signer.verify('challenge', pow.challenge, launchId, p.userId, now);
      if (powBits(pow.challenge, pow.solution) < l.row.pow_difficulty) throw new AppError('POW_INSUFFICIENT', 'The proof of work does not meet the difficulty.');
    }
    // At the start (or while this process draws), arrivals wait for the draw and queue behind it.
    if (now >= l.row.starts_at || l.drawing) await this.ensureDrawn(l);
    const joined = await l.room.join(p.userId, now, this.ctx.config.queueMaxPlaces);
    if (!joined) throw new AppError('QUEUE_FULL', 'The waiting room of this launch is full.');
    const { entry, isNew, epoch } = joined;
    // Written every time (a no-op once there): an earlier join may have been answered with an error before its write landed.
    if (!(await this.durably({ kind: 'join', launchId, entry: { ...entry }, epoch }))) {
      throw new AppError('QUEUE_UNAVAILABLE', 'The waiting room was being restored; join again.');
    }
    if (isNew) this.ctx.analytics.record({ type: 'queue_joined', at: now, storeId: l.row.store_id, launchId, buyerId: p.userId, meta });
    const queueToken = this.signer.sign('queue', { l: launchId, b: p.userId, e: l.row.ends_at + 3600_000 });
    return { queueToken, status: await this.statusOf(l, entry) };
  }

  /** Where a buyer stands in line; the admission pass once admitted. */
  async status(p: Principal, launchId: string, queueToken: string): Promise<QueueStatus> {
    const l = await this.registry.get(launchId);
    this.signer.verify('queue', queueToken, launchId, p.userId, this.ctx.clock.now());
    const entry = await l.room.get(p.userId);
    if (!entry) throw notFound('Queue place');
    return this.statusOf(l, entry);
  }

  private async statusOf(l: LiveLaunch, e: QueueEntry): Promise<QueueStatus> {
    const now = this.ctx.clock.now();
    const s = await this.standing(l, e, now);
    return { ...s, pollAfterMs: pollAfterMs(s, l.row, now) };
  }

  private async standing(l: LiveLaunch, e: QueueEntry, now: number): Promise<Omit<QueueStatus, 'pollAfterMs'>> {
    const [available, position] = await Promise.all([this.registry.available(l.row.id), l.room.position(e)]);
    const phase = phaseOf(l.row, now, available);
    const base = { ...position, pass: null, passExpiresAt: null, available, serverTime: now };
    if (phase === 'ended' || phase === 'cancelled') return { ...base, state: 'ended' };
    if (e.admittedAt !== null && e.admittedAt + l.row.pass_ttl_ms <= now && !e.finished && phase !== 'sold_out') {
      // The pass lapsed unused: back to the end of the line (one place, as before).
      const back = await l.room.requeue(e.buyerId);
      const entry = back?.entry ?? e;
      if (back && entry.seq !== null) void this.writer.add({ kind: 'requeue', launchId: l.row.id, buyerId: e.buyerId, seq: entry.seq, epoch: back.epoch }).catch((err) => this.ctx.log.error({ err }, 'requeue write failed'));
      return { ...base, ...(await l.room.position(entry)), state: 'waiting' };
    }
    if (e.admittedAt !== null && e.admittedAt + l.row.pass_ttl_ms > now && available > 0) {
      const exp = e.admittedAt + l.row.pass_ttl_ms;
      return { ...base, position: 0, ahead: 0, etaSeconds: 0, state: 'admitted', pass: this.signer.sign('pass', { l: l.row.id, b: e.buyerId, e: exp }), passExpiresAt: exp };
    }
    if (phase === 'sold_out') return { ...base, state: 'sold_out' };
    if (l.row.paused) return { ...base, state: 'paused' };
    if (e.seq === null) return { ...base, state: 'prequeue' };
    return { ...base, state: 'waiting' };
  }

  /** The secret behind the draw's tickets (a setting shared by every process). */
  private secret(): Promise<string> {
    this.ticketSecret ??= getOrCreateSetting(this.ctx.db, 'draw_ticket_secret').catch((err: unknown) => {
      this.ticketSecret = null;
      throw err;
    });
    return this.ticketSecret;
  }

  /** A buyer's receipt for their pre-queue place: ticket and arrival number (404 when the buyer has none). */
  async receipt(p: Principal, launchId: string): Promise<DrawReceipt> {
    const l = await this.registry.get(launchId);
    const e = (await l.room.get(p.userId)) ?? (await this.ledger.place(launchId, p.userId));
    if (!e || e.arrival === null || e.arrival === undefined) throw notFound('Draw receipt');
    return { launchId, ticket: drawTicket(await this.secret(), launchId, p.userId), arrival: e.arrival, joinedAt: e.joinedAt, commitment: l.row.draw_commitment };
  }

  /** A launch's draw as published: the commitment, and after the start the seed, the frozen entrants and the line. */
  async publicDraw(launchId: string, viewerId: string | null): Promise<PublicDraw> {
    const r = await this.ledger.drawRecord(launchId);
    if (!r) throw notFound('Launch');
    const byPosition = [...r.entrants].sort((a, b) => a.position - b.position);
    let mine: PublicDraw['mine'] = null;
    if (viewerId) {
      const ticket = drawTicket(await this.secret(), launchId, viewerId);
      const e = r.entrants.find((x) => x.ticket === ticket);
      if (e) mine = { ticket, arrival: e.arrival, position: e.position };
      else if (!r.shuffle_seed) {
        const place = await this.ledger.place(launchId, viewerId);
        if (place?.arrival) mine = { ticket, arrival: place.arrival, position: null };
      }
    }
    return {
      launchId,
      scheme: DRAW_SCHEME,
      startsAt: r.starts_at,
      state: r.shuffle_seed ? 'drawn' : r.draw_commitment ? 'committed' : 'uncommitted',
      commitment: r.draw_commitment,
      committedAt: r.draw_committed_at,
      seed: r.shuffle_seed,
      drawnAt: r.shuffled_at,
      entrantsHash: r.draw_entrants_hash,
      entrants: r.entrants.map((e) => ({ arrival: e.arrival, ticket: e.ticket })),
      line: byPosition.map((e) => e.ticket),
      mine,
    };
  }

  /** The draw, once, at the start; concurrent callers (joins at the start, the ticker) share it. */
  ensureDrawn(l: LiveLaunch): Promise<void> {
    if (l.room.drawn) return Promise.resolve();
    l.drawing ??= this.draw(l).finally(() => {
      l.drawing = null;
    });
    return l.drawing;
  }

  /**
   * The commit-reveal draw (docs/draw.md): the pre-queue is frozen in arrival order, its
   * entrants (arrival, ticket) hashed, the launch's committed seed revealed and the line it makes
   * recorded — all in one transaction before anyone is admitted (a crash leaves either all or
   * none) — then applied to the room. Another process may have recorded the draw first: then
   * its record is the one applied (the seed is the same: the committed one).
   */
  private async draw(l: LiveLaunch): Promise<void> {
    await this.writer.drain(); // every pre-queue place is in the ledger before it gets its number
    const launchId = l.row.id;
    const [committed, secret] = await Promise.all([this.ledger.drawSecret(launchId), this.secret()]);
    await l.room.draw(
      // A launch scheduled before commitments existed (and never given one) draws with a fresh seed.
      () => committed?.secret ?? newDrawSeed(),
      (seed, drawn, epoch) => {
        const withTickets = drawn.map((a) => ({ ...a, ticket: drawTicket(secret, launchId, a.buyerId) }));
        const entrants = [...withTickets].sort((a, b) => a.arrival - b.arrival);
        // The line recorded is exactly what anyone computes from the published seed and list.
        const expected = drawOrder(seed, entrants.map((e) => e.ticket));
        if (expected.some((t, i) => t !== withTickets[i]!.ticket) || new Set(entrants.map((e) => e.arrival)).size !== entrants.length) {
          throw new Error(`launch ${launchId}: the drawn line does not follow from the seed and the frozen entrants`);
        }
        return this.ledger.recordDraw(launchId, epoch, seed, withTickets, entrantsHash(entrants), this.ctx.clock.now());
      },
    );
    await this.registry.reloadRow(l);
    this.registry.signal(l, 'refresh');
  }

  /** One admission round for a launch: draw at the start, then admit by rate and cap. */
  async tick(l: LiveLaunch, now: number): Promise<void> {
    if (phaseOf(l.row, now, null) !== 'live') return;
    const available = await this.registry.available(l.row.id);
    await this.ensureDrawn(l);
    const wasSoldOut = l.soldOut;
    l.soldOut = available === 0;
    if (wasSoldOut !== l.soldOut) l.events.emit('change'); // every process sees the books: no signal needed
    if (wasSoldOut !== l.soldOut) void this.ctx.notifications?.launchStock(l.row.id, l.soldOut).catch((err: unknown) => this.ctx.log.warn({ err }, 'sold-out notification failed'));
    const { admitted, epoch } = await l.room.admit(now, !l.row.paused && available > 0);
    if (admitted.length) this.admittedCount.set(l.row.id, (this.admittedCount.get(l.row.id) ?? 0) + admitted.length);
    for (const e of admitted) this.ctx.analytics.record({ type: 'admitted', at: now, storeId: l.row.store_id, launchId: l.row.id, buyerId: e.buyerId, waitMs: now - Math.max(e.joinedAt, l.row.starts_at) });
    for (const e of admitted) void this.writer.add({ kind: 'admit', launchId: l.row.id, buyerId: e.buyerId, at: now, epoch }).catch((err) => this.ctx.log.error({ err }, 'admission write failed'));
    if (admitted.length) this.registry.signal(l, 'change');
  }
}
