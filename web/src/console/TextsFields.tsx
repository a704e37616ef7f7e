/**
 * A product's title and description in every content language, side by side (中文 | English):
 * what the storefront shows a reader of that language. The primary text (the fallback for a
 * language left empty) is the English one when there is one, else the Chinese one.
 */
import type { Product } from '../lib/types';
import { useCT } from './strings';

/** The content languages, in the order the columns show them. */
export const CONTENT_LOCALES = [
  { id: 'zh-CN', label: '中文' },
  { id: 'en', label: 'English' },
] as const;

export type ContentLocale = (typeof CONTENT_LOCALES)[number]['id'];
export type TextsDraft = Record<ContentLocale, { title: string; description: string }>;

/** The draft of a product's texts (a product from before texts shows its one title in the English column). */
export function textsDraftOf(p: Product | null): TextsDraft {
  const texts = (p?.texts ?? {}) as Partial<Record<ContentLocale, { title?: string; description?: string }>>;
  const none = !texts['zh-CN'] && !texts.en;
  return {
    'zh-CN': { title: texts['zh-CN']?.title ?? '', description: texts['zh-CN']?.description ?? '' },
    en: { title: texts.en?.title ?? (none && p ? p.title : ''), description: texts.en?.description ?? (none && p ? p.description : '') },
  };
}

/** What the API takes: the texts of each language, and the primary title and description. */
export function textsBody(d: TextsDraft): { title: string; description: string; texts: Record<ContentLocale, { title: string; description: string }> } {
  const primary = d.en.title.trim() ? d.en : d['zh-CN'];
  return {
    title: primary.title.trim(),
    description: primary.description.trim(),
    texts: { 'zh-CN': { title: d['zh-CN'].title.trim(), description: d['zh-CN'].description.trim() }, en: { title: d.en.title.trim(), description: d.en.description.trim() } },
  };
}

/** Whether at least one language has a title. */
export function hasTitle(d: TextsDraft): boolean {
  return CONTENT_LOCALES.some((l) => d[l.id].title.trim());
}

/** The side-by-side fields. */
export function TextsFields({ value, onChange, idPrefix }: { value: TextsDraft; onChange: (next: TextsDraft) => void; idPrefix: string }) {
  const { t } = useCT();
  const set = (l: ContentLocale, patch: Partial<TextsDraft[ContentLocale]>) => onChange({ ...value, [l]: { ...value[l], ...patch } });
  return (
    <div className="texts-side-by-side">
      {CONTENT_LOCALES.map((l) => (
        <fieldset key={l.id} className="field texts-column" lang={l.id}>
          <legend>{l.label}</legend>
          <label htmlFor={`${idPrefix}-title-${l.id}`}>
            {t('products.title')} · {l.label}
          </label>
          <input id={`${idPrefix}-title-${l.id}`} maxLength={200} value={value[l.id].title} onChange={(e) => set(l.id, { title: e.target.value })} />
          <label htmlFor={`${idPrefix}-desc-${l.id}`}>
            {t('products.description')} · {l.label}
          </label>
          <textarea id={`${idPrefix}-desc-${l.id}`} rows={3} maxLength={10000} value={value[l.id].description} onChange={(e) => set(l.id, { description: e.target.value })} />
        </fieldset>
      ))}
      <p className="hint texts-hint">{t('products.textsHint')}</p>
    </div>
  );
}
