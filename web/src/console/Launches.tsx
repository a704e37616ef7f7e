/**
 * Console launches: the store's launches with pause, resume and call-off, and the form that
 * schedules one. The form checks every field against the API's own bounds before it sends
 * anything (src/launches/service.ts LAUNCH_LIMITS), shows each problem next to its field,
 * and maps the API's error codes back onto fields when the server still says no.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, call, errorMessage, type ApiPaths } from '../lib/api';
import { serverNow, syncServerClock, useServerNow } from '../lib/clock';
import { phaseAt } from '../lib/launch';
import { Link, navigate } from '../lib/router';
import { invalidate, useGet } from '../lib/query';
import type { Launch } from '../lib/types';
import { EmptyState, ErrorNote, LaunchBadge, Loading, optionsText, useTitle } from '../ui';
import { minorToYuan, parseYuan } from './format';
import { useLCT } from './launch-strings';
import './launches.css';
import { CONTENT_LOCALES, hasTitle, primaryLocale, textsBody, TextsFields, type ContentLocale, type TextsDraft, type TextsKey } from './TextsFields';
import { CommissionNote } from './money/CommissionNote';

/** The API's bounds on a launch (mirrors LAUNCH_LIMITS in src/launches/service.ts). */
export const LIMITS = {
  titleMax: 200,
  descriptionMax: 5000,
  maxItems: 20,
  maxAllotment: 10_000_000,
  maxPerBuyer: 100,
  paymentWindowMinutes: [1, 24 * 60],
  admissionRate: [1, 100_000],
  maxActive: [1, 1_000_000],
  passTtlSeconds: [10, 3600],
  powBits: [0, 24],
  maxDurationMs: 30 * 24 * 3600_000,
} as const;

type Action = 'pause' | 'resume' | 'cancel';
/** What POST /stores/:id/launches takes. */
type LaunchBody = NonNullable<ApiPaths['/stores/{storeId}/launches']['post']['requestBody']>['content']['application/json'];

/** Pauses, resumes or calls off a launch. */
function sendAction(launchId: string, action: Action): Promise<Launch> {
  const params = { path: { launchId } };
  if (action === 'pause') return call(api.POST('/launches/{launchId}/pause', { params }));
  if (action === 'resume') return call(api.POST('/launches/{launchId}/resume', { params }));
  return call(api.POST('/launches/{launchId}/cancel', { params }));
}

/** Pause, resume and call off, with a confirmation step for calling off. */
export function LaunchActions({ launch, onChanged, compact }: { launch: Launch; onChanged: (l: Launch) => void; compact?: boolean }) {
  const { t } = useLCT();
  const now = useServerNow();
  const phase = phaseAt(launch, now);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const run = async (action: Action) => {
    setBusy(true);
    setErr(null);
    try {
      const next = await sendAction(launch.id, action);
      void invalidate('/launches');
      void invalidate('/launches/{launchId}', { path: { launchId: launch.id } });
      setConfirm(false);
      onChanged(next);
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (phase === 'ended' || phase === 'cancelled') return null;
  const sm = compact ? 'btn btn-sm' : 'btn';
  const label = (a: string) => (compact ? t('l.actionFor', { action: a, title: launch.title }) : undefined);
  return (
    <div className="launch-actions">
      {launch.paused ? (
        <button type="button" className={`${sm} btn-primary`} disabled={busy} onClick={() => void run('resume')} aria-label={label(t('l.resume'))} data-testid="resume-launch">
          {t('l.resume')}
        </button>
      ) : (
        <button type="button" className={sm} disabled={busy} onClick={() => void run('pause')} aria-label={label(t('l.pause'))} data-testid="pause-launch">
          {t('l.pause')}
        </button>
      )}
      {now < launch.startsAt ? (
        confirm ? (
          <>
            <button type="button" className={`${sm} btn-danger`} disabled={busy} onClick={() => void run('cancel')} data-testid="confirm-cancel-launch">
              {t('l.confirmCancel')}
            </button>
            <button type="button" className={`${sm} btn-ghost`} onClick={() => setConfirm(false)}>
              {t('l.keep')}
            </button>
          </>
        ) : (
          <button type="button" className={`${sm} btn-ghost`} disabled={busy} onClick={() => setConfirm(true)} aria-label={label(t('l.cancel'))} title={t('l.cancelHint')}>
            {t('l.cancel')}
          </button>
        )
      ) : null}
      {err ? (
        <span className="error-inline" role="alert">
          {err}
        </span>
      ) : null}
    </div>
  );
}

export function LaunchesPage({ storeId }: { storeId: string }) {
  const { t } = useLCT();
  useTitle(t('l.title'));
  const { data, error, setData } = useGet('/launches', { params: { query: { storeId, include: 'all', limit: 100 } } });
  const now = useServerNow();
  if (data?.launches[0]) syncServerClock(data.launches[0].serverTime, Date.now());
  // Upcoming and running first (soonest first), then the finished ones (latest first).
  const rows = useMemo(() => {
    const all = data?.launches ?? [];
    const done = (l: Launch) => ['ended', 'cancelled'].includes(phaseAt(l, serverNow()));
    return [...all.filter((l) => !done(l)).sort((a, b) => a.startsAt - b.startsAt), ...all.filter(done).sort((a, b) => b.startsAt - a.startsAt)];
  }, [data]);
  const replace = (l: Launch) => data && setData({ ...data, launches: data.launches.map((x) => (x.id === l.id ? l : x)) });

  return (
    <div className="console-page">
      <div className="page-head">
        <h1>{t('l.title')}</h1>
        <Link to="/console/launches/new" className="btn btn-primary" data-testid="new-launch">
          {t('l.new')}
        </Link>
      </div>
      <ErrorNote>{error}</ErrorNote>
      {!data && !error ? <Loading /> : null}
      {data && rows.length === 0 ? (
        <EmptyState title={t('l.none')} icon="bolt">
          <p>{t('l.noneBody')}</p>
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('l.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('l.launch')}</th>
              <th scope="col">{t('l.status')}</th>
              <th scope="col">{t('l.starts')}</th>
              <th scope="col">{t('l.units')}</th>
              <th scope="col">{t('l.registered')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('l.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <LaunchRow key={l.id} l={l} now={now} onChanged={replace} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function LaunchRow({ l, now, onChanged }: { l: Launch; now: number; onChanged: (l: Launch) => void }) {
  const { t, date } = useLCT();
  const total = l.items.reduce((n, i) => n + i.allotment, 0);
  const left = l.items.reduce((n, i) => n + i.available, 0);
  const phase = phaseAt(l, now);
  const notStarted = phase === 'scheduled' || phase === 'registration';
  return (
    <tr data-testid="console-launch">
      <td data-label={t('l.launch')}>
        <Link to={`/console/launches/${l.id}`}>{l.title}</Link>
      </td>
      <td data-label={t('l.status')}>
        <LaunchBadge phase={phase} paused={l.paused} />
      </td>
      <td data-label={t('l.starts')}>{date(l.startsAt)}</td>
      <td data-label={t('l.units')}>{notStarted ? total : t('l.unitsOf', { left, total })}</td>
      <td data-label={t('l.registered')}>{l.registeredCount}</td>
      <td className="cell-actions">
        <LaunchActions launch={l} onChanged={onChanged} compact />
      </td>
    </tr>
  );
}

// ---------- the form ----------

interface ItemDraft {
  skuId: string;
  allotment: string;
  price: string;
}

interface Draft {
  /** Title and description per content language (the primary ones follow from them). */
  texts: TextsDraft;
  startsAt: string;
  endsAt: string;
  registrationRequired: boolean;
  registrationOpensAt: string;
  perBuyerLimit: string;
  paymentWindow: string;
  rate: string;
  maxActive: string;
  passTtl: string;
  pow: string;
  items: ItemDraft[];
}

interface SkuChoice {
  id: string;
  label: string;
  stock: number;
  priceMinor: number;
}

type Errors = Record<string, string>;

/** "2025-11-11T20:00" in this computer's time zone, for a datetime-local input. */
function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

function fromLocalInput(v: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return null;
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) ? ms : null;
}

function intIn(v: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

type T = ReturnType<typeof useLCT>['t'];

/** Every field checked against the API's rules; the request body when nothing is wrong. */
function check(d: Draft, skus: SkuChoice[], now: number, t: T, home: ContentLocale): { errors: Errors; body: LaunchBody | null } {
  const e: Errors = {};
  const intErr = (min: number, max: number) => t('e.int', { min: min.toLocaleString(), max: max.toLocaleString() });
  // A title in at least one language (asked for in the console's own language's column).
  if (!hasTitle(d.texts)) e[`title-${home}`] = t('e.required');
  for (const { id: l } of CONTENT_LOCALES) {
    if (d.texts[l].title.trim().length > LIMITS.titleMax) e[`title-${l}`] = t('e.titleLong');
    if (d.texts[l].description.trim().length > LIMITS.descriptionMax) e[`desc-${l}`] = t('e.descriptionLong');
  }
  const start = fromLocalInput(d.startsAt);
  const end = fromLocalInput(d.endsAt);
  if (start === null) e.startsAt = t('e.date');
  else if (start <= now) e.startsAt = t('e.startPast');
  if (end === null) e.endsAt = t('e.date');
  else if (start !== null && end <= start) e.endsAt = t('e.endBeforeStart');
  else if (start !== null && end - start > LIMITS.maxDurationMs) e.endsAt = t('e.tooLong');
  let regOpens: number | null = null;
  if (d.registrationOpensAt.trim()) {
    regOpens = fromLocalInput(d.registrationOpensAt);
    if (regOpens === null) e.registrationOpensAt = t('e.date');
    else if (start !== null && regOpens >= start) e.registrationOpensAt = t('e.regAfterStart');
  } else if (d.registrationRequired) e.registrationOpensAt = t('e.regMissing');
  const limit = intIn(d.perBuyerLimit, 1, LIMITS.maxPerBuyer);
  if (limit === null) e.perBuyerLimit = intErr(1, LIMITS.maxPerBuyer);
  const windowMin = intIn(d.paymentWindow, ...LIMITS.paymentWindowMinutes);
  if (windowMin === null) e.paymentWindow = intErr(...LIMITS.paymentWindowMinutes);
  const rate = intIn(d.rate, ...LIMITS.admissionRate);
  if (rate === null) e.rate = intErr(...LIMITS.admissionRate);
  const maxActive = intIn(d.maxActive, ...LIMITS.maxActive);
  if (maxActive === null) e.maxActive = intErr(...LIMITS.maxActive);
  const ttl = intIn(d.passTtl, ...LIMITS.passTtlSeconds);
  if (ttl === null) e.passTtl = intErr(...LIMITS.passTtlSeconds);
  const pow = intIn(d.pow, ...LIMITS.powBits);
  if (pow === null) e.pow = intErr(...LIMITS.powBits);
  if (d.items.length < 1 || d.items.length > LIMITS.maxItems) e.items = t('e.items', { max: LIMITS.maxItems });
  const seen = new Set<string>();
  const items = d.items.map((it, i) => {
    const sku = skus.find((s) => s.id === it.skuId);
    if (!it.skuId) e[`items.${i}.skuId`] = t('e.required');
    else if (!sku) e[`items.${i}.skuId`] = t('e.notInStore');
    else if (seen.has(it.skuId)) e[`items.${i}.skuId`] = t('e.duplicate');
    seen.add(it.skuId);
    const max = Math.min(LIMITS.maxAllotment, sku?.stock ?? LIMITS.maxAllotment);
    const allotment = intIn(it.allotment, 1, LIMITS.maxAllotment);
    if (allotment === null) e[`items.${i}.allotment`] = sku && sku.stock < 1 ? t('e.allotmentStock', { stock: 0 }) : intErr(1, max);
    else if (sku && allotment > sku.stock) e[`items.${i}.allotment`] = t('e.allotmentStock', { stock: sku.stock });
    const price = parseYuan(it.price);
    if (price === null || price < 0) e[`items.${i}.price`] = t('e.price');
    return { skuId: it.skuId, allotment: allotment ?? 0, launchPriceMinor: price ?? 0 };
  });
  // Every value is there when nothing was refused (the nulls are refused above); said again for the types.
  if (Object.keys(e).length > 0 || start === null || end === null || limit === null || windowMin === null || rate === null || maxActive === null || ttl === null || pow === null) return { errors: e, body: null };
  const body: LaunchBody = {
    ...textsBody(d.texts),
    startsAt: start,
    endsAt: end,
    registrationRequired: d.registrationRequired,
    perBuyerLimit: limit,
    paymentWindowMs: windowMin * 60_000,
    admission: { ratePerSecond: rate, maxActive, passTtlMs: ttl * 1000 },
    powDifficulty: pow,
    items,
  };
  if (regOpens !== null) body.registrationOpensAt = regOpens;
  return { errors: {}, body };
}

/** The API's refusal as field errors (codes from createLaunch, paths from schema validation). */
function apiErrors(err: ApiError, d: Draft, t: T): Errors | null {
  const byCode: Record<string, [string, string]> = {
    STARTS_IN_PAST: ['startsAt', t('e.startPast')],
    ENDS_BEFORE_START: ['endsAt', t('e.endBeforeStart')],
    TOO_LONG: ['endsAt', t('e.tooLong')],
    REGISTRATION_AFTER_START: ['registrationOpensAt', t('e.regAfterStart')],
    REGISTRATION_WINDOW_MISSING: ['registrationOpensAt', t('e.regMissing')],
  };
  const hit = byCode[err.code];
  if (hit) return { [hit[0]]: hit[1] };
  const details = (err.details ?? {}) as { skuIds?: string[]; issues?: Array<{ path?: string; message: string }> };
  if (err.code === 'INSUFFICIENT_STOCK' && details.skuIds) {
    const out: Errors = {};
    d.items.forEach((it, i) => {
      if (details.skuIds!.includes(it.skuId)) out[`items.${i}.allotment`] = err.message;
    });
    return Object.keys(out).length ? out : { items: err.message };
  }
  if (err.code === 'DUPLICATE_SKU') return { items: t('e.duplicate') };
  if (err.code === 'SKU_NOT_IN_STORE') {
    const out: Errors = {};
    d.items.forEach((it, i) => {
      if (err.message.includes(it.skuId)) out[`items.${i}.skuId`] = t('e.notInStore');
    });
    return Object.keys(out).length ? out : { items: t('e.notInStore') };
  }
  if (err.code === 'VALIDATION_FAILED' && details.issues?.length) {
    const primary = primaryLocale(d.texts);
    const fields: Record<string, string> = {
      title: `title-${primary}`,
      description: `desc-${primary}`,
      ...Object.fromEntries(CONTENT_LOCALES.flatMap(({ id: l }) => [[`texts.${l}.title`, `title-${l}`], [`texts.${l}.description`, `desc-${l}`]])),
      startsAt: 'startsAt',
      endsAt: 'endsAt',
      registrationOpensAt: 'registrationOpensAt',
      perBuyerLimit: 'perBuyerLimit',
      paymentWindowMs: 'paymentWindow',
      'admission.ratePerSecond': 'rate',
      'admission.maxActive': 'maxActive',
      'admission.passTtlMs': 'passTtl',
      powDifficulty: 'pow',
      items: 'items',
    };
    const out: Errors = {};
    for (const issue of details.issues) {
      const path = issue.path ?? '';
      const item = /^items\.(\d+)\.(skuId|allotment|launchPriceMinor)$/.exec(path);
      const key = item ? `items.${item[1]}.${item[2] === 'launchPriceMinor' ? 'price' : item[2]}` : fields[path];
      if (key) out[key] = issue.message;
    }
    return Object.keys(out).length ? out : null;
  }
  return null;
}

/** The order fields appear in, to focus the first one with a problem. */
const TEXT_KEYS: TextsKey[] = CONTENT_LOCALES.flatMap(({ id: l }) => [`title-${l}`, `desc-${l}`] as const);
const ORDER = [...TEXT_KEYS, 'startsAt', 'endsAt', 'registrationOpensAt', 'perBuyerLimit', 'paymentWindow', 'rate', 'maxActive', 'passTtl', 'pow', 'items'];
const fieldId = (key: string) => `lf-${key.replace(/\./g, '-')}`;
const ROOM_FIELDS = ['rate', 'maxActive', 'passTtl', 'pow'];

export function NewLaunchPage({ storeId }: { storeId: string }) {
  const { t, price, locale } = useLCT();
  useTitle(t('f.title'));
  const { data } = useGet('/stores/{storeId}/products', { params: { path: { storeId } } });
  // Worked out at each render: a few labels, in the console's language.
  const skus: SkuChoice[] = (data?.products ?? []).flatMap((p) =>
    p.skus.map((s) => ({
      id: s.id,
      stock: s.stock,
      priceMinor: s.priceMinor,
      label: `${t('f.skuLabel', { title: p.title, options: optionsText(s.options) || '—', stock: s.stock, price: price(s.priceMinor, s.currency) })}${p.status === 'draft' ? ` (${t('f.draft')})` : ''}`,
    })),
  );
  const [d, setD] = useState<Draft>(() => {
    // An hour from now on the next quarter hour, for two hours.
    const start = Math.ceil((Date.now() + 3600_000) / 900_000) * 900_000;
    return {
      texts: { 'zh-CN': { title: '', description: '' }, en: { title: '', description: '' } },
      startsAt: toLocalInput(start),
      endsAt: toLocalInput(start + 2 * 3600_000),
      registrationRequired: false,
      registrationOpensAt: '',
      perBuyerLimit: '1',
      paymentWindow: '15',
      rate: '500',
      maxActive: '5000',
      passTtl: '120',
      pow: '0',
      items: [{ skuId: '', allotment: '', price: '' }],
    };
  });
  const home: ContentLocale = locale === 'en' ? 'en' : 'zh-CN';
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roomRef = useRef<HTMLDetailsElement>(null);

  const local = check(d, skus, serverNow(), t, home).errors;
  const shown = (key: string) => serverErrors[key] ?? (submitted || touched.has(key) ? local[key] : undefined);
  const touch = (key: string) => setTouched((s) => (s.has(key) ? s : new Set(s).add(key)));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setD((cur) => ({ ...cur, [key]: value }));
    setServerErrors((cur) => {
      const { [key as string]: _drop, ...rest } = cur;
      return rest;
    });
  };
  const setTexts = (texts: TextsDraft) => {
    setD((cur) => ({ ...cur, texts }));
    setServerErrors((cur) => Object.fromEntries(Object.entries(cur).filter(([k]) => !(TEXT_KEYS as string[]).includes(k))));
  };
  const setItem = (i: number, patch: Partial<ItemDraft>) => {
    setD((cur) => ({ ...cur, items: cur.items.map((it, j) => (j === i ? { ...it, ...patch } : it)) }));
    setServerErrors({});
  };

  const focusFirst = (errors: Errors) => {
    const keys = Object.keys(errors);
    const first = [...ORDER.flatMap((k) => (k === 'items' ? [...keys.filter((x) => x.startsWith('items.')).sort(), 'items'] : [k]))].find((k) => keys.includes(k));
    if (!first) return;
    if (ROOM_FIELDS.includes(first) && roomRef.current) roomRef.current.open = true;
    window.setTimeout(() => document.getElementById(first === 'items' ? 'lf-items' : fieldId(first))?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const { errors, body } = check(d, skus, serverNow(), t, home);
    if (!body) {
      if (Object.keys(errors).some((k) => ROOM_FIELDS.includes(k)) && roomRef.current) roomRef.current.open = true;
      focusFirst(errors);
      return;
    }
    setBusy(true);
    try {
      const l = await call(api.POST('/stores/{storeId}/launches', { params: { path: { storeId } }, body }));
      // The launch is listed, and its units are set aside from the SKUs' stock.
      void invalidate('/launches');
      void invalidate('/stores/{storeId}/products', { path: { storeId } });
      navigate(`/console/launches/${l.id}`, { replace: true });
    } catch (err) {
      setBusy(false);
      const mapped = err instanceof ApiError ? apiErrors(err, d, t) : null;
      if (mapped) {
        setServerErrors(mapped);
        focusFirst(mapped);
      } else setFormError(errorMessage(err));
    }
  };

  const count = Object.keys({ ...(submitted ? local : {}), ...serverErrors }).length;
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const roomInvalid = ROOM_FIELDS.some((k) => shown(k));
  // A problem inside the folded waiting-room settings unfolds them (never folds them back).
  useEffect(() => {
    if (roomInvalid && roomRef.current) roomRef.current.open = true;
  }, [roomInvalid]);

  return (
    <div className="console-page">
      <p>
        <Link to="/console/launches" className="back-link">
          <span aria-hidden="true">←</span> {t('f.back')}
        </Link>
      </p>
      <h1>{t('f.title')}</h1>
      <form className="card form-card wide launch-form" onSubmit={(e) => void submit(e)} noValidate data-testid="launch-form">
        {submitted && count > 0 ? (
          <p className="error-note" role="alert" data-testid="form-errors">
            {t('f.fix', { n: count })}
          </p>
        ) : null}
        <fieldset className="form-section">
          <legend>{t('f.basics')}</legend>
          <TextsFields
            value={d.texts}
            onChange={setTexts}
            idPrefix="lf"
            labels={{ title: t('f.name'), description: t('f.description') }}
            maxLength={{ title: LIMITS.titleMax + 50, description: LIMITS.descriptionMax + 500 }}
            errors={Object.fromEntries(TEXT_KEYS.map((k) => [k, shown(k)]))}
            onBlur={touch}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('f.when')}</legend>
          <p className="hint">{t('f.timezone', { tz })}</p>
          <div className="form-grid">
            <Field id="startsAt" label={t('f.startsAt')} error={shown('startsAt')}>
              {(p) => <input {...p} type="datetime-local" value={d.startsAt} onChange={(e) => set('startsAt', e.target.value)} onBlur={() => touch('startsAt')} />}
            </Field>
            <Field id="endsAt" label={t('f.endsAt')} error={shown('endsAt')}>
              {(p) => <input {...p} type="datetime-local" value={d.endsAt} onChange={(e) => set('endsAt', e.target.value)} onBlur={() => touch('endsAt')} />}
            </Field>
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('f.registration')}</legend>
          <label className="check">
            <input type="checkbox" checked={d.registrationRequired} onChange={(e) => set('registrationRequired', e.target.checked)} data-testid="registration-required" />
            {t('f.registrationRequired')}
          </label>
          <Field id="registrationOpensAt" label={t('f.registrationOpensAt')} hint={t('f.registrationHint')} error={shown('registrationOpensAt')}>
            {(p) => <input {...p} type="datetime-local" value={d.registrationOpensAt} onChange={(e) => set('registrationOpensAt', e.target.value)} onBlur={() => touch('registrationOpensAt')} />}
          </Field>
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('f.rules')}</legend>
          <div className="form-grid">
            <Field id="perBuyerLimit" label={t('f.perBuyerLimit')} error={shown('perBuyerLimit')}>
              {(p) => <input {...p} inputMode="numeric" value={d.perBuyerLimit} onChange={(e) => set('perBuyerLimit', e.target.value)} onBlur={() => touch('perBuyerLimit')} />}
            </Field>
            <Field id="paymentWindow" label={t('f.paymentWindow')} hint={t('f.paymentWindowHint')} error={shown('paymentWindow')}>
              {(p) => <input {...p} inputMode="numeric" value={d.paymentWindow} onChange={(e) => set('paymentWindow', e.target.value)} onBlur={() => touch('paymentWindow')} />}
            </Field>
          </div>
        </fieldset>
        <details className="form-section room-settings" ref={roomRef}>
          <summary>
            <span className="disclosure" aria-hidden="true" />
            {t('f.room')}
          </summary>
          <p className="hint">{t('f.roomHint')}</p>
          <div className="form-grid">
            <Field id="rate" label={t('f.rate')} error={shown('rate')}>
              {(p) => <input {...p} inputMode="numeric" value={d.rate} onChange={(e) => set('rate', e.target.value)} onBlur={() => touch('rate')} />}
            </Field>
            <Field id="maxActive" label={t('f.maxActive')} error={shown('maxActive')}>
              {(p) => <input {...p} inputMode="numeric" value={d.maxActive} onChange={(e) => set('maxActive', e.target.value)} onBlur={() => touch('maxActive')} />}
            </Field>
            <Field id="passTtl" label={t('f.passTtl')} error={shown('passTtl')}>
              {(p) => <input {...p} inputMode="numeric" value={d.passTtl} onChange={(e) => set('passTtl', e.target.value)} onBlur={() => touch('passTtl')} />}
            </Field>
            <Field id="pow" label={t('f.pow')} hint={t('f.powHint')} error={shown('pow')}>
              {(p) => <input {...p} inputMode="numeric" value={d.pow} onChange={(e) => set('pow', e.target.value)} onBlur={() => touch('pow')} />}
            </Field>
          </div>
        </details>
        <fieldset className="form-section" id="lf-items" tabIndex={-1} aria-describedby={shown('items') ? 'lf-items-err' : undefined}>
          <legend>{t('f.items')}</legend>
          <p className="hint">{t('f.itemsHint')}</p>
          {data && skus.length === 0 ? <p className="error-inline">{t('f.noSkus')}</p> : null}
          {shown('items') ? (
            <p className="error-inline" id="lf-items-err">
              {shown('items')}
            </p>
          ) : null}
          <ul className="launch-items-editor" role="list">
            {d.items.map((it, i) => {
              const sku = skus.find((s) => s.id === it.skuId);
              return (
                <li key={i} className="launch-item-row" data-testid="launch-item">
                  <p className="launch-item-n">{t('f.item', { n: i + 1 })}</p>
                  <Field id={`items.${i}.skuId`} label={t('f.sku')} error={shown(`items.${i}.skuId`)} className="item-sku">
                    {(p) => (
                      <select
                        {...p}
                        value={it.skuId}
                        onChange={(e) => {
                          const next = skus.find((s) => s.id === e.target.value);
                          setItem(i, { skuId: e.target.value, price: it.price || (next ? minorToYuan(next.priceMinor) : '') });
                        }}
                        onBlur={() => touch(`items.${i}.skuId`)}
                      >
                        <option value="">{t('f.pickSku')}</option>
                        {skus.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field id={`items.${i}.allotment`} label={t('f.allotment')} error={shown(`items.${i}.allotment`)}>
                    {(p) => <input {...p} inputMode="numeric" value={it.allotment} placeholder={sku ? String(Math.min(sku.stock, LIMITS.maxAllotment)) : undefined} onChange={(e) => setItem(i, { allotment: e.target.value })} onBlur={() => touch(`items.${i}.allotment`)} />}
                  </Field>
                  <Field id={`items.${i}.price`} label={t('f.launchPrice')} error={shown(`items.${i}.price`)}>
                    {(p) => <input {...p} inputMode="decimal" value={it.price} onChange={(e) => setItem(i, { price: e.target.value })} onBlur={() => touch(`items.${i}.price`)} />}
                  </Field>
                  {/* What the store will be charged on this item, at the launch's start. */}
                  <CommissionNote storeId={storeId} skuId={it.skuId} priceMinor={parseYuan(it.price)} at={fromLocalInput(d.startsAt)} />
                  {d.items.length > 1 ? (
                    <button type="button" className="btn btn-ghost btn-sm item-remove" onClick={() => set('items', d.items.filter((_, j) => j !== i))} aria-label={t('f.removeItem', { n: i + 1 })}>
                      {t('f.remove')}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {d.items.length < LIMITS.maxItems ? (
            <button type="button" className="btn btn-sm" onClick={() => set('items', [...d.items, { skuId: '', allotment: '', price: '' }])}>
              {t('f.addItem')}
            </button>
          ) : null}
        </fieldset>
        <ErrorNote>{formError}</ErrorNote>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="schedule-launch">
          {busy ? t('f.submitting') : t('f.submit')}
        </button>
      </form>
    </div>
  );
}

/** A labelled control with its hint and its error, wired with aria-invalid and aria-describedby. */
function Field({ id, label, hint, error, className, children }: { id: string; label: string; hint?: string; error?: string | undefined; className?: string; children: (p: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode }) {
  const fid = fieldId(id);
  const described = [hint ? `${fid}-hint` : null, error ? `${fid}-err` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={fid}>{label}</label>
      {children({ id: fid, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {hint ? (
        <span id={`${fid}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${fid}-err`} className="error-inline" data-testid={`error-${id}`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
