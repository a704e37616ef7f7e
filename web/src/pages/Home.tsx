/**
 * Home: live and upcoming launches, popular products and the flagship stores. Each section
 * loads on its own, so the first screen paints at once with placeholders instead of
 * waiting for the catalog.
 */
import { useState } from 'react';
import { useGet } from '../lib/query';
import type { Launch } from '../lib/types';
import { Link } from '../lib/router';
import { clockText, syncServerClock, useServerNow } from '../lib/clock';
import { leadItem, phaseAt } from '../lib/launch';
import { useT } from '../strings';
import { EmptyState, ErrorNote, FlagshipBadge, LaunchBadge, ProductCard, Section, SkeletonGrid, StoreCard, useTitle } from '../ui';

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
      <PopularProducts />
      <FlagshipStores />
    </div>
  );
}

/**
 * Live and upcoming flash-sale launches, each card with its phase and a countdown on the
 * server's clock; the empty state keeps the section's place when none is scheduled.
 */
function LaunchesSection() {
  const { t } = useT();
  const [sentAt] = useState(Date.now);
  const { data, error } = useGet('/launches', { params: { query: { limit: 8 } } });
  const first = data?.launches[0];
  if (first) syncServerClock(first.serverTime, sentAt);
  return (
    <Section title={t('home.launches')} id="launches-h">
      <div data-testid="launches">
        <ErrorNote>{error ? t('home.launchesError') : null}</ErrorNote>
        {!data && !error ? <div className="row-launches skeleton-row" aria-hidden="true"><div className="card skeleton-launch skeleton" /></div> : null}
        {data && data.launches.length === 0 ? (
          <div className="launches-empty">
            <EmptyState title={t('home.launchesEmpty')} icon="bolt">
              <p>{t('home.launchesEmptyBody')}</p>
            </EmptyState>
          </div>
        ) : null}
        {data && data.launches.length > 0 ? (
          <ul className="row-launches" role="list" aria-label={t('home.launchesLabel')}>
            {data.launches.map((l) => (
              <li key={l.id}>
                <LaunchCard l={l} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Section>
  );
}

function LaunchCard({ l }: { l: Launch }) {
  const { t, price } = useT();
  const now = useServerNow();
  const phase = phaseAt(l, now);
  const item = leadItem(l);
  const upcoming = phase === 'scheduled' || phase === 'registration';
  const units = l.items.reduce((n, i) => n + i.allotment, 0);
  return (
    <Link to={`/launches/${l.id}`} className="card launch-card" data-testid="launch-card" data-phase={phase}>
      <span className="launch-card-img">
        {item?.image ? <img src={item.image} alt="" loading="lazy" decoding="async" width="160" height="160" /> : <span className="img-placeholder" aria-hidden="true" />}
      </span>
      <span className="launch-card-body">
        <span className="launch-card-top">
          <LaunchBadge phase={phase} paused={l.paused} />
        </span>
        <span className="launch-card-title">{l.title}</span>
        <span className="product-card-store">
          {l.storeName}
          {l.storeVerified ? <FlagshipBadge small /> : null}
        </span>
        {item ? (
          <span className="launch-card-price">
            <span className="visually-hidden">{t('launch.price')} </span>
            {price(item.launchPriceMinor, item.currency)}
            {item.regularPriceMinor > item.launchPriceMinor ? (
              <s className="price-was">
                <span className="visually-hidden">{t('launch.regularPrice')} </span>
                {price(item.regularPriceMinor, item.currency)}
              </s>
            ) : null}
          </span>
        ) : null}
        {upcoming ? <span className="launch-card-count">{t('launch.startsIn', { time: clockText(l.startsAt - now) })}</span> : null}
        <span className="launch-card-meta">
          {t('launch.units', { n: units })}
          {l.registeredCount > 0 ? ` · ${t('launch.registered', { n: l.registeredCount })}` : null}
        </span>
      </span>
    </Link>
  );
}

function FlagshipStores() {
  const { t } = useT();
  const { data, error } = useGet('/stores', { params: { query: { kind: 'flagship', verified: 'true', limit: 8 } } });
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
  const { data, error } = useGet('/products', { params: { query: { limit: 12, sort: 'popular' } } });
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
