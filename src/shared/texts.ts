/**
 * Catalog texts per locale — a store's name and description, a product's title and
 * description, an option's name and values, a launch's title and description — next to the
 * seller's primary text (the columns every row always had). A reader gets the text of the
 * locale asked for, else the primary one.
 */
import { z } from 'zod';
import { LOCALES, type Locale } from './locales.js';

/** The texts of one thing by locale: `{ "zh-CN": { "title": "…" }, "en": { … } }` (any part may be missing). */
export type LocalizedTexts<F extends string> = Partial<Record<Locale, Partial<Record<F, string>>>>;

/** The API schema of such texts, one object per locale with the given fields (all optional). */
export function textsSchema<F extends string>(fields: Record<F, z.ZodType<string>>) {
  const perLocale = z.object(Object.fromEntries(Object.entries<z.ZodType<string>>(fields).map(([k, v]) => [k, v.optional()])) as Record<F, z.ZodOptional<z.ZodType<string>>>).strict();
  return z.partialRecord(z.enum(LOCALES), perLocale);
}

/** Texts read back from a row's JSON column (junk or an unknown locale reads as nothing). */
export function parseTexts<F extends string>(json: string | null | undefined): LocalizedTexts<F> {
  if (!json) return {};
  try {
    const raw = JSON.parse(json) as Record<string, unknown>;
    const out: LocalizedTexts<F> = {};
    for (const l of LOCALES) if (raw[l] && typeof raw[l] === 'object') out[l] = raw[l];
    return out;
  } catch {
    return {};
  }
}

/** The text for `locale`, else the primary one. */
export function pickText<F extends string>(texts: LocalizedTexts<F>, field: F, locale: Locale | null, primary: string): string {
  const t = locale ? texts[locale]?.[field] : undefined;
  return t && t.trim() ? t : primary;
}

/** The first text of `field` in locale order (what becomes the primary text when none was given). */
export function firstText<F extends string>(texts: LocalizedTexts<F>, field: F): string | undefined {
  for (const l of LOCALES) {
    const t = texts[l]?.[field];
    if (t && t.trim()) return t;
  }
  return undefined;
}

/** Texts with empty strings dropped and edits merged over what was stored (a field set to '' is removed). */
export function mergeTexts<F extends string>(stored: LocalizedTexts<F>, patch: LocalizedTexts<F> | undefined): LocalizedTexts<F> {
  const out: LocalizedTexts<F> = {};
  for (const l of LOCALES) {
    const merged: Partial<Record<F, string>> = { ...stored[l], ...patch?.[l] };
    for (const k of Object.keys(merged) as F[]) if (!merged[k] || !merged[k].trim()) delete merged[k];
    if (Object.keys(merged).length) out[l] = merged;
  }
  return out;
}

/** Every text of a field, primary first (what search indexes). */
export function allTexts<F extends string>(texts: LocalizedTexts<F>, field: F, primary: string): string[] {
  return [primary, ...LOCALES.map((l) => texts[l]?.[field] ?? '')].filter((t) => t.trim());
}
