/**
 * Languages: English and Simplified Chinese, switchable and remembered in localStorage.
 *
 * Why a tiny typed dictionary and not react-i18next: two locales, a few hundred short
 * strings, interpolation of a value or two and no plural rules that Intl cannot do. A
 * dictionary per area (storefront here, console/admin in their lazy chunks) keeps the
 * console's strings out of the storefront download, costs well under 1 kB, and TypeScript
 * checks at build time that every key exists in both languages (a missing zh-CN string is
 * a compile error, not a blank label at run time). Prices and dates go through Intl, so
 * "CN¥4,999.00" / "¥4,999.00" and date order follow the locale without any tables of ours.
 */
import { useSyncExternalStore } from 'react';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: ReadonlyArray<{ id: Locale; label: string }> = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
];

const STORAGE_KEY = 'fm.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* storage blocked: fall through */
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let current: Locale = initialLocale();
const listeners = new Set<() => void>();
document.documentElement.lang = current;

/** Switches the language everywhere and remembers it. */
export function setLocale(l: Locale): void {
  current = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* not remembered, still switched */
  }
  listeners.forEach((fn) => fn());
}

/** The interface language now (the API is asked for catalog texts in it). */
export function currentLocale(): Locale {
  return current;
}

export function useLocale(): Locale {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A price from minor units, e.g. 499900 CNY → "CN¥4,999.00" (en) or "¥4,999.00" (zh-CN). */
export function formatPrice(minor: number, currency: string, locale: Locale = current): string {
  const key = `${locale}|${currency}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    numberFormats.set(key, f);
  }
  return f.format(minor / 100);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** A date and time in the reader's language (epoch ms in). */
export function formatDate(ms: number, locale: Locale = current, style: 'date' | 'datetime' = 'datetime'): string {
  const key = `${locale}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(key, f);
  }
  return f.format(new Date(ms));
}

type Vars = Record<string, string | number>;

/** What a component gets from an area's useT(). */
export interface Translator<K extends string> {
  t: (key: K, vars?: Vars) => string;
  locale: Locale;
  price: (minor: number, currency?: string) => string;
  date: (ms: number, style?: 'date' | 'datetime') => string;
}

/**
 * Makes the `useT` hook for one area from its English dictionary and a zh-CN one that must
 * have exactly the same keys. `{name}` in a string is replaced by `vars.name`; a key with a
 * "#one" twin ("cart.items#one": "{n} item") takes the twin when `vars.n` is 1.
 */
export function createDictionary<D extends Record<string, string>>(en: D, zh: { [K in keyof D]: string }) {
  const tables: Record<Locale, Record<string, string>> = { en, 'zh-CN': zh };
  return function useT(): Translator<Extract<keyof D, string>> {
    const locale = useLocale();
    const table = tables[locale];
    return {
      locale,
      t: (key, vars) => {
        // English singulars live under "<key>#one" and are used when vars.n is 1.
        const one = vars?.n === 1 ? table[`${key}#one`] : undefined;
        const s = one ?? table[key] ?? en[key] ?? key;
        return vars ? s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : s;
      },
      price: (minor, currency = 'CNY') => formatPrice(minor, currency, locale),
      date: (ms, style = 'datetime') => formatDate(ms, locale, style),
    };
  };
}
