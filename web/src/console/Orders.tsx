/** The store's orders: paid ones to ship (carrier + tracking number), and the rest by status. */
import { useState, type FormEvent } from 'react';
import { api, call, errorMessage } from '../lib/api';
import { usePaged } from '../lib/paged';
import type { Order, OrderStatus } from '../lib/types';
import { ChipGroup, EmptyState, ErrorNote, Loading, StatusBadge, optionsText, useTitle } from '../ui';
import { useCT } from './strings';

const FILTERS: Array<{ id: OrderStatus | 'all'; key: 'orders.toShip' | 'orders.awaiting' | 'orders.shipped' | 'orders.refunds' | 'orders.all' }> = [
  { id: 'paid', key: 'orders.toShip' },
  { id: 'pending_payment', key: 'orders.awaiting' },
  { id: 'shipped', key: 'orders.shipped' },
  { id: 'refund_requested', key: 'orders.refunds' },
  { id: 'all', key: 'orders.all' },
];

const CARRIERS = ['SF Express', 'JD Logistics', 'ZTO Express', 'YTO Express', 'China Post EMS'];

export function StoreOrdersPage({ storeId }: { storeId: string }) {
  const { t } = useCT();
  useTitle(t('console.orders'));
  const [filter, setFilter] = useState<OrderStatus | 'all'>('paid');
  const list = usePaged<Order>(`${storeId} ${filter}`, async (after) => {
    const r = await call(api.GET('/stores/{storeId}/orders', { params: { path: { storeId }, query: { status: filter === 'all' ? undefined : filter, cursor: after ?? undefined, limit: 20 } } }));
    return { items: r.orders, nextCursor: r.nextCursor };
  });
  const { items: orders, cursor, error } = list;

  const replace = (o: Order) => list.setItems((prev) => (prev ?? []).map((x) => (x.id === o.id ? o : x)));

  return (
    <div className="console-page">
      <h1>{t('console.orders')}</h1>
      <datalist id="carriers">
        {CARRIERS.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <ChipGroup label={t('orders.filter')} options={FILTERS.map((f) => ({ id: f.id, label: t(f.key) }))} value={filter} onChange={setFilter} />
      <ErrorNote>{error}</ErrorNote>
      {orders === null ? <Loading /> : null}
      {orders && orders.length === 0 && !error ? <EmptyState title={filter === 'paid' ? t('orders.noneToShip') : t('orders.none')} /> : null}
      {orders && orders.length > 0 ? (
        <ul role="list" className="order-list">
          {orders.map((o) => (
            <li key={o.id}>
              <StoreOrder order={o} onChange={replace} />
            </li>
          ))}
        </ul>
      ) : null}
      {cursor ? (
        <div className="load-more">
          <button type="button" className="btn" onClick={list.more}>
            {t('common.more')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function StoreOrder({ order, onChange }: { order: Order; onChange: (o: Order) => void }) {
  const { t, price, date, locale } = useCT();
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const short = order.id.slice(-8);

  const orderId = { path: { orderId: order.id } };
  const post = async (send: () => Promise<Order>) => {
    setBusy(true);
    setErr(null);
    try {
      onChange(await send());
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const ship = (e: FormEvent) => {
    e.preventDefault();
    void post(() => call(api.POST('/orders/{orderId}/ship', { params: orderId, body: { carrier: carrier.trim(), trackingNumber: tracking.trim() } })));
  };
  const a = order.address;
  return (
    <article className="card store-order" aria-labelledby={`o-${short}`} data-testid="store-order">
      <header className="order-card-head">
        <h2 id={`o-${short}`} className="order-no">
          #{short}
        </h2>
        <StatusBadge status={order.status} />
      </header>
      <p className="muted small">{date(order.createdAt)}</p>
      <ul role="list" className="order-items">
        {order.items.map((i) => (
          <li key={i.skuId} className="summary-line">
            <span>
              {i.title} <span className="muted">{optionsText(i.options)}</span> × {i.quantity}
            </span>
            <span>{price(i.unitPriceMinor * i.quantity, order.currency)}</span>
          </li>
        ))}
      </ul>
      <p className="summary-row summary-total">
        <span>{t('orders.total')}</span>
        <span>{price(order.totalMinor, order.currency)}</span>
      </p>
      <p className="small">
        {t('orders.shipTo')}: {a.recipient} · {a.phone} · {[...(a.regionNames?.[locale] ? [a.regionNames[locale].province, a.regionNames[locale].city, a.regionNames[locale].district] : [a.province, a.city, a.district]), a.line1].filter(Boolean).join(' ')}
      </p>
      {order.carrier ? (
        <p className="small">
          {order.carrier} <span className="mono">{order.trackingNumber}</span>
        </p>
      ) : null}
      {order.refundReason && order.status === 'refund_requested' ? <p className="small">{t('orders.refundReason', { reason: order.refundReason })}</p> : null}
      {order.status === 'paid' ? (
        <form className="ship-form" onSubmit={ship} aria-label={t('orders.shipFor', { id: short })}>
          <div className="field">
            <label htmlFor={`carrier-${short}`}>{t('orders.carrier')}</label>
            <input id={`carrier-${short}`} list="carriers" required maxLength={60} value={carrier} onChange={(e) => setCarrier(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`tracking-${short}`}>{t('orders.tracking')}</label>
            <input id={`tracking-${short}`} required pattern="[A-Za-z0-9\-]{4,40}" title={t('orders.trackingHint')} value={tracking} onChange={(e) => setTracking(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('orders.ship')}
          </button>
        </form>
      ) : null}
      <div className="actions">
        {order.status === 'shipped' ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void post(() => call(api.POST('/orders/{orderId}/deliver', { params: orderId })))}>
            {t('orders.markDelivered')}
          </button>
        ) : null}
        {order.status === 'refund_requested' ? (
          <>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void post(() => call(api.POST('/orders/{orderId}/refund/approve', { params: orderId, body: {} })))}>
              {t('orders.approveRefund')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => void post(() => call(api.POST('/orders/{orderId}/refund/reject', { params: orderId, body: {} })))}>
              {t('orders.rejectRefund')}
            </button>
          </>
        ) : null}
      </div>
      <ErrorNote>{err}</ErrorNote>
    </article>
  );
}
