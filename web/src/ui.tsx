/** Small presentational pieces shared by the storefront, the console and the admin. */
import { useEffect, type ReactNode } from 'react';
import { Link, navigate } from './lib/router';
import type { LaunchPhase, OrderStatus, ProductHit, Store } from './lib/types';
import { useT } from './strings';

/** A section with a heading and an optional link at the right. */
export function Section({ title, id, action, children }: { title: string; id: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

/** The verified flagship badge. */
export function FlagshipBadge({ small }: { small?: boolean }) {
  const { t } = useT();
  return (
    <span className={small ? 'badge badge-flagship badge-sm' : 'badge badge-flagship'} title={t('badge.flagshipTitle')}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
        <path fill="currentColor" d="M8 0l2 2.2 2.9-.5.5 2.9L16 8l-2.6 3.4-.5 2.9-2.9-.5L8 16l-2-2.2-2.9.5-.5-2.9L0 8l2.6-3.4.5-2.9 2.9.5z" />
        <path fill="#fff" d="M6.8 10.6L4.4 8.2l1-1 1.4 1.4 3.8-3.8 1 1z" />
      </svg>
      {t('badge.flagship')}
    </span>
  );
}

/** A product tile: one link, so keyboard and TV focus land on it as a whole. */
export function ProductCard({ p }: { p: ProductHit }) {
  const { t, price } = useT();
  return (
    <Link to={`/p/${p.id}`} className="card product-card" data-testid="product-card">
      <div className="product-card-img">
        {p.image ? <img src={p.image} alt="" loading="lazy" decoding="async" width="240" height="240" /> : <span className="img-placeholder" aria-hidden="true" />}
      </div>
      <div className="product-card-body">
        <span className="product-card-title">{p.title}</span>
        <span className="product-card-store">
          {p.storeName}
          {p.storeVerified && p.storeKind === 'flagship' ? <FlagshipBadge small /> : null}
        </span>
        <span className="product-card-price">
          <span className="visually-hidden">{t('product.priceFrom')} </span>
          {price(p.priceMinMinor, p.currency)}
          {!p.inStock ? <span className="stock-out"> · {t('stock.out')}</span> : null}
        </span>
      </div>
    </Link>
  );
}

/** A store tile for the flagship row and lists. */
export function StoreCard({ s }: { s: Store }) {
  return (
    <Link to={`/s/${s.slug}`} className="card store-card" data-testid="store-card">
      <StoreLogo s={s} />
      <span className="store-card-body">
        <span className="store-card-name">{s.name}</span>
        {s.verified && s.kind === 'flagship' ? <FlagshipBadge small /> : null}
        <span className="store-card-desc">{s.description}</span>
      </span>
    </Link>
  );
}

export function StoreLogo({ s, large }: { s: Pick<Store, 'name' | 'logoUrl'>; large?: boolean }) {
  return s.logoUrl ? (
    <img className={large ? 'store-logo store-logo-lg' : 'store-logo'} src={s.logoUrl} alt="" width="48" height="48" />
  ) : (
    <span className={large ? 'store-logo store-logo-lg' : 'store-logo'} aria-hidden="true">
      {s.name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** Grey placeholders while a grid loads, so the layout does not jump. */
export function SkeletonGrid({ count = 4 }: { count?: number }) {
  return (
    <div className="grid-products" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="card skeleton-card">
          <div className="skeleton skeleton-img" />
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-line short" />
        </div>
      ))}
    </div>
  );
}

export function EmptyState({ title, children, icon = 'box' }: { title: string; children?: ReactNode; icon?: 'box' | 'bolt' | 'cart' | 'search' }) {
  return (
    <div className="empty" role="status">
      <EmptyIcon kind={icon} />
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}

function EmptyIcon({ kind }: { kind: 'box' | 'bolt' | 'cart' | 'search' }) {
  const paths: Record<typeof kind, string> = {
    box: 'M4 8l8-4 8 4v8l-8 4-8-4zM4 8l8 4 8-4M12 12v8',
    bolt: 'M13 2L4 14h7l-1 8 9-12h-7z',
    cart: 'M3 4h2l2 11h11l2-8H6.5M9 20a1 1 0 100-2 1 1 0 000 2zM17 20a1 1 0 100-2 1 1 0 000 2z',
    search: 'M11 18a7 7 0 100-14 7 7 0 000 14zM20 20l-4-4',
  };
  return (
    <svg className="empty-icon" aria-hidden="true" viewBox="0 0 24 24" width="40" height="40" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <path d={paths[kind]} />
    </svg>
  );
}

/** An error the user should read (the API's message). */
export function ErrorNote({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="error-note" role="alert">
      {children}
    </p>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useT();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

const STATUS_TONE: Record<OrderStatus, string> = {
  pending_payment: 'warn',
  paid: 'info',
  shipped: 'info',
  delivered: 'ok',
  completed: 'ok',
  cancelled: 'muted',
  refund_requested: 'warn',
  refunded: 'muted',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useT();
  return (
    <span className={`badge status status-${STATUS_TONE[status]}`} data-status={status}>
      {t(`status.${status}` as const)}
    </span>
  );
}

/** A − n + control for quantities. */
export function Stepper({ value, min = 1, max, onChange, label, disabled }: { value: number; min?: number; max: number; onChange: (n: number) => void; label: string; disabled?: boolean }) {
  const { t } = useT();
  return (
    <div className="stepper" role="group" aria-label={label}>
      <button type="button" className="btn btn-icon" onClick={() => onChange(value - 1)} disabled={disabled || value <= min} aria-label={t('qty.less')}>
        −
      </button>
      <output aria-live="polite" aria-label={t('qty.label')}>
        {value}
      </output>
      <button type="button" className="btn btn-icon" onClick={() => onChange(value + 1)} disabled={disabled || value >= max} aria-label={t('qty.more')}>
        +
      </button>
    </div>
  );
}

/** Option names from the catalog, shown in the reader's language when we know them. */
export function useOptionName() {
  const { t } = useT();
  return (name: string) => {
    const known: Record<string, Parameters<typeof t>[0]> = { colour: 'option.colour', color: 'option.colour', storage: 'option.storage', finish: 'option.finish', size: 'option.size' };
    const key = known[name.toLowerCase()];
    return key ? t(key) : name.charAt(0).toUpperCase() + name.slice(1);
  };
}

/** "Obsidian Black · 256GB" */
export function optionsText(options: Record<string, string>): string {
  return Object.values(options).join(' · ');
}

/** A random idempotency key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function randomKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Sets the document title for the page ("… · Flashmall"). */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Flashmall` : 'Flashmall';
  }, [title]);
}

/** Goes to `to` (replacing this history entry) once rendered; navigating during render is not allowed. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** A row of toggle chips of which one is on (sort order, a status filter). */
export function ChipGroup<T extends string>({ label, options, value, onChange }: { label: string; options: ReadonlyArray<{ id: T; label: string }>; value: T; onChange: (id: T) => void }) {
  return (
    <div className="sort-row" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.id} type="button" aria-pressed={value === o.id} className={value === o.id ? 'chip chip-on' : 'chip'} onClick={() => onChange(o.id)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

const PHASE_TONE: Record<LaunchPhase, string> = { scheduled: 'info', registration: 'info', live: 'live', sold_out: 'muted', ended: 'muted', cancelled: 'muted' };

/** A launch's phase as a badge ("Live now", "Registration open", "Sold out"…); paused wins. */
export function LaunchBadge({ phase, paused }: { phase: LaunchPhase; paused?: boolean }) {
  const { t } = useT();
  if (paused && (phase === 'live' || phase === 'sold_out')) return <span className="badge status status-warn" data-phase="paused">{t('launch.paused')}</span>;
  return (
    <span className={`badge status status-${PHASE_TONE[phase]}`} data-phase={phase}>
      {phase === 'live' ? <span className="live-dot" aria-hidden="true" /> : null}
      {t(`launch.phase.${phase}` as const)}
    </span>
  );
}
