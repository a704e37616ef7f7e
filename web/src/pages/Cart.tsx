/** The cart: lines grouped by store (one order per store at checkout), quantities, totals. */
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../lib/api';
import { useGet } from '../lib/query';
import { Link } from '../lib/router';
import { setCartCount, useSession } from '../lib/session';
import { useT } from '../strings';
import { EmptyState, ErrorNote, Loading, Stepper, optionsText, useTitle } from '../ui';

export function CartPage() {
  const { t, price } = useT();
  const s = useSession();
  useTitle(t('cart.title'));
  const { data: cart, error, setData } = useGet('/cart', undefined, { enabled: s.user !== null });
  const [err, setErr] = useState<string | null>(null);
  const [busySku, setBusySku] = useState<string | null>(null);

  useEffect(() => {
    if (cart) setCartCount(cart.itemCount);
  }, [cart]);

  if (s.status === 'loading') return <div className="page"><Loading /></div>;
  if (!s.user) {
    return (
      <div className="page narrow">
        <h1>{t('cart.title')}</h1>
        <EmptyState title={t('cart.signInTitle')} icon="cart">
          <p>{t('cart.signInBody')}</p>
          <Link to="/login?next=/cart" className="btn btn-primary">
            {t('nav.login')}
          </Link>
        </EmptyState>
      </div>
    );
  }

  const setQty = async (skuId: string, quantity: number) => {
    setBusySku(skuId);
    setErr(null);
    try {
      const params = { path: { skuId } };
      const next = quantity > 0 ? await call(api.PUT('/cart/items/{skuId}', { params, body: { quantity } })) : await call(api.DELETE('/cart/items/{skuId}', { params }));
      setData(next);
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusySku(null);
    }
  };

  return (
    <div className="page cart-page">
      <h1>{t('cart.title')}</h1>
      <ErrorNote>{error ?? err}</ErrorNote>
      {!cart && !error ? <Loading /> : null}
      {cart && cart.stores.length === 0 ? (
        <EmptyState title={t('cart.empty')} icon="cart">
          <Link to="/" className="btn btn-primary">
            {t('cart.browse')}
          </Link>
        </EmptyState>
      ) : null}
      {cart && cart.stores.length > 0 ? (
        <div className="cart-layout">
          <div className="cart-stores">
            {cart.stores.map((group) => (
              <section key={group.storeId} className="card cart-store" aria-label={group.storeName}>
                <h2 className="cart-store-name">{group.storeName}</h2>
                <ul role="list" className="cart-lines">
                  {group.lines.map((l) => (
                    <li key={l.skuId} className={l.available ? 'cart-line' : 'cart-line unavailable'} data-testid="cart-line">
                      <Link to={`/p/${l.productId}?sku=${l.skuId}`} className="cart-line-img" tabIndex={-1} aria-hidden="true">
                        {l.image ? <img src={l.image} alt="" width="72" height="72" loading="lazy" /> : <span className="img-placeholder" />}
                      </Link>
                      <div className="cart-line-body">
                        <Link to={`/p/${l.productId}?sku=${l.skuId}`} className="cart-line-title">
                          {l.title}
                        </Link>
                        <span className="muted">{optionsText(l.optionLabels ?? l.options)}</span>
                        <span className="small muted" data-testid="cart-unit-price">
                          {t('cart.unitPrice', { price: price(l.unitPriceMinor, l.currency) })}
                        </span>
                        {!l.available ? <span className="stock stock-out">{t('cart.unavailable')}</span> : null}
                        <div className="cart-line-row">
                          <span className="cart-line-price" data-testid="cart-line-total">{price(l.unitPriceMinor * l.quantity, l.currency)}</span>
                          <Stepper value={l.quantity} min={1} max={Math.max(1, Math.min(99, l.stock))} onChange={(n) => void setQty(l.skuId, n)} label={t('cart.qtyFor', { title: l.title })} disabled={busySku === l.skuId} />
                          <button type="button" className="btn btn-ghost btn-sm" onClick={() => void setQty(l.skuId, 0)} disabled={busySku === l.skuId} aria-label={t('cart.removeItem', { title: l.title })}>
                            {t('cart.remove')}
                          </button>
                        </div>
                      </div>
                    </li>
                  ))}
                </ul>
                <p className="cart-subtotal">
                  <span>{t('cart.subtotal')}</span>
                  <span>{price(group.subtotalMinor, cart.currency)}</span>
                </p>
              </section>
            ))}
          </div>
          <aside className="card cart-summary" aria-label={t('cart.summary')}>
            <p className="summary-row">
              <span>{t('cart.items', { n: cart.itemCount })}</span>
            </p>
            <p className="summary-row summary-total">
              <span>{t('cart.total')}</span>
              <span data-testid="cart-total">{price(cart.totalMinor, cart.currency)}</span>
            </p>
            {cart.stores.length > 1 ? <p className="muted small">{t('cart.splitNote', { n: cart.stores.length })}</p> : null}
            <Link to="/checkout" className="btn btn-primary btn-lg btn-block" data-testid="go-checkout" data-autofocus>
              {t('cart.checkout')}
            </Link>
          </aside>
        </div>
      ) : null}
    </div>
  );
}
