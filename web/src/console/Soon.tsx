/** Launches and Analytics have their place in the console now; their APIs are still being built. */
import { useTitle } from '../ui';
import { useCT } from './strings';

export function ComingSoon({ kind }: { kind: 'launches' | 'analytics' }) {
  const { t } = useCT();
  const title = kind === 'launches' ? t('console.launches') : t('console.analytics');
  useTitle(title);
  return (
    <div className="console-page">
      <h1>{title}</h1>
      <div className="card soon" data-testid={`soon-${kind}`}>
        <span className="badge status status-info">{t('soon.badge')}</span>
        <p className="soon-lead">{kind === 'launches' ? t('soon.launchesLead') : t('soon.analyticsLead')}</p>
        <ul className="soon-list">
          {(kind === 'launches' ? (['soon.l1', 'soon.l2', 'soon.l3'] as const) : (['soon.a1', 'soon.a2', 'soon.a3'] as const)).map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
