/**
 * What a product is found by: the indexed text of its titles (every locale's and the primary
 * one) and of the rest — descriptions, option names and values in every locale — kept in the
 * columns `search_title` and `search_body`, which each engine's full-text index reads
 * (`db/dialect.ts`). Written with the product, so an edit is searchable at once.
 */
import { searchIndexText } from '../db/dialect.js';
import { LOCALES } from '../shared/locales.js';
import { allTexts, type LocalizedTexts } from '../shared/texts.js';

/** A product option with its per-locale name and values (values in the same order as `values`). */
export interface OptionWithTexts {
  name: string;
  values: string[];
  texts?: Partial<Record<(typeof LOCALES)[number], { name?: string | undefined; values?: string[] | undefined }>> | undefined;
}

/** The two search columns of a product. */
export function productSearchColumns(p: { title: string; description: string; texts: LocalizedTexts<'title' | 'description'>; options: readonly OptionWithTexts[] }): { search_title: string; search_body: string } {
  const optionWords = p.options.flatMap((o) => [o.name, ...o.values, ...LOCALES.flatMap((l) => [o.texts?.[l]?.name ?? '', ...(o.texts?.[l]?.values ?? [])])]);
  return {
    search_title: searchIndexText(allTexts(p.texts, 'title', p.title)),
    search_body: searchIndexText([...allTexts(p.texts, 'description', p.description), ...optionWords]),
  };
}
