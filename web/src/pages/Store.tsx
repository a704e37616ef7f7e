/** A store's page: its header (with the verified flagship badge) and its products. */
import { api, call } from '../lib/api';
import { useLocale } from '../lib/i18n';
import { usePaged } from '../lib/paged';
import { useGet } from '../lib/query';
import type { ProductHit } from '../lib/types';
import { useT } from '../strings';
import { EmptyState, ErrorNote, FlagshipBadge, Loading, ProductCard, SkeletonGrid, StoreLogo, useTitle } from '../ui';

export function StorePage({ slug }: { slug: string }) {
  const { t } = useT();
  const locale = useLocale();
  const store = useGet('/stores/{storeRef}', { params: { path: { storeRef: slug } } });
  const s = store.data;
  useTitle(s?.name);
  const storeId = s?.id;
  // The store's products, in the interface's language: listed again when it changes.
  const { items, cursor, error, busy, more } = usePaged<ProductHit>(
    `${storeId} ${locale}`,
    async (after) => {
      const r = await call(api.GET('/products', { params: { query: { storeId, sort: 'newest', limit: 12, cursor: after ?? undefined } } }));
      return { items: r.items, nextCursor: r.nextCursor };
    },
    storeId !== undefined,
  );

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
      {items && items.length === 0 && !error ? <EmptyState title={t('store.empty')} /> : null}
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
          <button type="button" className="btn" disabled={busy} onClick={more}>
            {t('search.more')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
