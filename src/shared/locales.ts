/**
 * The languages Flashmall's content and pages come in — the one list. Catalog texts (stores,
 * products, options, launches) and region names carry one text per locale here; a request
 * names the one it wants by `?lang=` or Accept-Language.
 */
export const LOCALES = ['zh-CN', 'en'] as const;

/** One of the content languages. */
export type Locale = (typeof LOCALES)[number];

/** Whether a string is one of the locales. */
export function isLocale(s: unknown): s is Locale {
  return typeof s === 'string' && (LOCALES as readonly string[]).includes(s);
}

/** The locale a language tag falls to ("zh", "zh-Hans-CN", "zh-TW" → zh-CN; "en-GB" → en), or null. */
export function localeOfTag(tag: string): Locale | null {
  const t = tag.trim().toLowerCase();
  if (!t || t === '*') return null;
  for (const l of LOCALES) if (t === l.toLowerCase() || t.split('-')[0] === l.split('-')[0]!.toLowerCase()) return l;
  return null;
}

/**
 * The locale a request asks for: `lang` (a query parameter) when it names one, else the
 * best of Accept-Language by its q-values; null when it names none of ours (then texts fall
 * back to the seller's primary text).
 */
export function requestedLocale(lang: string | undefined | null, acceptLanguage: string | undefined): Locale | null {
  if (lang) {
    const l = localeOfTag(lang);
    if (l) return l;
  }
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const l = localeOfTag(r.tag);
    if (l) return l;
  }
  return null;
}
