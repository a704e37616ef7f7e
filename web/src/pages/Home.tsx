/**
 * Home: launches (an empty state until the launch API lands), flagship stores and popular
 * products. Each section loads on its own, so the first screen paints at once with
 * placeholders instead of waiting for the catalog.
 */
import { useApi } from '../lib/useApi';
import type { ProductHit, Store } from '../lib/types';
import { Link } from '../lib/router';
import { useT } from '../strings';
import { EmptyState, ErrorNote, ProductCard, Section, SkeletonGrid, StoreCard, useTitle } from '../ui';

export function HomePage() {
  const { t } = useT();
  useTitle(undefined);
  return (
    <div className="page home">
      <h1 className="visually-hidden">{t('home.title')}</h1>
      <div className="hero">
        <p className="hero-kicker">{t('home.kicker')}</p>
        <p className="hero-title">{t('home.heroTitle')}</p>
        <p className="hero-sub">{t('home.heroSub')}</p>
      </div>
      <LaunchesSection />
      <FlagshipStores />
      <PopularProducts />
    </div>
  );
}

/**
 * Upcoming and live flash-sale launches. The launch API is being built; until it exists
 * this section keeps its place on the page with an empty state.
 */
function LaunchesSection() {
  const { t } = useT();
  return (
    <Section title={t('home.launches')} id="launches-h">
      <div className="launches-empty" data-testid="launches">
        <EmptyState title={t('home.launchesEmpty')} icon="bolt">
          <p>{t('home.launchesEmptyBody')}</p>
        </EmptyState>
      </div>
    </Section>
  );
}

function FlagshipStores() {
  const { t } = useT();
  const { data, error } = useApi<{ stores: Store[] }>('/stores?kind=flagship&verified=true&limit=8');
  return (
    <Section title={t('home.flagships')} id="flagships-h">
      <ErrorNote>{error}</ErrorNote>
      {!data && !error ? <div className="row-stores skeleton-row" aria-hidden="true"><div className="card skeleton-store skeleton" /></div> : null}
      {data && data.stores.length === 0 ? <EmptyState title={t('home.noFlagships')} /> : null}
      {data && data.stores.length > 0 ? (
        <ul className="row-stores" role="list">
          {data.stores.map((s) => (
            <li key={s.id}>
              <StoreCard s={s} />
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

function PopularProducts() {
  const { t } = useT();
  const { data, error } = useApi<{ items: ProductHit[]; nextCursor: string | null }>('/products?limit=12&sort=newest');
  return (
    <Section
      title={t('home.popular')}
      id="popular-h"
      action={
        <Link to="/search" className="section-link">
          {t('home.seeAll')}
        </Link>
      }
    >
      <ErrorNote>{error}</ErrorNote>
      {!data && !error ? <SkeletonGrid count={4} /> : null}
      {data && data.items.length === 0 ? <EmptyState title={t('home.noProducts')} /> : null}
      {data && data.items.length > 0 ? (
        <ul className="grid-products" role="list">
          {data.items.map((p) => (
            <li key={p.id}>
              <ProductCard p={p} />
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
