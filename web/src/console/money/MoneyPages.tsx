/**
 * The money pages (a lazy chunk; the chart is ECharts, as in analytics): a store's balance,
 * its statement for a period (the balance at the end of each day as a chart, the totals, the
 * lines, CSV) and its payouts, with the owner's "pay out" button; and the operator's view
 * across stores with platform revenue, payout batches and commission rules.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, call, errorMessage } from '../../lib/api';
import { formatDate, formatPrice, useLocale } from '../../lib/i18n';
import { useGet, type GetData } from '../../lib/query';
import { ErrorNote, Loading, useTitle } from '../../ui';
import { Chart, CsvLink, type ChartOption } from '../analytics/shared';
import '../analytics/analytics.css';
import { pct, useMT } from './words';

const DAY = 86_400_000;

/** A payout as the store's and the operator's lists show it. */
type Payout = GetData<'/admin/payouts'>['payouts'][number];

/** The statement's or overview's CSV download: the same period, as CSV. */
const periodPath = (base: string, p: { from: number; to: number }) => `${base}?from=${p.from}&to=${p.to}`;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** From/to date inputs for a period (whole UTC days). */
function Period({ value, onChange }: { value: { from: number; to: number }; onChange: (v: { from: number; to: number }) => void }) {
  const t = useMT();
  return (
    <form className="filter-row" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>{t('from')}</span>
        <input type="date" value={isoDay(value.from)} onChange={(e) => e.target.value && onChange({ ...value, from: Date.parse(`${e.target.value}T00:00:00Z`) })} />
      </label>
      <label className="field">
        <span>{t('to')}</span>
        <input type="date" value={isoDay(value.to - 1)} onChange={(e) => e.target.value && onChange({ ...value, to: Date.parse(`${e.target.value}T00:00:00Z`) + DAY })} />
      </label>
    </form>
  );
}

const thisMonth = () => {
  const to = Math.ceil((Date.now() + 1) / DAY) * DAY;
  return { from: to - 30 * DAY, to };
};

/** A store's money: balance, statement with its chart, lines and CSV, payouts. */
export function StoreMoneyPage({ storeId, owner }: { storeId: string; owner: boolean }) {
  const t = useMT();
  const locale = useLocale();
  useTitle(t('money'));
  const [p, setP] = useState(thisMonth);
  const st = useGet('/stores/{storeId}/statement', { params: { path: { storeId }, query: { from: p.from, to: p.to } } });
  const payouts = useGet('/stores/{storeId}/payouts', { params: { path: { storeId }, query: { limit: 20 } } });
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const currency = st.data?.currency ?? 'CNY';
  const money = (m: number) => formatPrice(m, currency, locale);
  const days = st.data?.days;
  const option = useMemo<ChartOption>(() => {
    const amount = (m: number) => formatPrice(m, currency, locale);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => amount(Number(v)) },
      grid: { top: 24, left: 80, right: 24, bottom: 40 },
      xAxis: { type: 'time', min: p.from, max: p.to },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => amount(v) } },
      series: [{ name: t('balance'), type: 'line', step: 'end', areaStyle: { opacity: 0.15 }, data: (days ?? []).map((d) => [d.day + DAY - 1, d.closingMinor]) }],
    };
  }, [days, currency, p.from, p.to, locale, t]);
  const payout = async () => {
    setBusy(true);
    setErr(null);
    setNote(null);
    try {
      await call(api.POST('/stores/{storeId}/payouts', { params: { path: { storeId } }, body: {} }));
      setNote(t('payoutDone'));
      st.reload();
      payouts.reload();
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const b = st.data?.balance;
  return (
    <section className="console-page analytics money" data-testid="money-page">
      <h1>{t('money')}</h1>
      {b ? (
        <dl className="stat-cards">
          <div className={b.balanceMinor < 0 ? 'stat negative' : 'stat'}>
            <dt>{t('balance')}</dt>
            <dd data-testid="money-balance">{money(b.balanceMinor)}</dd>
          </div>
          <div className={b.availableMinor < 0 ? 'stat negative' : 'stat'}>
            <dt>{t('available')}</dt>
            <dd data-testid="money-available">{money(b.availableMinor)}</dd>
          </div>
          <div className="stat">
            <dt>{t('pending')}</dt>
            <dd>{money(b.pendingMinor)}</dd>
          </div>
          <div className="stat">
            <dt>{t('inPayout')}</dt>
            <dd>{money(b.inPayoutMinor)}</dd>
          </div>
        </dl>
      ) : null}
      {b && b.balanceMinor < 0 ? <p className="error-inline">{t('negative')}</p> : null}
      {b?.nextReleaseAt ? <p className="hint">{t('nextRelease')}: {formatDate(b.nextReleaseAt, locale)}</p> : null}
      <p className="actions">
        <button type="button" className="btn btn-primary" disabled={!owner || busy || !b || b.availableMinor <= 0} onClick={() => void payout()} data-testid="payout-button">
          {t('payout')}
        </button>
        {!owner ? <span className="hint"> {t('payoutOwner')}</span> : null}
      </p>
      {note ? <p role="status">{note}</p> : null}
      <ErrorNote>{err}</ErrorNote>

      <h2>{t('statement')}</h2>
      <Period value={p} onChange={setP} />
      <CsvLink path={periodPath(`/stores/${storeId}/statement`, p)} />
      {st.error ? <ErrorNote>{st.error}</ErrorNote> : !st.data ? <Loading /> : (
        <>
          <Chart option={option} label={t('chart')} height={260} />
          <table className="table" data-testid="statement-totals">
            <tbody>
              <tr><th>{t('opening')}</th><td>{money(st.data.openingBalanceMinor)}</td></tr>
              <tr><th>{t('sales')} ({st.data.totals.salesCount})</th><td>{money(st.data.totals.salesMinor)}</td></tr>
              <tr><th>{t('commission')}</th><td>{money(-st.data.totals.commissionMinor)}</td></tr>
              <tr><th>{t('refunds')} ({st.data.totals.refundsCount})</th><td>{money(-st.data.totals.refundsMinor)}</td></tr>
              <tr><th>{t('commissionBack')}</th><td>{money(st.data.totals.commissionRefundedMinor)}</td></tr>
              <tr><th>{t('payouts')}</th><td>{money(-st.data.totals.payoutsMinor)}</td></tr>
              <tr><th>{t('payoutsBack')}</th><td>{money(st.data.totals.payoutsReturnedMinor)}</td></tr>
              <tr><th>{t('closing')}</th><td data-testid="statement-closing">{money(st.data.closingBalanceMinor)}</td></tr>
            </tbody>
          </table>
          <h3>{t('lines')}</h3>
          {st.data.lines.length === 0 ? <p>{t('none')}</p> : (
            <table className="table">
              <thead>
                <tr><th>{t('at')}</th><th>{t('kind')}</th><th>{t('amount')}</th><th>{t('after')}</th><th>{t('order')}</th></tr>
              </thead>
              <tbody>
                {st.data.lines.slice(0, 200).map((l, i) => (
                  <tr key={i}>
                    <td>{formatDate(l.at, locale)}</td>
                    <td>{kindLabel(t, l.kind)}</td>
                    <td>{money(l.amountMinor)}</td>
                    <td>{money(l.balanceAfterMinor)}</td>
                    <td>{l.orderId ? l.orderId.slice(-8) : l.payoutId ? l.payoutId.slice(-8) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {st.data.linesTruncated || st.data.lines.length > 200 ? <p className="hint">{t('truncated')}</p> : null}
        </>
      )}

      <h2>{t('payouts')}</h2>
      <PayoutTable payouts={payouts.data?.payouts} />
    </section>
  );
}

function kindLabel(t: ReturnType<typeof useMT>, kind: string): string {
  if (kind === 'sale' || kind === 'refund' || kind === 'commission_refund' || kind === 'payout_returned') return t(kind);
  if (kind === 'commission') return t('commission');
  if (kind === 'payout') return t('payouts');
  return kind;
}

function PayoutTable({ payouts, stores }: { payouts: Payout[] | undefined; stores?: Map<string, string> }) {
  const t = useMT();
  const locale = useLocale();
  if (!payouts) return <Loading />;
  if (payouts.length === 0) return <p>{t('none')}</p>;
  return (
    <table className="table" data-testid="payouts">
      <thead>
        <tr><th>{t('at')}</th>{stores ? <th>{t('store')}</th> : null}<th>{t('amount')}</th><th>{t('status')}</th></tr>
      </thead>
      <tbody>
        {payouts.map((p) => (
          <tr key={p.id}>
            <td>{formatDate(p.createdAt, locale)}</td>
            {stores ? <td>{stores.get(p.storeId) ?? p.storeId.slice(-8)}</td> : null}
            <td>{formatPrice(p.amountMinor, p.currency, locale)}</td>
            <td>{p.status}{p.failureReason ? ` (${p.failureReason})` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const CATEGORIES = ['phones', 'tablets', 'wearables', 'audio', 'computers', 'tv', 'accessories', 'other'] as const;
const STORE_KINDS = ['marketplace', 'flagship'] as const;

/** The operator's view: every store's money for a period, platform revenue, payout batches, commission rules. */
export function AdminMoneyPage() {
  const t = useMT();
  const locale = useLocale();
  useTitle(t('overview'));
  const [p, setP] = useState(thisMonth);
  const ov = useGet('/admin/money/overview', { params: { query: { from: p.from, to: p.to } } });
  const payouts = useGet('/admin/payouts', { params: { query: { limit: 20 } } });
  const rules = useGet('/admin/commission-rules', undefined);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const money = (m: number) => formatPrice(m, ov.data?.currency ?? 'CNY', locale);
  const runBatch = async () => {
    setErr(null);
    try {
      const b = await call(api.POST('/admin/payouts/batches', { body: {} }));
      setMsg(t('batchDone', { n: b.payouts.length }));
      ov.reload();
      payouts.reload();
    } catch (e) {
      setErr(errorMessage(e));
    }
  };
  const names = new Map((ov.data?.stores ?? []).map((s) => [s.storeId, s.name]));
  return (
    <section className="console-page analytics money" data-testid="admin-money">
      <h1>{t('overview')}</h1>
      <Period value={p} onChange={setP} />
      <CsvLink path={periodPath('/admin/money/overview', p)} />
      {ov.error ? <ErrorNote>{ov.error}</ErrorNote> : !ov.data ? <Loading /> : (
        <>
          <dl className="stat-cards">
            <div className="stat"><dt>{t('revenue')}</dt><dd data-testid="platform-revenue">{money(ov.data.platform.revenueMinor)}</dd></div>
            <div className="stat"><dt>{t('clearing')}</dt><dd>{money(ov.data.platform.clearingMinor)}</dd></div>
            <div className="stat"><dt>{t('refundsPayable')}</dt><dd>{money(ov.data.platform.refundsPayableMinor)}</dd></div>
            <div className="stat"><dt>{t('inTransit')}</dt><dd>{money(ov.data.platform.payoutsInTransitMinor)}</dd></div>
          </dl>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr><th>{t('store')}</th><th>{t('opening')}</th><th>{t('sales')}</th><th>{t('commission')}</th><th>{t('refunds')}</th><th>{t('commissionBack')}</th><th>{t('payouts')}</th><th>{t('closing')}</th><th>{t('available')}</th></tr>
              </thead>
              <tbody>
                {ov.data.stores.map((s) => (
                  <tr key={s.storeId}>
                    <td>{s.name}</td><td>{money(s.openingBalanceMinor)}</td><td>{money(s.salesMinor)}</td><td>{money(s.commissionMinor)}</td><td>{money(s.refundsMinor)}</td>
                    <td>{money(s.commissionRefundedMinor)}</td><td>{money(s.payoutsMinor - s.payoutsReturnedMinor)}</td>
                    <td className={s.closingBalanceMinor < 0 ? 'negative' : undefined}>{money(s.closingBalanceMinor)}</td><td>{money(s.availableMinor)}</td>
                  </tr>
                ))}
                <tr>
                  <th>{t('totals')}</th><td>{money(ov.data.totals.openingBalanceMinor)}</td><td>{money(ov.data.totals.salesMinor)}</td><td>{money(ov.data.totals.commissionMinor)}</td><td>{money(ov.data.totals.refundsMinor)}</td>
                  <td>{money(ov.data.totals.commissionRefundedMinor)}</td><td>{money(ov.data.totals.payoutsMinor - ov.data.totals.payoutsReturnedMinor)}</td><td>{money(ov.data.totals.closingBalanceMinor)}</td><td />
                </tr>
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>{t('payouts')}</h2>
      <p className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void runBatch()} data-testid="run-batch">{t('runBatch')}</button>
      </p>
      {msg ? <p role="status">{msg}</p> : null}
      <ErrorNote>{err}</ErrorNote>
      <PayoutTable payouts={payouts.data?.payouts} stores={names} />
      <h2>{t('rules')}</h2>
      {rules.data ? (
        <table className="table" data-testid="rules">
          <thead><tr><th>{t('scope')}</th><th>{t('rate')}</th><th>{t('effective')}</th><th>{t('note')}</th></tr></thead>
          <tbody>
            {rules.data.rules.map((r) => (
              <tr key={r.id}>
                <td>{[r.launchId ? `launch ${r.launchId.slice(-8)}` : null, r.category, r.storeKind ? t(r.storeKind) : null].filter(Boolean).join(' · ') || t('anyKind')}</td>
                <td>{pct(r.rateBps)}</td>
                <td>{r.effectiveFrom ? formatDate(r.effectiveFrom, locale) : '—'}</td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <Loading />}
      <RuleForm onAdded={rules.reload} />
    </section>
  );
}

function RuleForm({ onAdded }: { onAdded: () => void }) {
  const t = useMT();
  const [kind, setKind] = useState('');
  const [category, setCategory] = useState('');
  const [launchId, setLaunchId] = useState('');
  const [rate, setRate] = useState('');
  const [from, setFrom] = useState('');
  const [note, setNote] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    const bps = Math.round(Number(rate) * 100);
    if (!/^\d+(\.\d{1,2})?$/.test(rate) || bps > 10_000) return setErr(t('percent'));
    try {
      const storeKind = STORE_KINDS.find((k) => k === kind);
      const cat = CATEGORIES.find((c) => c === category);
      await call(api.POST('/admin/commission-rules', { body: {
        rateBps: bps,
        ...(storeKind ? { storeKind } : {}),
        ...(cat ? { category: cat } : {}),
        ...(launchId.trim() ? { launchId: launchId.trim() } : {}),
        ...(from ? { effectiveFrom: Math.max(Date.now() + 1000, new Date(from).getTime()) } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      } }));
      setRate('');
      setNote('');
      onAdded();
    } catch (e2) {
      setErr(errorMessage(e2));
    }
  };
  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} data-testid="rule-form">
      <h3>{t('addRule')}</h3>
      <div className="filter-row">
        <label className="field"><span>{t('scope')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('anyKind')}</option>
            <option value="marketplace">{t('marketplace')}</option>
            <option value="flagship">{t('flagship')}</option>
          </select>
        </label>
        <label className="field"><span>&nbsp;</span>
          <select value={category} onChange={(e) => setCategory(e.target.value)} aria-label={t('anyCategory')}>
            <option value="">{t('anyCategory')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label className="field"><span>{t('launchId')}</span><input value={launchId} onChange={(e) => setLaunchId(e.target.value)} /></label>
        <label className="field"><span>{t('percent')}</span><input inputMode="decimal" required value={rate} onChange={(e) => setRate(e.target.value)} /></label>
        <label className="field"><span>{t('effective')}</span><input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label className="field"><span>{t('note')}</span><input maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} /></label>
      </div>
      <ErrorNote>{err}</ErrorNote>
      <button type="submit" className="btn">{t('save')}</button>
    </form>
  );
}
