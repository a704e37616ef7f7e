/**
 * Checkout: the delivery address and a summary, then one POST /checkout (one order per
 * store, retry-safe with an Idempotency-Key) and one POST /payments for all the orders;
 * the browser goes to the gateway's hosted pay page, which sends it back to /orders.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../lib/api';
import { useApi } from '../lib/useApi';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import type { Cart, Order, Payment } from '../lib/types';
import { useT } from '../strings';
import { AddressFieldset, emptyAddress, toAddress, type AddressDraft } from './AddressFields';
import { EmptyState, ErrorNote, Loading, optionsText, randomKey, useTitle } from '../ui';

export function CheckoutPage() {
  const { t, price } = useT();
  const s = useSession();
  useTitle(t('checkout.title'));
  const { data: cart, error } = useApi<Cart>(s.user ? '/cart' : null);
  const [addr, setAddr] = useState<AddressDraft>(() => emptyAddress(s.user?.name ?? ''));
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  // One key per visit to this page: a double submit or a retry after a lost answer
  // replays the same checkout instead of placing a second one.
  const idempotencyKey = useMemo(randomKey, []);

  if (s.status === 'loading') return <div className="page"><Loading /></div>;
  if (!s.user) {
    return (
      <div className="page narrow">
        <h1>{t('checkout.title')}</h1>
        <p>
          <Link to="/login?next=/checkout" className="btn btn-primary">
            {t('nav.login')}
          </Link>
        </p>
      </div>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Busy: the button stays focusable (aria-disabled), so the keyboard's focus is not lost.
    if (busy) return;
    setBusy(true);
    setErr(null);
    const address = toAddress(addr);
    try {
      const out = await api<{ orders: Order[] }>('POST', '/checkout', { address }, { headers: { 'idempotency-key': idempotencyKey } });
      const pending = out.orders.filter((o) => o.status === 'pending_payment').map((o) => o.id);
      if (pending.length === 0) {
        window.location.assign('/orders');
        return;
      }
      const payment = await api<Payment>('POST', '/payments', { orderIds: pending });
      window.location.assign(payment.payUrl);
    } catch (e2) {
      setErr(errorMessage(e2));
      setBusy(false);
    }
  };

  return (
    <div className="page checkout-page">
      <h1>{t('checkout.title')}</h1>
      <ErrorNote>{error}</ErrorNote>
      {!cart && !error ? <Loading /> : null}
      {cart && cart.stores.length === 0 ? (
        <EmptyState title={t('cart.empty')} icon="cart">
          <Link to="/" className="btn btn-primary">
            {t('cart.browse')}
          </Link>
        </EmptyState>
      ) : null}
      {cart && cart.stores.length > 0 ? (
        <form className="checkout-layout" onSubmit={(e) => void submit(e)}>
          <AddressFieldset value={addr} onChange={setAddr} markFirstEmpty />
          <aside className="card checkout-summary" aria-labelledby="summary-h">
            <h2 id="summary-h">{t('checkout.summary')}</h2>
            {cart.stores.map((g) => (
              <div key={g.storeId} className="summary-store">
                <p className="summary-store-name">{g.storeName}</p>
                <ul role="list">
                  {g.lines.map((l) => (
                    <li key={l.skuId} className="summary-line">
                      <span>
                        {l.title} <span className="muted">{optionsText(l.options)}</span> × {l.quantity}
                      </span>
                      <span>{price(l.unitPriceMinor * l.quantity, l.currency)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <p className="summary-row summary-total">
              <span>{t('cart.total')}</span>
              <span>{price(cart.totalMinor, cart.currency)}</span>
            </p>
            {cart.stores.length > 1 ? <p className="muted small">{t('cart.splitNote', { n: cart.stores.length })}</p> : null}
            <ErrorNote>{err}</ErrorNote>
            {/* On a phone this bar stays above the tab bar, so the main action is always in reach. */}
            <div className="checkout-bar">
              <button type="submit" className="btn btn-primary btn-lg btn-block" aria-disabled={busy || undefined} data-testid="place-order">
                {busy ? t('checkout.placing') : t('checkout.placeAndPay', { total: price(cart.totalMinor, cart.currency) })}
              </button>
            </div>
            <p className="muted small">{t('checkout.payNote')}</p>
          </aside>
        </form>
      ) : null}
    </div>
  );
}
