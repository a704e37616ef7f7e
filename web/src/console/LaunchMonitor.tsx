/**
 * The live launch monitor: the seller-only SSE stream of counters (once a second), with
 * polling as the fallback, the allotment split into sold / reserved / available, and a
 * chart of units reserved and units paid per second: on load, the server's recent history (so
 * a reload does not start it empty), then points computed from consecutive live samples — the
 * same two measures both ways (see `historyPoints` and `accept`), so the seconds a reload
 * brings back read as the live chart had shown them.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, ApiError, call, errorMessage } from '../lib/api';
import { phaseAt } from '../lib/launch';
import { Link } from '../lib/router';
import { useServerNow } from '../lib/clock';
import { useGet } from '../lib/query';
import type { LaunchMonitor } from '../lib/types';
import { ErrorNote, LaunchBadge, Loading, optionsText, useTitle } from '../ui';
import type { RatePoint } from './MonitorChart';
import { LaunchActions } from './Launches';
import { useLCT } from './launch-strings';

const MonitorChart = lazy(() => import('./MonitorChart'));

/** Five minutes of one-second samples. */
const KEEP = 300;

/**
 * The server's history as chart points, one a second from the first second with a
 * reservation or payment up to `until` (seconds without one are zeros, not gaps). Measured as
 * the live points are: units reserved net of units returned (expired or cancelled holds) in
 * that second, never below zero, and units paid; each placed at the end of its second, as a
 * live point is at the sample that ends its interval.
 */
function historyPoints(history: Array<{ at: number; heldUnits: number; paidUnits: number; releasedUnits: number }>, until: number): RatePoint[] {
  const bySecond = new Map(history.map((h) => [h.at, h]));
  const out: RatePoint[] = [];
  for (let start = history[0]!.at; start < until && out.length < KEEP * 2; start += 1000) {
    const h = bySecond.get(start);
    out.push({ at: start + 1000, holds: Math.max(0, (h?.heldUnits ?? 0) - (h?.releasedUnits ?? 0)), sales: h?.paidUnits ?? 0 });
  }
  return out.slice(-KEEP);
}

function useMonitor(id: string) {
  const [snap, setSnap] = useState<LaunchMonitor | null>(null);
  const [points, setPoints] = useState<RatePoint[]>([]);
  const [transport, setTransport] = useState<'stream' | 'polling' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    // The server's recent seconds first: live points are added after the last of them.
    void call(api.GET('/launches/{launchId}/monitor/history', { params: { path: { launchId: id }, query: { seconds: KEEP } } }))
      .then((h) => {
        if (stopped || h.points.length === 0) return;
        setPoints((live) => {
          const past = historyPoints(h.points, live[0]?.at ?? Date.now());
          const lastPast = past[past.length - 1]?.at ?? 0;
          return [...past, ...live.filter((p) => p.at > lastPast)].slice(-KEEP);
        });
      })
      .catch(() => {
        /* the live samples still draw the chart */
      });
    let es: EventSource | null = null;
    let timer = 0;
    let watchdog = 0;
    let prev: LaunchMonitor | null = null;
    const accept = (m: LaunchMonitor) => {
      if (prev && m.at > prev.at) {
        // Units, as the history counts them: held + sold grows by the units reserved and shrinks
        // by those returned (a payment moves units from held to sold); sold grows by those paid.
        const dt = (m.at - prev.at) / 1000;
        const taken = m.held + m.sold - (prev.held + prev.sold);
        const point = { at: m.at, holds: Math.max(0, taken / dt), sales: Math.max(0, (m.sold - prev.sold) / dt) };
        setPoints((ps) => [...ps.slice(-(KEEP - 1)), point]);
      }
      prev = m;
      setSnap(m);
      setError(null);
    };
    const poll = async () => {
      try {
        accept(await call(api.GET('/launches/{launchId}/monitor', { params: { path: { launchId: id } } })));
      } catch (err) {
        if (stopped) return;
        setError(errorMessage(err));
        if (err instanceof ApiError && (err.status === 404 || err.status === 403 || err.status === 401)) return;
      }
      if (!stopped) timer = window.setTimeout(() => void poll(), 2000);
    };
    const fallBack = () => {
      es?.close();
      es = null;
      window.clearTimeout(watchdog);
      if (stopped) return;
      setTransport('polling');
      void poll();
    };
    if (typeof EventSource === 'undefined') fallBack();
    else {
      const source = new EventSource(`/api/v1/launches/${encodeURIComponent(id)}/monitor/stream`);
      es = source;
      const arm = () => {
        window.clearTimeout(watchdog);
        watchdog = window.setTimeout(fallBack, 5000);
      };
      arm();
      source.onopen = () => setTransport('stream');
      source.onmessage = (e: MessageEvent<string>) => {
        arm();
        try {
          accept(JSON.parse(e.data) as LaunchMonitor);
        } catch {
          /* the next sample comes in a second */
        }
      };
      source.addEventListener('error', (e) => {
        if (e instanceof MessageEvent) return; // the server's own error event: the next sample retries
        if (source.readyState === EventSource.CLOSED) fallBack();
      });
    }
    return () => {
      stopped = true;
      es?.close();
      window.clearTimeout(timer);
      window.clearTimeout(watchdog);
    };
  }, [id]);

  return { snap, points, transport, error };
}

export function LaunchMonitorPage({ id }: { id: string }) {
  const { t, date, locale } = useLCT();
  const { data: launch, error, setData } = useGet('/launches/{launchId}', { params: { path: { launchId: id } } });
  useTitle(launch ? `${launch.title} · ${t('l.monitor')}` : t('l.monitor'));
  const { snap, points, transport, error: monitorError } = useMonitor(id);
  const now = useServerNow();
  const n = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const fmt = (x: number) => n.format(x);

  if (error) return <ErrorNote>{error}</ErrorNote>;
  if (!launch) return <Loading />;
  const phase = snap ? snap.phase : phaseAt(launch, now);
  const paused = snap?.paused ?? launch.paused;

  const counters: Array<[string, number | string, string]> = snap
    ? [
        [t('m.registered'), fmt(snap.registered), 'registered'],
        [t('m.queued'), snap.waitingForReturns > 0 ? t('m.queuedWithReturns', { n: fmt(snap.queued + snap.waitingForReturns), returns: fmt(snap.waitingForReturns) }) : fmt(snap.queued), 'queued'],
        [t('m.admitted'), fmt(snap.admitted), 'admitted'],
        [t('m.active'), fmt(snap.active), 'active'],
        [t('m.held'), fmt(snap.held), 'held'],
        [t('m.sold'), fmt(snap.sold), 'sold'],
        [t('m.available'), `${fmt(snap.available)} / ${fmt(snap.allotment)}`, 'available'],
        [t('m.attemptsPerSecond'), fmt(snap.attemptsPerSecond), 'attempts'],
        [t('m.holdsCreated'), fmt(snap.holdsCreated), 'holds'],
        [t('m.payments'), fmt(snap.payments), 'payments'],
      ]
    : [];
  const last = points[points.length - 1];
  const sum = (k: 'holds' | 'sales') => Math.round(points.reduce((s, p) => s + p[k], 0));
  const summary = t('m.chartSummary', { n: points.length, holds: sum('holds'), sales: sum('sales'), hps: (last?.holds ?? 0).toFixed(1), sps: (last?.sales ?? 0).toFixed(1) });
  const share = (x: number) => (snap && snap.allotment > 0 ? `${(100 * x) / snap.allotment}%` : '0%');
  const rejections = Object.entries(snap?.rejections ?? {}).sort((a, b) => b[1] - a[1]);

  return (
    <div className="console-page monitor-page">
      <p>
        <Link to="/console/launches" className="back-link">
          <span aria-hidden="true">←</span> {t('m.back')}
        </Link>
      </p>
      <div className="page-head monitor-head">
        <h1>{launch.title}</h1>
        <LaunchBadge phase={phase} paused={paused} />
      </div>
      <p className="monitor-meta muted">
        <span>{t('m.starts', { date: date(launch.startsAt) })}</span>
        <span>{t('m.ends', { date: date(launch.endsAt) })}</span>
        {/* How the counters arrive, never "Live": the sale itself may be paused. */}
        <span className="monitor-transport" data-transport={transport ?? 'none'}>
          <span className={transport === 'stream' && !paused ? 'live-dot' : 'live-dot idle'} aria-hidden="true" />
          {transport === 'stream' ? t('m.streaming') : transport === 'polling' ? t('m.polling') : t('m.connecting')}
        </span>
      </p>
      <div className="actions">
        <LaunchActions launch={{ ...launch, paused }} onChanged={setData} />
        <Link to={`/launches/${launch.id}`} className="btn btn-ghost">
          {t('l.view')}
        </Link>
      </div>
      {monitorError ? <ErrorNote>{t('m.error', { message: monitorError })}</ErrorNote> : null}
      <section className="card" aria-labelledby="counters-h">
        <h2 id="counters-h" className="visually-hidden">
          {t('m.counters')}
        </h2>
        {snap ? (
          <dl className="monitor-counters" data-testid="monitor-counters">
            {counters.map(([label, value, key]) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd data-testid={`m-${key}`}>{value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <Loading />
        )}
      </section>
      {snap ? (
        <section className="card" aria-labelledby="stock-h">
          <h2 id="stock-h">{t('m.stock')}</h2>
          <div className="stock-bar" aria-hidden="true">
            <span className="seg-sold" style={{ width: share(snap.sold) }} />
            <span className="seg-held" style={{ width: share(snap.held) }} />
            <span className="seg-available" style={{ width: share(snap.available) }} />
          </div>
          <p className="stock-legend">
            <span>
              <i className="seg-sold" aria-hidden="true" /> {t('m.sold')} {fmt(snap.sold)}
            </span>
            <span>
              <i className="seg-held" aria-hidden="true" /> {t('m.held')} {fmt(snap.held)}
            </span>
            <span>
              <i className="seg-available" aria-hidden="true" /> {t('m.available')} {fmt(snap.available)}
            </span>
          </p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="chart-h">
        <h2 id="chart-h">{t('m.chart')}</h2>
        <Suspense fallback={<div className="monitor-chart" />}>
          <MonitorChart points={points} labels={{ holds: t('m.holdsPerSecond'), sales: t('m.salesPerSecond'), axis: t('m.chartAxis') }} summary={summary} locale={locale} />
        </Suspense>
      </section>
      <div className="monitor-grid">
        <section className="card" aria-labelledby="rej-h">
          <h2 id="rej-h">{t('m.rejections')}</h2>
          {rejections.length === 0 ? (
            <p className="muted">{t('m.noRejections')}</p>
          ) : (
            <dl className="monitor-list">
              {rejections.map(([code, count]) => (
                <div key={code}>
                  <dt className="mono">{code}</dt>
                  <dd>{fmt(count)}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        {snap ? (
          <section className="card" aria-labelledby="skus-h">
            <h2 id="skus-h">{t('m.skus')}</h2>
            <table className="table table-plain">
              <thead>
                <tr>
                  <th scope="col">{t('m.sku')}</th>
                  <th scope="col">{t('m.sold')}</th>
                  <th scope="col">{t('m.held')}</th>
                  <th scope="col">{t('m.available')}</th>
                </tr>
              </thead>
              <tbody>
                {snap.skus.map((s) => {
                  const item = launch.items.find((i) => i.skuId === s.skuId);
                  return (
                    <tr key={s.skuId}>
                      <td data-label={t('m.sku')}>{item ? `${item.title} ${optionsText(item.options)}` : s.skuId}</td>
                      <td data-label={t('m.sold')}>{fmt(s.sold)}</td>
                      <td data-label={t('m.held')}>{fmt(s.held)}</td>
                      <td data-label={t('m.available')}>
                        {fmt(s.available)} / {fmt(s.allotment)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        ) : null}
      </div>
      {launch.draw ? (
        <p className="small muted">
          {t('m.draw')}: <span className="mono draw-seed">{launch.draw.seed}</span>
        </p>
      ) : null}
    </div>
  );
}
