/**
 * A launch, from the buyer's side (a lazy chunk): the device, launch price against the
 * regular one, a countdown on the server's clock, registration, then the waiting room —
 * place, buyers ahead, estimated wait, live over SSE — then, once admitted, the model
 * picker and Reserve, then the reservation with its payment deadline and Pay.
 *
 * Everything the buyer has done survives a reload: the queue token is kept in
 * localStorage (per account and launch), and reservations come from GET /holds.
 *
 * This file loads the launch and keeps the buyer's state; which panel the action card
 * shows is chooseView (view.ts, a pure function), and the panels are beside it: Hero,
 * EntryPanel (register, join), WaitingRoomPanel, ReservePanel, HoldPanel, About.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, call, errorMessage } from '../../lib/api';
import { serverNow, syncServerClock, useServerNow } from '../../lib/clock';
import { phaseAt } from '../../lib/launch';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import type { Hold, Launch, QueueStatus } from '../../lib/types';
import { ErrorNote, Loading, useTitle } from '../../ui';
import { About, HowItWorks } from './About';
import { Hero } from './Hero';
import { ExpiredNote, Purchases } from './HoldPanel';
import { useKept } from './kept';
import { Panel } from './Panel';
import { useQueueStatus } from './queue';
import { useLT } from './strings';
import { chooseView, holdFacts, turnFacts, viewKey as keyOf, withServerRegistration } from './view';
import './launch.css';

export function LaunchPage({ id }: { id: string }) {
  const { t, locale } = useLT();
  const [launch, setLaunch] = useState<Launch | null>(null);
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  useTitle(launch?.title);

  const load = useCallback(async () => {
    const sentAt = Date.now();
    try {
      // The launch's texts come in the interface's language: read again when it changes.
      const l = await call(api.GET('/launches/{launchId}', { params: { path: { launchId: id } }, headers: { 'accept-language': locale } }));
      syncServerClock(l.serverTime, sentAt);
      setLaunch(l);
      setLoadError(null);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setMissing(true);
      else setLoadError(errorMessage(err));
    }
  }, [id, locale]);
  useEffect(() => void load(), [load]);

  if (missing) {
    return (
      <div className="page narrow">
        <h1>{t('page.notFound')}</h1>
        <p>{t('page.notFoundBody')}</p>
        <p>
          <Link to="/" className="btn btn-primary">
            {t('page.back')}
          </Link>
        </p>
      </div>
    );
  }
  if (!launch) {
    return (
      <div className="page">
        <ErrorNote>{loadError}</ErrorNote>
        {loadError ? null : <Loading />}
      </div>
    );
  }
  return <LaunchView launch={launch} reload={load} onRegistered={(n) => setLaunch({ ...launch, registeredCount: n })} />;
}

function LaunchView({ launch, reload, onRegistered }: { launch: Launch; reload: () => Promise<void>; onRegistered: (n: number) => void }) {
  const { t } = useLT();
  const s = useSession();
  const now = useServerNow();
  const phase = phaseAt(launch, now);
  const buyer = s.user?.role === 'buyer' ? s.user : null;
  const [keptHere, keep] = useKept(buyer ? `fm.launch.${buyer.id}.${launch.id}` : null);
  const kept = withServerRegistration(keptHere, launch.registered);
  const [holds, setHolds] = useState<Hold[] | null>(null);
  const [joinedStatus, setJoinedStatus] = useState<QueueStatus | null>(null);
  const [passGone, setPassGone] = useState(false);
  const [notice, setNotice] = useState<'back' | null>(null);

  const buyerId = buyer?.id;
  const loadHolds = useCallback(async () => {
    if (!buyerId) return;
    try {
      setHolds((await call(api.GET('/holds', { params: { query: { launchId: launch.id } } }))).holds);
    } catch {
      // Shown as "no reservation yet" rather than holding the page up; the next refresh retries.
      setHolds((cur) => cur ?? []);
    }
  }, [buyerId, launch.id]);
  useEffect(() => void loadHolds(), [loadHolds]);

  const onGone = useCallback(() => {
    keep({ token: undefined, passExpiresAt: null });
    setJoinedStatus(null);
  }, [keep]);
  const queue = useQueueStatus(launch.id, kept.token ?? null, onGone);
  const status = queue.status ?? joinedStatus;

  // Remember the pass's end, tell "units came back", and refresh availability on a change of state.
  // Each step is done once per status (the pass's end once kept, the state once seen), so the
  // effect running again for a new `keep` or `reload` does nothing.
  const prevState = useRef<string | null>(null);
  useEffect(() => {
    if (!status) return;
    if (status.state === 'admitted' && status.passExpiresAt && status.passExpiresAt !== kept.passExpiresAt) keep({ passExpiresAt: status.passExpiresAt });
    const prev = prevState.current;
    if (prev !== status.state) {
      if (prev === 'sold_out' && (status.state === 'waiting' || status.state === 'admitted')) setNotice('back');
      else if (status.state === 'sold_out' || status.state === 'ended' || status.state === 'paused') setNotice(null);
      if (prev !== null) void reload();
      prevState.current = status.state;
    }
  }, [status, kept.passExpiresAt, keep, reload]);

  // Refresh the launch (availability, phase) calmly: often only near the start or while admitted.
  useEffect(() => {
    if (launch.phase === 'ended' || launch.phase === 'cancelled') return;
    const untilStart = launch.startsAt - serverNow();
    const notStarted = launch.phase === 'scheduled' || launch.phase === 'registration';
    const period = notStarted ? (untilStart < 15_000 ? 1000 : Math.min(60_000, untilStart - 14_000)) : status?.state === 'admitted' ? 4000 : 15_000;
    const timer = window.setTimeout(() => void reload(), period);
    return () => window.clearTimeout(timer);
  }, [launch, status?.state, reload]);

  const { activeHold, units, lastExpired } = holdFacts(holds, now);
  const { turnEndedBy, backInLine } = turnFacts({ launch, now, kept, status, passGone }, lastExpired);

  // A reservation whose deadline passed: the server expires it within a second or two.
  useEffect(() => {
    const held = holds?.find((h) => h.status === 'held');
    if (!held) return;
    const timer = window.setTimeout(() => void loadHolds(), Math.max(0, held.expiresAt - serverNow()) + 1500);
    return () => window.clearTimeout(timer);
  }, [holds, loadHolds]);

  const viewer = s.status === 'loading' ? 'loading' : !s.user ? 'signedOut' : buyer ? 'buyer' : 'other';
  const view = chooseView({ launch, now, viewer, holds, kept, status, passGone });
  const viewKey = keyOf(view);
  const panelRef = useFocusOnChange(viewKey);
  const announce = useAnnouncement(viewKey, notice);

  return (
    <div className="page launch-page">
      <Hero launch={launch} phase={phase} now={now} />
      <section className="card launch-action" aria-labelledby="action-h" ref={panelRef} data-testid="launch-action" data-view={viewKey} tabIndex={-1} data-focus-scope>
        <h2 id="action-h" className="visually-hidden">
          {t('action.title')}
        </h2>
        <p className="visually-hidden" aria-live="polite">
          {announce}
        </p>
        {notice === 'back' && view.kind === 'queue' ? (
          <p className="banner banner-ok" data-testid="units-back">
            {t('back.banner')}
          </p>
        ) : null}
        {lastExpired && !activeHold && view.kind !== 'over' ? <ExpiredNote hold={lastExpired} /> : null}
        {backInLine && view.kind === 'queue' ? (
          <p className="banner" data-testid="back-in-line">
            {turnEndedBy === 'pay' ? t('requeued.afterHold') : t('requeued.afterPass')}
          </p>
        ) : null}
        <Panel
          view={view}
          member={s.stores.some((m) => m.storeId === launch.storeId)}
          launch={launch}
          phase={phase}
          now={now}
          units={units}
          holds={holds ?? []}
          kept={kept}
          turnEndedBy={turnEndedBy}
          transport={queue.transport}
          onRegistered={(n) => {
            keep({ registered: true });
            onRegistered(n);
          }}
          onJoined={(token, st) => {
            setPassGone(false);
            setJoinedStatus(st);
            // Only registered buyers get a place in such a launch: this one is registered.
            keep({ token, passExpiresAt: null, ...(launch.registrationRequired ? { registered: true } : {}) });
          }}
          onHeld={(hold) => {
            setHolds((prev) => [hold, ...(prev ?? []).filter((h) => h.id !== hold.id)]);
            void reload();
          }}
          onPassGone={() => setPassGone(true)}
          onChanged={() => {
            void reload();
            void loadHolds();
          }}
        />
        <Purchases holds={holds ?? []} launch={launch} />
      </section>
      <HowItWorks launch={launch} />
      <About launch={launch} />
    </div>
  );
}

/** Moves focus to the new panel's main control when the panel changes under the buyer's focus. */
function useFocusOnChange(key: string) {
  const ref = useRef<HTMLElement>(null);
  const prev = useRef<string | null>(null);
  useEffect(() => {
    // The first real panel after the page loads keeps focus and scroll where they are.
    const initial = prev.current === null || prev.current === 'loading';
    prev.current = key;
    if (initial) return;
    const panel = ref.current;
    if (!panel) return;
    const active = document.activeElement;
    if (active && active !== document.body && !panel.contains(active)) return;
    // The panel's top (what changed: "It's your turn", the deadline) comes into view, and
    // its main control takes the focus, so Enter (or the TV remote's OK) acts on it.
    panel.querySelector<HTMLElement>('[data-autofocus]')?.focus({ preventScroll: true });
    const r = panel.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) panel.scrollIntoView({ block: r.height > window.innerHeight * 0.8 ? 'start' : 'nearest', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }, [key]);
  return ref;
}

/** A short sentence for screen readers on each change of state (not on every tick of the line). */
function useAnnouncement(key: string, notice: 'back' | null): string {
  const { t } = useLT();
  if (notice === 'back') return t('announce.back');
  if (key === 'queue:admitted') return t('announce.admitted');
  if (key === 'queue:sold_out') return t('announce.soldOut');
  if (key === 'queue:paused') return t('announce.paused');
  if (key === 'queue:waiting' || key === 'queue:prequeue') return t('announce.joined');
  if (key === 'hold') return t('announce.held');
  return '';
}
