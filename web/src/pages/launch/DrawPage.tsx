/**
 * "Verify this draw" (/launches/:id/draw): the launch's commitment, and once drawn the revealed
 * seed, the frozen entrant list and the line — checked here, in the browser, by the rules of
 * docs/draw.md — with the signed-in buyer's own ticket and place (or any ticket pasted in).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from '../../lib/router';
import { useGet } from '../../lib/query';
import { ErrorNote, Loading, useTitle } from '../../ui';
import { canCheck, checkDraw, type DrawCheck } from './draw-check';
import { useLT } from './strings';
import './launch.css';

export function DrawPage({ id }: { id: string }) {
  const { t, date } = useLT();
  useTitle(t('verify.title'));
  const { data, error, loading } = useGet('/launches/{launchId}/draw', { params: { path: { launchId: id } } });
  const [check, setCheck] = useState<DrawCheck | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const [pasted, setPasted] = useState('');
  const [looked, setLooked] = useState<string | null>(null);

  useEffect(() => {
    if (!data || data.state !== 'drawn' || !canCheck()) return;
    let live = true;
    checkDraw(data, (p) => live && setProgress(p))
      .then((c) => live && setCheck(c))
      .catch((e: Error) => live && setFailed(e.message));
    return () => {
      live = false;
    };
  }, [data]);

  if (loading && !data) return <Loading />;
  if (error || !data) return <ErrorNote>{error ?? t('page.notFound')}</ErrorNote>;
  const ok = check && check.commitmentOk && check.entrantsHashOk && check.arrivalsIncrease && check.lineOk;
  const placeOf = (ticket: string) => (check ? check.line.indexOf(ticket) + 1 : data.line.indexOf(ticket) + 1);
  const lookUp = (e: FormEvent) => {
    e.preventDefault();
    setLooked(pasted.trim().toLowerCase());
  };

  return (
    <div className="draw-page">
      <p className="small">
        <Link to={`/launches/${id}`}>{t('verify.back')}</Link>
      </p>
      <h1>{t('verify.title')}</h1>
      <p className="muted">{t('verify.intro')}</p>
      <dl className="draw-facts">
        <dt>{t('verify.commitment')}</dt>
        <dd className="mono small draw-commitment">{data.commitment ?? '—'}</dd>
        {data.committedAt ? (
          <>
            <dt>{t('verify.committedAt')}</dt>
            <dd>{date(data.committedAt)}</dd>
          </>
        ) : null}
        <dt>{t('verify.seed')}</dt>
        <dd className="mono small draw-seed">{data.seed ?? t('verify.sealed', { time: date(data.startsAt) })}</dd>
        <dt>{t('verify.entrants')}</dt>
        <dd>{data.state === 'drawn' ? data.entrants.length : '—'}</dd>
        {data.entrantsHash ? (
          <>
            <dt>{t('verify.entrantsHash')}</dt>
            <dd className="mono small">{data.entrantsHash}</dd>
          </>
        ) : null}
      </dl>

      {data.state === 'uncommitted' ? <p role="status">{t('verify.uncommitted')}</p> : null}
      {data.state === 'committed' ? <p role="status">{t('verify.notYet')}</p> : null}
      {data.state === 'drawn' && !canCheck() ? <ErrorNote>{t('verify.insecure')}</ErrorNote> : null}
      {failed ? <ErrorNote>{failed}</ErrorNote> : null}
      {data.state === 'drawn' && canCheck() && !check && !failed ? <p role="status">{t('verify.checking', { pct: Math.round(progress * 100) })}</p> : null}
      {check ? (
        <section aria-labelledby="checks-h">
          <h2 id="checks-h" className={ok ? 'draw-verified' : 'draw-failed'} data-verified={ok ? 'yes' : 'no'}>
            {ok ? t('verify.ok') : t('verify.bad')}
          </h2>
          <ul className="draw-checks">
            <li data-ok={check.commitmentOk}>{check.commitmentOk ? '✓' : '✗'} {t('verify.c.commitment')}</li>
            <li data-ok={check.entrantsHashOk}>{check.entrantsHashOk ? '✓' : '✗'} {t('verify.c.list')}</li>
            <li data-ok={check.arrivalsIncrease}>{check.arrivalsIncrease ? '✓' : '✗'} {t('verify.c.arrivals')}</li>
            <li data-ok={check.lineOk}>{check.lineOk ? '✓' : '✗'} {t('verify.c.line')}</li>
          </ul>
        </section>
      ) : null}

      {data.mine ? (
        <section aria-labelledby="mine-h" className="draw-mine">
          <h2 id="mine-h">{t('verify.mine')}</h2>
          <p>
            {t('verify.ticket')} <span className="mono">{data.mine.ticket}</span> · {t('verify.arrival', { n: data.mine.arrival })}
          </p>
          {data.state === 'drawn' ? <p className="draw-my-place">{t('verify.place', { n: placeOf(data.mine.ticket), of: data.line.length })}</p> : null}
        </section>
      ) : null}

      {data.state === 'drawn' ? (
        <form onSubmit={lookUp} className="draw-lookup">
          <label htmlFor="ticket-in">{t('verify.lookup')}</label>
          <input id="ticket-in" className="mono" value={pasted} onChange={(e) => setPasted(e.target.value)} maxLength={32} autoComplete="off" />
          <button type="submit" className="btn">
            {t('verify.find')}
          </button>
          {looked ? <p role="status">{placeOf(looked) > 0 ? t('verify.place', { n: placeOf(looked), of: data.line.length }) : t('verify.notIn')}</p> : null}
        </form>
      ) : null}

      {data.state === 'drawn' ? (
        <details className="draw-list">
          <summary>{t('verify.showLine')}</summary>
          <ol className="mono small">
            {data.line.slice(0, 1000).map((ticket) => (
              <li key={ticket}>{ticket}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
