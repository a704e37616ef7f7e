/**
 * Checkout: the delivery address and a summary, then one POST /checkout (one order per
 * store, retry-safe with an Idempotency-Key) and one POST /payments for all the orders;
 * the browser goes to the gateway's hosted pay page, which sends it back to /orders.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, call } from '../lib/api';
import { useGet } from '../lib/query';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { useIntentKey } from '../lib/intent';
import { useT, type StoreKey } from '../strings';
import { AddressFieldset, apiFieldErrors, draftFrom, emptyAddress, focusFirstError, toAddress, validateAddress, type AddressDraft, type AddressErrors } from './AddressFields';
import { EmptyState, ErrorNote, Loading, optionsText, randomKey, useTitle } from '../ui';

export function CheckoutPage() {
  const { t, price } = useT();
  const s = useSession();
  useTitle(t('checkout.title'));
  const { data: cart, error } = useGet('/cart', undefined, { enabled: s.user !== null });
  const [addr, setAddr] = useState<AddressDraft>(() => emptyAddress(s.user?.name ?? ''));
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<StoreKey | null>(null);
  const [fieldErrors, setFieldErrors] = useState<AddressErrors>({});
  // Once the buyer has tried to place the order, problems update as they type.
  const tried = useRef(false);
  const typed = useRef(false);
  // The address of the buyer's latest order, as a start (nothing is overwritten once typed).
  const lastAddress = useGet('/orders', { params: { query: { limit: 1 } } }, { enabled: s.user !== null }).data?.orders[0]?.address;
  useEffect(() => {
    if (lastAddress && !typed.current) setAddr(draftFrom(lastAddress));
  }, [lastAddress]);
  // One key per visit to this page: a double submit or a retry after a lost answer
  // replays the same checkout instead of placing a second one.
  const idempotencyKey = useMemo(randomKey, []);
  // "Pay" for the orders placed: one payment however often it is sent (a retry of the page's
  // submit replays the checkout, then the payment).
  const payIntent = useIntentKey();

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
    tried.current = true;
    const problems = validateAddress(addr);
    setFieldErrors(problems);
    if (Object.keys(problems).length) {
      setErr('address.err.form');
      focusFirstError('addr', problems);
      return;
    }
    setBusy(true);
    setErr(null);
    let placed = false;
    try {
      const out = await call(api.POST('/checkout', { params: { header: { 'idempotency-key': idempotencyKey } }, body: { address: toAddress(addr) } }));
      placed = true;
      const pending = out.orders.filter((o) => o.status === 'pending_payment').map((o) => o.id);
      if (pending.length === 0) {
        window.location.assign('/orders');
        return;
      }
      const payment = await call(api.POST('/payments', { params: { header: { 'idempotency-key': payIntent.keyFor([...pending].sort().join(',')) } }, body: { orderIds: pending } }));
      window.location.assign(payment.payUrl);
    } catch (e2) {
      // What went wrong, in the page's language and at the field it concerns — never the API's own text.
      const fields = apiFieldErrors(e2);
      if (fields) {
        setFieldErrors(fields);
        setErr('address.err.form');
        focusFirstError('addr', fields);
      } else {
        setErr(placed ? 'checkout.err.payment' : checkoutError(e2));
      }
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
        // noValidate: the fields are checked by validateAddress, with messages of ours at each field.
        <form className="checkout-layout" onSubmit={(e) => void submit(e)} noValidate>
          <AddressFieldset
            value={addr}
            errors={fieldErrors}
            onChange={(next) => {
              typed.current = true;
              setAddr(next);
              if (tried.current) setFieldErrors(validateAddress(next));
            }}
            markFirstEmpty
          />
          <aside className="card checkout-summary" aria-labelledby="summary-h">
            <h2 id="summary-h">{t('checkout.summary')}</h2>
            {cart.stores.map((g) => (
              <div key={g.storeId} className="summary-store">
                <p className="summary-store-name">{g.storeName}</p>
                <ul role="list">
                  {g.lines.map((l) => (
                    <li key={l.skuId} className="summary-line">
                      <span>
                        {l.title} <span className="muted">{optionsText(l.optionLabels ?? l.options)}</span> × {l.quantity}
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
            <ErrorNote>{err ? t(err) : null}</ErrorNote>
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

/** The message for a checkout that the API refused for another reason than the address. */
function checkoutError(e: unknown): StoreKey {
  const code = e instanceof ApiError ? e.code : '';
  if (code === 'OUT_OF_STOCK' || code === 'ITEM_UNAVAILABLE' || code === 'CART_EMPTY' || code === 'NETWORK' || code === 'RATE_LIMITED') return `checkout.err.${code}`;
  return 'checkout.err.other';
}
