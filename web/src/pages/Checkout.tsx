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
import type { Address, Cart, Order, Payment } from '../lib/types';
import { useT, type StoreKey } from '../strings';
import { EmptyState, ErrorNote, Loading, optionsText, randomKey, useTitle } from '../ui';

type Field = 'recipient' | 'phone' | 'province' | 'city' | 'district' | 'line1' | 'postalCode';
const FIELDS: Array<{ name: Field; label: StoreKey; required: boolean; autoComplete: string; type?: string; wide?: boolean }> = [
  { name: 'recipient', label: 'address.recipient', required: true, autoComplete: 'name' },
  { name: 'phone', label: 'address.phone', required: true, autoComplete: 'tel', type: 'tel' },
  { name: 'province', label: 'address.province', required: true, autoComplete: 'address-level1' },
  { name: 'city', label: 'address.city', required: true, autoComplete: 'address-level2' },
  { name: 'district', label: 'address.district', required: false, autoComplete: 'address-level3' },
  { name: 'postalCode', label: 'address.postalCode', required: false, autoComplete: 'postal-code' },
  { name: 'line1', label: 'address.line1', required: true, autoComplete: 'street-address', wide: true },
];

export function CheckoutPage() {
  const { t, price } = useT();
  const s = useSession();
  useTitle(t('checkout.title'));
  const { data: cart, error } = useApi<Cart>(s.user ? '/cart' : null);
  const [addr, setAddr] = useState<Record<Field, string>>({ recipient: s.user?.name ?? '', phone: '', province: '', city: '', district: '', line1: '', postalCode: '' });
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
    setBusy(true);
    setErr(null);
    const address: Address = { recipient: addr.recipient.trim(), phone: addr.phone.trim(), country: 'CN', province: addr.province.trim(), city: addr.city.trim(), line1: addr.line1.trim() };
    if (addr.district.trim()) address.district = addr.district.trim();
    if (addr.postalCode.trim()) address.postalCode = addr.postalCode.trim();
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
          <fieldset className="card address-form">
            <legend>{t('checkout.address')}</legend>
            <div className="form-grid">
              {FIELDS.map((f) => (
                <div key={f.name} className={f.wide ? 'field wide' : 'field'}>
                  <label htmlFor={`addr-${f.name}`}>
                    {t(f.label)}
                    {!f.required ? <span className="muted"> ({t('common.optional')})</span> : null}
                  </label>
                  <input
                    id={`addr-${f.name}`}
                    name={f.name}
                    type={f.type ?? 'text'}
                    required={f.required}
                    autoComplete={f.autoComplete}
                    value={addr[f.name]}
                    maxLength={f.name === 'line1' ? 200 : 60}
                    onChange={(e) => setAddr({ ...addr, [f.name]: e.target.value })}
                  />
                </div>
              ))}
            </div>
          </fieldset>
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
            <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy} data-testid="place-order">
              {busy ? t('checkout.placing') : t('checkout.placeAndPay', { total: price(cart.totalMinor, cart.currency) })}
            </button>
            <p className="muted small">{t('checkout.payNote')}</p>
          </aside>
        </form>
      ) : null}
    </div>
  );
}
