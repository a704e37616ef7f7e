/** The action card's panel for the view chooseView (view.ts) picked, with what each panel needs. */
import { Link } from '../../lib/router';
import type { Hold, Launch, QueueStatus } from '../../lib/types';
import { useT } from '../../strings';
import { Loading } from '../../ui';
import { Block } from './Block';
import { JoinBlock, RegisterBlock } from './EntryPanel';
import { HoldBlock } from './HoldPanel';
import { useLT } from './strings';
import type { Kept, View } from './view';
import { QueueBlock } from './WaitingRoomPanel';

export interface PanelProps {
  view: View;
  /** The viewer belongs to the launch's store (a link to its monitor). */
  member: boolean;
  launch: Launch;
  phase: Launch['phase'];
  now: number;
  units: number;
  holds: Hold[];
  kept: Kept;
  /** Why the buyer's last turn ended (the panel that says so). */
  turnEndedBy: 'pay' | 'reserve';
  transport: 'stream' | 'polling' | null;
  onRegistered: (n: number) => void;
  onJoined: (token: string, status: QueueStatus) => void;
  onHeld: (hold: Hold) => void;
  onPassGone: () => void;
  onChanged: () => void;
}

export function Panel(p: PanelProps) {
  const { t } = useLT();
  const { date } = useT();
  const { view, launch } = p;
  switch (view.kind) {
    case 'signIn':
      return (
        <Block title={t('signIn.title')} body={t('signIn.body')}>
          <Link to={`/login?next=${encodeURIComponent(`/launches/${launch.id}`)}`} className="btn btn-primary btn-lg btn-block" data-autofocus>
            {t('signIn.cta')}
          </Link>
        </Block>
      );
    case 'loading':
      return <Loading />;
    case 'notBuyer':
      return (
        <Block title={t('notBuyer.title')} body={t('notBuyer.body')}>
          {p.member ? (
            <Link to={`/console/launches/${launch.id}`} className="btn btn-block">
              {t('notBuyer.monitor')}
            </Link>
          ) : null}
        </Block>
      );
    case 'over':
      return <Block title={p.phase === 'cancelled' ? t('over.cancelled') : t('over.ended')} body={t('over.body')} />;
    case 'done':
      return <Block title={t('done.title')} body={t('done.body', { n: launch.perBuyerLimit })} />;
    case 'registerSoon':
      return <Block title={t('register.soon', { date: date(launch.registrationOpensAt ?? launch.startsAt) })} body={t('register.soonBody')} />;
    case 'closed':
      // This browser may not know about a registration made elsewhere: joining tells.
      return (
        <Block title={t('register.closed')} body={t('register.closedBody')}>
          <p className="launch-block-body">{t('register.elsewhere')}</p>
          <JoinBlock {...p} secondary />
        </Block>
      );
    case 'register':
      return <RegisterBlock {...p} />;
    case 'join':
    case 'joining':
      return <JoinBlock {...p} />;
    case 'passExpired':
      return <Block title={t('passExpired.title')} body={p.turnEndedBy === 'pay' ? t('passExpired.bodyPay') : t('passExpired.body')} tone="warn" />;
    case 'hold':
      return <HoldBlock hold={view.hold} launch={launch} now={p.now} onChanged={p.onChanged} />;
    case 'queue':
      return <QueueBlock {...p} status={view.status} />;
  }
}
