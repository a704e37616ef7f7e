/**
 * The waiting room: a place in line (the pre-queue before the start, live, paused, sold out
 * with units that may come back, the line ended); once admitted, ReservePanel's form.
 */
import { useRef } from 'react';
import type { QueueStatus } from '../../lib/types';
import { useT } from '../../strings';
import { Block } from './Block';
import { useDuration } from './duration';
import { addSample, estimateWait, waitUnits, type LineSample } from './eta';
import type { PanelProps } from './Panel';
import { AdmittedBlock } from './ReservePanel';
import { useLT } from './strings';

export function QueueBlock(p: PanelProps & { status: QueueStatus }) {
  const { t } = useLT();
  const { date } = useT();
  const duration = useDuration();
  const st = p.status;
  if (st.state === 'admitted') return <AdmittedBlock {...p} />;
  if (st.state === 'ended') return <Block title={t('over.ended')} body={t('over.body')} />;
  if (st.state === 'prequeue') {
    return (
      <Block title={t('wait.title')} body={t('wait.prequeueBody', { time: date(p.launch.startsAt) })} tone="ok">
        <Transport transport={p.transport} />
      </Block>
    );
  }
  if (st.state === 'paused') {
    return (
      <Block title={t('paused.title')} body={t('paused.body')} tone="warn">
        <LineFigures status={st} />
        <Transport transport={p.transport} />
      </Block>
    );
  }
  if (st.state === 'sold_out') {
    return (
      <Block title={t('soldOut.title')} body={t('soldOut.body')} tone="warn">
        {(st.ahead ?? 0) > 0 ? <LineFigures status={st} /> : null}
        <Transport transport={p.transport} />
      </Block>
    );
  }
  return (
    <Block title={t('wait.title')}>
      <LineFigures status={st} progress />
      <p className="launch-block-body">{t('wait.body', { ttl: duration(p.launch.admission.passTtlMs) })}</p>
      <Transport transport={p.transport} />
    </Block>
  );
}

/**
 * Place, buyers ahead and the estimated wait, with a bar that fills as the line moves. The
 * wait is the slower of the server's figure and the pace the line was seen to move at
 * (eta.ts); while sold out or paused nobody is let in, so no time is promised then.
 */
function LineFigures({ status, progress }: { status: QueueStatus; progress?: boolean }) {
  const { t } = useLT();
  const { locale } = useT();
  const most = useRef(0);
  const samples = useRef<LineSample[]>([]);
  if (status.ahead !== null) most.current = Math.max(most.current, status.ahead);
  if (status.state === 'waiting' && status.ahead !== null) samples.current = addSample(samples.current, { at: status.serverTime, ahead: status.ahead });
  if (status.position === null) return <p className="launch-block-body">{t('wait.drawing')}</p>;
  const n = new Intl.NumberFormat(locale);
  const estimate = status.state === 'waiting' ? estimateWait(samples.current, status.etaSeconds) : ({ kind: 'unknown' } as const);
  let etaText: string;
  if (estimate.kind === 'seconds') {
    const u = waitUnits(estimate.seconds);
    etaText = u.unit === 'soon' ? t('wait.etaSoon') : u.unit === 'min' ? t('wait.etaMin', { n: u.n }) : t('wait.etaHours', { n: u.n });
  } else if (estimate.kind === 'stalled') etaText = t('wait.etaStalled');
  else etaText = status.state === 'paused' ? t('wait.etaPaused') : t('wait.etaUnits');
  const pct = most.current > 0 ? Math.round(100 * (1 - (status.ahead ?? 0) / most.current)) : status.ahead === 0 ? 100 : 0;
  return (
    <>
      <dl className="wait-figures" data-testid="wait-figures">
        <div>
          <dt>{t('wait.place')}</dt>
          <dd data-testid="wait-position">{n.format(status.position)}</dd>
        </div>
        <div>
          <dt>{t('wait.ahead')}</dt>
          <dd data-testid="wait-ahead">{n.format(status.ahead ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('wait.eta')}</dt>
          <dd data-testid="wait-eta">{etaText}</dd>
        </div>
      </dl>
      {progress ? (
        <div className="wait-bar" role="progressbar" aria-label={t('wait.progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <span style={{ width: `${Math.max(4, pct)}%` }} />
        </div>
      ) : null}
    </>
  );
}

function Transport({ transport }: { transport: 'stream' | 'polling' | null }) {
  const { t } = useLT();
  if (!transport) return null;
  return (
    <p className="wait-transport" data-transport={transport}>
      <span className={transport === 'stream' ? 'live-dot' : 'live-dot idle'} aria-hidden="true" />
      {transport === 'stream' ? t('wait.live') : t('wait.polling')}
    </p>
  );
}
