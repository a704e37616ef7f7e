/**
 * A launch, from the buyer's side (a lazy chunk): the device, launch price against the
 * regular one, a countdown on the server's clock, registration, then the waiting room —
 * place, buyers ahead, estimated wait, live over SSE — then, once admitted, the model
 * picker and Reserve, then the reservation with its payment deadline and Pay.
 *
 * Everything the buyer has done survives a reload: the queue token is kept in
 * localStorage (per account and launch), and reservations come from GET /holds.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorMessage } from '../../lib/api';
import { clockText, durationParts, serverNow, syncServerClock, useServerNow } from '../../lib/clock';
import { leadItem, phaseAt } from '../../lib/launch';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import type { Hold, Launch, LaunchItem, Order, QueueStatus } from '../../lib/types';
import { useT } from '../../strings';
import { ErrorNote, FlagshipBadge, LaunchBadge, Loading, optionsText, randomKey, Stepper, useTitle } from '../../ui';
import { AddressFieldset, apiFieldErrors, draftFrom, emptyAddress, focusFirstError, isComplete, toAddress, validateAddress, type AddressDraft, type AddressErrors } from '../AddressFields';
import { RegionLabel } from '../RegionPicker';
import { addSample, estimateWait, waitUnits, type LineSample } from './eta';
import { solvePow } from './pow';
import { useQueueStatus } from './queue';
import { useLT } from './strings';
import './launch.css';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What this buyer has kept for this launch across reloads. */
interface Kept {
  registered?: boolean;
  token?: string;
  /** The end of the admission pass last seen (to tell "your turn ended" apart from waiting). */
  passExpiresAt?: number | null;
}

function useKept(key: string | null): [Kept, (patch: Partial<Kept> | null) => void] {
  const read = (k: string | null): Kept => {
    if (!k) return {};
    try {
      return JSON.parse(localStorage.getItem(k) ?? '{}') as Kept;
    } catch {
      return {};
    }
  };
  const [kept, setKept] = useState<Kept>(() => read(key));
  useEffect(() => setKept(read(key)), [key]);
  const update = useCallback(
    (patch: Partial<Kept> | null) => {
      setKept((prev) => {
        const next = patch === null ? {} : { ...prev, ...patch };
        if (key) {
          try {
            localStorage.setItem(key, JSON.stringify(next));
          } catch {
            /* private mode: kept in memory only */
          }
        }
        return next;
      });
    },
    [key],
  );
  return [kept, update];
}

/** "2 minutes", "15分钟": a setting's duration in the reader's language. */
function useDuration() {
  const { locale } = useT();
  return (ms: number) => {
    const [unit, n] = ms >= 3600_000 && ms % 3600_000 === 0 ? ['hour', ms / 3600_000] : ms >= 60_000 ? ['minute', Math.round(ms / 60_000)] : ['second', Math.round(ms / 1000)];
    return new Intl.NumberFormat(locale, { style: 'unit', unit: unit, unitDisplay: 'long' }).format(n);
  };
}

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
      const l = await api<Launch>('GET', `/launches/${encodeURIComponent(id)}`, undefined, { headers: { 'accept-language': locale } });
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

type View =
  | { kind: 'loading' }
  | { kind: 'signIn' }
  | { kind: 'notBuyer' }
  | { kind: 'over' }
  | { kind: 'hold'; hold: Hold }
  | { kind: 'done' }
  | { kind: 'registerSoon' }
  | { kind: 'register' }
  | { kind: 'closed' }
  | { kind: 'join' }
  | { kind: 'joining' }
  | { kind: 'queue'; status: QueueStatus }
  | { kind: 'passExpired' };

function LaunchView({ launch, reload, onRegistered }: { launch: Launch; reload: () => Promise<void>; onRegistered: (n: number) => void }) {
  const { t } = useLT();
  const s = useSession();
  const now = useServerNow();
  const phase = phaseAt(launch, now);
  const buyer = s.user?.role === 'buyer' ? s.user : null;
  const [keptHere, keep] = useKept(buyer ? `fm.launch.${buyer.id}.${launch.id}` : null);
  // The server knows whether this buyer registered (on any device); this browser's memory is the fallback.
  const kept = launch.registered === null || launch.registered === undefined || keptHere.registered ? keptHere : { ...keptHere, registered: launch.registered };
  const [holds, setHolds] = useState<Hold[] | null>(null);
  const [joinedStatus, setJoinedStatus] = useState<QueueStatus | null>(null);
  const [passGone, setPassGone] = useState(false);
  const [notice, setNotice] = useState<'back' | null>(null);

  const loadHolds = useCallback(async () => {
    if (!buyer) return;
    try {
      setHolds((await api<{ holds: Hold[] }>('GET', `/holds?launchId=${encodeURIComponent(launch.id)}`)).holds);
    } catch {
      // Shown as "no reservation yet" rather than holding the page up; the next refresh retries.
      setHolds((cur) => cur ?? []);
    }
  }, [buyer?.id, launch.id]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => void loadHolds(), [loadHolds]);

  const onGone = useCallback(() => {
    keep({ token: undefined, passExpiresAt: null });
    setJoinedStatus(null);
  }, [keep]);
  const queue = useQueueStatus(launch.id, kept.token ?? null, onGone);
  const status = queue.status ?? joinedStatus;

  // Remember the pass's end, tell "units came back", and refresh availability on a change of state.
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
  }, [status]); // eslint-disable-line react-hooks/exhaustive-deps

  // Refresh the launch (availability, phase) calmly: often only near the start or while admitted.
  useEffect(() => {
    if (launch.phase === 'ended' || launch.phase === 'cancelled') return;
    const untilStart = launch.startsAt - serverNow();
    const notStarted = launch.phase === 'scheduled' || launch.phase === 'registration';
    const period = notStarted ? (untilStart < 15_000 ? 1000 : Math.min(60_000, untilStart - 14_000)) : status?.state === 'admitted' ? 4000 : 15_000;
    const timer = window.setTimeout(() => void reload(), period);
    return () => window.clearTimeout(timer);
  }, [launch, status?.state, reload]);

  const activeHold = holds?.find((h) => h.status === 'held' && h.expiresAt > now) ?? null;
  const units = (holds ?? []).filter((h) => (h.status === 'held' && h.expiresAt > now) || h.status === 'paid').reduce((n, h) => n + h.quantity, 0);
  // The newest reservation ran out (holds come newest first).
  const latest = holds?.[0];
  const lastExpired = latest && (latest.status === 'expired' || (latest.status === 'held' && latest.expiresAt <= now)) ? latest : null;
  const passExpired = passGone || (!!kept.passExpiresAt && now >= kept.passExpiresAt && status?.state !== 'admitted');
  // Why the last turn ended: a reservation made in it that was not paid in time, or no reservation at all.
  const turnStart = kept.passExpiresAt ? kept.passExpiresAt - launch.admission.passTtlMs : null;
  const turnEndedBy: 'pay' | 'reserve' = lastExpired && turnStart !== null && lastExpired.createdAt >= turnStart ? 'pay' : 'reserve';
  // The server puts a buyer whose turn ended back at the end of the line; the page says so.
  const backInLine = passExpired && !!status && (status.state === 'waiting' || status.state === 'sold_out' || status.state === 'paused');

  // A reservation whose deadline passed: the server expires it within a second or two.
  useEffect(() => {
    const held = holds?.find((h) => h.status === 'held');
    if (!held) return;
    const timer = window.setTimeout(() => void loadHolds(), Math.max(0, held.expiresAt - serverNow()) + 1500);
    return () => window.clearTimeout(timer);
  }, [holds, loadHolds]);

  let view: View;
  const notStarted = phase === 'scheduled' || phase === 'registration';
  const registrationOpen = launch.registrationOpensAt === null || now >= launch.registrationOpensAt;
  if (activeHold) view = { kind: 'hold', hold: activeHold };
  else if (phase === 'ended' || phase === 'cancelled') view = { kind: 'over' };
  else if (s.status === 'loading' || (buyer && holds === null)) view = { kind: 'loading' };
  else if (!s.user) view = { kind: 'signIn' };
  else if (!buyer) view = { kind: 'notBuyer' };
  else if (units >= launch.perBuyerLimit) view = { kind: 'done' };
  else if (kept.token && passExpired && status?.state !== 'ended' && !backInLine) view = { kind: 'passExpired' };
  else if (kept.token && status) view = { kind: 'queue', status };
  else if (kept.token) view = { kind: 'joining' };
  else if (launch.registrationRequired && !kept.registered) view = notStarted ? (registrationOpen ? { kind: 'register' } : { kind: 'registerSoon' }) : { kind: 'closed' };
  else if (!kept.registered && notStarted && launch.registrationOpensAt !== null && registrationOpen) view = { kind: 'register' };
  else view = { kind: 'join' };

  const viewKey = view.kind === 'queue' ? `queue:${view.status.state}` : view.kind;
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

function Hero({ launch, phase, now }: { launch: Launch; phase: Launch['phase']; now: number }) {
  const { t: st, price, date } = useT();
  const { t } = useLT();
  const item = leadItem(launch);
  const units = launch.items.reduce((n, i) => n + i.allotment, 0);
  const left = launch.items.reduce((n, i) => n + i.available, 0);
  const notStarted = phase === 'scheduled' || phase === 'registration';
  return (
    <section className="launch-hero" aria-labelledby="launch-title">
      <div className="launch-media">
        {item?.image ? <img src={item.image} alt="" width="320" height="320" decoding="async" /> : <span className="img-placeholder" aria-hidden="true" />}
      </div>
      <div className="launch-head">
        <p className="launch-store">
          {launch.storeName}
          {launch.storeVerified ? <FlagshipBadge small /> : null}
        </p>
        <h1 id="launch-title">{launch.title}</h1>
        <p className="launch-badges">
          <LaunchBadge phase={phase} paused={launch.paused} />
          <span className="muted small">{st('launch.units', { n: units })}</span>
          {launch.registeredCount > 0 ? <span className="muted small" data-testid="registered-count">{st('launch.registered', { n: launch.registeredCount })}</span> : null}
        </p>
      </div>
      <div className="launch-offer">
        {item ? (
          <p className="launch-prices">
            <span className="launch-price" data-testid="launch-price">
              <span className="visually-hidden">{st('launch.price')} </span>
              {price(item.launchPriceMinor, item.currency)}
            </span>
            {item.regularPriceMinor > item.launchPriceMinor ? (
              <>
                <s className="price-was">
                  <span className="visually-hidden">{st('launch.regularPrice')} </span>
                  {price(item.regularPriceMinor, item.currency)}
                </s>
                <span className="badge badge-flagship">{t('hero.save', { amount: price(item.regularPriceMinor - item.launchPriceMinor, item.currency) })}</span>
              </>
            ) : null}
          </p>
        ) : null}
        {notStarted ? (
          <Countdown to={launch.startsAt} now={now} label={t('hero.startsIn')} sub={t('hero.startsAt', { date: date(launch.startsAt) })} />
        ) : phase === 'live' || phase === 'sold_out' ? (
          <p className="launch-when">
            {phase === 'live' ? <strong>{st('launch.unitsLeft', { n: left })}</strong> : null}
            {phase === 'live' ? ' · ' : null}
            {st('launch.endsIn', { time: clockText(launch.endsAt - now) })}
          </p>
        ) : (
          <p className="launch-when muted">{t('hero.endedAt', { date: date(Math.min(launch.endsAt, now)) })}</p>
        )}
        <p className="muted small">{t('hero.limit', { n: launch.perBuyerLimit })}</p>
      </div>
    </section>
  );
}

function Countdown({ to, now, label, sub }: { to: number; now: number; label: string; sub: string }) {
  const { t } = useLT();
  const p = durationParts(to - now);
  const two = (n: number) => String(n).padStart(2, '0');
  const parts: Array<[string, string]> = [
    ...(p.d > 0 ? ([[String(p.d), t('cd.days')]] as Array<[string, string]>) : []),
    [two(p.h), t('cd.hours')],
    [two(p.m), t('cd.minutes')],
    [two(p.s), t('cd.seconds')],
  ];
  return (
    <div className="countdown" data-testid="countdown">
      <p className="countdown-label">{label}</p>
      <p className="countdown-clock" role="timer" aria-label={`${label} ${clockText(to - now)}`}>
        {parts.map(([n, unit]) => (
          <span key={unit} className="cd-part">
            <span className="cd-num">{n}</span>
            <span className="cd-unit">{unit}</span>
          </span>
        ))}
      </p>
      <p className="muted small">{sub}</p>
    </div>
  );
}

interface PanelProps {
  view: View;
  /** The viewer belongs to the launch's store (a link to its monitor). */
  member: boolean;
  launch: Launch;
  phase: Launch['phase'];
  now: number;
  units: number;
  holds: Hold[];
  kept: Kept;
  /** Why the buyer's last turn ended (the panel that says so). */
  turnEndedBy: 'pay' | 'reserve';
  transport: 'stream' | 'polling' | null;
  onRegistered: (n: number) => void;
  onJoined: (token: string, status: QueueStatus) => void;
  onHeld: (hold: Hold) => void;
  onPassGone: () => void;
  onChanged: () => void;
}

function Panel(p: PanelProps) {
  const { t } = useLT();
  const { date } = useT();
  const { view, launch } = p;
  switch (view.kind) {
    case 'signIn':
      return (
        <Block title={t('signIn.title')} body={t('signIn.body')}>
          <Link to={`/login?next=${encodeURIComponent(`/launches/${launch.id}`)}`} className="btn btn-primary btn-lg btn-block" data-autofocus>
            {t('signIn.cta')}
          </Link>
        </Block>
      );
    case 'loading':
      return <Loading />;
    case 'notBuyer':
      return (
        <Block title={t('notBuyer.title')} body={t('notBuyer.body')}>
          {p.member ? (
            <Link to={`/console/launches/${launch.id}`} className="btn btn-block">
              {t('notBuyer.monitor')}
            </Link>
          ) : null}
        </Block>
      );
    case 'over':
      return <Block title={p.phase === 'cancelled' ? t('over.cancelled') : t('over.ended')} body={t('over.body')} />;
    case 'done':
      return <Block title={t('done.title')} body={t('done.body', { n: launch.perBuyerLimit })} />;
    case 'registerSoon':
      return <Block title={t('register.soon', { date: date(launch.registrationOpensAt ?? launch.startsAt) })} body={t('register.soonBody')} />;
    case 'closed':
      // This browser may not know about a registration made elsewhere: joining tells.
      return (
        <Block title={t('register.closed')} body={t('register.closedBody')}>
          <p className="launch-block-body">{t('register.elsewhere')}</p>
          <JoinBlock {...p} secondary />
        </Block>
      );
    case 'register':
      return <RegisterBlock {...p} />;
    case 'join':
    case 'joining':
      return <JoinBlock {...p} />;
    case 'passExpired':
      return <Block title={t('passExpired.title')} body={p.turnEndedBy === 'pay' ? t('passExpired.bodyPay') : t('passExpired.body')} tone="warn" />;
    case 'hold':
      return <HoldBlock hold={view.hold} launch={launch} now={p.now} onChanged={p.onChanged} />;
    case 'queue':
      return <QueueBlock {...p} status={view.status} />;
  }
}

function Block({ title, body, tone, children }: { title: string; body?: ReactNode; tone?: 'warn' | 'ok'; children?: ReactNode }) {
  return (
    <div className={tone ? `launch-block tone-${tone}` : 'launch-block'}>
      <p className="launch-block-title" data-autofocus={children ? undefined : true} tabIndex={children ? undefined : -1}>
        {title}
      </p>
      {body ? <p className="launch-block-body">{body}</p> : null}
      {children}
    </div>
  );
}

function RegisterBlock(p: PanelProps) {
  const { t } = useLT();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const register = async () => {
    setBusy(true);
    setErr(null);
    try {
      const out = await api<{ registeredCount: number }>('POST', `/launches/${p.launch.id}/registrations`);
      p.onRegistered(out.registeredCount);
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Block title={t('register.title')} body={p.launch.registrationRequired ? t('register.required') : t('register.optional')}>
      <button type="button" className="btn btn-primary btn-lg btn-block" onClick={() => void register()} disabled={busy} data-testid="register" data-autofocus>
        {busy ? t('register.busy') : t('register.cta')}
      </button>
      <ErrorNote>{err}</ErrorNote>
      {!p.launch.registrationRequired ? <JoinBlock {...p} secondary /> : null}
    </Block>
  );
}

function JoinBlock(p: PanelProps & { secondary?: boolean }) {
  const { t } = useLT();
  const [step, setStep] = useState<'idle' | 'pow' | 'join'>('idle');
  const [err, setErr] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const left = p.launch.items.reduce((n, i) => n + i.available, 0);
  const notStarted = p.phase === 'scheduled' || p.phase === 'registration';

  const join = async () => {
    const ctl = new AbortController();
    abort.current = ctl;
    setErr(null);
    try {
      let body: { challenge?: string; solution?: string } = {};
      if (p.launch.powDifficulty > 0) {
        setStep('pow');
        const c = await api<{ challenge: string; difficulty: number }>('GET', `/launches/${p.launch.id}/challenge`, undefined, { signal: ctl.signal });
        body = { challenge: c.challenge, solution: await solvePow(c.challenge, c.difficulty, ctl.signal) };
      }
      setStep('join');
      const out = await api<{ queueToken: string; status: QueueStatus }>('POST', `/launches/${p.launch.id}/queue`, body, { signal: ctl.signal });
      p.onJoined(out.queueToken, out.status);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      setErr(e instanceof ApiError && e.code === 'NOT_REGISTERED' ? t('err.NOT_REGISTERED') : e instanceof ApiError && e.code === 'RATE_LIMITED' ? t('err.RATE_LIMITED') : errorMessage(e));
      p.onChanged();
    } finally {
      setStep('idle');
    }
  };

  const busy = step !== 'idle' || p.view.kind === 'joining';
  const body = notStarted ? t('join.early') : p.phase === 'sold_out' ? t('join.soldOut') : t('join.live', { n: left });
  const button = (
    <button type="button" className={p.secondary ? 'btn btn-lg btn-block' : 'btn btn-primary btn-lg btn-block'} onClick={() => void join()} disabled={busy} data-testid="join" data-autofocus={p.secondary ? undefined : true}>
      {step === 'pow' ? t('join.pow') : busy ? t('join.busy') : t('join.cta')}
    </button>
  );
  if (p.secondary) {
    return (
      <div className="launch-or">
        {button}
        <ErrorNote>{err}</ErrorNote>
      </div>
    );
  }
  return (
    <Block title={p.kept.registered ? t('register.done') : t('join.title')} body={body} tone={p.kept.registered ? 'ok' : undefined}>
      {button}
      <ErrorNote>{err}</ErrorNote>
    </Block>
  );
}

function QueueBlock(p: PanelProps & { status: QueueStatus }) {
  const { t } = useLT();
  const { date } = useT();
  const duration = useDuration();
  const st = p.status;
  if (st.state === 'admitted') return <AdmittedBlock {...p} />;
  if (st.state === 'ended') return <Block title={t('over.ended')} body={t('over.body')} />;
  if (st.state === 'prequeue') {
    return (
      <Block title={t('wait.title')} body={t('wait.prequeueBody', { time: date(p.launch.startsAt) })} tone="ok">
        <Transport transport={p.transport} />
      </Block>
    );
  }
  if (st.state === 'paused') {
    return (
      <Block title={t('paused.title')} body={t('paused.body')} tone="warn">
        <LineFigures status={st} />
        <Transport transport={p.transport} />
      </Block>
    );
  }
  if (st.state === 'sold_out') {
    return (
      <Block title={t('soldOut.title')} body={t('soldOut.body')} tone="warn">
        {(st.ahead ?? 0) > 0 ? <LineFigures status={st} /> : null}
        <Transport transport={p.transport} />
      </Block>
    );
  }
  return (
    <Block title={t('wait.title')}>
      <LineFigures status={st} progress />
      <p className="launch-block-body">{t('wait.body', { ttl: duration(p.launch.admission.passTtlMs) })}</p>
      <Transport transport={p.transport} />
    </Block>
  );
}

/**
 * Place, buyers ahead and the estimated wait, with a bar that fills as the line moves. The
 * wait is the slower of the server's figure and the pace the line was seen to move at
 * (eta.ts); while sold out or paused nobody is let in, so no time is promised then.
 */
function LineFigures({ status, progress }: { status: QueueStatus; progress?: boolean }) {
  const { t } = useLT();
  const { locale } = useT();
  const most = useRef(0);
  const samples = useRef<LineSample[]>([]);
  if (status.ahead !== null) most.current = Math.max(most.current, status.ahead);
  if (status.state === 'waiting' && status.ahead !== null) samples.current = addSample(samples.current, { at: status.serverTime, ahead: status.ahead });
  if (status.position === null) return <p className="launch-block-body">{t('wait.drawing')}</p>;
  const n = new Intl.NumberFormat(locale);
  const estimate = status.state === 'waiting' ? estimateWait(samples.current, status.etaSeconds) : ({ kind: 'unknown' } as const);
  let etaText: string;
  if (estimate.kind === 'seconds') {
    const u = waitUnits(estimate.seconds);
    etaText = u.unit === 'soon' ? t('wait.etaSoon') : u.unit === 'min' ? t('wait.etaMin', { n: u.n }) : t('wait.etaHours', { n: u.n });
  } else if (estimate.kind === 'stalled') etaText = t('wait.etaStalled');
  else etaText = status.state === 'paused' ? t('wait.etaPaused') : t('wait.etaUnits');
  const pct = most.current > 0 ? Math.round(100 * (1 - (status.ahead ?? 0) / most.current)) : status.ahead === 0 ? 100 : 0;
  return (
    <>
      <dl className="wait-figures" data-testid="wait-figures">
        <div>
          <dt>{t('wait.place')}</dt>
          <dd data-testid="wait-position">{n.format(status.position)}</dd>
        </div>
        <div>
          <dt>{t('wait.ahead')}</dt>
          <dd data-testid="wait-ahead">{n.format(status.ahead ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('wait.eta')}</dt>
          <dd data-testid="wait-eta">{etaText}</dd>
        </div>
      </dl>
      {progress ? (
        <div className="wait-bar" role="progressbar" aria-label={t('wait.progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <span style={{ width: `${Math.max(4, pct)}%` }} />
        </div>
      ) : null}
    </>
  );
}

function Transport({ transport }: { transport: 'stream' | 'polling' | null }) {
  const { t } = useLT();
  if (!transport) return null;
  return (
    <p className="wait-transport" data-transport={transport}>
      <span className={transport === 'stream' ? 'live-dot' : 'live-dot idle'} aria-hidden="true" />
      {transport === 'stream' ? t('wait.live') : t('wait.polling')}
    </p>
  );
}

function AdmittedBlock(p: PanelProps & { status: QueueStatus }) {
  const { t } = useLT();
  const { price } = useT();
  const duration = useDuration();
  const items = p.launch.items;
  const firstAvailable = [...items].sort((a, b) => a.launchPriceMinor - b.launchPriceMinor).find((i) => i.available > 0) ?? items[0];
  const [skuId, setSkuId] = useState(firstAvailable?.skuId ?? '');
  const [qty, setQty] = useState(1);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const intent = useRef<{ key: string; skuId: string; qty: number } | null>(null);
  const item = items.find((i) => i.skuId === skuId) ?? firstAvailable;
  const room = Math.max(1, p.launch.perBuyerLimit - p.units);
  const maxQty = Math.max(1, Math.min(room, item?.available || 1));
  const passLeft = (p.status.passExpiresAt ?? 0) - p.now;

  // The chosen model sold out meanwhile: move to one that has units.
  useEffect(() => {
    if (item && item.available === 0) {
      const other = items.find((i) => i.available > 0);
      if (other) setSkuId(other.skuId);
    }
  }, [items]); // eslint-disable-line react-hooks/exhaustive-deps

  const reserve = async (e: FormEvent) => {
    e.preventDefault();
    if (!item || !p.status.pass || busy) return;
    // One Idempotency-Key per reservation the buyer means to make: a retry after a lost
    // answer replays it instead of taking a second unit.
    const mine = intent.current && intent.current.skuId === item.skuId && intent.current.qty === qty ? intent.current : (intent.current = { key: randomKey(), skuId: item.skuId, qty });
    setBusy(true);
    setErr(null);
    for (let attempt = 0; ; attempt++) {
      try {
        const hold = await api<Hold>('POST', `/launches/${p.launch.id}/reservations`, { skuId: item.skuId, quantity: qty }, { headers: { 'x-admission-pass': p.status.pass, 'idempotency-key': mine.key } });
        intent.current = null;
        p.onHeld(hold);
        break;
      } catch (e2) {
        const code = e2 instanceof ApiError ? e2.code : 'UNKNOWN';
        const retry = e2 instanceof ApiError && (code === 'NETWORK' || e2.status >= 500 || e2.status === 429);
        if (retry && attempt < 3) {
          await sleep(400 * 2 ** attempt + Math.random() * 200);
          continue;
        }
        if (!retry) intent.current = null;
        if (code === 'PASS_EXPIRED' || code === 'PASS_INVALID') p.onPassGone();
        const others = items.some((i) => i.skuId !== item.skuId && i.available > 0);
        setErr(
          code === 'SOLD_OUT'
            ? others
              ? t('err.SOLD_OUT_SKU')
              : t('err.SOLD_OUT')
            : code === 'LIMIT_REACHED'
              ? t('err.LIMIT_REACHED', { n: p.launch.perBuyerLimit })
              : code === 'NOT_ENOUGH_UNITS' || code === 'PASS_EXPIRED' || code === 'LAUNCH_PAUSED' || code === 'NOT_REGISTERED' || code === 'RATE_LIMITED'
                ? t(`err.${code}`)
                : errorMessage(e2),
        );
        p.onChanged();
        break;
      }
    }
    setBusy(false);
  };

  return (
    <form className="launch-block tone-go" onSubmit={(e) => void reserve(e)}>
      <p className="launch-block-title">{t('admitted.title')}</p>
      <p className="pass-left">
        {t('admitted.within')}{' '}
        <strong role="timer" data-testid="pass-left">
          {clockText(passLeft)}
        </strong>
      </p>
      <fieldset className="sku-pick">
        <legend>{t('admitted.choose')}</legend>
        {items.map((i) => (
          <SkuOption key={i.skuId} item={i} checked={i.skuId === item?.skuId} onPick={() => setSkuId(i.skuId)} />
        ))}
      </fieldset>
      {room > 1 && maxQty > 1 ? (
        <div className="launch-qty">
          <span className="small">{t('hero.limit', { n: p.launch.perBuyerLimit })}</span>
          <Stepper value={Math.min(qty, maxQty)} max={maxQty} onChange={setQty} label={t('admitted.choose')} />
        </div>
      ) : null}
      <ErrorNote>{err}</ErrorNote>
      <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={!item || item.available === 0} aria-disabled={busy || undefined} data-testid="reserve" data-autofocus>
        {busy ? t('admitted.reserving') : item ? t('admitted.reserve', { price: price(item.launchPriceMinor * Math.min(qty, maxQty), item.currency) }) : t('admitted.none')}
      </button>
      <p className="muted small launch-center">{t('admitted.payWindow', { window: duration(p.launch.paymentWindowMs) })}</p>
    </form>
  );
}

function SkuOption({ item, checked, onPick }: { item: LaunchItem; checked: boolean; onPick: () => void }) {
  const { t } = useLT();
  const { price } = useT();
  const out = item.available === 0;
  const id = `sku-${item.skuId}`;
  return (
    <div className={out ? 'sku-option out' : 'sku-option'}>
      <input type="radio" id={id} name="launch-sku" checked={checked} onChange={onPick} disabled={out} />
      <label htmlFor={id}>
        {item.image ? <img src={item.image} alt="" width="44" height="44" /> : null}
        <span className="sku-option-text">
          <span className="sku-option-name">{optionsText(item.optionLabels ?? item.options) || item.title}</span>
          <span className="sku-option-row">
            <span className="sku-option-price">{price(item.launchPriceMinor, item.currency)}</span>
            <span className="small muted">{out ? t('admitted.none') : t('admitted.left', { n: item.available })}</span>
          </span>
        </span>
      </label>
    </div>
  );
}

function HoldBlock({ hold, launch, now, onChanged }: { hold: Hold; launch: Launch; now: number; onChanged: () => void }) {
  const { t } = useLT();
  const { price, date, t: st } = useT();
  const s = useSession();
  const item = launch.items.find((i) => i.skuId === hold.skuId);
  const left = hold.expiresAt - now;
  const pct = Math.max(0, Math.min(100, (100 * left) / launch.paymentWindowMs));
  const [addr, setAddr] = useState<AddressDraft>(() => emptyAddress(s.user?.name ?? ''));
  // A remembered address shows as a summary with "Change"; otherwise the form is open.
  const [editing, setEditing] = useState(true);
  const typed = useRef(false);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);

  // The address of the buyer's latest order, so paying takes one tap.
  useEffect(() => {
    let live = true;
    api<{ orders: Order[] }>('GET', '/orders?limit=1')
      .then((r) => {
        const a = r.orders[0]?.address;
        if (!live || !a || typed.current) return;
        setAddr(draftFrom(a));
        setEditing(false);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const complete = isComplete(addr);
  const [fieldErrors, setFieldErrors] = useState<AddressErrors>({});
  const tried = useRef(false);
  const pay = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    tried.current = true;
    const problems = validateAddress(addr);
    if (Object.keys(problems).length) {
      setEditing(true);
      setFieldErrors(problems);
      setErr(st('address.err.form'));
      window.setTimeout(() => focusFirstError('hold-addr', problems), 0);
      return;
    }
    setBusy(true);
    setErr(null);
    try {
      const out = await api<{ payment: { payUrl: string } }>('POST', `/holds/${hold.id}/pay`, { address: toAddress(addr) });
      window.location.assign(out.payment.payUrl);
    } catch (e2) {
      // Address problems at their fields, in the page's language; other refusals in words of ours.
      const fields = apiFieldErrors(e2);
      if (fields) {
        setEditing(true);
        setFieldErrors(fields);
        setErr(st('address.err.form'));
        window.setTimeout(() => focusFirstError('hold-addr', fields), 0);
      } else setErr(e2 instanceof ApiError && e2.code === 'HOLD_NOT_PAYABLE' ? t('hold.notPayable') : st('checkout.err.other'));
      setBusy(false);
      onChanged();
    }
  };
  const total = price(hold.priceMinor * hold.quantity, hold.currency);
  return (
    <form className="launch-block tone-go" onSubmit={(e) => void pay(e)} data-testid="hold" noValidate>
      <p className="launch-block-title">{t('hold.title')}</p>
      <p className="deadline" role="timer" aria-label={`${t('hold.deadline')} ${clockText(left)}`} data-testid="hold-deadline">
        {clockText(left)}
      </p>
      <div className="deadline-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </div>
      <p className="hold-item">
        <span>
          {t('hold.item', { title: item?.title ?? '', n: hold.quantity })} <span className="muted">{item ? optionsText(item.optionLabels ?? item.options) : ''}</span>
        </span>
        <strong>{total}</strong>
      </p>
      {complete && !editing ? (
        <div className="addr-summary">
          <p>
            <span className="small muted">{t('hold.deliverTo')}</span>
            <br />
            {addr.recipient} · {addr.phone}
            <br />
            <RegionLabel codes={addr} /> {addr.line1}
          </p>
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
            {t('hold.change')}
          </button>
        </div>
      ) : (
        <AddressFieldset
          value={addr}
          errors={fieldErrors}
          onChange={(next) => {
            typed.current = true;
            setAddr(next);
            if (tried.current) setFieldErrors(validateAddress(next));
          }}
          className="address-form launch-address"
          idPrefix="hold-addr"
          markFirstEmpty
        />
      )}
      <ErrorNote>{err}</ErrorNote>
      {/* On a phone the Pay button stays in reach (above the tab bar), with the time left. */}
      <div className="pay-bar">
        <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={left <= 0} aria-disabled={busy || undefined} data-testid="pay" data-autofocus={complete && !editing ? true : undefined}>
          {busy ? t('hold.paying') : t('hold.pay', { price: total })}
        </button>
        <span className="pay-bar-left" aria-hidden="true">
          {clockText(left)}
        </span>
      </div>
      <p className="muted small">{t('hold.note', { time: date(hold.expiresAt) })}</p>
      <p className="visually-hidden">{st('checkout.payNote')}</p>
    </form>
  );
}

function ExpiredNote({ hold }: { hold: Hold }) {
  const { t } = useLT();
  const { date } = useT();
  return (
    <p className="banner banner-warn" data-testid="hold-expired">
      {t('hold.expired', { time: date(hold.expiresAt) })}
    </p>
  );
}

function Purchases({ holds, launch }: { holds: Hold[]; launch: Launch }) {
  const { t } = useLT();
  const { price } = useT();
  const paid = holds.filter((h) => h.status === 'paid');
  if (paid.length === 0) return null;
  return (
    <div className="launch-purchases">
      <p className="small muted">{t('hold.yours')}</p>
      <ul role="list">
        {paid.map((h) => {
          const item = launch.items.find((i) => i.skuId === h.skuId);
          return (
            <li key={h.id}>
              <span>
                <span className="badge status status-ok">{t('hold.paid')}</span> {item ? optionsText(item.optionLabels ?? item.options) || item.title : ''} × {h.quantity} · {price(h.priceMinor * h.quantity, h.currency)}
              </span>
              {h.orderId ? (
                <Link to={`/orders/${h.orderId}`} className="section-link">
                  {t('hold.viewOrder')}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function HowItWorks({ launch }: { launch: Launch }) {
  const { t } = useLT();
  const { date } = useT();
  const duration = useDuration();
  return (
    <section className="section launch-how" aria-labelledby="how-h">
      <h2 id="how-h">{t('how.title')}</h2>
      <ol className="how-steps">
        {launch.registrationRequired ? <li>{t('how.register', { date: date(launch.startsAt) })}</li> : null}
        <li>{t('how.line')}</li>
        <li>{t('how.reserve', { ttl: duration(launch.admission.passTtlMs), window: duration(launch.paymentWindowMs) })}</li>
      </ol>
    </section>
  );
}

function About({ launch }: { launch: Launch }) {
  const { t } = useLT();
  const { price } = useT();
  return (
    <section className="section launch-about" aria-labelledby="about-h">
      <h2 id="about-h">{t('about.title')}</h2>
      {launch.description ? <p className="launch-desc">{launch.description}</p> : null}
      <ul role="list" className="launch-items">
        {launch.items.map((i) => (
          <li key={i.skuId}>
            <Link to={`/p/${i.productId}?sku=${i.skuId}`}>
              {i.title} <span className="muted">{optionsText(i.optionLabels ?? i.options)}</span>
            </Link>
            <span className="small muted">{t('about.allotment', { n: i.allotment, price: price(i.launchPriceMinor, i.currency) })}</span>
          </li>
        ))}
      </ul>
      {launch.draw ? (
        <div className="launch-draw">
          <p className="small">
            <strong>{t('draw.title')}</strong> · {t('draw.body', { n: launch.draw.prequeueCount })}
          </p>
          <p className="mono small draw-seed">{launch.draw.seed}</p>
          <p className="small">
            <Link to={`/launches/${launch.id}/draw`}>{t('draw.verify')}</Link>
          </p>
        </div>
      ) : launch.drawCommitment ? (
        <div className="launch-draw">
          <p className="small">
            <strong>{t('draw.title')}</strong> · {t('draw.committed')}
          </p>
          <p className="mono small draw-commitment">{launch.drawCommitment}</p>
          <p className="small">
            <Link to={`/launches/${launch.id}/draw`}>{t('draw.verify')}</Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
