/** A store's page: its header (with the verified flagship badge) and its products. */
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../lib/api';
import { useApi } from '../lib/useApi';
import type { ProductHit, Store } from '../lib/types';
import { useT } from '../strings';
import { EmptyState, ErrorNote, FlagshipBadge, Loading, ProductCard, SkeletonGrid, StoreLogo, useTitle } from '../ui';

export function StorePage({ slug }: { slug: string }) {
  const { t } = useT();
  const store = useApi<Store>(`/stores/${encodeURIComponent(slug)}`);
  const s = store.data;
  useTitle(s?.name);
  const [items, setItems] = useState<ProductHit[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (after: string | null) => {
    if (!s) return;
    setBusy(true);
    try {
      const r = await api<{ items: ProductHit[]; nextCursor: string | null }>('GET', `/products?storeId=${s.id}&sort=newest&limit=12${after ? `&cursor=${encodeURIComponent(after)}` : ''}`);
      setItems((prev) => (after ? [...(prev ?? []), ...r.items] : r.items));
      setCursor(r.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load(null);
  }, [s?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (store.error) return <div className="page"><ErrorNote>{store.error}</ErrorNote></div>;
  if (!s) return <div className="page"><Loading /></div>;
  return (
    <div className="page store-page">
      <header className="store-hero">
        <StoreLogo s={s} large />
        <div>
          <h1>{s.name}</h1>
          <p className="store-meta">
            {s.kind === 'flagship' && s.verified ? <FlagshipBadge /> : <span className="badge">{t(s.kind === 'flagship' ? 'store.flagshipPending' : 'store.marketplace')}</span>}
          </p>
          {s.description ? <p className="store-desc">{s.description}</p> : null}
        </div>
      </header>
      <h2>{t('store.products')}</h2>
      <ErrorNote>{error}</ErrorNote>
      {items === null ? <SkeletonGrid count={4} /> : null}
      {items && items.length === 0 ? <EmptyState title={t('store.empty')} /> : null}
      {items && items.length > 0 ? (
        <ul className="grid-products" role="list">
          {items.map((p) => (
            <li key={p.id}>
              <ProductCard p={p} />
            </li>
          ))}
        </ul>
      ) : null}
      {cursor ? (
        <div className="load-more">
          <button type="button" className="btn" disabled={busy} onClick={() => void load(cursor)}>
            {t('search.more')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
