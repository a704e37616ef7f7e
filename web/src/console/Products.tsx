/** Console products: the list with publish/unpublish, a new-product form with options, and per-SKU price and stock. */
import { useState, type FormEvent } from 'react';
import { api, call, errorMessage } from '../lib/api';
import { invalidate, useGet } from '../lib/query';
import { Link, navigate } from '../lib/router';
import type { Product, Sku } from '../lib/types';
import { EmptyState, ErrorNote, Loading, optionsText, useTitle } from '../ui';
import { useCT } from './strings';
import { combinations, minorToYuan, parseYuan } from './format';
import { hasTitle, textsBody, textsDraftOf, TextsFields, type TextsDraft } from './TextsFields';

const DEMO_IMAGES = ['lumi-15-pro', 'lumi-15', 'lumi-note-14', 'lumi-pad-6', 'tide-buds', 'pier-speaker', 'clear-case', 'charger'].map((n) => `/demo/${n}.svg`);

function priceRange(p: Product, price: (m: number, c?: string) => string): string {
  if (p.skus.length === 0) return price(p.priceMinMinor, p.currency);
  const prices = p.skus.map((s) => s.priceMinor);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  return lo === hi ? price(lo, p.currency) : `${price(lo, p.currency)} – ${price(hi, p.currency)}`;
}

/** Marks what shows a store's products as stale after a write (the storefront's lists and pages, the console's list). */
function productsChanged(storeId: string): void {
  void invalidate('/products');
  void invalidate('/products/{productId}');
  void invalidate('/stores/{storeId}/products', { path: { storeId } });
}

/** Publishes a draft product or takes a published one off the storefront. */
function togglePublished(p: Product): Promise<Product> {
  const params = { path: { productId: p.id } };
  return call(p.status === 'published' ? api.POST('/products/{productId}/unpublish', { params }) : api.POST('/products/{productId}/publish', { params }));
}

export function ProductsPage({ storeId }: { storeId: string }) {
  const { t, price } = useCT();
  useTitle(t('console.products'));
  const { data, error } = useGet('/stores/{storeId}/products', { params: { path: { storeId } } });
  const [busy, setBusy] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);

  const toggle = async (p: Product) => {
    setBusy(p.id);
    setErr(null);
    try {
      await togglePublished(p);
      productsChanged(storeId);
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="console-page">
      <div className="page-head">
        <h1>{t('console.products')}</h1>
        <Link to="/console/products/new" className="btn btn-primary" data-testid="new-product">
          {t('products.new')}
        </Link>
      </div>
      <ErrorNote>{error ?? err}</ErrorNote>
      {!data && !error ? <Loading /> : null}
      {data && data.products.length === 0 ? (
        <EmptyState title={t('products.none')}>
          <p>{t('products.noneBody')}</p>
        </EmptyState>
      ) : null}
      {data && data.products.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('console.products')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('products.product')}</th>
              <th scope="col">{t('products.status')}</th>
              <th scope="col">{t('products.price')}</th>
              <th scope="col">{t('products.stock')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('products.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.products.map((p) => {
              const stock = p.skus.reduce((n, s) => n + s.stock, 0);
              return (
                <tr key={p.id} data-testid="console-product">
                  <td data-label={t('products.product')}>
                    <span className="cell-product">
                      {p.images[0] ? <img src={p.images[0]} alt="" width="40" height="40" /> : <span className="img-placeholder sm" aria-hidden="true" />}
                      <Link to={`/console/products/${p.id}`}>{p.title}</Link>
                    </span>
                  </td>
                  <td data-label={t('products.status')}>
                    <span className={p.status === 'published' ? 'badge status status-ok' : 'badge status status-muted'}>{p.status === 'published' ? t('products.published') : t('products.draft')}</span>
                  </td>
                  <td data-label={t('products.price')}>{priceRange(p, price)}</td>
                  <td data-label={t('products.stock')}>
                    <span>
                      {t('products.units', { n: stock })} <span className="muted small">· {t('products.skus', { n: p.skus.length })}</span>
                    </span>
                  </td>
                  <td className="cell-actions">
                    <button type="button" className={p.status === 'published' ? 'btn btn-sm' : 'btn btn-sm btn-primary'} disabled={busy === p.id} onClick={() => void toggle(p)} aria-label={`${p.status === 'published' ? t('products.unpublish') : t('products.publish')}: ${p.title}`}>
                      {p.status === 'published' ? t('products.unpublish') : t('products.publish')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

interface OptionRow {
  name: string;
  values: string;
}

const splitValues = (s: string) => [...new Set(s.split(/[,，、]/).map((v) => v.trim()).filter(Boolean))];

export function NewProductPage({ storeId }: { storeId: string }) {
  const { t } = useCT();
  useTitle(t('products.new'));
  const [texts, setTexts] = useState<TextsDraft>(() => textsDraftOf(null));
  const [priceText, setPriceText] = useState('');
  const [stockText, setStockText] = useState('10');
  const [image, setImage] = useState('');
  const [options, setOptions] = useState<OptionRow[]>([{ name: 'colour', values: '' }]);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);

  const cleanOptions = options.map((o) => ({ name: o.name.trim(), values: splitValues(o.values) })).filter((o) => o.name && o.values.length > 0);
  const combos = combinations(cleanOptions);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    if (!hasTitle(texts)) {
      setErr(t('products.titleMissing'));
      return;
    }
    const priceMinor = parseYuan(priceText);
    if (priceMinor === null) {
      setErr(t('products.badPrice'));
      return;
    }
    const stock = Number.parseInt(stockText || '0', 10);
    if (!Number.isInteger(stock) || stock < 0) {
      setErr(t('products.badStock'));
      return;
    }
    if (combos.length > 200) {
      setErr(t('products.tooMany'));
      return;
    }
    setBusy(true);
    try {
      const p = await call(
        api.POST('/stores/{storeId}/products', {
          params: { path: { storeId } },
          body: {
            ...textsBody(texts),
            priceMinor,
            currency: 'CNY',
            options: cleanOptions,
            images: image.trim() ? [image.trim()] : [],
            skus: combos.map((c) => ({ options: c, stock })),
          },
        }),
      );
      productsChanged(storeId);
      navigate(`/console/products/${p.id}`, { replace: true });
    } catch (e2) {
      setErr(errorMessage(e2));
      setBusy(false);
    }
  };

  const setRow = (i: number, patch: Partial<OptionRow>) => setOptions(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));

  return (
    <div className="console-page">
      <p>
        <Link to="/console/products" className="back-link">
          <span aria-hidden="true">←</span> {t('console.products')}
        </Link>
      </p>
      <h1>{t('products.new')}</h1>
      <form className="card form-card wide" onSubmit={(e) => void submit(e)}>
        <TextsFields value={texts} onChange={setTexts} idPrefix="np" />
        <div className="form-grid">
          <div className="field">
            <label htmlFor="np-price">{t('products.basePrice')}</label>
            <input id="np-price" required inputMode="decimal" placeholder="1999.00" value={priceText} onChange={(e) => setPriceText(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="np-stock">{t('products.initialStock')}</label>
            <input id="np-stock" type="number" min="0" step="1" value={stockText} onChange={(e) => setStockText(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="np-image">{t('products.image')}</label>
          <input id="np-image" list="demo-images" placeholder="https:// or /demo/…" value={image} onChange={(e) => setImage(e.target.value)} aria-describedby="np-image-hint" />
          <datalist id="demo-images">
            {DEMO_IMAGES.map((src) => (
              <option key={src} value={src} />
            ))}
          </datalist>
          <span id="np-image-hint" className="hint">
            {t('products.imageHint')}
          </span>
        </div>
        <fieldset className="options-editor">
          <legend>{t('products.options')}</legend>
          <p className="hint">{t('products.optionsHint')}</p>
          {options.map((o, i) => (
            <div key={i} className="option-row">
              <div className="field">
                <label htmlFor={`opt-name-${i}`}>{t('products.optionName')}</label>
                <input id={`opt-name-${i}`} maxLength={30} value={o.name} onChange={(e) => setRow(i, { name: e.target.value })} placeholder="colour" />
              </div>
              <div className="field grow">
                <label htmlFor={`opt-values-${i}`}>{t('products.optionValues')}</label>
                <input id={`opt-values-${i}`} value={o.values} onChange={(e) => setRow(i, { values: e.target.value })} placeholder="Black, White" />
              </div>
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setOptions(options.filter((_, j) => j !== i))} aria-label={t('products.removeOption', { n: i + 1 })}>
                {t('products.remove')}
              </button>
            </div>
          ))}
          {options.length < 3 ? (
            <button type="button" className="btn btn-sm" onClick={() => setOptions([...options, { name: options.length === 1 ? 'storage' : '', values: '' }])}>
              {t('products.addOption')}
            </button>
          ) : null}
          <p className="muted small" role="status">
            {t('products.willCreate', { n: combos.length })}
          </p>
        </fieldset>
        <ErrorNote>{err}</ErrorNote>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-product">
          {t('products.create')}
        </button>
      </form>
    </div>
  );
}

export function ProductEditPage({ id }: { id: string }) {
  const { t } = useCT();
  const params = { path: { productId: id } };
  // Shown in the console's language (the heading, the SKUs' options)…
  const { data: p, error, setData } = useGet('/products/{productId}', { params });
  // …and edited from the stored texts and the primary title and description: Accept-Language
  // "*" names none of the content languages, so no language's text stands in the primary's place.
  const stored = useGet('/products/{productId}', { params }, { language: '*' });
  useTitle(p?.title);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  if (error ?? stored.error) return <ErrorNote>{error ?? stored.error}</ErrorNote>;
  if (!p || !stored.data) return <Loading />;

  const toggle = async () => {
    setBusy(true);
    setErr(null);
    try {
      setData(await togglePublished(p));
      productsChanged(p.storeId);
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="console-page">
      <p>
        <Link to="/console/products" className="back-link">
          <span aria-hidden="true">←</span> {t('console.products')}
        </Link>
      </p>
      <div className="page-head">
        <h1>{p.title}</h1>
        <span className={p.status === 'published' ? 'badge status status-ok' : 'badge status status-muted'} data-testid="product-status">
          {p.status === 'published' ? t('products.published') : t('products.draft')}
        </span>
      </div>
      <div className="actions">
        <button type="button" className={p.status === 'published' ? 'btn' : 'btn btn-primary'} disabled={busy} onClick={() => void toggle()} data-testid="toggle-publish">
          {p.status === 'published' ? t('products.unpublish') : t('products.publish')}
        </button>
        {p.status === 'published' ? (
          <Link to={`/p/${p.id}`} className="btn btn-ghost">
            {t('products.viewInStore')}
          </Link>
        ) : null}
      </div>
      <ErrorNote>{err}</ErrorNote>
      <section className="card" aria-labelledby="skus-h">
        <h2 id="skus-h">{t('products.skuTitle')}</h2>
        <p className="hint">{t('products.skuHint')}</p>
        <ul role="list" className="sku-list">
          {p.skus.map((s) => (
            <SkuRow key={s.id} sku={s} onSaved={(next) => setData({ ...p, skus: p.skus.map((x) => (x.id === next.id ? next : x)) })} />
          ))}
        </ul>
      </section>
      <DetailsForm p={stored.data} onSaved={(next) => setData(next)} />
    </div>
  );
}

function SkuRow({ sku, onSaved }: { sku: Sku; onSaved: (s: Sku) => void }) {
  const { t } = useCT();
  const [priceText, setPriceText] = useState(minorToYuan(sku.priceMinor));
  const [stockText, setStockText] = useState(String(sku.stock));
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const label = optionsText(sku.options) || t('products.defaultSku');
  const dirty = priceText !== minorToYuan(sku.priceMinor) || stockText !== String(sku.stock);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const priceMinor = parseYuan(priceText);
    const stock = Number.parseInt(stockText, 10);
    if (priceMinor === null) return setMsg({ ok: false, text: t('products.badPrice') });
    if (!Number.isInteger(stock) || stock < 0) return setMsg({ ok: false, text: t('products.badStock') });
    setBusy(true);
    setMsg(null);
    try {
      const next = await call(api.PATCH('/skus/{skuId}', { params: { path: { skuId: sku.id } }, body: { priceMinor, stock } }));
      onSaved(next);
      setPriceText(minorToYuan(next.priceMinor));
      setStockText(String(next.stock));
      setMsg({ ok: true, text: t('common.saved') });
    } catch (e2) {
      setMsg({ ok: false, text: errorMessage(e2) });
    } finally {
      setBusy(false);
    }
  };
  const id = sku.id.slice(-8);
  return (
    <li className="sku-row" data-testid="sku-row">
      <form onSubmit={(e) => void save(e)} aria-label={label}>
        <span className="sku-name">
          {label}
          <span className="muted small mono"> {sku.code}</span>
        </span>
        <div className="field">
          <label htmlFor={`price-${id}`}>{t('products.priceYuan')}</label>
          <input id={`price-${id}`} inputMode="decimal" value={priceText} onChange={(e) => setPriceText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`stock-${id}`}>{t('products.stock')}</label>
          <input id={`stock-${id}`} type="number" min="0" step="1" value={stockText} onChange={(e) => setStockText(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-sm" disabled={busy || !dirty}>
          {t('common.save')}
        </button>
        <span role="status" className={msg && !msg.ok ? 'error-inline' : 'saved'}>
          {msg?.text ?? ''}
        </span>
      </form>
    </li>
  );
}

function DetailsForm({ p, onSaved }: { p: Product; onSaved: (p: Product) => void }) {
  const { t } = useCT();
  const [texts, setTexts] = useState<TextsDraft>(() => textsDraftOf(p));
  const [image, setImage] = useState(p.images[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!hasTitle(texts)) {
      setMsg({ ok: false, text: t('products.titleMissing') });
      return;
    }
    setBusy(true);
    setMsg(null);
    try {
      const next = await call(api.PATCH('/products/{productId}', { params: { path: { productId: p.id } }, body: { ...textsBody(texts), images: image.trim() ? [image.trim(), ...p.images.slice(1)] : p.images.slice(1) } }));
      onSaved(next);
      productsChanged(p.storeId);
      setMsg({ ok: true, text: t('common.saved') });
    } catch (e2) {
      setMsg({ ok: false, text: errorMessage(e2) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card form-card wide" onSubmit={(e) => void save(e)} aria-labelledby="details-h">
      <h2 id="details-h">{t('products.details')}</h2>
      <TextsFields value={texts} onChange={setTexts} idPrefix="ed" />
      <div className="field">
        <label htmlFor="ed-image">{t('products.image')}</label>
        <input id="ed-image" list="demo-images-ed" value={image} onChange={(e) => setImage(e.target.value)} />
        <datalist id="demo-images-ed">
          {DEMO_IMAGES.map((src) => (
            <option key={src} value={src} />
          ))}
        </datalist>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <span role="status" className={msg && !msg.ok ? 'error-inline' : 'saved'}>
          {msg?.text ?? ''}
        </span>
      </div>
    </form>
  );
}
