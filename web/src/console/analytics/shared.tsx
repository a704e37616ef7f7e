/**
 * Pieces shared by the analytics pages: a lean ECharts set-up (only the charts used), a
 * chart component, the filter bar (date range, bucket, launch, SKU), CSV download links,
 * and the pages' words in English and Chinese.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useGet } from '../../lib/query';
import { useLocale } from '../../lib/i18n';

echarts.use([LineChart, BarChart, PieChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, TitleComponent, CanvasRenderer]);

/** An ECharts option object (kept loose: each page builds its own). */
export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

/**
 * One chart: created on mount, updated when the option changes, resized with its box, disposed
 * on unmount. `drawn`, when given, names what it draws (a data-drawn attribute a test can read).
 */
export function Chart({ option, height = 320, label, drawn }: { option: ChartOption; height?: number; label: string; drawn?: string }) {
  const el = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} role="img" aria-label={label} data-drawn={drawn} style={{ width: '100%', height }} />;
}

const DAY = 86_400_000;

/** The filters every analytics page shares. */
export interface Filters {
  from: number;
  to: number;
  bucket: 'minute' | 'hour' | 'day';
  launchId: string;
  skuId: string;
}

/** Filters of the last 30 days, by day. */
export function defaultFilters(): Filters {
  const to = Math.ceil(Date.now() / DAY) * DAY;
  return { from: to - 30 * DAY, to, bucket: 'day', launchId: '', skuId: '' };
}

/** The query of the filters (only what is set), and a table's most rows. */
export function filterQuery(f: Filters, limit?: number) {
  return { from: String(f.from), to: String(f.to), bucket: f.bucket, launchId: f.launchId || undefined, skuId: f.skuId || undefined, limit };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The store's launches and SKUs, for the filter menus (none for the platform view). */
export function useFilterChoices(storeId: string | null) {
  const enabled = storeId !== null;
  const launches = useGet('/launches', { params: { query: { storeId: storeId ?? undefined, include: 'all', limit: 100 } } }, { enabled }).data?.launches ?? [];
  const products = useGet('/stores/{storeId}/products', { params: { path: { storeId: storeId ?? '' } } }, { enabled }).data?.products ?? [];
  const skus = products.flatMap((p) => p.skus.map((s) => ({ id: s.id, label: `${p.title} · ${s.code}` })));
  return { launches, skus };
}

/** The filter bar: from/to dates, and (where the page uses them) bucket, launch and SKU. */
export function FilterBar({ value, onChange, storeId, show: wanted }: { value: Filters; onChange: (f: Filters) => void; storeId: string | null; show: Array<'bucket' | 'launch' | 'sku'> }) {
  const t = useAT();
  // Launch and SKU menus list one store's; the platform view filters by dates (and bucket).
  const show = storeId ? wanted : wanted.filter((x) => x === 'bucket');
  const { launches, skus } = useFilterChoices(storeId);
  return (
    <form className="filter-row" onSubmit={(e) => e.preventDefault()} aria-label={t('filters')}>
      <label className="field">
        <span>{t('from')}</span>
        <input type="date" value={isoDay(value.from)} onChange={(e) => e.target.value && onChange({ ...value, from: Date.parse(`${e.target.value}T00:00:00Z`) })} />
      </label>
      <label className="field">
        <span>{t('to')}</span>
        <input type="date" value={isoDay(value.to - 1)} onChange={(e) => e.target.value && onChange({ ...value, to: Date.parse(`${e.target.value}T00:00:00Z`) + DAY })} />
      </label>
      {show.includes('bucket') ? (
        <label className="field">
          <span>{t('bucket')}</span>
          <select value={value.bucket} onChange={(e) => onChange({ ...value, bucket: e.target.value as Filters['bucket'] })}>
            <option value="minute">{t('minute')}</option>
            <option value="hour">{t('hour')}</option>
            <option value="day">{t('day')}</option>
          </select>
        </label>
      ) : null}
      {show.includes('launch') ? (
        <label className="field">
          <span>{t('launch')}</span>
          <select value={value.launchId} onChange={(e) => onChange({ ...value, launchId: e.target.value })}>
            <option value="">{t('all')}</option>
            {launches.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {show.includes('sku') ? (
        <label className="field">
          <span>{t('sku')}</span>
          <select value={value.skuId} onChange={(e) => onChange({ ...value, skuId: e.target.value })}>
            <option value="">{t('all')}</option>
            {skus.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </form>
  );
}

/** A link that downloads the table as CSV (the browser's session cookie authorises it). */
export function CsvLink({ path, query = {} }: { path: string; query?: Record<string, string | number | undefined> }) {
  const t = useAT();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  params.set('format', 'csv');
  const href = `/api/v1${path}?${params.toString()}`;
  return (
    <a className="btn" href={href} download>
      {t('csv')}
    </a>
  );
}

const WORDS = {
  en: {
    filters: 'Filters', from: 'From', to: 'To', bucket: 'Bucket', minute: 'Minute', hour: 'Hour', day: 'Day', launch: 'Launch', sku: 'SKU', all: 'All', csv: 'Download CSV',
    sales: 'Sales', devices: 'Devices', funnel: 'Launch funnel', sellout: 'Sell-out', regions: 'Regions', orders: 'Orders', units: 'Units', revenue: 'Revenue', views: 'Views', refunds: 'Refunds',
    buyers: 'Buyers', transactions: 'Transactions', mobileShare: 'Share from mobile', estimated: 'Buyer counts above a few hundred per day are estimated (±2 %).',
    step: 'Step', conversion: 'Conversion', fromPrevious: 'from previous step', expiryRate: 'Hold-expiry rate', refusals: 'Refusals', noLaunch: 'Pick a launch to see its sell-out curve.',
    second: 'Seconds since start', held: 'Reserved (net)', paid: 'Paid', timeToSellOut: 'All units reserved after', notSoldOut: 'Not all reserved', timeToPaidOut: 'Last unit paid after', notPaidOut: 'Not all paid yet', admissions: 'Admissions', waitingCount: '{admissions} admissions of {buyers} buyers: a buyer let in again after a turn or a reservation ran out counts once for each admission.', waiting: 'Waiting time', admitted: 'Admitted', region: 'Region', product: 'Product', empty: 'No data in this range yet.',
    registered: 'Registered', queued: 'Queued', held_step: 'Held',
    stores: 'By store', byStore: 'Platform totals by store', totals: 'Platform totals', store: 'Store', share: 'Share of revenue', refunded: 'Refunded',
  },
  'zh-CN': {
    filters: '筛选', from: '开始', to: '结束', bucket: '粒度', minute: '分钟', hour: '小时', day: '天', launch: '首发活动', sku: 'SKU', all: '全部', csv: '下载 CSV',
    sales: '销售', devices: '设备', funnel: '首发漏斗', sellout: '售罄曲线', regions: '地区', orders: '订单', units: '件数', revenue: '销售额', views: '浏览', refunds: '退款',
    buyers: '买家', transactions: '交易', mobileShare: '移动端占比', estimated: '每天超过数百位买家时为估算值（±2%）。',
    step: '步骤', conversion: '转化率', fromPrevious: '相对上一步', expiryRate: '预留过期率', refusals: '拒绝', noLaunch: '请选择一个首发活动查看售罄曲线。',
    second: '开始后秒数', held: '已预留（净）', paid: '已支付', timeToSellOut: '全部预留用时', notSoldOut: '尚未全部预留', timeToPaidOut: '最后一件支付用时', notPaidOut: '尚未全部支付', admissions: '放行次数', waitingCount: '{buyers} 位买家共放行 {admissions} 次：轮次或预留过期后再次放行的买家，每次放行都计入。', waiting: '排队时长', admitted: '已放行', region: '地区', product: '商品', empty: '此时间范围内暂无数据。',
    registered: '已登记', queued: '排队', held_step: '已预留',
    stores: '按店铺', byStore: '平台总计与店铺占比', totals: '平台总计', store: '店铺', share: '销售额占比', refunded: '已退款',
  },
} as const;

/** The analytics pages' words in the current locale. */
export function useAT(): (k: keyof (typeof WORDS)['en']) => string {
  const locale = useLocale();
  return (k) => (locale === 'zh-CN' ? WORDS['zh-CN'][k] : WORDS.en[k]);
}
