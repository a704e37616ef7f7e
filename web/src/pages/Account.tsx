/** The signed-in person: who they are, where to go (orders, console, admin), language, sign out. */
import { Link, navigate } from '../lib/router';
import { LOCALES, setLocale } from '../lib/i18n';
import { logout, useSession } from '../lib/session';
import { useT } from '../strings';
import { Loading, Redirect, useTitle } from '../ui';

export function AccountPage() {
  const { t, locale } = useT();
  const s = useSession();
  useTitle(t('account.title'));
  if (s.status === 'loading') return <div className="page"><Loading /></div>;
  if (!s.user) return <Redirect to="/login?next=/account" />;
  const u = s.user;
  return (
    <div className="page narrow account-page">
      <h1>{t('account.title')}</h1>
      <div className="card account-card">
        <p className="account-name">{u.name}</p>
        <p className="muted">{u.email}</p>
        <p>
          <span className="badge">{t(`role.${u.role}` as const)}</span>
        </p>
      </div>
      <nav aria-label={t('account.links')}>
        <ul role="list" className="link-list">
          <li>
            <Link to="/orders" className="card link-row">
              {t('nav.orders')}
            </Link>
          </li>
          <li>
            <Link to="/cart" className="card link-row">
              {t('nav.cart')}
            </Link>
          </li>
          {u.role === 'seller' || u.role === 'admin' ? (
            <li>
              <Link to="/console" className="card link-row">
                {t('nav.console')}
              </Link>
            </li>
          ) : null}
          {u.role === 'admin' ? (
            <li>
              <Link to="/admin" className="card link-row">
                {t('nav.admin')}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <fieldset className="card lang-pick">
        <legend>{t('account.language')}</legend>
        {LOCALES.map((l) => (
          <label key={l.id} className="check" lang={l.id}>
            <input type="radio" name="locale" checked={locale === l.id} onChange={() => setLocale(l.id)} />
            {l.label}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className="btn btn-block"
        onClick={() => {
          void logout().then(() => navigate('/'));
        }}
      >
        {t('account.logout')}
      </button>
    </div>
  );
}
