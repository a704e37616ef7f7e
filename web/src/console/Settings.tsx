/** Store settings: name, description and logo (PATCH /stores/:id); kind and verification are shown, not edited. */
import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../lib/api';
import { invalidate, useApi } from '../lib/useApi';
import { Link } from '../lib/router';
import { refreshSession } from '../lib/session';
import type { Store } from '../lib/types';
import { ErrorNote, FlagshipBadge, Loading, useTitle } from '../ui';
import { useCT } from './strings';

export function SettingsPage({ storeId }: { storeId: string }) {
  const { t } = useCT();
  useTitle(t('console.settings'));
  const { data: store, error, setData } = useApi<Store>(`/stores/${storeId}`);
  const [form, setForm] = useState({ name: '', description: '', logoUrl: '' });
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (store) setForm({ name: store.name, description: store.description, logoUrl: store.logoUrl ?? '' });
  }, [store?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (error) return <ErrorNote>{error}</ErrorNote>;
  if (!store) return <Loading />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    setSaved(false);
    try {
      const next = await api<Store>('PATCH', `/stores/${storeId}`, { name: form.name.trim(), description: form.description.trim(), logoUrl: form.logoUrl.trim() || null });
      setData(next);
      invalidate('/stores');
      setSaved(true);
      void refreshSession();
    } catch (e2) {
      setErr(errorMessage(e2));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="console-page">
      <h1>{t('console.settings')}</h1>
      <form className="card form-card" onSubmit={(e) => void submit(e)}>
        <p className="store-meta">
          {store.kind === 'flagship' ? (store.verified ? <FlagshipBadge /> : <span className="badge status status-warn">{t('settings.awaiting')}</span>) : <span className="badge">{t('open.marketplace')}</span>}{' '}
          <Link to={`/s/${store.slug}`}>{t('settings.view')}</Link>
        </p>
        <div className="field">
          <label htmlFor="set-name">{t('settings.name')}</label>
          <input id="set-name" required minLength={2} maxLength={80} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="set-desc">{t('settings.description')}</label>
          <textarea id="set-desc" rows={4} maxLength={2000} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="set-logo">{t('settings.logo')}</label>
          <input id="set-logo" type="url" placeholder="https://" value={form.logoUrl} onChange={(e) => setForm({ ...form, logoUrl: e.target.value })} aria-describedby="logo-hint" />
          <span id="logo-hint" className="hint">
            {t('settings.logoHint')}
          </span>
        </div>
        <ErrorNote>{err}</ErrorNote>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
          <span role="status" className="saved">
            {saved ? t('common.saved') : ''}
          </span>
        </div>
      </form>
    </div>
  );
}
