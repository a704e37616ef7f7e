/** The app shell: header, routes, phone tab bar, and the TV layout's spatial navigation. */
import { Component, lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { Link, match, navigate, useLocation } from './lib/router';
import { setLocale, type Locale } from './lib/i18n';
import { useSession } from './lib/session';
import { focusables, tvQuery, useFocusKeeper, useSpatialNavigation } from './lib/spatial';
import { useT } from './strings';
import { Loading } from './ui';
import { HomePage } from './pages/Home';
import { SearchPage } from './pages/Search';
import { StorePage } from './pages/Store';
import { ProductPage } from './pages/Product';

// Browsing (home, search, store, product) is in the entry chunk. The launch page and the
// buyer's own pages load on demand and are fetched in the background once the first
// screen is up; the console and the admin are separate chunks that a buyer never downloads.
const loadCart = () => import('./pages/Cart');
const loadCheckout = () => import('./pages/Checkout');
const loadOrders = () => import('./pages/Orders');
const loadAuth = () => import('./pages/Auth');
const loadAccount = () => import('./pages/Account');
const loadLaunch = () => import('./pages/launch/LaunchPage');
const CartPage = lazy(() => loadCart().then((m) => ({ default: m.CartPage })));
const CheckoutPage = lazy(() => loadCheckout().then((m) => ({ default: m.CheckoutPage })));
const OrdersPage = lazy(() => loadOrders().then((m) => ({ default: m.OrdersPage })));
const OrderPage = lazy(() => loadOrders().then((m) => ({ default: m.OrderPage })));
const AuthPage = lazy(() => loadAuth().then((m) => ({ default: m.AuthPage })));
const AccountPage = lazy(() => loadAccount().then((m) => ({ default: m.AccountPage })));
const LaunchPage = lazy(() => loadLaunch().then((m) => ({ default: m.LaunchPage })));
const DrawPage = lazy(() => import('./pages/launch/DrawPage').then((m) => ({ default: m.DrawPage })));
const loadNotifications = () => import('./pages/Notifications');
const NotificationsPage = lazy(() => loadNotifications().then((m) => ({ default: m.NotificationsPage })));
const UnsubscribePage = lazy(() => loadNotifications().then((m) => ({ default: m.UnsubscribePage })));
const NotificationBell = lazy(() => loadNotifications().then((m) => ({ default: m.NotificationBell })));
const ConsoleApp = lazy(() => import('./console/ConsoleApp'));
const AdminApp = lazy(() => import('./admin/AdminApp'));

function prefetchBuyerPages(): void {
  const run = () => [loadLaunch, loadCart, loadCheckout, loadOrders, loadAuth, loadAccount].forEach((load) => void load().catch(() => {}));
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 4000 });
  else setTimeout(run, 2000);
}

function useIsTv(): boolean {
  return useSyncExternalStore(
    (l) => {
      const q = tvQuery();
      q.addEventListener('change', l);
      return () => q.removeEventListener('change', l);
    },
    () => tvQuery().matches,
  );
}

type Area = 'store' | 'console' | 'admin';

function route(path: string): { area: Area; node: React.ReactNode } {
  let m: Record<string, string> | null;
  if (path === '/console' || path.startsWith('/console/')) return { area: 'console', node: <ConsoleApp /> };
  if (path === '/admin' || path.startsWith('/admin/')) return { area: 'admin', node: <AdminApp /> };
  if (path === '/') return { area: 'store', node: <HomePage /> };
  if (path === '/search') return { area: 'store', node: <SearchPage /> };
  if ((m = match('/s/:slug', path))) return { area: 'store', node: <StorePage key={m.slug} slug={m.slug!} /> };
  if ((m = match('/p/:id', path))) return { area: 'store', node: <ProductPage key={m.id} id={m.id!} /> };
  if ((m = match('/launches/:id/draw', path))) return { area: 'store', node: <DrawPage key={m.id} id={m.id!} /> };
  if ((m = match('/launches/:id', path))) return { area: 'store', node: <LaunchPage key={m.id} id={m.id!} /> };
  if (path === '/cart') return { area: 'store', node: <CartPage /> };
  if (path === '/checkout') return { area: 'store', node: <CheckoutPage /> };
  if (path === '/orders') return { area: 'store', node: <OrdersPage /> };
  if ((m = match('/orders/:id', path))) return { area: 'store', node: <OrderPage key={m.id} id={m.id!} /> };
  if (path === '/login') return { area: 'store', node: <AuthPage mode="login" /> };
  if (path === '/signup') return { area: 'store', node: <AuthPage mode="signup" /> };
  if (path === '/account') return { area: 'store', node: <AccountPage /> };
  if (path === '/notifications' || path === '/account/notifications') return { area: 'store', node: <NotificationsPage /> };
  if (path === '/unsubscribe') return { area: 'store', node: <UnsubscribePage /> };
  return { area: 'store', node: <NotFound /> };
}

export function App() {
  const { path } = useLocation();
  const isTv = useIsTv();
  const { t } = useT();
  useSpatialNavigation(isTv);
  useFocusKeeper(isTv);
  const { area, node } = route(path);
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(path);
  useEffect(prefetchBuyerPages, []);

  // After an in-app navigation: focus moves to the new page (on TV its main control — the
  // one marked data-autofocus, such as a product's Add to cart — or else its first; the
  // main region otherwise, so screen readers start reading the new page). On TV the page
  // may still be loading, so it waits (briefly) for something focusable to appear.
  useEffect(() => {
    if (shownPath.current === path) return;
    let timer = 0;
    let tries = 0;
    // What had the focus when the route changed (the link pressed, if it is still there).
    const activator = document.activeElement;
    const settle = () => {
      shownPath.current = path;
      const main = mainRef.current;
      if (!main) return;
      if (!isTv) {
        main.focus({ preventScroll: true });
        return;
      }
      const active = document.activeElement;
      // The new page took the focus itself, or the viewer moved it meanwhile: leave it there.
      if (active && active !== document.body && active !== main && (main.contains(active) || active !== activator)) return;
      const inMain = focusables().filter((el) => main.contains(el));
      const target = inMain.find((el) => el.hasAttribute('data-autofocus')) ?? inMain[0];
      if (target) target.focus({ preventScroll: true });
      else if (tries++ < 40) timer = window.setTimeout(settle, 75);
    };
    timer = window.setTimeout(settle, 60);
    return () => window.clearTimeout(timer);
  }, [path, isTv]);

  return (
    <div className={`app area-${area}${isTv ? ' tv' : ''}`}>
      <a className="skip-link" href="#main" data-nav-skip>
        {t('nav.skip')}
      </a>
      <Header area={area} />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <PageErrorBoundary key={path}>
          <Suspense fallback={<Loading />}>{node}</Suspense>
        </PageErrorBoundary>
      </main>
      {area === 'store' ? <TabBar path={path} /> : null}
      <footer className="footer">
        <p>{t('footer.line')}</p>
      </footer>
    </div>
  );
}

function LanguageButton() {
  const { t, locale } = useT();
  const next: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="btn btn-ghost lang-btn" onClick={() => setLocale(next)} data-testid="lang-switch">
      <span className="visually-hidden">{t('nav.languageSwitch')} </span>
      <span lang={next}>{next === 'zh-CN' ? '中文' : 'EN'}</span>
    </button>
  );
}

function HeaderSearch() {
  const { t } = useT();
  const { path, search } = useLocation();
  const urlQ = search.get('q') ?? '';
  const [q, setQ] = useState(path === '/search' ? urlQ : '');
  // The box follows the search shown (back, forward, a link), not every change of the URL.
  useEffect(() => {
    if (path === '/search') setQ(urlQ);
  }, [path, urlQ]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const params = path === '/search' ? new URLSearchParams(search) : new URLSearchParams();
    params.delete('sort');
    if (q.trim()) params.set('q', q.trim());
    else params.delete('q');
    navigate(`/search?${params.toString()}`);
  };
  return (
    <form className="header-search" role="search" onSubmit={submit}>
      <label htmlFor="header-q" className="visually-hidden">
        {t('search.label')}
      </label>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <circle cx="11" cy="11" r="7" />
        <path d="M20 20l-4-4" />
      </svg>
      <input id="header-q" type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} autoComplete="off" enterKeyHint="search" />
    </form>
  );
}

function Header({ area }: { area: Area }) {
  const { t } = useT();
  const s = useSession();
  // An operator's header: no cart and no seller console (the admin neither shops nor sells).
  const isAdmin = s.user?.role === 'admin';
  const isSeller = s.user?.role === 'seller';
  return (
    <header className="header">
      <div className="header-inner">
        <Link to="/" className="logo">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="26" height="26">
            <rect width="24" height="24" rx="7" fill="var(--accent)" />
            <path d="M13.5 4L7 13.2h4.3L10.4 20 17 10.6h-4.3z" fill="#fff" />
          </svg>
          <span>Flashmall</span>
          {area === 'console' ? <span className="logo-area">{t('nav.console')}</span> : area === 'admin' ? <span className="logo-area">{t('nav.admin')}</span> : null}
        </Link>
        {area === 'store' ? <HeaderSearch /> : null}
        <nav className="header-nav" aria-label={t('nav.main')}>
          <ul>
            {isAdmin ? null : (
              <li className="desk-only">
                <Link to="/cart" className="nav-link">
                  {t('nav.cart')}
                  {s.cartCount > 0 ? (
                    <span className="count" aria-label={t('nav.cartCount', { n: s.cartCount })}>
                      {s.cartCount}
                    </span>
                  ) : null}
                </Link>
              </li>
            )}
            {s.user ? (
              <li className="desk-only">
                <Link to="/orders" className="nav-link">
                  {t('nav.orders')}
                </Link>
              </li>
            ) : null}
            {isSeller ? (
              <li className="desk-only">
                <Link to="/console" className="nav-link">
                  {t('nav.console')}
                </Link>
              </li>
            ) : null}
            {isAdmin ? (
              <li className="desk-only">
                <Link to="/admin" className="nav-link">
                  {t('nav.admin')}
                </Link>
              </li>
            ) : null}
            <li className="desk-only">
              {s.user ? (
                <Link to="/account" className="nav-link nav-user">
                  {s.user.name}
                </Link>
              ) : (
                <Link to="/login" className="nav-link">
                  {t('nav.login')}
                </Link>
              )}
            </li>
            {s.user ? (
              <li>
                <Suspense fallback={null}>
                  <NotificationBell />
                </Suspense>
              </li>
            ) : null}
            {area !== 'store' ? (
              <li className="phone-only">
                <Link to="/" className="nav-link">
                  {t('nav.storefront')}
                </Link>
              </li>
            ) : null}
            <li>
              <LanguageButton />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** The phone's bottom tab bar (hidden on desktop and TV, where the header has the links). */
function TabBar({ path }: { path: string }) {
  const { t } = useT();
  const s = useSession();
  const tabs: Array<{ to: string; label: string; icon: string; active: boolean; badge?: number }> = [
    { to: '/', label: t('nav.home'), icon: 'M3 11l9-7 9 7v9a1 1 0 01-1 1h-5v-6H9v6H4a1 1 0 01-1-1z', active: path === '/' },
    { to: '/search', label: t('nav.search'), icon: 'M11 18a7 7 0 100-14 7 7 0 000 14zM20 20l-4-4', active: path === '/search' },
    { to: '/cart', label: t('nav.cart'), icon: 'M3 4h2l2 11h11l2-8H6.5M9 20a1 1 0 100-2 1 1 0 000 2zM17 20a1 1 0 100-2 1 1 0 000 2z', active: path === '/cart' || path === '/checkout', badge: s.cartCount },
    { to: '/orders', label: t('nav.orders'), icon: 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6', active: path.startsWith('/orders') },
    { to: s.user ? '/account' : '/login', label: s.user ? t('nav.me') : t('nav.login'), icon: 'M12 12a4 4 0 100-8 4 4 0 000 8zM4 21a8 8 0 0116 0', active: path === '/account' || path === '/login' || path === '/signup' },
  ];
  return (
    <nav className="tabbar" aria-label={t('nav.tabs')}>
      {tabs.map((tab) => (
        <Link key={tab.to + tab.label} to={tab.to} className={tab.active ? 'tab active' : 'tab'} aria-current={tab.active ? 'page' : undefined}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
            <path d={tab.icon} />
          </svg>
          <span>{tab.label}</span>
          {tab.badge ? (
            <span className="tab-badge" aria-label={t('nav.cartCount', { n: tab.badge })}>
              {tab.badge}
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}

function NotFound() {
  const { t } = useT();
  return (
    <div className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/" className="btn btn-primary">
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  );
}

/**
 * Keeps one broken page (a chunk that failed to load after a deploy, a bug) from blanking
 * the whole app: the header and tab bar stay, and the page offers a reload.
 */
class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error(error);
  }
  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const { t } = useT();
  return (
    <div className="page narrow" role="alert">
      <h1>{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      <p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </button>
      </p>
    </div>
  );
}
