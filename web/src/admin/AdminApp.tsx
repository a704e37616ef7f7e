/**
 * The platform admin (a lazy chunk): verify flagship stores (a second click confirms), look
 * through stores, users and orders (with their stores and buyers), the marketplace's money
 * (stores' balances, platform revenue, payouts, commission), the notification outbox and the
 * log-in lockouts (credential stuffing). Every list pages with the API's cursor.
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { OutboxAdmin } from './Outbox';
import { LockoutsAdmin } from './Lockouts';
import { useNT } from '../pages/notification-strings';
import { api, call, errorMessage } from '../lib/api';
import { usePaged } from '../lib/paged';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import type { AdminOrderList, Order, OrderStatus, Store, User } from '../lib/types';
import { ChipGroup, EmptyState, ErrorNote, FlagshipBadge, Loading, Redirect, StatusBadge, useTitle } from '../ui';
import { useCT } from '../console/strings';

// Platform analytics (ECharts) loads on demand.
const AdminMoneyPage = lazy(() => import('../console/money/MoneyPages').then((m) => ({ default: m.AdminMoneyPage })));
const AdminAnalyticsPage = lazy(() => import('../console/analytics/AnalyticsPages').then((m) => ({ default: m.AdminAnalyticsPage })));

export default function AdminApp() {
  const { t } = useCT();
  const { t: nt } = useNT();
  const s = useSession();
  const { path } = useLocation();
  if (s.status === 'loading') return <div className="page"><Loading /></div>;
  if (!s.user || s.user.role !== 'admin') {
    return (
      <div className="page narrow">
        <h1>{t('admin.title')}</h1>
        <p>{t('admin.only')}</p>
        {!s.user ? (
          <Link to={`/login?next=${encodeURIComponent(path)}`} className="btn btn-primary">
            {t('console.signInCta')}
          </Link>
        ) : null}
      </div>
    );
  }
  if (path === '/admin' || path === '/admin/') return <Redirect to="/admin/stores" />;
  const sections = [
    { to: '/admin/stores', label: t('admin.stores') },
    { to: '/admin/users', label: t('admin.users') },
    { to: '/admin/orders', label: t('admin.orders') },
    { to: '/admin/analytics', label: t('admin.analytics') },
    { to: '/admin/money', label: t('admin.money') },
    { to: '/admin/outbox', label: nt('outbox.title') },
    { to: '/admin/lockouts', label: t('admin.lockouts') },
  ];
  return (
    <div className="console">
      <aside className="console-side">
        <p className="console-store-name">{t('admin.title')}</p>
        <nav aria-label={t('admin.nav')}>
          <ul role="list" className="side-nav">
            {sections.map((sec) => (
              <li key={sec.to}>
                <Link to={sec.to} className={path === sec.to ? 'side-link active' : 'side-link'} aria-current={path === sec.to ? 'page' : undefined}>
                  {sec.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="console-main">
        {path === '/admin/stores' ? <StoresAdmin /> : path === '/admin/users' ? <UsersAdmin /> : path === '/admin/orders' ? <OrdersAdmin /> : path === '/admin/analytics' ? (
          <Suspense fallback={<Loading />}>
            <AdminAnalyticsPage />
          </Suspense>
        ) : path === '/admin/outbox' ? (
          <OutboxAdmin />
        ) : path === '/admin/lockouts' ? (
          <LockoutsAdmin />
        ) : path === '/admin/money' ? (
          <Suspense fallback={<Loading />}>
            <AdminMoneyPage />
          </Suspense>
        ) : <p>{t('console.notFound')}</p>}
      </div>
    </div>
  );
}

type StoreFilter = 'pending' | 'flagship' | 'marketplace' | 'all';

function StoresAdmin() {
  const { t, date } = useCT();
  useTitle(t('admin.stores'));
  const [filter, setFilter] = useState<StoreFilter>('pending');
  const query = { kind: filter === 'all' ? undefined : filter === 'pending' ? ('flagship' as const) : filter, verified: filter === 'pending' ? ('false' as const) : undefined, limit: 20 };
  const list = usePaged<Store>(`stores ${filter}`, async (cursor) => {
    const body = await call(api.GET('/stores', { params: { query: { ...query, cursor: cursor ?? undefined } } }));
    return { items: body.stores, nextCursor: body.nextCursor };
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  // The store whose verification (or withdrawal) waits for a second click.
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const verify = async (s: Store, verified: boolean) => {
    setBusy(s.id);
    setErr(null);
    try {
      const next = await call(api.POST('/admin/stores/{storeId}/verification', { params: { path: { storeId: s.id } }, body: { verified } }));
      // A store verified leaves "Awaiting verification"; elsewhere its row changes in place.
      list.setItems((prev) => (prev ?? []).flatMap((x) => (x.id !== next.id ? [x] : filter === 'pending' && next.verified ? [] : [next])));
      setConfirming(null);
      setDone(t(next.verified ? 'admin.verifiedNote' : 'admin.unverifiedNote', { name: next.name }));
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const filters: Array<{ id: StoreFilter; label: string }> = [
    { id: 'pending', label: t('admin.pending') },
    { id: 'flagship', label: t('admin.flagship') },
    { id: 'marketplace', label: t('admin.marketplace') },
    { id: 'all', label: t('admin.all') },
  ];
  return (
    <div className="console-page">
      <h1>{t('admin.stores')}</h1>
      <ChipGroup label={t('admin.filter')} options={filters} value={filter} onChange={setFilter} />
      <ErrorNote>{list.error ?? err}</ErrorNote>
      <p role="status" className="small" data-testid="verification-note">
        {done}
      </p>
      {list.items === null ? <Loading /> : null}
      {list.items && list.items.length === 0 ? <EmptyState title={filter === 'pending' ? t('admin.noPending') : t('admin.none')} /> : null}
      {list.items && list.items.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('admin.stores')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.store')}</th>
              <th scope="col">{t('admin.kind')}</th>
              <th scope="col">{t('admin.opened')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('products.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((s) => (
              <tr key={s.id} data-testid="admin-store">
                <td data-label={t('admin.store')}>
                  <Link to={`/s/${s.slug}`}>{s.name}</Link>
                  {s.verified ? <FlagshipBadge small /> : null}
                </td>
                <td data-label={t('admin.kind')}>{s.kind === 'flagship' ? (s.verified ? t('admin.flagshipVerified') : t('admin.flagshipUnverified')) : t('admin.marketplace')}</td>
                <td data-label={t('admin.opened')}>{date(s.createdAt, 'date')}</td>
                <td className="cell-actions">
                  {s.kind === 'flagship' && confirming === s.id ? (
                    <span className="confirm-inline" role="group" aria-label={t(s.verified ? 'admin.confirmUnverify' : 'admin.confirmVerify', { name: s.name })}>
                      <span className="small">{t(s.verified ? 'admin.confirmUnverify' : 'admin.confirmVerify', { name: s.name })}</span>{' '}
                      <button type="button" className={s.verified ? 'btn btn-sm btn-danger' : 'btn btn-sm btn-primary'} disabled={busy === s.id} onClick={() => void verify(s, !s.verified)} data-testid="confirm-verification">
                        {s.verified ? t('admin.yesUnverify') : t('admin.yesVerify')}
                      </button>{' '}
                      <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirming(null)}>
                        {t('admin.notNow')}
                      </button>
                    </span>
                  ) : s.kind === 'flagship' ? (
                    <button type="button" className={s.verified ? 'btn btn-sm' : 'btn btn-sm btn-primary'} disabled={busy === s.id} onClick={() => { setDone(null); setConfirming(s.id); }} aria-label={`${s.verified ? t('admin.unverify') : t('admin.verify')}: ${s.name}`}>
                      {s.verified ? t('admin.unverify') : t('admin.verify')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.cursor ? (
        <div className="load-more">
          <button type="button" className="btn" onClick={list.more}>
            {t('common.more')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function UsersAdmin() {
  const { t, date } = useCT();
  useTitle(t('admin.users'));
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const [role, setRole] = useState<User['role'] | 'all'>('all');
  const query = { q: applied || undefined, role: role === 'all' ? undefined : role, limit: 20 };
  const list = usePaged<User>(JSON.stringify(query), async (cursor) => {
    const body = await call(api.GET('/admin/users', { params: { query: { ...query, cursor: cursor ?? undefined } } }));
    return { items: body.users, nextCursor: body.nextCursor };
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(q.trim());
  };
  return (
    <div className="console-page">
      <h1>{t('admin.users')}</h1>
      <form className="inline-form" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="user-q">{t('admin.emailSearch')}</label>
          <input id="user-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <button type="submit" className="btn">
          {t('admin.search')}
        </button>
      </form>
      <ChipGroup label={t('admin.role')} options={(['all', 'buyer', 'seller', 'admin'] as const).map((r) => ({ id: r, label: r === 'all' ? t('admin.all') : t(`role.${r}` as const) }))} value={role} onChange={setRole} />
      <ErrorNote>{list.error}</ErrorNote>
      {list.items === null ? <Loading /> : null}
      {list.items && list.items.length === 0 ? <EmptyState title={t('admin.none')} /> : null}
      {list.items && list.items.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('admin.users')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.email')}</th>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.role')}</th>
              <th scope="col">{t('admin.joined')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((u) => (
              <tr key={u.id}>
                <td data-label={t('admin.email')}>{u.email}</td>
                <td data-label={t('admin.name')}>{u.name}</td>
                <td data-label={t('admin.role')}>{t(`role.${u.role}` as const)}</td>
                <td data-label={t('admin.joined')}>{date(u.createdAt, 'date')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.cursor ? (
        <div className="load-more">
          <button type="button" className="btn" onClick={list.more}>
            {t('common.more')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

const ORDER_STATUSES: OrderStatus[] = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refund_requested', 'refunded'];

function OrdersAdmin() {
  const { t, price, date } = useCT();
  useTitle(t('admin.orders'));
  const [status, setStatus] = useState<OrderStatus | 'all'>('all');
  // Each page names its orders' stores and buyers; kept across pages.
  const [names, setNames] = useState<{ stores: AdminOrderList['stores']; buyers: AdminOrderList['buyers'] }>({ stores: {}, buyers: {} });
  const list = usePaged<Order>(status, async (cursor) => {
    const page = await call(api.GET('/admin/orders', { params: { query: { status: status === 'all' ? undefined : status, cursor: cursor ?? undefined, limit: 20 } } }));
    setNames((n) => ({ stores: { ...n.stores, ...page.stores }, buyers: { ...n.buyers, ...page.buyers } }));
    return { items: page.orders, nextCursor: page.nextCursor };
  });
  return (
    <div className="console-page">
      <h1>{t('admin.orders')}</h1>
      <ChipGroup label={t('admin.status')} options={(['all', ...ORDER_STATUSES] as const).map((st) => ({ id: st, label: st === 'all' ? t('admin.all') : t(`status.${st}` as const) }))} value={status} onChange={setStatus} />
      <ErrorNote>{list.error}</ErrorNote>
      {list.items === null ? <Loading /> : null}
      {list.items && list.items.length === 0 ? <EmptyState title={t('admin.none')} /> : null}
      {list.items && list.items.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('admin.orders')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.order')}</th>
              <th scope="col">{t('admin.placed')}</th>
              <th scope="col">{t('admin.store')}</th>
              <th scope="col">{t('admin.buyer')}</th>
              <th scope="col">{t('admin.items')}</th>
              <th scope="col">{t('admin.status')}</th>
              <th scope="col">{t('orders.total')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((o) => (
              <tr key={o.id}>
                <td data-label={t('admin.order')} className="mono">
                  #{o.id.slice(-8)}
                </td>
                <td data-label={t('admin.placed')}>{date(o.createdAt)}</td>
                <td data-label={t('admin.store')} data-testid="order-store">
                  {names.stores[o.storeId] ? <Link to={`/s/${names.stores[o.storeId]!.slug}`}>{names.stores[o.storeId]!.name}</Link> : <span className="mono">{o.storeId.slice(-8)}</span>}
                </td>
                <td data-label={t('admin.buyer')} data-testid="order-buyer">
                  {names.buyers[o.buyerId] ? (
                    <>
                      {names.buyers[o.buyerId]!.name}
                      <br />
                      <span className="small muted">{names.buyers[o.buyerId]!.email}</span>
                    </>
                  ) : (
                    <span className="mono">{o.buyerId.slice(-8)}</span>
                  )}
                </td>
                <td data-label={t('admin.items')}>{o.items.map((i) => `${i.title} × ${i.quantity}`).join(', ')}</td>
                <td data-label={t('admin.status')}>
                  <StatusBadge status={o.status} />
                </td>
                <td data-label={t('orders.total')}>{price(o.totalMinor, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.cursor ? (
        <div className="load-more">
          <button type="button" className="btn" onClick={list.more}>
            {t('common.more')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
