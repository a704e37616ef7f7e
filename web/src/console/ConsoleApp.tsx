/**
 * The seller console (a lazy chunk): store settings, products with SKUs and stock, orders
 * to ship, launches (list, form, live monitor), analytics and money (balance, statement, payouts).
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { api, call, errorMessage } from '../lib/api';
import { Link, match, navigate, useLocation } from '../lib/router';
import { refreshSession, useSession } from '../lib/session';
import { ErrorNote, Loading, Redirect, useTitle } from '../ui';
import { useCT } from './strings';
import { NewProductPage, ProductEditPage, ProductsPage } from './Products';
import { StoreOrdersPage } from './Orders';
import { SettingsPage } from './Settings';
import { hasTitle, primaryLocale, storeTextsBody, TextsFields, type ContentLocale, type TextsDraft } from './TextsFields';
import { LaunchesPage, NewLaunchPage } from './Launches';
import { LaunchMonitorPage } from './LaunchMonitor';

// Analytics (its charts are ECharts) loads on demand, like the launch monitor's chart.
const AnalyticsPage = lazy(() => import('./analytics/AnalyticsPages').then((m) => ({ default: m.AnalyticsPage })));
// Money (its balance chart is ECharts too) loads on demand as well.
const StoreMoneyPage = lazy(() => import('./money/MoneyPages').then((m) => ({ default: m.StoreMoneyPage })));
const ANALYTICS_TABS = ['sales', 'devices', 'funnel', 'sellout', 'regions'] as const;

const STORE_KEY = 'fm.console.store';

export default function ConsoleApp() {
  const { t } = useCT();
  const s = useSession();
  const { path, search } = useLocation();
  const [storeId, setStoreId] = useState<string | null>(() => localStorage.getItem(STORE_KEY));

  if (s.status === 'loading') return <div className="page"><Loading /></div>;
  if (!s.user) {
    return (
      <div className="page narrow">
        <h1>{t('console.title')}</h1>
        <p>{t('console.signIn')}</p>
        <p className="actions">
          <Link to={`/login?next=${encodeURIComponent(path)}`} className="btn btn-primary">
            {t('console.signInCta')}
          </Link>
          <Link to="/signup?role=seller&next=/console" className="btn">
            {t('console.becomeSeller')}
          </Link>
        </p>
      </div>
    );
  }
  if (s.user.role === 'buyer') {
    return (
      <div className="page narrow">
        <h1>{t('console.title')}</h1>
        <p>{t('console.buyerOnly')}</p>
      </div>
    );
  }
  if (s.stores.length === 0) return <OpenStore />;

  const current = s.stores.find((m) => m.storeId === storeId) ?? s.stores[0]!;
  const pick = (id: string) => {
    localStorage.setItem(STORE_KEY, id);
    setStoreId(id);
  };
  const sections = [
    { to: '/console/products', label: t('console.products') },
    { to: '/console/orders', label: t('console.orders') },
    { to: '/console/launches', label: t('console.launches') },
    { to: '/console/analytics', label: t('console.analytics') },
    { to: '/console/money', label: t('console.money') },
    { to: '/console/settings', label: t('console.settings') },
  ];
  let page: React.ReactNode;
  let m: Record<string, string> | null;
  if (path === '/console' || path === '/console/') page = <Redirect to="/console/products" />;
  else if (path === '/console/products') page = <ProductsPage storeId={current.storeId} />;
  else if (path === '/console/products/new') page = <NewProductPage storeId={current.storeId} />;
  else if ((m = match('/console/products/:id', path))) page = <ProductEditPage key={m.id} id={m.id!} />;
  else if (path === '/console/orders') page = <StoreOrdersPage storeId={current.storeId} />;
  else if (path === '/console/settings') page = <SettingsPage key={current.storeId} storeId={current.storeId} />;
  else if (path === '/console/launches') page = <LaunchesPage key={current.storeId} storeId={current.storeId} />;
  else if (path === '/console/launches/new') page = <NewLaunchPage key={current.storeId} storeId={current.storeId} />;
  else if ((m = match('/console/launches/:id', path))) page = <LaunchMonitorPage key={m.id} id={m.id!} />;
  else if (path === '/console/money') page = (
    <Suspense fallback={<Loading />}>
      <StoreMoneyPage key={current.storeId} storeId={current.storeId} owner={current.role === 'owner'} />
    </Suspense>
  );
  else if (path === '/console/analytics') page = <Analytics storeId={current.storeId} tab={search.get('tab')} />;
  else page = <p>{t('console.notFound')}</p>;

  return (
    <div className="console">
      <aside className="console-side">
        {s.stores.length > 1 ? (
          <div className="field store-switch">
            <label htmlFor="store-switch">{t('console.store')}</label>
            <select id="store-switch" value={current.storeId} onChange={(e) => pick(e.target.value)}>
              {s.stores.map((m2) => (
                <option key={m2.storeId} value={m2.storeId}>
                  {m2.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="console-store-name">{current.name}</p>
        )}
        <nav aria-label={t('console.nav')}>
          <ul role="list" className="side-nav">
            {sections.map((sec) => {
              const active = path === sec.to || path.startsWith(`${sec.to}/`);
              return (
                <li key={sec.to}>
                  <Link to={sec.to} className={active ? 'side-link active' : 'side-link'} aria-current={active ? 'page' : undefined}>
                    {sec.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </aside>
      <div className="console-main">{page}</div>
    </div>
  );
}

function OpenStore() {
  const { t, locale } = useCT();
  useTitle(t('open.title'));
  const [texts, setTexts] = useState<TextsDraft>({ 'zh-CN': { title: '', description: '' }, en: { title: '', description: '' } });
  const [kind, setKind] = useState<'marketplace' | 'flagship'>('marketplace');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [nameError, setNameError] = useState<{ at: ContentLocale; message: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    // A name of 2+ characters in the primary language (no name at all: asked for in the console's language's column).
    if (!hasTitle(texts) || texts[primaryLocale(texts)].title.trim().length < 2) {
      const at: ContentLocale = hasTitle(texts) ? primaryLocale(texts) : locale === 'en' ? 'en' : 'zh-CN';
      setNameError({ at, message: t('settings.nameRequired') });
      window.setTimeout(() => document.getElementById(`open-title-${at}`)?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const store = await call(api.POST('/stores', { body: { ...storeTextsBody(texts), kind } }));
      localStorage.setItem(STORE_KEY, store.id);
      await refreshSession();
      navigate('/console/products', { replace: true });
    } catch (e2) {
      setErr(errorMessage(e2));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page narrow open-store">
      <form className="card form-card wide" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{t('open.title')}</h1>
        <p className="muted">{t('open.body')}</p>
        <TextsFields
          value={texts}
          onChange={(next) => {
            setTexts(next);
            setNameError(null);
          }}
          idPrefix="open"
          labels={{ title: t('settings.name'), description: t('settings.description') }}
          maxLength={{ title: 80, description: 2000 }}
          errors={nameError ? { [`title-${nameError.at}`]: nameError.message } : {}}
        />
        <fieldset className="field">
          <legend>{t('open.kind')}</legend>
          <label className="check">
            <input type="radio" name="kind" checked={kind === 'marketplace'} onChange={() => setKind('marketplace')} />
            {t('open.marketplace')}
          </label>
          <label className="check">
            <input type="radio" name="kind" checked={kind === 'flagship'} onChange={() => setKind('flagship')} />
            {t('open.flagship')}
          </label>
        </fieldset>
        <ErrorNote>{err}</ErrorNote>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t('open.cta')}
        </button>
      </form>
    </div>
  );
}

function Analytics({ storeId, tab }: { storeId: string; tab: string | null }) {
  const { t } = useCT();
  useTitle(t('console.analytics'));
  const initial = ANALYTICS_TABS.find((k) => k === tab);
  return (
    <div className="console-page">
      <h1>{t('console.analytics')}</h1>
      <Suspense fallback={<Loading />}>
        <AnalyticsPage key={storeId} storeId={storeId} tab={initial} />
      </Suspense>
    </div>
  );
}
