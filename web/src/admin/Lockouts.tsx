/** Log-in lockouts (/admin/lockouts): what the log-in throttle locked in the last day, by address — credential stuffing shows as one address locking many e-mails. */
import { useGet } from '../lib/query';
import { ErrorNote, Loading, useTitle } from '../ui';
import { useCT } from '../console/strings';


export function LockoutsAdmin() {
  const { t, date } = useCT();
  useTitle(t('admin.lockouts'));
  const box = useGet('/admin/security/lockouts', { params: { query: { hours: 24, limit: 100 } } });
  const minutes = (ms: number) => t('admin.lockoutMinutes', { n: Math.max(1, Math.round(ms / 60_000)) });
  return (
    <div className="console-page">
      <h1>{t('admin.lockouts')}</h1>
      <p className="muted">{t('admin.lockoutsIntro')}</p>
      <ErrorNote>{box.error}</ErrorNote>
      {!box.data && !box.error ? <Loading /> : null}
      {box.data && box.data.lockouts.length === 0 ? <p data-testid="lockouts-none">{t('admin.lockoutsNone')}</p> : null}
      {box.data && box.data.sources.length > 0 ? (
        <>
          <h2>{t('admin.lockoutSources')}</h2>
          <table className="table" data-testid="lockout-sources">
            <thead>
              <tr>
                <th scope="col">{t('admin.lockoutAddress')}</th>
                <th scope="col">{t('admin.lockoutCount')}</th>
                <th scope="col">{t('admin.lockoutAccounts')}</th>
                <th scope="col">{t('admin.lockoutWhen')}</th>
              </tr>
            </thead>
            <tbody>
              {box.data.sources.map((s) => (
                <tr key={s.ip}>
                  <td data-label={t('admin.lockoutAddress')}>
                    <code>{s.ip}</code>
                    {s.addressLocked ? <span className="small"> ({t('admin.lockoutAddressLocked')})</span> : null}
                  </td>
                  <td data-label={t('admin.lockoutCount')}>{s.lockouts}</td>
                  <td data-label={t('admin.lockoutAccounts')}>{s.accounts}</td>
                  <td data-label={t('admin.lockoutWhen')}>{date(s.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('admin.lockoutRecent')}</h2>
          <table className="table" data-testid="lockouts">
            <thead>
              <tr>
                <th scope="col">{t('admin.lockoutWhat')}</th>
                <th scope="col">{t('admin.lockoutAddress')}</th>
                <th scope="col">{t('admin.lockoutFailures')}</th>
                <th scope="col">{t('admin.lockoutFor')}</th>
                <th scope="col">{t('admin.lockoutWhen')}</th>
              </tr>
            </thead>
            <tbody>
              {box.data.lockouts.map((l, i) => (
                <tr key={`${l.at}-${l.ip}-${l.account ?? ''}-${i}`}>
                  <td data-label={t('admin.lockoutWhat')}>{l.scope === 'address' ? t('admin.lockoutWholeAddress') : l.email ?? t('admin.lockoutUnknownEmail')}</td>
                  <td data-label={t('admin.lockoutAddress')}>
                    <code>{l.ip}</code>
                  </td>
                  <td data-label={t('admin.lockoutFailures')}>{l.failures}</td>
                  <td data-label={t('admin.lockoutFor')}>{minutes(l.lockMs)}</td>
                  <td data-label={t('admin.lockoutWhen')}>{date(l.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
