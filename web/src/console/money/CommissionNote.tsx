/**
 * The commission a store will be charged on one launch item, shown in the launch form before
 * the launch is scheduled: the rate that applies at the start, per unit at the launch price,
 * and a change the operator has announced for later.
 */
import { useEffect, useState } from 'react';
import { api, call } from '../../lib/api';
import { formatDate, formatPrice, useLocale } from '../../lib/i18n';
import { pct, useMT } from './words';
import type { GetData } from '../../lib/query';

type Quote = GetData<'/stores/{storeId}/commission'>;

/** One item's commission line (nothing until a SKU is chosen). */
export function CommissionNote({ storeId, skuId, priceMinor, at }: { storeId: string; skuId: string; priceMinor: number | null; at: number | null }) {
  const t = useMT();
  const locale = useLocale();
  const [q, setQ] = useState<Quote['items'][number] | null>(null);
  useEffect(() => {
    if (!skuId) return setQ(null);
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      call(api.GET('/stores/{storeId}/commission', { params: { path: { storeId }, query: { skuIds: skuId, at: at ?? undefined, priceMinor: priceMinor ?? undefined } }, signal: ctl.signal }))
        .then((r) => setQ(r.items[0] ?? null))
        .catch(() => setQ(null));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [storeId, skuId, priceMinor, at]);
  if (!q) return null;
  const next = q.upcoming[0];
  return (
    <p className="hint commission-note" data-testid="commission-note">
      {t('commissionNote', { rate: pct(q.rateBps), amount: formatPrice(q.commissionPerUnitMinor, 'CNY', locale) })}
      {next ? ` (${t('commissionChange', { rate: pct(next.rateBps), date: formatDate(next.effectiveFrom, locale, 'date') })})` : null}
    </p>
  );
}
