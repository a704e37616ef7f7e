/** The buyer's turn: the model picker, the quantity and Reserve, within the admission pass's time. */
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, call, errorMessage } from '../../lib/api';
import { clockText } from '../../lib/clock';
import type { LaunchItem, QueueStatus } from '../../lib/types';
import { useT } from '../../strings';
import { ErrorNote, optionsText, randomKey, Stepper } from '../../ui';
import { useDuration } from './duration';
import type { PanelProps } from './Panel';
import { useLT } from './strings';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function AdmittedBlock(p: PanelProps & { status: QueueStatus }) {
  const { t } = useLT();
  const { price } = useT();
  const duration = useDuration();
  const items = p.launch.items;
  const firstAvailable = [...items].sort((a, b) => a.launchPriceMinor - b.launchPriceMinor).find((i) => i.available > 0) ?? items[0];
  const [skuId, setSkuId] = useState(firstAvailable?.skuId ?? '');
  const [qty, setQty] = useState(1);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const intent = useRef<{ key: string; skuId: string; qty: number } | null>(null);
  const item = items.find((i) => i.skuId === skuId) ?? firstAvailable;
  const room = Math.max(1, p.launch.perBuyerLimit - p.units);
  const maxQty = Math.max(1, Math.min(room, item?.available || 1));
  const passLeft = (p.status.passExpiresAt ?? 0) - p.now;

  // The chosen model sold out meanwhile (new counts came in): move to one that has units. Done
  // while rendering the new counts, so the sold-out choice never shows; the buyer's own pick
  // is kept until then.
  const [seenItems, setSeenItems] = useState(items);
  if (seenItems !== items) {
    setSeenItems(items);
    if (item && item.available === 0) {
      const other = items.find((i) => i.available > 0);
      if (other) setSkuId(other.skuId);
    }
  }

  const reserve = async (e: FormEvent) => {
    e.preventDefault();
    if (!item || !p.status.pass || busy) return;
    // One Idempotency-Key per reservation the buyer means to make: a retry after a lost
    // answer replays it instead of taking a second unit.
    const mine = intent.current && intent.current.skuId === item.skuId && intent.current.qty === qty ? intent.current : (intent.current = { key: randomKey(), skuId: item.skuId, qty });
    setBusy(true);
    setErr(null);
    for (let attempt = 0; ; attempt++) {
      try {
        const hold = await call(api.POST('/launches/{launchId}/reservations', { params: { path: { launchId: p.launch.id }, header: { 'x-admission-pass': p.status.pass, 'idempotency-key': mine.key } }, body: { skuId: item.skuId, quantity: qty } }));
        intent.current = null;
        p.onHeld(hold);
        break;
      } catch (e2) {
        const code = e2 instanceof ApiError ? e2.code : 'UNKNOWN';
        const retry = e2 instanceof ApiError && (code === 'NETWORK' || e2.status >= 500 || e2.status === 429);
        if (retry && attempt < 3) {
          await sleep(400 * 2 ** attempt + Math.random() * 200);
          continue;
        }
        if (!retry) intent.current = null;
        if (code === 'PASS_EXPIRED' || code === 'PASS_INVALID') p.onPassGone();
        const others = items.some((i) => i.skuId !== item.skuId && i.available > 0);
        setErr(
          code === 'SOLD_OUT'
            ? others
              ? t('err.SOLD_OUT_SKU')
              : t('err.SOLD_OUT')
            : code === 'LIMIT_REACHED'
              ? t('err.LIMIT_REACHED', { n: p.launch.perBuyerLimit })
              : code === 'NOT_ENOUGH_UNITS' || code === 'PASS_EXPIRED' || code === 'LAUNCH_PAUSED' || code === 'NOT_REGISTERED' || code === 'RATE_LIMITED'
                ? t(`err.${code}`)
                : errorMessage(e2),
        );
        p.onChanged();
        break;
      }
    }
    setBusy(false);
  };

  return (
    <form className="launch-block tone-go" onSubmit={(e) => void reserve(e)}>
      <p className="launch-block-title">{t('admitted.title')}</p>
      <p className="pass-left">
        {t('admitted.within')}{' '}
        <strong role="timer" data-testid="pass-left">
          {clockText(passLeft)}
        </strong>
      </p>
      <fieldset className="sku-pick">
        <legend>{t('admitted.choose')}</legend>
        {items.map((i) => (
          <SkuOption key={i.skuId} item={i} checked={i.skuId === item?.skuId} onPick={() => setSkuId(i.skuId)} />
        ))}
      </fieldset>
      {room > 1 && maxQty > 1 ? (
        <div className="launch-qty">
          <span className="small">{t('hero.limit', { n: p.launch.perBuyerLimit })}</span>
          <Stepper value={Math.min(qty, maxQty)} max={maxQty} onChange={setQty} label={t('admitted.choose')} />
        </div>
      ) : null}
      <ErrorNote>{err}</ErrorNote>
      <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={!item || item.available === 0} aria-disabled={busy || undefined} data-testid="reserve" data-autofocus>
        {busy ? t('admitted.reserving') : item ? t('admitted.reserve', { price: price(item.launchPriceMinor * Math.min(qty, maxQty), item.currency) }) : t('admitted.none')}
      </button>
      <p className="muted small launch-center">{t('admitted.payWindow', { window: duration(p.launch.paymentWindowMs) })}</p>
    </form>
  );
}

function SkuOption({ item, checked, onPick }: { item: LaunchItem; checked: boolean; onPick: () => void }) {
  const { t } = useLT();
  const { price } = useT();
  const out = item.available === 0;
  const id = `sku-${item.skuId}`;
  return (
    <div className={out ? 'sku-option out' : 'sku-option'}>
      <input type="radio" id={id} name="launch-sku" checked={checked} onChange={onPick} disabled={out} />
      <label htmlFor={id}>
        {item.image ? <img src={item.image} alt="" width="44" height="44" /> : null}
        <span className="sku-option-text">
          <span className="sku-option-name">{optionsText(item.optionLabels ?? item.options) || item.title}</span>
          <span className="sku-option-row">
            <span className="sku-option-price">{price(item.launchPriceMinor, item.currency)}</span>
            <span className="small muted">{out ? t('admitted.none') : t('admitted.left', { n: item.available })}</span>
          </span>
        </span>
      </label>
    </div>
  );
}
