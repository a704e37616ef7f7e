/**
 * Search with filters (text, price range in yuan, in stock, sort) kept in the URL, so a
 * search can be shared and Back works; results page in with the API's cursor.
 */
import { useState, type FormEvent } from 'react';
import { api, call } from '../lib/api';
import { usePaged } from '../lib/paged';
import { navigate, useLocation } from '../lib/router';
import type { ProductHit } from '../lib/types';
import { useT } from '../strings';
import { ChipGroup, EmptyState, ErrorNote, Loading, ProductCard, SkeletonGrid, useTitle } from '../ui';

type Sort = 'relevance' | 'newest' | 'price_asc' | 'price_desc';
const PAGE = 12;

/** "12.5" yuan → 1250 fen; blank or junk → undefined. */
export function yuanToMinor(v: string | null): number | undefined {
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
}

export function SearchPage() {
  const { t } = useT();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const min = search.get('min') ?? '';
  const max = search.get('max') ?? '';
  const inStock = search.get('stock') === '1';
  const sortParam = search.get('sort') as Sort | null;
  const sort: Sort = sortParam ?? (q ? 'relevance' : 'newest');
  useTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  // Phones show the filter form on request; wider screens always show it.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = (min ? 1 : 0) + (max ? 1 : 0) + (inStock ? 1 : 0);

  const query = { q: q || undefined, minPriceMinor: yuanToMinor(min), maxPriceMinor: yuanToMinor(max), inStock: inStock ? ('true' as const) : undefined, sort: sort === 'relevance' && !q ? undefined : sort, limit: PAGE };
  // A new search (another filter) starts from the first page; a page of an earlier one is dropped.
  const { items, cursor, error, busy: more, more: loadMore } = usePaged<ProductHit>(JSON.stringify(query), async (after) => {
    const r = await call(api.GET('/products', { params: { query: { ...query, cursor: after ?? undefined } } }));
    return { items: r.items, nextCursor: r.nextCursor };
  });

  const setParam = (patch: Record<string, string | null>) => {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    }
    navigate(`/search?${p.toString()}`, { replace: true });
  };

  const sorts: Array<{ id: Sort; label: string }> = [
    ...(q ? [{ id: 'relevance' as const, label: t('search.sortRelevance') }] : []),
    { id: 'newest', label: t('search.sortNewest') },
    { id: 'price_asc', label: t('search.sortPriceAsc') },
    { id: 'price_desc', label: t('search.sortPriceDesc') },
  ];

  return (
    <div className="page search-page">
      <div className="page-head">
        <h1>{q ? t('search.titleFor', { q }) : t('search.title')}</h1>
        <button type="button" className="btn btn-sm filters-toggle" aria-expanded={filtersOpen} aria-controls="search-filters" onClick={() => setFiltersOpen(!filtersOpen)}>
          {t('search.filters')}
          {activeFilters ? <span className="count">{activeFilters}</span> : null}
        </button>
      </div>
      <Filters
        key={search.toString()}
        open={filtersOpen}
        q={q}
        min={min}
        max={max}
        inStock={inStock}
        onApply={(f) => {
          setFiltersOpen(false);
          setParam({ q: f.q, min: f.min, max: f.max, stock: f.inStock ? '1' : null, sort: f.q !== q ? null : sortParam });
        }}
      />
      <ChipGroup label={t('search.sort')} options={sorts} value={sort} onChange={(id) => setParam({ sort: id })} />
      <ErrorNote>{error}</ErrorNote>
      {items === null ? <SkeletonGrid count={6} /> : null}
      {items && items.length === 0 && !error ? (
        <EmptyState title={t('search.none')} icon="search">
          <p>{t('search.noneBody')}</p>
        </EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <>
          <p className="result-count" role="status">
            {t('search.shown', { n: items.length })}
          </p>
          <ul className="grid-products" role="list" data-testid="results">
            {items.map((p) => (
              <li key={p.id}>
                <ProductCard p={p} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {cursor ? (
        <div className="load-more">
          {more ? (
            <Loading />
          ) : (
            <button type="button" className="btn" onClick={loadMore}>
              {t('search.more')}
            </button>
          )}
        </div>
      ) : null}
    </div>
  );
}

interface FilterValues {
  q: string;
  min: string;
  max: string;
  inStock: boolean;
}

function Filters(props: FilterValues & { open: boolean; onApply: (f: FilterValues) => void }) {
  const { t } = useT();
  const [f, setF] = useState<FilterValues>({ q: props.q, min: props.min, max: props.max, inStock: props.inStock });
  const active = Boolean(props.min || props.max || props.inStock);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onApply({ ...f, q: f.q.trim() });
  };
  return (
    <form id="search-filters" className={props.open ? 'filters open' : 'filters'} onSubmit={submit} aria-label={t('search.filters')}>
      <div className="field filter-q">
        <label htmlFor="f-q">{t('search.text')}</label>
        <input id="f-q" type="search" value={f.q} onChange={(e) => setF({ ...f, q: e.target.value })} placeholder={t('search.placeholder')} />
      </div>
      <div className="field filter-price">
        <label htmlFor="f-min">{t('search.minPrice')}</label>
        <input id="f-min" type="number" inputMode="decimal" min="0" step="1" value={f.min} onChange={(e) => setF({ ...f, min: e.target.value })} placeholder="¥" />
      </div>
      <div className="field filter-price">
        <label htmlFor="f-max">{t('search.maxPrice')}</label>
        <input id="f-max" type="number" inputMode="decimal" min="0" step="1" value={f.max} onChange={(e) => setF({ ...f, max: e.target.value })} placeholder="¥" />
      </div>
      <label className="check filter-stock">
        <input type="checkbox" checked={f.inStock} onChange={(e) => setF({ ...f, inStock: e.target.checked })} />
        {t('search.inStock')}
      </label>
      <div className="filter-actions">
        <button type="submit" className="btn btn-primary">
          {t('search.apply')}
        </button>
        {active ? (
          <button type="button" className="btn btn-ghost" onClick={() => props.onApply({ q: f.q, min: '', max: '', inStock: false })}>
            {t('search.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
