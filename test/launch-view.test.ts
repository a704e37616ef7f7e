/**
 * The launch page's choice of panel (web/src/pages/launch/view.ts), as a pure function of
 * the launch, the server's clock, who is looking, the buyer's reservations, what the
 * browser kept and the place in line: every view, and the edges between them.
 */
import { describe, expect, it } from 'vitest';
import type { Hold, QueueStatus } from '../web/src/lib/types.js';
import { chooseView, holdFacts, turnFacts, viewKey, withServerRegistration, type ViewInput, type ViewLaunch } from '../web/src/pages/launch/view.js';

const T0 = 1_800_000_000_000;
const MIN = 60_000;

/** A launch that starts at T0 and runs an hour; no registration; 2 units a buyer; 2-minute passes. */
function launch(patch: Partial<ViewLaunch> = {}): ViewLaunch {
  return {
    phase: 'scheduled',
    startsAt: T0,
    endsAt: T0 + 60 * MIN,
    registrationOpensAt: null,
    registrationRequired: false,
    perBuyerLimit: 2,
    admission: { ratePerSecond: 10, maxActive: 100, passTtlMs: 2 * MIN },
    ...patch,
  };
}

function hold(patch: Partial<Hold> = {}): Hold {
  return { id: 'h1', launchId: 'l1', skuId: 's1', quantity: 1, priceMinor: 100, currency: 'CNY', status: 'held', expiresAt: T0 + 10 * MIN, orderId: null, createdAt: T0 + MIN, ...patch };
}

function status(state: QueueStatus['state'], patch: Partial<QueueStatus> = {}): QueueStatus {
  const admitted = state === 'admitted';
  return { state, position: 5, ahead: admitted ? 0 : 4, etaSeconds: admitted ? 0 : 1, pass: admitted ? 'pass' : null, passExpiresAt: admitted ? T0 + 3 * MIN : null, available: 10, serverTime: T0, pollAfterMs: null, ...patch };
}

/** A signed-in buyer with no reservations and nothing kept, five minutes into a live launch. */
function input(patch: Partial<ViewInput> = {}): ViewInput {
  return { launch: launch({ phase: 'live' }), now: T0 + 5 * MIN, viewer: 'buyer', holds: [], kept: {}, status: null, passGone: false, ...patch };
}

const kind = (patch: Partial<ViewInput> = {}) => chooseView(input(patch)).kind;

describe('the launch page’s view', () => {
  it('before the start: Join (a place in the pre-queue) when the launch asks for no registration', () => {
    expect(kind({ launch: launch(), now: T0 - 10 * MIN })).toBe('join');
  });

  it('before the start: registration when it is open, "opens soon" before it opens, optional registration offered too', () => {
    const required = launch({ registrationRequired: true, registrationOpensAt: T0 - 60 * MIN });
    expect(kind({ launch: required, now: T0 - 90 * MIN })).toBe('registerSoon');
    expect(kind({ launch: required, now: T0 - 60 * MIN })).toBe('register');
    expect(kind({ launch: { ...required, phase: 'registration' }, now: T0 - MIN })).toBe('register');
    // Optional registration that has opened: the Register panel (with Join under it).
    const optional = launch({ registrationOpensAt: T0 - 60 * MIN });
    expect(kind({ launch: optional, now: T0 - 30 * MIN })).toBe('register');
    expect(kind({ launch: optional, now: T0 - 30 * MIN, kept: { registered: true } })).toBe('join');
    // Registered: Join.
    expect(kind({ launch: required, now: T0 - 30 * MIN, kept: { registered: true } })).toBe('join');
  });

  it('the clock alone moves the launch on: at the start registration has closed for one who did not register', () => {
    const required = launch({ registrationRequired: true, registrationOpensAt: T0 - 60 * MIN });
    expect(kind({ launch: required, now: T0 - 1 })).toBe('register');
    expect(kind({ launch: required, now: T0 })).toBe('closed');
    expect(kind({ launch: { ...required, phase: 'live' }, kept: { registered: true } })).toBe('join');
  });

  it('the server’s word on registration beats this browser’s memory only when it knows', () => {
    expect(withServerRegistration({}, true)).toEqual({ registered: true });
    expect(withServerRegistration({ registered: true }, false)).toEqual({ registered: true });
    expect(withServerRegistration({ token: 'q' }, null)).toEqual({ token: 'q' });
    expect(withServerRegistration({}, undefined)).toEqual({});
  });

  it('who is looking: loading, sign in, not a buyer; a buyer waits for the reservations to load', () => {
    expect(kind({ viewer: 'loading' })).toBe('loading');
    expect(kind({ viewer: 'buyer', holds: null })).toBe('loading');
    expect(kind({ viewer: 'signedOut', holds: null })).toBe('signIn');
    expect(kind({ viewer: 'other', holds: null })).toBe('notBuyer');
  });

  it('in line: joining until the first status, then the place in line (pre-queue, waiting, admitted)', () => {
    expect(kind({ kept: { token: 'q' } })).toBe('joining');
    for (const state of ['prequeue', 'waiting', 'admitted'] as const) {
      const view = chooseView(input({ kept: { token: 'q' }, status: status(state) }));
      expect(view).toEqual({ kind: 'queue', status: status(state) });
      expect(viewKey(view)).toBe(`queue:${state}`);
    }
  });

  it('admitted: while the server still says admitted, the pass’s end on this clock does not end the turn; a refused pass does', () => {
    const admitted = status('admitted');
    expect(kind({ kept: { token: 'q', passExpiresAt: admitted.passExpiresAt }, status: admitted, now: T0 + 3 * MIN + 5000 })).toBe('queue');
    expect(kind({ kept: { token: 'q' }, status: admitted, passGone: true })).toBe('passExpired');
  });

  it('sold out, with units that may come back, and paused: the buyer stays in line', () => {
    expect(chooseView(input({ launch: launch({ phase: 'sold_out' }), kept: { token: 'q' }, status: status('sold_out') }))).toMatchObject({ kind: 'queue', status: { state: 'sold_out' } });
    expect(viewKey(chooseView(input({ kept: { token: 'q' }, status: status('paused') })))).toBe('queue:paused');
    // Without a place yet, a sold-out launch still offers Join (units may come back).
    expect(kind({ launch: launch({ phase: 'sold_out' }) })).toBe('join');
  });

  it('a live reservation shows the hold panel, even past the launch’s end; it counts against the limit', () => {
    const h = hold();
    expect(chooseView(input({ holds: [h] }))).toEqual({ kind: 'hold', hold: h });
    const late = hold({ expiresAt: T0 + 62 * MIN });
    expect(chooseView(input({ holds: [late], now: T0 + 61 * MIN }))).toEqual({ kind: 'hold', hold: late });
    expect(holdFacts([h], T0 + 5 * MIN)).toEqual({ activeHold: h, units: 1, lastExpired: null });
  });

  it('the limit reached with paid units: done', () => {
    expect(kind({ holds: [hold({ status: 'paid', quantity: 2, orderId: 'o1' })] })).toBe('done');
    expect(kind({ holds: [hold({ status: 'paid', quantity: 1, orderId: 'o1' })] })).toBe('join');
  });

  it('own hold expired: a turn that ended by not paying, told apart from one that ended without reserving', () => {
    // Admitted at T0+1min for 2 minutes; reserved at T0+2min; the payment window ran out at T0+4min.
    const kept = { token: 'q', passExpiresAt: T0 + 3 * MIN };
    const expired = hold({ createdAt: T0 + 2 * MIN, expiresAt: T0 + 4 * MIN, status: 'expired' });
    const now = T0 + 5 * MIN;
    const facts = holdFacts([expired], now);
    expect(facts).toEqual({ activeHold: null, units: 0, lastExpired: expired });
    // A reservation past its deadline that the server has not expired yet counts as run out too.
    expect(holdFacts([{ ...expired, status: 'held' }], now).lastExpired).toMatchObject({ id: 'h1' });
    expect(turnFacts({ launch: launch(), now, kept, status: null, passGone: false }, expired)).toEqual({ passExpired: true, turnEndedBy: 'pay', backInLine: false });
    expect(kind({ holds: [expired], kept, now })).toBe('passExpired');
    // A reservation from an earlier turn: this turn ended without reserving.
    const older = { ...expired, createdAt: T0 };
    expect(turnFacts({ launch: launch(), now, kept, status: null, passGone: false }, older).turnEndedBy).toBe('reserve');
    expect(turnFacts({ launch: launch(), now, kept, status: null, passGone: false }, null).turnEndedBy).toBe('reserve');
  });

  it('own hold expired: once the server puts the buyer back in line, the place in line shows (waiting, sold out or paused)', () => {
    const kept = { token: 'q', passExpiresAt: T0 + 3 * MIN };
    const expired = hold({ createdAt: T0 + 2 * MIN, expiresAt: T0 + 4 * MIN, status: 'expired' });
    for (const state of ['waiting', 'sold_out', 'paused'] as const) {
      const st = status(state);
      expect(turnFacts({ launch: launch(), now: T0 + 5 * MIN, kept, status: st, passGone: false }, expired).backInLine).toBe(true);
      expect(kind({ holds: [expired], kept, status: st })).toBe('queue');
    }
    // Admitted again: a new turn, not "back in line".
    const again = status('admitted', { passExpiresAt: T0 + 7 * MIN });
    expect(turnFacts({ launch: launch(), now: T0 + 5 * MIN, kept, status: again, passGone: false }, expired)).toMatchObject({ passExpired: false, backInLine: false });
    expect(kind({ holds: [expired], kept, status: again })).toBe('queue');
    // The line ended: the queue panel says so, not "your turn ended".
    expect(viewKey(chooseView(input({ holds: [expired], kept, status: status('ended') })))).toBe('queue:ended');
  });

  it('ended and cancelled: over, whatever the browser kept or the line says', () => {
    expect(kind({ launch: launch({ phase: 'live' }), now: T0 + 60 * MIN })).toBe('over');
    expect(kind({ launch: launch({ phase: 'ended' }), kept: { token: 'q' }, status: status('waiting') })).toBe('over');
    expect(kind({ launch: launch({ phase: 'cancelled' }), now: T0 - MIN, viewer: 'signedOut' })).toBe('over');
    expect(kind({ launch: launch({ phase: 'cancelled' }), viewer: 'loading' })).toBe('over');
  });

  it('every view has a key of its own', () => {
    const views = [
      chooseView(input({ viewer: 'loading' })),
      chooseView(input({ viewer: 'signedOut' })),
      chooseView(input({ viewer: 'other' })),
      chooseView(input({ launch: launch({ phase: 'ended' }) })),
      chooseView(input({ holds: [hold()] })),
      chooseView(input({ holds: [hold({ status: 'paid', quantity: 2 })] })),
      chooseView(input({ launch: launch({ registrationRequired: true, registrationOpensAt: T0 - MIN }), now: T0 - 2 * MIN })),
      chooseView(input({ launch: launch({ registrationRequired: true, registrationOpensAt: T0 - MIN }), now: T0 - 30_000 })),
      chooseView(input({ launch: launch({ registrationRequired: true }) })),
      chooseView(input()),
      chooseView(input({ kept: { token: 'q' } })),
      chooseView(input({ kept: { token: 'q' }, status: status('waiting') })),
      chooseView(input({ kept: { token: 'q' }, passGone: true })),
    ];
    expect(new Set(views.map((v) => v.kind)).size).toBe(13);
    expect(views.map(viewKey)).toEqual(['loading', 'signIn', 'notBuyer', 'over', 'hold', 'done', 'registerSoon', 'register', 'closed', 'join', 'joining', 'queue:waiting', 'passExpired']);
  });
});
