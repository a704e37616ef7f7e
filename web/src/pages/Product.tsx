/**
 * A product: picture, price, the variant picker (each option — colour, storage — is a
 * radio group; together they pick one SKU with its own price and stock), quantity and
 * Add to cart. The chosen SKU is kept in the URL (?sku=), so it survives signing in. A live
 * launch selling the same product for less is named, with a link to it.
 */
import { useState } from 'react';
import { api, ApiError, call, errorMessage } from '../lib/api';
import { invalidate, useGet } from '../lib/query';
import { Link, navigate, useLocation } from '../lib/router';
import { getSession, setCartCount } from '../lib/session';
import type { Launch, Product, Sku } from '../lib/types';
import { useT } from '../strings';
import { ErrorNote, FlagshipBadge, Loading, Stepper, useOptionName, useTitle } from '../ui';

const matches = (sku: Sku, sel: Record<string, string>, except?: string) => Object.entries(sel).every(([k, v]) => k === except || sku.options[k] === v);

export function ProductPage({ id }: { id: string }) {
  const { t } = useT();
  const { data: product, error } = useGet('/products/{productId}', { params: { path: { productId: id } } });
  useTitle(product?.title);
  if (error) return <div className="page"><ErrorNote>{error}</ErrorNote><p><Link to="/">{t('notFound.home')}</Link></p></div>;
  if (!product) return <div className="page"><Loading /></div>;
  return <ProductView key={product.id} product={product} />;
}

function ProductView({ product }: { product: Product }) {
  const { t, price } = useT();
  const optionName = useOptionName();
  const { search, path } = useLocation();
  const store = useGet('/stores/{storeRef}', { params: { path: { storeRef: product.storeId } } }).data;

  // Opens on the SKU in the URL, else on the cheapest one in stock (the "from" price the
  // buyer clicked), ties broken by the order the seller listed the option values in. Only the
  // first choice: the page is keyed by the product, and the buyer's picks follow.
  const [selected, setSelected] = useState<Record<string, string>>(() => {
    const fromUrl = product.skus.find((s) => s.id === search.get('sku'));
    const rank = (s: Sku) => product.options.map((o) => o.values.indexOf(s.options[o.name] ?? ''));
    const byPrice = [...product.skus].sort((a, b) => {
      if (a.inStock !== b.inStock) return a.inStock ? -1 : 1;
      if (a.priceMinor !== b.priceMinor) return a.priceMinor - b.priceMinor;
      const ra = rank(a);
      const rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
      return 0;
    });
    const pick = fromUrl ?? byPrice[0];
    return { ...(pick?.options ?? {}) };
  });
  const [qty, setQty] = useState(1);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const sku = product.skus.find((s) => matches(s, selected) && Object.keys(s.options).length === Object.keys(selected).length) ?? null;
  const image = sku?.images[0] ?? product.images[0] ?? null;
  const launches = useGet('/launches', { params: { query: { productId: product.id } } }).data?.launches ?? [];
  const cheaper = cheaperLaunch(launches, product.id, sku?.id ?? null, sku?.priceMinor ?? product.priceMinMinor);

  const choose = (name: string, value: string) => {
    const next = { ...selected, [name]: value };
    let target = product.skus.find((s) => matches(s, next));
    if (!target) target = product.skus.find((s) => s.options[name] === value && s.inStock) ?? product.skus.find((s) => s.options[name] === value);
    const sel = target ? { ...target.options } : next;
    setSelected(sel);
    setQty(1);
    setAdded(null);
    if (target) navigate(`${path}?sku=${target.id}`, { replace: true });
  };

  const addToCart = async () => {
    if (!sku || busy) return;
    if (!getSession().user) {
      navigate(`/login?next=${encodeURIComponent(`${path}?sku=${sku.id}`)}`);
      return;
    }
    setBusy(true);
    setErr(null);
    setAdded(null);
    try {
      const cart = await call(api.POST('/cart/items', { body: { skuId: sku.id, quantity: qty } }));
      setCartCount(cart.itemCount);
      void invalidate('/cart');
      setAdded(t('product.added', { n: qty }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) navigate(`/login?next=${encodeURIComponent(`${path}?sku=${sku.id}`)}`);
      else setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const stockText = !sku ? t('stock.unavailable') : !sku.inStock ? t('stock.out') : sku.stock <= 5 ? t('stock.few', { n: sku.stock }) : t('stock.in');
  const stockTone = !sku || !sku.inStock ? 'out' : sku.stock <= 5 ? 'few' : 'in';

  return (
    <div className="page product-page">
      <div className="product-layout">
        <div className="product-media">
          {image ? <img src={image} alt={product.title} width="560" height="560" /> : <span className="img-placeholder" aria-hidden="true" />}
        </div>
        <div className="product-info">
          {store ? (
            <p className="product-store">
              <Link to={`/s/${store.slug}`}>{store.name}</Link>
              {store.kind === 'flagship' && store.verified ? <FlagshipBadge small /> : null}
            </p>
          ) : (
            <p className="product-store">&nbsp;</p>
          )}
          <h1 className="product-title">{product.title}</h1>
          {product.status === 'draft' ? <p className="badge status status-warn">{t('product.draft')}</p> : null}
          <p className="product-price" data-testid="price" aria-live="polite">
            {sku ? price(sku.priceMinor, sku.currency) : `${t('product.priceFrom')} ${price(product.priceMinMinor, product.currency)}`}
          </p>
          <p className={`stock stock-${stockTone}`} data-testid="stock">
            {stockText}
          </p>
          {cheaper ? (
            <p className="launch-note" data-testid="cheaper-launch">
              {t('product.cheaperLaunch', { price: price(cheaper.priceMinor, cheaper.currency) })}{' '}
              <Link to={`/launches/${cheaper.launch.id}`}>{cheaper.launch.title}</Link>
            </p>
          ) : null}

          {product.options.map((opt) => (
            <fieldset key={opt.name} className="variant">
              <legend>
                {/* The seller's name for the option in this language, else one we know, else as given. */}
                {opt.label !== opt.name ? opt.label : optionName(opt.name)}
                {selected[opt.name] ? <span className="variant-current">: {opt.valueLabels[opt.values.indexOf(selected[opt.name]!)] ?? selected[opt.name]}</span> : null}
              </legend>
              <div className="variant-values">
                {opt.values.map((v, vi) => {
                  const exact = product.skus.find((s) => s.options[opt.name] === v && matches(s, selected, opt.name));
                  const out = !exact || !exact.inStock;
                  const id = `opt-${opt.name}-${v}`.replace(/[^A-Za-z0-9_-]/g, '_');
                  return (
                    <span key={v} className="variant-value">
                      <input type="radio" id={id} name={`opt-${opt.name}`} value={v} checked={selected[opt.name] === v} onChange={() => choose(opt.name, v)} />
                      <label htmlFor={id} className={out ? 'chip chip-out' : 'chip'}>
                        {opt.valueLabels[vi] ?? v}
                        {out ? <span className="visually-hidden"> ({t('stock.out')})</span> : null}
                      </label>
                    </span>
                  );
                })}
              </div>
            </fieldset>
          ))}

          <div className="buy-row">
            <Stepper value={qty} max={Math.max(1, Math.min(99, sku?.stock ?? 1))} onChange={setQty} label={t('qty.label')} disabled={!sku?.inStock} />
            {/* Busy, it stays focusable (aria-disabled, clicks ignored): a disabled button would drop the focus to the page. It is the page's first focus on a TV. */}
            <button type="button" className="btn btn-primary btn-lg" disabled={!sku?.inStock} aria-disabled={busy || undefined} onClick={() => void addToCart()} data-testid="add-to-cart" data-autofocus>
              {busy ? t('product.adding') : t('product.add')}
            </button>
          </div>
          <ErrorNote>{err}</ErrorNote>
          <div role="status" className="added-note">
            {added ? (
              <>
                <span>{added}</span>
                <Link to="/cart" className="btn btn-ghost">
                  {t('product.viewCart')}
                </Link>
              </>
            ) : null}
          </div>
          {product.description ? (
            <section className="product-desc" aria-labelledby="desc-h">
              <h2 id="desc-h">{t('product.about')}</h2>
              <p>{product.description}</p>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/**
 * A launch that is live now (not paused, units left) and sells this product below `priceMinor`:
 * the chosen SKU's launch price if it is in one, else the product's lowest launch price.
 */
export function cheaperLaunch(launches: Launch[], productId: string, skuId: string | null, priceMinor: number): { launch: Launch; priceMinor: number; currency: string } | null {
  let best: { launch: Launch; priceMinor: number; currency: string } | null = null;
  for (const l of launches) {
    if (l.phase !== 'live' || l.paused) continue;
    const items = l.items.filter((i) => i.productId === productId && i.available > 0);
    const item = items.find((i) => i.skuId === skuId) ?? [...items].sort((a, b) => a.launchPriceMinor - b.launchPriceMinor)[0];
    if (item && item.launchPriceMinor < priceMinor && (!best || item.launchPriceMinor < best.priceMinor)) best = { launch: l, priceMinor: item.launchPriceMinor, currency: item.currency };
  }
  return best;
}
