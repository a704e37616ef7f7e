/**
 * Order history and one order with its status timeline. Coming back from the pay page
 * (/orders?payment=<id>&payment=<succeeded|declined>), the page watches the payment until
 * the gateway's webhook has landed and the orders show it. An open order page follows its
 * order by itself (polling, calmly): a payment that lands, a cancellation at the deadline or
 * the store shipping shows without a reload, and is announced.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, call, errorMessage } from '../lib/api';
import { usePaged } from '../lib/paged';
import { useGet } from '../lib/query';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useIntentKey } from '../lib/intent';
import type { Order, OrderStatus, Payment } from '../lib/types';
import { useT } from '../strings';
import { EmptyState, ErrorNote, Loading, StatusBadge, optionsText, useTitle } from '../ui';

function SignInFirst({ next }: { next: string }) {
  const { t } = useT();
  return (
    <EmptyState title={t('orders.signIn')}>
      <Link to={`/login?next=${encodeURIComponent(next)}`} className="btn btn-primary">
        {t('nav.login')}
      </Link>
    </EmptyState>
  );
}

/** Follows a payment until it is decided; returns its status. */
function usePaymentWatch(paymentId: string | null, onSettled: () => void): Payment['status'] | null {
  const [status, setStatus] = useState<Payment['status'] | null>(null);
  // The latest callback, called when the payment is decided (the watch itself runs per payment).
  const settled = useRef(onSettled);
  settled.current = onSettled;
  useEffect(() => {
    if (!paymentId) return;
    let stopped = false;
    let tries = 0;
    const tick = async () => {
      tries++;
      try {
        const p = await call(api.GET('/payments/{paymentId}', { params: { path: { paymentId } } }));
        if (stopped) return;
        setStatus(p.status);
        if (p.status !== 'pending') {
          settled.current();
          return;
        }
      } catch {
        /* keep trying for a while */
      }
      if (!stopped && tries < 30) window.setTimeout(() => void tick(), 1000);
    };
    void tick();
    return () => {
      stopped = true;
    };
  }, [paymentId]);
  return status;
}

export function OrdersPage() {
  const { t, price, date } = useT();
  const s = useSession();
  const { search } = useLocation();
  useTitle(t('orders.title'));
  const list = usePaged<Order>(
    s.user?.id ?? '',
    async (cursor) => {
      const r = await call(api.GET('/orders', { params: { query: { limit: 10, cursor: cursor ?? undefined } } }));
      return { items: r.orders, nextCursor: r.nextCursor };
    },
    s.user !== null,
  );
  const { items: orders, cursor, error } = list;
  const [paymentId, returnedStatus] = search.getAll('payment');
  // Once the payment is decided the orders show it: the list loads again.
  const paymentStatus = usePaymentWatch(s.user && paymentId ? paymentId : null, list.reload);

  if (s.status === 'loading') return <div className="page"><Loading /></div>;
  return (
    <div className="page orders-page">
      <h1>{t('orders.title')}</h1>
      {!s.user ? <SignInFirst next="/orders" /> : null}
      {paymentId ? <PaymentBanner returned={returnedStatus ?? null} status={paymentStatus} /> : null}
      <ErrorNote>{error}</ErrorNote>
      {s.user && orders === null && !error ? <Loading /> : null}
      {orders && orders.length === 0 && !error ? (
        <EmptyState title={t('orders.none')}>
          <Link to="/" className="btn btn-primary">
            {t('cart.browse')}
          </Link>
        </EmptyState>
      ) : null}
      {orders && orders.length > 0 ? (
        <ul role="list" className="order-list">
          {orders.map((o) => (
            <li key={o.id}>
              <Link to={`/orders/${o.id}`} className="card order-card" data-testid="order-card" data-status={o.status}>
                <span className="order-card-head">
                  <span className="muted small">
                    {date(o.createdAt)} · #{o.id.slice(-8)}
                  </span>
                  <StatusBadge status={o.status} />
                </span>
                <span className="order-card-items">
                  {o.items.map((i) => `${i.title} × ${i.quantity}`).join(', ')}
                </span>
                <span className="order-card-total">{price(o.totalMinor, o.currency)}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {cursor ? (
        <div className="load-more">
          <button type="button" className="btn" onClick={list.more}>
            {t('search.more')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function PaymentBanner({ returned, status }: { returned: string | null; status: Payment['status'] | null }) {
  const { t } = useT();
  const settled = status && status !== 'pending';
  const ok = status === 'succeeded' || (!settled && returned === 'succeeded');
  const text = status === 'succeeded' ? t('pay.succeeded') : status === 'failed' ? t('pay.failed') : returned === 'declined' ? t('pay.declined') : t('pay.confirming');
  return (
    <div className={ok ? 'banner banner-ok' : status === 'failed' || returned === 'declined' ? 'banner banner-warn' : 'banner'} role="status" data-testid="payment-banner">
      {!settled && returned !== 'declined' ? <span className="spinner" aria-hidden="true" /> : null}
      {text}
    </div>
  );
}

const STEPS = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed'] as const;

/**
 * How soon to look at an order again, or null when nothing will change without the buyer:
 * often while a payment may land (the webhook comes within seconds), calmly while the store
 * or the carrier has the next move.
 */
export function followDelayMs(status: OrderStatus, watchedMs: number): number | null {
  switch (status) {
    case 'pending_payment':
      return watchedMs < 60_000 ? 2000 : watchedMs < 10 * 60_000 ? 5000 : 15_000;
    case 'paid':
    case 'shipped':
    case 'delivered':
    case 'refund_requested':
      return 30_000;
    default:
      return null;
  }
}

/** Re-reads the order now and then while it can change by itself; stops while the tab is hidden. */
function useFollowOrder(order: Order | undefined, onFresh: (o: Order) => void): void {
  const started = useRef(Date.now());
  const fresh = useRef(onFresh);
  fresh.current = onFresh;
  const id = order?.id;
  const status = order?.status;
  const updatedAt = order?.updatedAt;
  useEffect(() => {
    if (!id || !status) return;
    let timer = 0;
    let stopped = false;
    const look = async () => {
      if (document.visibilityState === 'hidden') return;
      try {
        const o = await call(api.GET('/orders/{orderId}', { params: { path: { orderId: id } } }));
        if (!stopped && (o.status !== status || o.updatedAt !== updatedAt)) fresh.current(o);
      } catch {
        /* the next look tries again */
      }
      if (!stopped) arm();
    };
    const arm = () => {
      const delay = followDelayMs(status, Date.now() - started.current);
      if (delay !== null) timer = window.setTimeout(() => void look(), delay);
    };
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      window.clearTimeout(timer);
      void look();
    };
    arm();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [id, status, updatedAt]);
}

/** The address's province, city and district in the page's language; an address typed before division codes, as typed. */
function regionText(a: Order['address'], locale: string): string {
  const named = a.regionNames?.[locale];
  const parts = named ? [named.province, named.city, named.district] : [a.province, a.city, a.district];
  return parts.filter(Boolean).join(' ');
}

export function OrderPage({ id }: { id: string }) {
  const { t, price, date, locale } = useT();
  const s = useSession();
  const { data: order, error, setData } = useGet('/orders/{orderId}', { params: { path: { orderId: id } } }, { enabled: s.user !== null });
  useTitle(t('order.title', { id: id.slice(-8) }));
  const [busy, setBusy] = useState(false);
  // "Pay" for this order: one payment however often it is sent while the page is open.
  const payIntent = useIntentKey();
  const [err, setErr] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [refundOpen, setRefundOpen] = useState(false);
  const [reason, setReason] = useState('');
  // What changed while the page was open, said once (paid, cancelled, shipped…).
  const [news, setNews] = useState<OrderStatus | null>(null);
  useFollowOrder(order, (o) => {
    if (order && o.status !== order.status) setNews(o.status);
    setData(o);
  });

  if (s.status === 'loading') return <div className="page"><Loading /></div>;
  if (!s.user) return <div className="page"><SignInFirst next={`/orders/${id}`} /></div>;
  if (error) return <div className="page"><ErrorNote>{error}</ErrorNote></div>;
  if (!order) return <div className="page"><Loading /></div>;

  const orderId = { path: { orderId: order.id } };
  const act = async (send: () => Promise<Order>) => {
    setBusy(true);
    setErr(null);
    try {
      setData(await send());
      setConfirmCancel(false);
      setRefundOpen(false);
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const pay = async () => {
    setBusy(true);
    setErr(null);
    try {
      const p = await call(api.POST('/payments', { params: { header: { 'idempotency-key': payIntent.keyFor(order.id) } }, body: { orderIds: [order.id] } }));
      window.location.assign(p.payUrl);
    } catch (e) {
      setErr(errorMessage(e));
      setBusy(false);
    }
  };
  const submitRefund = (e: FormEvent) => {
    e.preventDefault();
    void act(() => call(api.POST('/orders/{orderId}/refund-request', { params: orderId, body: { reason: reason.trim() } })));
  };

  const actorName = (label: string) => {
    const who = label.split(':')[0];
    return who === 'buyer' || who === 'store' || who === 'system' || who === 'admin' ? t(`actor.${who}` as const) : label;
  };
  const reachedAt = (st: OrderStatus) => order.timeline.find((e) => e.to === st)?.at ?? (st === 'pending_payment' ? order.createdAt : undefined);
  const currentIdx = (STEPS as readonly OrderStatus[]).indexOf(order.status);
  const lastReached = Math.max(...STEPS.map((st, i) => (reachedAt(st) !== undefined ? i : -1)));
  const ended = order.status === 'cancelled' || order.status === 'refunded' || order.status === 'refund_requested';

  return (
    <div className="page order-page">
      <p>
        <Link to="/orders" className="back-link">
          <span aria-hidden="true">←</span> {t('orders.title')}
        </Link>
      </p>
      <div className="order-head">
        <h1>{t('order.title', { id: order.id.slice(-8) })}</h1>
        <StatusBadge status={order.status} />
      </div>
      <p className="muted">{t('order.placed', { date: date(order.createdAt) })}</p>
      <p role="status" className={news ? 'banner banner-ok' : 'visually-hidden'} data-testid="order-news">
        {news ? t('order.nowStatus', { status: t(`status.${news}` as const) }) : ''}
      </p>

      <section className="card" aria-labelledby="progress-h">
        <h2 id="progress-h">{t('order.progress')}</h2>
        <ol className="timeline" data-testid="timeline">
          {STEPS.map((st, i) => {
            const at = reachedAt(st);
            const state = at !== undefined && (i <= lastReached) ? (i === (currentIdx >= 0 ? currentIdx : lastReached) && !ended ? 'current' : 'done') : 'todo';
            return (
              <li key={st} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                <span className="step-dot" aria-hidden="true" />
                <span className="step-label">{t(`step.${st}` as const)}</span>
                {at !== undefined ? <span className="step-time">{date(at)}</span> : null}
              </li>
            );
          })}
          {ended ? (
            <li className="step step-current step-end">
              <span className="step-dot" aria-hidden="true" />
              <span className="step-label">{t(`status.${order.status}` as const)}</span>
              <span className="step-time">{date(order.updatedAt)}</span>
            </li>
          ) : null}
        </ol>
        {order.status === 'pending_payment' ? <p className="muted">{t('order.payBy', { date: date(order.paymentDeadlineAt) })}</p> : null}
        {order.carrier ? (
          <p>
            {t('order.shippedWith', { carrier: order.carrier })} <strong className="mono">{order.trackingNumber}</strong>
          </p>
        ) : null}
        {order.cancelReason ? <p className="muted">{t('order.cancelReason', { reason: order.cancelReason })}</p> : null}
        {order.refundReason ? <p className="muted">{t('order.refundReason', { reason: order.refundReason })}</p> : null}
      </section>

      <ErrorNote>{err}</ErrorNote>
      <div className="actions">
        {order.status === 'pending_payment' ? (
          <>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void pay()}>
              {t('order.payNow')}
            </button>
            {confirmCancel ? (
              <>
                <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void act(() => call(api.POST('/orders/{orderId}/cancel', { params: orderId, body: {} })))}>
                  {t('order.confirmCancel')}
                </button>
                <button type="button" className="btn btn-ghost" onClick={() => setConfirmCancel(false)}>
                  {t('common.keep')}
                </button>
              </>
            ) : (
              <button type="button" className="btn" onClick={() => setConfirmCancel(true)}>
                {t('order.cancel')}
              </button>
            )}
          </>
        ) : null}
        {order.status === 'shipped' || order.status === 'delivered' ? (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act(() => call(api.POST('/orders/{orderId}/confirm-delivery', { params: orderId })))}>
            {t('order.confirmReceipt')}
          </button>
        ) : null}
        {(order.status === 'paid' || order.status === 'shipped' || order.status === 'delivered') && !refundOpen ? (
          <button type="button" className="btn" onClick={() => setRefundOpen(true)}>
            {t('order.refund')}
          </button>
        ) : null}
      </div>
      {refundOpen ? (
        <form className="card refund-form" onSubmit={submitRefund}>
          <div className="field">
            <label htmlFor="refund-reason">{t('order.refundWhy')}</label>
            <textarea id="refund-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('order.refundSend')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setRefundOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}

      <section className="card" aria-labelledby="items-h">
        <h2 id="items-h">{t('order.items')}</h2>
        <ul role="list" className="order-items">
          {order.items.map((i) => (
            <li key={i.skuId} className="summary-line">
              <span>
                <Link to={`/p/${i.productId}?sku=${i.skuId}`}>{i.title}</Link> <span className="muted">{optionsText(i.options)}</span> × {i.quantity}
              </span>
              <span>{price(i.unitPriceMinor * i.quantity, order.currency)}</span>
            </li>
          ))}
        </ul>
        <p className="summary-row summary-total">
          <span>{t('cart.total')}</span>
          <span>{price(order.totalMinor, order.currency)}</span>
        </p>
      </section>

      <section className="card" aria-labelledby="addr-h">
        <h2 id="addr-h">{t('order.deliverTo')}</h2>
        <address className="address">
          {order.address.recipient} · {order.address.phone}
          <br />
          {regionText(order.address, locale)}
          <br />
          {order.address.line1}
          {order.address.postalCode ? ` · ${order.address.postalCode}` : ''}
        </address>
      </section>

      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h">{t('order.history')}</h2>
        <ol className="history" reversed>
          {[...order.timeline].reverse().map((e, i) => (
            <li key={i}>
              <span className="history-what">{t(`status.${e.to}` as const)}</span>
              <span className="muted small">
                {date(e.at)} · {actorName(e.actor)}
                {e.note ? ` · ${e.note}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
