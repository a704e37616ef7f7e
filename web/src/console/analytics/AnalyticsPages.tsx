/**
 * The seller console's analytics: Sales (revenue, orders and units over time), Devices (the
 * device mix of buyers and transactions), Funnel (each launch's registered → paid steps),
 * Launch sell-out (units against seconds since the start, plus waiting times), Regions and,
 * for the platform admin, By store (the platform's totals and each store's part).
 * Each page has the date-range / launch / SKU filters it uses and a CSV download of its table.
 * `AnalyticsPage` shows them as tabs; each page can also be routed on its own.
 */
import { useMemo, useState } from 'react';
import { formatPrice, useLocale } from '../../lib/i18n';
import { ErrorNote, Loading, useTitle } from '../../ui';
import type { GetData, GetOptions, Loaded } from '../../lib/query';
import { useGet } from '../../lib/query';
import { Chart, CsvLink, FilterBar, defaultFilters, filterQuery, useAT, type ChartOption, type Filters } from './shared';
import './analytics.css';

type SalesPoint = GetData<'/admin/analytics/sales'>['points'][number];
type FunnelStep = GetData<'/admin/analytics/funnel'>['launches'][number]['steps'][number];

/** Where a scope's dashboards are: one store's, or the whole platform's (admin). */
const baseOf = (storeId: string | null) => (storeId ? `/stores/${storeId}/analytics` : '/admin/analytics');

// A page loads one store's dashboard or the platform's: both are asked for (the hooks run on
// every render), the one of the other scope is not enabled. New filters redraw the last answer.
const forStore = (storeId: string | null): GetOptions => ({ enabled: storeId !== null, keepPrevious: true });
const forPlatform = (storeId: string | null): GetOptions => ({ enabled: storeId === null, keepPrevious: true });
function either<T>(storeId: string | null, mine: Loaded<T>, all: Loaded<T>): Loaded<T> {
  return storeId ? mine : all;
}

/** The funnel chart's wedges: the steps some buyer reached, in order. */
export function funnelData(steps: FunnelStep[], name: (step: string) => string): Array<{ name: string; value: number }> {
  return steps.filter((s) => s.buyers > 0).map((s) => ({ name: name(s.step), value: s.buyers }));
}

/** Fills `{name}` placeholders of an analytics string. */
const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

function Body<T>({ state, children }: { state: Loaded<T>; children: (d: T) => React.ReactNode }) {
  if (state.error) return <ErrorNote>{state.error}</ErrorNote>;
  if (!state.data) return <Loading />;
  return <>{children(state.data)}</>;
}

/** Sales and revenue over time (minute, hour or day buckets), filterable by launch and SKU. */
export function SalesPage({ storeId }: { storeId: string | null }) {
  const t = useAT();
  const locale = useLocale();
  useTitle(t('sales'));
  const [f, setF] = useState<Filters>(defaultFilters);
  const query = filterQuery(f);
  const state = either(
    storeId,
    useGet('/stores/{storeId}/analytics/sales', { params: { path: { storeId: storeId ?? '' }, query } }, forStore(storeId)),
    useGet('/admin/analytics/sales', { params: { query } }, forPlatform(storeId)),
  );
  const option = useMemo<ChartOption>(() => {
    const pts = state.data?.points ?? [];
    const times = [...new Set(pts.map((p) => p.bucketStart))];
    const cur = pts.find((p) => p.revenueMinor > 0)?.currency ?? 'CNY';
    const at = (k: keyof SalesPoint) => times.map((x) => pts.filter((p) => p.bucketStart === x && (k !== 'revenueMinor' || p.currency === cur)).reduce((n, p) => n + (p[k] as number), 0));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('revenue'), t('orders'), t('units')] },
      grid: { top: 48, left: 60, right: 60, bottom: 40 },
      // The whole chosen range, not just the buckets that have sales.
      xAxis: { type: 'time', min: f.from, max: f.to },
      yAxis: [{ type: 'value', name: cur, axisLabel: { formatter: (v: number) => formatPrice(v, cur, locale) } }, { type: 'value' }],
      series: [
        { name: t('revenue'), type: 'bar', barMaxWidth: 24, data: times.map((x, i) => [x, at('revenueMinor')[i]]) },
        { name: t('orders'), type: 'line', yAxisIndex: 1, data: times.map((x, i) => [x, at('orders')[i]]) },
        { name: t('units'), type: 'line', yAxisIndex: 1, data: times.map((x, i) => [x, at('units')[i]]) },
      ],
    };
  }, [state.data, t, locale, f.from, f.to]);
  return (
    <section className="console-page analytics">
      <h1>{t('sales')}</h1>
      <FilterBar value={f} onChange={setF} storeId={storeId} show={['bucket', 'launch', 'sku']} />
      <CsvLink path={`${baseOf(storeId)}/sales`} query={query} />
      <Body state={state}>{(d) => (d.points.length === 0 ? <p>{t('empty')}</p> : <Chart option={option} label={t('sales')} />)}</Body>
      <SkuTable storeId={storeId} f={f} />
    </section>
  );
}

function SkuTable({ storeId, f }: { storeId: string | null; f: Filters }) {
  const t = useAT();
  const locale = useLocale();
  const query = filterQuery(f, 50);
  const state = either(
    storeId,
    useGet('/stores/{storeId}/analytics/skus', { params: { path: { storeId: storeId ?? '' }, query } }, forStore(storeId)),
    useGet('/admin/analytics/skus', { params: { query } }, forPlatform(storeId)),
  );
  return (
    <>
      <h2>
        {t('units')} · {t('sku')} <CsvLink path={`${baseOf(storeId)}/skus`} query={query} />
      </h2>
      <Body state={state}>
        {(d) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('product')}</th>
                <th>{t('sku')}</th>
                <th>{t('units')}</th>
                <th>{t('orders')}</th>
                <th>{t('revenue')}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={`${r.skuId}-${r.currency}`}>
                  <td>{r.title ?? '—'}</td>
                  <td data-testid="sku-name">{Object.values(r.options).join(' · ') || r.name}</td>
                  <td>{r.units}</td>
                  <td>{r.orders}</td>
                  <td>{formatPrice(r.revenueMinor, r.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Body>
    </>
  );
}

/** The device mix of buyers and of transactions, with the share from mobile. */
export function DevicesPage({ storeId }: { storeId: string | null }) {
  const t = useAT();
  useTitle(t('devices'));
  const [f, setF] = useState<Filters>(defaultFilters);
  const query = filterQuery(f);
  const state = either(
    storeId,
    useGet('/stores/{storeId}/analytics/devices', { params: { path: { storeId: storeId ?? '' }, query } }, forStore(storeId)),
    useGet('/admin/analytics/devices', { params: { query } }, forPlatform(storeId)),
  );
  const pie = (k: 'buyers' | 'transactions'): ChartOption => ({
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ name: t(k), type: 'pie', radius: ['40%', '70%'], data: (state.data?.devices ?? []).filter((d) => d[k] > 0).map((d) => ({ name: d.device, value: d[k] })) }],
  });
  return (
    <section className="console-page analytics">
      <h1>{t('devices')}</h1>
      <FilterBar value={f} onChange={setF} storeId={storeId} show={['launch']} />
      <CsvLink path={`${baseOf(storeId)}/devices`} query={query} />
      <Body state={state}>
        {(d) => (
          <>
            <p>
              {t('mobileShare')}: {t('transactions')} {pct(d.mobileTransactionShare)} · {t('buyers')} {pct(d.mobileBuyerShare)}
            </p>
            <div className="chart-pair">
              <figure>
                <figcaption>
                  {t('buyers')} ({d.buyers})
                </figcaption>
                <Chart option={pie('buyers')} height={260} label={t('buyers')} />
              </figure>
              <figure>
                <figcaption>
                  {t('transactions')} ({d.transactions})
                </figcaption>
                <Chart option={pie('transactions')} height={260} label={t('transactions')} />
              </figure>
            </div>
            {d.buyersExact ? null : <p className="hint">{t('estimated')}</p>}
          </>
        )}
      </Body>
    </section>
  );
}

/** Launch funnels: registered → queued → admitted → held → paid, with conversion at each step. */
export function FunnelPage({ storeId }: { storeId: string | null }) {
  const t = useAT();
  useTitle(t('funnel'));
  const [f, setF] = useState<Filters>(() => ({ ...defaultFilters(), from: defaultFilters().to - 90 * 86_400_000 }));
  const query = filterQuery({ ...f, bucket: 'day' });
  const state = either(
    storeId,
    useGet('/stores/{storeId}/analytics/funnel', { params: { path: { storeId: storeId ?? '' }, query } }, forStore(storeId)),
    useGet('/admin/analytics/funnel', { params: { query } }, forPlatform(storeId)),
  );
  const stepName = (s: string) => (s === 'held' ? t('held_step') : s === 'paid' ? t('paid') : s === 'admitted' ? t('admitted') : s === 'queued' ? t('queued') : t('registered'));
  return (
    <section className="console-page analytics">
      <h1>{t('funnel')}</h1>
      <FilterBar value={f} onChange={setF} storeId={storeId} show={['launch']} />
      <CsvLink path={`${baseOf(storeId)}/funnel`} query={query} />
      <Body state={state}>
        {(d) =>
          d.launches.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            d.launches.map((l) => (
              <article key={l.launchId} className="card">
                <h2>{l.title}</h2>
                {l.steps.every((s) => s.buyers === 0) ? (
                  <p>{t('empty')}</p>
                ) : (
                  <Chart
                    height={240}
                    label={`${t('funnel')} ${l.title}`}
                    drawn={funnelData(l.steps, stepName).map((d) => d.name).join(' → ')}
                    option={{
                      tooltip: { trigger: 'item' },
                      // Steps no buyer reached (Registered, when the launch asks for no registration) get no wedge: minSize would draw one.
                      series: [{ type: 'funnel', sort: 'none', left: '5%', width: '65%', minSize: '8%', label: { formatter: '{b}: {c}' }, data: funnelData(l.steps, stepName) }],
                    }}
                  />
                )}
                <p>
                  {l.steps.map((s) => `${stepName(s.step)} ${s.buyers}${s.conversionFromPrevious === null ? '' : ` (${pct(s.conversionFromPrevious)})`}`).join(' → ')} · {t('expiryRate')} {pct(l.holdExpiryRate)}
                  {l.refusals.length ? ` · ${t('refusals')}: ${l.refusals.map((r) => `${r.reason} ${r.count}`).join(', ')}` : ''}
                </p>
              </article>
            ))
          )
        }
      </Body>
    </section>
  );
}

/** A launch's sell-out curve and time to sell out, with its waiting-time distribution. */
export function SelloutPage({ storeId, launchId: initial }: { storeId: string; launchId?: string }) {
  const t = useAT();
  useTitle(t('sellout'));
  const [f, setF] = useState<Filters>(() => ({ ...defaultFilters(), launchId: initial ?? '' }));
  const launch = { enabled: f.launchId !== '', keepPrevious: true };
  const curve = useGet('/launches/{launchId}/analytics/sellout', { params: { path: { launchId: f.launchId } } }, launch);
  const waits = useGet('/launches/{launchId}/analytics/waiting', { params: { path: { launchId: f.launchId } } }, launch);
  return (
    <section className="console-page analytics">
      <h1>{t('sellout')}</h1>
      <FilterBar value={f} onChange={setF} storeId={storeId} show={['launch']} />
      {!f.launchId ? (
        <p>{t('noLaunch')}</p>
      ) : (
        <>
          <CsvLink path={`/launches/${f.launchId}/analytics/sellout`} />
          <Body state={curve}>
            {(c) => (
              <>
                <p data-testid="time-to-sell-out">
                  {t('timeToSellOut')}: {c.timeToSellOutSeconds === null ? t('notSoldOut') : `${c.timeToSellOutSeconds} s`} · {t('timeToPaidOut')}: {c.timeToPaidOutSeconds === null ? t('notPaidOut') : `${c.timeToPaidOutSeconds} s`}
                </p>
                <Chart
                  label={t('sellout')}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0, data: [t('held'), t('paid')] },
                    grid: { top: 48, left: 50, right: 30, bottom: 56 },
                    xAxis: { type: 'value', name: t('second'), nameLocation: 'middle', nameGap: 30 },
                    yAxis: { type: 'value', max: Math.max(c.allotment, ...c.points.map((p) => p.reservedUnits)) },
                    series: [
                      { name: t('held'), type: 'line', step: 'end', showSymbol: false, data: c.points.map((p) => [p.second, p.reservedUnits]) },
                      { name: t('paid'), type: 'line', step: 'end', showSymbol: false, data: c.points.map((p) => [p.second, p.paidTotal]) },
                    ],
                  }}
                />
              </>
            )}
          </Body>
          <h2>
            {t('waiting')} <CsvLink path={`/launches/${f.launchId}/analytics/waiting`} />
          </h2>
          <Body state={waits}>
            {(w) => (
              <>
                <p data-testid="waiting-count">{fill(t('waitingCount'), { admissions: w.admitted, buyers: w.buyers })}</p>
                <Chart
                  height={240}
                  label={t('waiting')}
                  option={{
                    tooltip: { trigger: 'axis' },
                    xAxis: { type: 'category', data: w.buckets.map((b) => (b.toSeconds === null ? `≥ ${b.fromSeconds} s` : `${b.fromSeconds}–${b.toSeconds} s`)) },
                    yAxis: { type: 'value', name: t('admissions') },
                    series: [{ type: 'bar', name: t('admissions'), data: w.buckets.map((b) => b.admitted) }],
                  }}
                />
              </>
            )}
          </Body>
        </>
      )}
    </section>
  );
}

/** Top regions (province of the shipping address) by revenue. */
export function RegionsPage({ storeId }: { storeId: string | null }) {
  const t = useAT();
  const locale = useLocale();
  useTitle(t('regions'));
  const [f, setF] = useState<Filters>(defaultFilters);
  const query = filterQuery(f, 20);
  const state = either(
    storeId,
    useGet('/stores/{storeId}/analytics/regions', { params: { path: { storeId: storeId ?? '' }, query } }, forStore(storeId)),
    useGet('/admin/analytics/regions', { params: { query } }, forPlatform(storeId)),
  );
  return (
    <section className="console-page analytics">
      <h1>{t('regions')}</h1>
      <FilterBar value={f} onChange={setF} storeId={storeId} show={['launch']} />
      <CsvLink path={`${baseOf(storeId)}/regions`} query={query} />
      <Body state={state}>
        {(d) =>
          d.rows.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <>
              <Chart
                height={Math.max(200, d.rows.length * 28 + 60)}
                label={t('regions')}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatPrice(Number(v), d.rows[0]!.currency, locale) },
                  grid: { left: 110, right: 40 },
                  xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPrice(v, d.rows[0]!.currency, locale) } },
                  yAxis: { type: 'category', inverse: true, data: d.rows.map((r) => r.names?.[locale] ?? r.region) },
                  series: [{ type: 'bar', name: t('revenue'), barMaxWidth: 24, data: d.rows.map((r) => r.revenueMinor) }],
                }}
              />
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('region')}</th>
                    <th>{t('orders')}</th>
                    <th>{t('units')}</th>
                    <th>{t('revenue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr key={`${r.region}-${r.currency}`}>
                      <td data-region={r.region}>{r.names?.[locale] ?? r.region}</td>
                      <td>{r.orders}</td>
                      <td>{r.units}</td>
                      <td>{formatPrice(r.revenueMinor, r.currency, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Body>
    </section>
  );
}


/** The platform's totals over the range and each store's part of them (admin). */
export function StoresPage() {
  const t = useAT();
  const locale = useLocale();
  useTitle(t('byStore'));
  const [f, setF] = useState<Filters>(defaultFilters);
  const query = filterQuery(f, 50);
  const state = useGet('/admin/analytics/stores', { params: { query } }, { keepPrevious: true });
  return (
    <section className="console-page analytics">
      <h1>{t('byStore')}</h1>
      <FilterBar value={f} onChange={setF} storeId={null} show={[]} />
      <CsvLink path="/admin/analytics/stores" query={query} />
      <Body state={state}>
        {(d) =>
          d.totals.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <>
              <h2>{t('totals')}</h2>
              {d.totals.map((x) => (
                <dl key={x.currency} className="platform-totals" data-testid="platform-totals">
                  <div>
                    <dt>{t('revenue')}</dt>
                    <dd data-testid="total-revenue">{formatPrice(x.revenueMinor, x.currency, locale)}</dd>
                  </div>
                  <div>
                    <dt>{t('orders')}</dt>
                    <dd data-testid="total-orders">{x.orders}</dd>
                  </div>
                  <div>
                    <dt>{t('units')}</dt>
                    <dd>{x.units}</dd>
                  </div>
                  <div>
                    <dt>{t('refunded')}</dt>
                    <dd>{formatPrice(x.refundedMinor, x.currency, locale)}</dd>
                  </div>
                </dl>
              ))}
              <Chart
                height={Math.max(200, d.stores.length * 28 + 60)}
                label={t('byStore')}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatPrice(Number(v), d.stores[0]?.currency ?? 'CNY', locale) },
                  grid: { left: 150, right: 40 },
                  xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPrice(v, d.stores[0]?.currency ?? 'CNY', locale) } },
                  yAxis: { type: 'category', inverse: true, data: d.stores.map((r) => r.name ?? r.storeId.slice(-8)) },
                  series: [{ type: 'bar', name: t('revenue'), barMaxWidth: 24, data: d.stores.map((r) => r.revenueMinor) }],
                }}
              />
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('store')}</th>
                    <th>{t('orders')}</th>
                    <th>{t('units')}</th>
                    <th>{t('revenue')}</th>
                    <th>{t('share')}</th>
                    <th>{t('refunded')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.stores.map((r) => (
                    <tr key={`${r.storeId}-${r.currency}`} data-testid="store-split">
                      <td>{r.name ?? r.storeId.slice(-8)}</td>
                      <td>{r.orders}</td>
                      <td>{r.units}</td>
                      <td>{formatPrice(r.revenueMinor, r.currency, locale)}</td>
                      <td>{pct(r.revenueShare)}</td>
                      <td>{formatPrice(r.refundedMinor, r.currency, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Body>
    </section>
  );
}

const TABS = ['sales', 'devices', 'funnel', 'sellout', 'regions', 'stores'] as const;

/**
 * All analytics pages under one heading, as tabs: a store's (route /console/analytics) or,
 * with `storeId` null, the whole platform's for the admin (route /admin/analytics; the
 * sell-out tab is per launch, so it is a store's).
 */
export function AnalyticsPage({ storeId, tab: initial = 'sales' }: { storeId: string | null; tab?: (typeof TABS)[number] }) {
  const t = useAT();
  const [tab, setTab] = useState<(typeof TABS)[number]>(initial);
  // A store has its sell-out curves; the platform has its totals split by store.
  const tabs = storeId ? TABS.filter((k) => k !== 'stores') : TABS.filter((k) => k !== 'sellout');
  return (
    <div>
      <div className="sort-row" role="tablist" aria-label="Analytics">
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'chip chip-on' : 'chip'} onClick={() => setTab(k)}>
            {t(k)}
          </button>
        ))}
      </div>
      {tab === 'sales' ? <SalesPage storeId={storeId} /> : null}
      {tab === 'devices' ? <DevicesPage storeId={storeId} /> : null}
      {tab === 'funnel' ? <FunnelPage storeId={storeId} /> : null}
      {tab === 'sellout' && storeId ? <SelloutPage storeId={storeId} /> : null}
      {tab === 'regions' ? <RegionsPage storeId={storeId} /> : null}
      {tab === 'stores' && !storeId ? <StoresPage /> : null}
    </div>
  );
}

/** The platform admin's analytics: the same pages over every store. */
export function AdminAnalyticsPage() {
  return <AnalyticsPage storeId={null} />;
}
