/**
 * The buyer's (and seller's) notifications: the inbox (/notifications, also /account/notifications
 * where mails link to the settings), the settings — e-mail, push on this device, language, kinds
 * muted — and the unsubscribe page a mail's link opens (/unsubscribe?token=…). The header's bell
 * (`NotificationBell`) shows the unread count.
 */
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../lib/api';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useGet } from '../lib/query';
import type { components } from '../lib/api.gen';
import { ErrorNote, Loading, Redirect, useTitle } from '../ui';
import { useNT } from './notification-strings';

type Prefs = components['schemas']['NotificationPreferences'];
type Kind = Prefs['muted'][number];

const KINDS: Kind[] = ['registration_confirmed', 'launch_starting', 'your_turn', 'hold_expiring', 'order_paid', 'order_shipped', 'order_delivered', 'refund_sent', 'launch_sold_out', 'units_back', 'holds_expired', 'orders_to_ship', 'stock_low'];

const listeners = new Set<(n: number) => void>();
/** Tells every bell the unread count changed. */
function announceUnread(n: number): void {
  for (const l of listeners) l(n);
}

/** The header's bell: a link to the inbox with the unread count (asked every 30 s while signed in). */
export function NotificationBell() {
  const { t } = useNT();
  const s = useSession();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!s.user) return;
    let live = true;
    const load = () =>
      call(api.GET('/notifications', { params: { query: { limit: 1 } } }))
        .then((b) => live && setUnread(b.unread))
        .catch(() => {});
    void load();
    const timer = window.setInterval(() => void load(), 30_000);
    listeners.add(setUnread);
    return () => {
      live = false;
      window.clearInterval(timer);
      listeners.delete(setUnread);
    };
  }, [s.user]);
  if (!s.user) return null;
  return (
    <Link to="/notifications" className="nav-link bell" data-testid="bell" aria-label={unread ? t('bell.unread', { n: unread }) : t('bell.label')}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 16V11a6 6 0 1112 0v5l2 2H4zM10 20a2 2 0 004 0" />
      </svg>
      {unread > 0 ? (
        <span className="count" data-testid="bell-count">
          {unread}
        </span>
      ) : null}
    </Link>
  );
}

/** The inbox and the settings. */
export function NotificationsPage() {
  const { t, date } = useNT();
  const s = useSession();
  const { path } = useLocation();
  useTitle(t('inbox.title'));
  const inbox = useGet('/notifications', { params: { query: { limit: 50 } } }, { enabled: s.user !== null });
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    if (inbox.data) announceUnread(inbox.data.unread);
  }, [inbox.data]);
  if (s.status === 'loading') return <Loading />;
  if (!s.user) return <Redirect to={`/login?next=${encodeURIComponent(path)}`} />;
  const readAll = async () => {
    try {
      const r = await call(api.POST('/notifications/read', { body: { all: true } }));
      announceUnread(r.unread);
      inbox.reload();
    } catch (e) {
      setErr(errorMessage(e));
    }
  };
  return (
    <div className="page narrow notifications-page">
      <h1>{t('inbox.title')}</h1>
      <ErrorNote>{err ?? inbox.error}</ErrorNote>
      {inbox.data && inbox.data.unread > 0 ? (
        <p>
          <button type="button" className="btn" onClick={() => void readAll()} data-testid="read-all">
            {t('inbox.readAll')}
          </button>
        </p>
      ) : null}
      {!inbox.data ? <Loading /> : inbox.data.items.length === 0 ? <p className="muted">{t('inbox.empty')}</p> : null}
      {inbox.data && inbox.data.items.length > 0 ? (
        <ul role="list" className="inbox" data-testid="inbox">
          {inbox.data.items.map((n) => (
            <li key={n.id} className={n.readAt ? 'inbox-item' : 'inbox-item unread'} data-kind={n.kind}>
              <Link to={n.url}>
                <strong>{n.title}</strong>
              </Link>
              {!n.readAt ? <span className="visually-hidden"> ({t('inbox.unread')})</span> : null}
              <p>{n.body}</p>
              <p className="small muted">{date(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <Preferences />
    </div>
  );
}

function Preferences() {
  const { t } = useNT();
  const prefs = useGet('/notifications/preferences', undefined);
  const [saved, setSaved] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const save = async (change: Partial<Prefs>) => {
    setSaved(false);
    // Shown at once (a checkbox follows the click), then what the server kept.
    if (prefs.data) prefs.setData({ ...prefs.data, ...change });
    try {
      prefs.setData(await call(api.PUT('/notifications/preferences', { body: change })));
      setSaved(true);
    } catch (e) {
      setErr(errorMessage(e));
    }
  };
  if (!prefs.data) return <ErrorNote>{prefs.error}</ErrorNote>;
  const p = prefs.data;
  return (
    <section aria-labelledby="prefs-h" className="section notification-prefs" id="settings">
      <h2 id="prefs-h">{t('prefs.title')}</h2>
      <p className="small muted">{t('prefs.inboxAlways')}</p>
      <label className="check">
        <input type="checkbox" checked={p.email} onChange={(e) => void save({ email: e.target.checked })} data-testid="pref-email" /> {t('prefs.email')}
      </label>
      <label className="check">
        <input type="checkbox" checked={p.push} onChange={(e) => void save({ push: e.target.checked })} data-testid="pref-push" /> {t('prefs.push')}
      </label>
      <PushOnThisDevice />
      <label htmlFor="pref-locale">{t('prefs.language')}</label>
      <select id="pref-locale" value={p.locale} onChange={(e) => void save({ locale: e.target.value as Prefs['locale'] })}>
        <option value="en">English</option>
        <option value="zh-CN">简体中文</option>
      </select>
      <fieldset>
        <legend>{t('prefs.muted')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="check">
            <input type="checkbox" checked={p.muted.includes(k)} onChange={(e) => void save({ muted: e.target.checked ? [...p.muted, k] : p.muted.filter((x) => x !== k) })} /> {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      {saved ? <p role="status">{t('prefs.saved')}</p> : null}
      <ErrorNote>{err}</ErrorNote>
    </section>
  );
}

/** Base64url (VAPID key) to bytes, as PushManager.subscribe takes it. */
function keyBytes(b64: string): Uint8Array {
  const s = atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function PushOnThisDevice() {
  const { t } = useNT();
  const [state, setState] = useState<'idle' | 'on' | 'unsupported' | 'denied' | 'busy'>('idle');
  const [err, setErr] = useState<string | null>(null);
  const supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && 'PushManager' in window;
  const enable = async () => {
    if (!supported) return setState('unsupported');
    setState('busy');
    try {
      const reg = await navigator.serviceWorker.register('/sw.js');
      if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
      const { publicKey } = await call(api.GET('/notifications/push/key'));
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) as BufferSource });
      const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await call(api.POST('/notifications/push/subscriptions', { body: { endpoint: json.endpoint, keys: json.keys } }));
      setState('on');
    } catch (e) {
      setErr(errorMessage(e));
      setState('idle');
    }
  };
  if (!supported || state === 'unsupported') return <p className="small muted">{t('push.unsupported')}</p>;
  if (state === 'on') return <p role="status">{t('push.on')}</p>;
  if (state === 'denied') return <p role="status">{t('push.denied')}</p>;
  return (
    <p>
      <button type="button" className="btn" onClick={() => void enable()} disabled={state === 'busy'} data-testid="push-enable">
        {t('push.enable')}
      </button>
      <ErrorNote>{err}</ErrorNote>
    </p>
  );
}

/** The page a mail's unsubscribe link opens: one button, then the answer. */
export function UnsubscribePage() {
  const { t } = useNT();
  const { search } = useLocation();
  useTitle(t('unsub.title'));
  const token = search.get('token') ?? '';
  const [state, setState] = useState<'ask' | 'done' | 'bad'>('ask');
  const go = async () => {
    try {
      await call(api.POST('/notifications/unsubscribe', { params: { query: { token } }, body: {} }));
      setState('done');
    } catch {
      setState('bad');
    }
  };
  return (
    <div className="page narrow">
      <h1>{t('unsub.title')}</h1>
      {state === 'ask' ? (
        <>
          <p>{t('unsub.body')}</p>
          <button type="button" className="btn btn-primary" onClick={() => void go()} data-testid="unsubscribe">
            {t('unsub.cta')}
          </button>
        </>
      ) : (
        <p role="status">{state === 'done' ? t('unsub.done') : t('unsub.bad')}</p>
      )}
    </div>
  );
}
