/** The reservation: its payment deadline, the delivery address and Pay; a note when one ran out; what the buyer has paid for. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, call } from '../../lib/api';
import { useGet } from '../../lib/query';
import { clockText } from '../../lib/clock';
import { useIntentKey } from '../../lib/intent';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import type { Hold, Launch } from '../../lib/types';
import { useT } from '../../strings';
import { ErrorNote, optionsText } from '../../ui';
import { AddressFieldset, apiFieldErrors, draftFrom, emptyAddress, focusFirstError, isComplete, toAddress, validateAddress, type AddressDraft, type AddressErrors } from '../AddressFields';
import { RegionLabel } from '../RegionPicker';
import { useLT } from './strings';

export function HoldBlock({ hold, launch, now, onChanged }: { hold: Hold; launch: Launch; now: number; onChanged: () => void }) {
  const { t } = useLT();
  const { price, date, t: st } = useT();
  const s = useSession();
  const item = launch.items.find((i) => i.skuId === hold.skuId);
  const left = hold.expiresAt - now;
  const pct = Math.max(0, Math.min(100, (100 * left) / launch.paymentWindowMs));
  const [addr, setAddr] = useState<AddressDraft>(() => emptyAddress(s.user?.name ?? ''));
  // A remembered address shows as a summary with "Change"; otherwise the form is open.
  const [editing, setEditing] = useState(true);
  const typed = useRef(false);
  const [busy, setBusy] = useState(false);
  // One key per Pay of this hold to this address: a double tap or a retry makes one order and one payment.
  const payIntent = useIntentKey();
  const [err, setErr] = useState<string | null>(null);

  // The address of the buyer's latest order, so paying takes one tap.
  const lastAddress = useGet('/orders', { params: { query: { limit: 1 } } }).data?.orders[0]?.address;
  useEffect(() => {
    if (!lastAddress || typed.current) return;
    setAddr(draftFrom(lastAddress));
    setEditing(false);
  }, [lastAddress]);

  const complete = isComplete(addr);
  const [fieldErrors, setFieldErrors] = useState<AddressErrors>({});
  const tried = useRef(false);
  const pay = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    tried.current = true;
    const problems = validateAddress(addr);
    if (Object.keys(problems).length) {
      setEditing(true);
      setFieldErrors(problems);
      setErr(st('address.err.form'));
      window.setTimeout(() => focusFirstError('hold-addr', problems), 0);
      return;
    }
    setBusy(true);
    setErr(null);
    try {
      const address = toAddress(addr);
      const out = await call(api.POST('/holds/{holdId}/pay', { params: { path: { holdId: hold.id }, header: { 'idempotency-key': payIntent.keyFor(`${hold.id} ${JSON.stringify(address)}`) } }, body: { address } }));
      window.location.assign(out.payment.payUrl);
    } catch (e2) {
      // Address problems at their fields, in the page's language; other refusals in words of ours.
      const fields = apiFieldErrors(e2);
      if (fields) {
        setEditing(true);
        setFieldErrors(fields);
        setErr(st('address.err.form'));
        window.setTimeout(() => focusFirstError('hold-addr', fields), 0);
      } else setErr(e2 instanceof ApiError && e2.code === 'HOLD_NOT_PAYABLE' ? t('hold.notPayable') : st('checkout.err.other'));
      setBusy(false);
      onChanged();
    }
  };
  const total = price(hold.priceMinor * hold.quantity, hold.currency);
  return (
    <form className="launch-block tone-go" onSubmit={(e) => void pay(e)} data-testid="hold" noValidate>
      <p className="launch-block-title">{t('hold.title')}</p>
      <p className="deadline" role="timer" aria-label={`${t('hold.deadline')} ${clockText(left)}`} data-testid="hold-deadline">
        {clockText(left)}
      </p>
      <div className="deadline-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </div>
      <p className="hold-item">
        <span>
          {t('hold.item', { title: item?.title ?? '', n: hold.quantity })} <span className="muted">{item ? optionsText(item.optionLabels ?? item.options) : ''}</span>
        </span>
        <strong>{total}</strong>
      </p>
      {complete && !editing ? (
        <div className="addr-summary">
          <p>
            <span className="small muted">{t('hold.deliverTo')}</span>
            <br />
            {addr.recipient} · {addr.phone}
            <br />
            <RegionLabel codes={addr} /> {addr.line1}
          </p>
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
            {t('hold.change')}
          </button>
        </div>
      ) : (
        <AddressFieldset
          value={addr}
          errors={fieldErrors}
          onChange={(next) => {
            typed.current = true;
            setAddr(next);
            if (tried.current) setFieldErrors(validateAddress(next));
          }}
          className="address-form launch-address"
          idPrefix="hold-addr"
          markFirstEmpty
        />
      )}
      <ErrorNote>{err}</ErrorNote>
      {/* On a phone the Pay button stays in reach (above the tab bar), with the time left. */}
      <div className="pay-bar">
        <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={left <= 0} aria-disabled={busy || undefined} data-testid="pay" data-autofocus={complete && !editing ? true : undefined}>
          {busy ? t('hold.paying') : t('hold.pay', { price: total })}
        </button>
        <span className="pay-bar-left" aria-hidden="true">
          {clockText(left)}
        </span>
      </div>
      <p className="muted small">{t('hold.note', { time: date(hold.expiresAt) })}</p>
      <p className="visually-hidden">{st('checkout.payNote')}</p>
    </form>
  );
}

export function ExpiredNote({ hold }: { hold: Hold }) {
  const { t } = useLT();
  const { date } = useT();
  return (
    <p className="banner banner-warn" data-testid="hold-expired">
      {t('hold.expired', { time: date(hold.expiresAt) })}
    </p>
  );
}

export function Purchases({ holds, launch }: { holds: Hold[]; launch: Launch }) {
  const { t } = useLT();
  const { price } = useT();
  const paid = holds.filter((h) => h.status === 'paid');
  if (paid.length === 0) return null;
  return (
    <div className="launch-purchases">
      <p className="small muted">{t('hold.yours')}</p>
      <ul role="list">
        {paid.map((h) => {
          const item = launch.items.find((i) => i.skuId === h.skuId);
          return (
            <li key={h.id}>
              <span>
                <span className="badge status status-ok">{t('hold.paid')}</span> {item ? optionsText(item.optionLabels ?? item.options) || item.title : ''} × {h.quantity} · {price(h.priceMinor * h.quantity, h.currency)}
              </span>
              {h.orderId ? (
                <Link to={`/orders/${h.orderId}`} className="section-link">
                  {t('hold.viewOrder')}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
