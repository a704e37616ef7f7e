/**
 * A title (or name) and description in every content language, side by side (中文 | English):
 * what the storefront shows a reader of that language — for products, stores and launches.
 * The primary text (the fallback for a language left empty) is the English one when there
 * is one, else the Chinese one.
 */
import type { Product, Store } from '../lib/types';
import { useCT } from './strings';

/** The content languages, in the order the columns show them. */
export const CONTENT_LOCALES = [
  { id: 'zh-CN', label: '中文' },
  { id: 'en', label: 'English' },
] as const;

export type ContentLocale = (typeof CONTENT_LOCALES)[number]['id'];
export type TextsDraft = Record<ContentLocale, { title: string; description: string }>;
type StoredTexts = Partial<Record<ContentLocale, { title?: string; name?: string; description?: string }>>;

/**
 * The draft from stored texts. A primary text with no English text of its own (a thing from
 * before texts, or one given only its Chinese texts besides) shows in the English column
 * unless it is the Chinese text itself, so saving keeps it as the primary one.
 */
function draftOf(texts: StoredTexts, key: 'title' | 'name', primary: { title: string; description: string } | null): TextsDraft {
  const zh = { title: texts['zh-CN']?.[key] ?? '', description: texts['zh-CN']?.description ?? '' };
  const fallback = (field: 'title' | 'description') => (primary && primary[field] !== zh[field] ? primary[field] : '');
  return {
    'zh-CN': zh,
    en: { title: texts.en?.[key] ?? fallback('title'), description: texts.en?.description ?? fallback('description') },
  };
}

/** The draft of a product's texts. */
export function textsDraftOf(p: Product | null): TextsDraft {
  return draftOf((p?.texts ?? {}), 'title', p);
}

/**
 * The draft of a store's name and description (`title` in the draft is the store's name),
 * from the store as read with no language asked for (its primary name and description).
 */
export function storeTextsDraftOf(s: Store): TextsDraft {
  return draftOf(s.texts, 'name', { title: s.name, description: s.description });
}

/** The language whose texts are the primary ones: English when it has a title, else Chinese. */
export function primaryLocale(d: TextsDraft): ContentLocale {
  return d.en.title.trim() ? 'en' : 'zh-CN';
}

/** What the API takes: the texts of each language, and the primary title and description. */
export function textsBody(d: TextsDraft): { title: string; description: string; texts: Record<ContentLocale, { title: string; description: string }> } {
  const primary = d[primaryLocale(d)];
  return {
    title: primary.title.trim(),
    description: primary.description.trim(),
    texts: { 'zh-CN': { title: d['zh-CN'].title.trim(), description: d['zh-CN'].description.trim() }, en: { title: d.en.title.trim(), description: d.en.description.trim() } },
  };
}

/** The same for a store (PATCH /stores/:id): a name instead of a title. */
export function storeTextsBody(d: TextsDraft): { name: string; description: string; texts: Record<ContentLocale, { name: string; description: string }> } {
  const { title, description, texts } = textsBody(d);
  return { name: title, description, texts: { 'zh-CN': { name: texts['zh-CN'].title, description: texts['zh-CN'].description }, en: { name: texts.en.title, description: texts.en.description } } };
}

/** Whether at least one language has a title. */
export function hasTitle(d: TextsDraft): boolean {
  return CONTENT_LOCALES.some((l) => d[l.id].title.trim());
}

/** The key of one field of one language, for errors and ids: "title-zh-CN", "desc-en". */
export type TextsKey = `${'title' | 'desc'}-${ContentLocale}`;

/**
 * The side-by-side fields; ids are `${idPrefix}-${key}` ("np-title-en"). `labels` names the
 * two fields (a product's by default), `maxLength` bounds them, and `errors` puts a problem
 * under its field (with aria-invalid and aria-describedby).
 */
export function TextsFields({
  value,
  onChange,
  idPrefix,
  labels,
  maxLength = { title: 200, description: 10000 },
  errors = {},
  onBlur,
}: {
  value: TextsDraft;
  onChange: (next: TextsDraft) => void;
  idPrefix: string;
  labels?: { title: string; description: string };
  maxLength?: { title: number; description: number };
  errors?: Partial<Record<TextsKey, string | undefined>>;
  onBlur?: (key: TextsKey) => void;
}) {
  const { t } = useCT();
  const names = labels ?? { title: t('products.title'), description: t('products.description') };
  const set = (l: ContentLocale, patch: Partial<TextsDraft[ContentLocale]>) => onChange({ ...value, [l]: { ...value[l], ...patch } });
  const wired = (key: TextsKey) => {
    const id = `${idPrefix}-${key}`;
    const error = errors[key];
    return {
      id,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-err` : undefined,
      onBlur: onBlur ? () => onBlur(key) : undefined,
      error: error ? (
        <span id={`${id}-err`} className="error-inline" data-testid={`error-${key}`}>
          {error}
        </span>
      ) : null,
    };
  };
  return (
    <div className="texts-side-by-side">
      {CONTENT_LOCALES.map((l) => {
        const { error: titleError, ...title } = wired(`title-${l.id}`);
        const { error: descError, ...desc } = wired(`desc-${l.id}`);
        return (
          <fieldset key={l.id} className={titleError || descError ? 'field texts-column invalid' : 'field texts-column'} lang={l.id}>
            <legend>{l.label}</legend>
            <label htmlFor={title.id}>
              {names.title} · {l.label}
            </label>
            <input {...title} maxLength={maxLength.title} value={value[l.id].title} onChange={(e) => set(l.id, { title: e.target.value })} />
            {titleError}
            <label htmlFor={desc.id}>
              {names.description} · {l.label}
            </label>
            <textarea {...desc} rows={3} maxLength={maxLength.description} value={value[l.id].description} onChange={(e) => set(l.id, { description: e.target.value })} />
            {descError}
          </fieldset>
        );
      })}
      <p className="hint texts-hint">{t('products.textsHint')}</p>
    </div>
  );
}
