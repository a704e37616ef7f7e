/** The operator's Outbox (/admin/outbox): what notifications sent, or would send without SMTP_URL, by e-mail and push. */
import { useGet } from '../lib/query';
import { ErrorNote, Loading, useTitle } from '../ui';
import { useNT } from '../pages/notification-strings';


export function OutboxAdmin() {
  const { t, date } = useNT();
  useTitle(t('outbox.title'));
  const box = useGet('/admin/notifications/outbox', { params: { query: { limit: 100 } } });
  return (
    <div className="console-page">
      <h1>{t('outbox.title')}</h1>
      <ErrorNote>{box.error}</ErrorNote>
      {!box.data ? <Loading /> : <p className="muted" data-testid="outbox-mode">{box.data.smtp ? t('outbox.smtp') : t('outbox.noSmtp')}</p>}
      {box.data && box.data.deliveries.length === 0 ? <p>{t('outbox.empty')}</p> : null}
      {box.data && box.data.deliveries.length > 0 ? (
        <table className="table" data-testid="outbox">
          <caption className="visually-hidden">{t('outbox.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('outbox.to')}</th>
              <th scope="col">{t('outbox.channel')}</th>
              <th scope="col">{t('outbox.message')}</th>
              <th scope="col">{t('outbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {box.data.deliveries.map((d) => (
              <tr key={`${d.notificationId}-${d.channel}`}>
                <td data-label={t('outbox.to')}>{d.to}</td>
                <td data-label={t('outbox.channel')}>{d.channel}</td>
                <td data-label={t('outbox.message')}>
                  <strong>{d.title}</strong>
                  <br />
                  <span className="small">{d.body}</span>
                </td>
                <td data-label={t('outbox.status')}>
                  {d.status}
                  {d.reason ? ` (${d.reason})` : ''}
                  <br />
                  <span className="small muted">{date(d.sentAt ?? d.createdAt)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
