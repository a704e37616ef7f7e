/**
 * Store settings: the name and description in every content language side by side, and the
 * logo (PATCH /stores/:id); kind and verification are shown, not edited.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, call, errorMessage } from '../lib/api';
import { invalidate, useGet } from '../lib/query';
import { Link } from '../lib/router';
import { refreshSession } from '../lib/session';
import { ErrorNote, FlagshipBadge, Loading, useTitle } from '../ui';
import { hasTitle, primaryLocale, storeTextsBody, storeTextsDraftOf, TextsFields, type ContentLocale, type TextsDraft } from './TextsFields';
import { useCT } from './strings';

export function SettingsPage({ storeId }: { storeId: string }) {
  const { t, locale } = useCT();
  useTitle(t('console.settings'));
  const { data: store, error, setData } = useGet('/stores/{storeRef}', { params: { path: { storeRef: storeId } } });
  const [texts, setTexts] = useState<TextsDraft>({ 'zh-CN': { title: '', description: '' }, en: { title: '', description: '' } });
  const [logoUrl, setLogoUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [nameError, setNameError] = useState<{ at: ContentLocale; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [ready, setReady] = useState(false);
  // The draft from the stored texts and the primary name and description: Accept-Language
  // "*" names none of the content languages, so no language's text stands in the primary's place.
  useEffect(() => {
    let live = true;
    setReady(false);
    call(api.GET('/stores/{storeRef}', { params: { path: { storeRef: storeId } }, headers: { 'accept-language': '*' } }))
      .then((s) => {
        if (!live) return;
        setTexts(storeTextsDraftOf(s));
        setLogoUrl(s.logoUrl ?? '');
        setReady(true);
      })
      .catch((e2: unknown) => live && setErr(errorMessage(e2)));
    return () => {
      live = false;
    };
  }, [storeId]);

  if (error) return <ErrorNote>{error}</ErrorNote>;
  if (!store || !ready) return err ? <ErrorNote>{err}</ErrorNote> : <Loading />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    setSaved(false);
    // The primary name (the fallback for a language left empty) takes at least two characters.
    // No name at all is asked for in the console's own language's column.
    if (!hasTitle(texts) || texts[primaryLocale(texts)].title.trim().length < 2) {
      const at: ContentLocale = hasTitle(texts) ? primaryLocale(texts) : locale === 'en' ? 'en' : 'zh-CN';
      setNameError({ at, message: t('settings.nameRequired') });
      window.setTimeout(() => document.getElementById(`set-title-${at}`)?.focus(), 0);
      return;
    }
    setNameError(null);
    setBusy(true);
    try {
      const next = await call(api.PATCH('/stores/{storeId}', { params: { path: { storeId } }, body: { ...storeTextsBody(texts), logoUrl: logoUrl.trim() || null } }));
      setData(next);
      // The store's name and logo show in the storefront's lists and on its page.
      void invalidate('/stores');
      void invalidate('/stores/{storeRef}');
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
      <form className="card form-card wide" onSubmit={(e) => void submit(e)} noValidate>
        <p className="store-meta">
          {store.kind === 'flagship' ? (store.verified ? <FlagshipBadge /> : <span className="badge status status-warn">{t('settings.awaiting')}</span>) : <span className="badge">{t('open.marketplace')}</span>}{' '}
          <Link to={`/s/${store.slug}`}>{t('settings.view')}</Link>
        </p>
        <TextsFields
          value={texts}
          onChange={(next) => {
            setTexts(next);
            setNameError(null);
            setSaved(false);
          }}
          idPrefix="set"
          labels={{ title: t('settings.name'), description: t('settings.description') }}
          maxLength={{ title: 80, description: 2000 }}
          errors={nameError ? { [`title-${nameError.at}`]: nameError.message } : {}}
        />
        <div className="field">
          <label htmlFor="set-logo">{t('settings.logo')}</label>
          <input id="set-logo" type="url" placeholder="https://" value={logoUrl} onChange={(e) => setLogoUrl(e.target.value)} aria-describedby="logo-hint" />
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
