/**
 * China's administrative divisions — provinces, cities (prefectures) and districts (counties)
 * by their GB/T 2260 codes, with names in every locale — from `cn-divisions.json` (generated
 * by tools/regions.ts from @vant/area-data). Addresses store codes; this module checks that a
 * city belongs to its province and a district to its city, names codes in a language, and
 * resolves the free text of older addresses ("Guangdong", "guangdong", "广东") to a province.
 */
import divisions from './cn-divisions.json' with { type: 'json' };
import type { Locale } from '../shared/locales.js';

/** A division's rank. */
export type RegionLevel = 'province' | 'city' | 'district';

/** One division: its code, rank, parent's code and names. */
export interface Region {
  code: string;
  level: RegionLevel;
  parent: string | null;
  names: Record<Locale, string>;
}

const byCode = new Map<string, Region>();
const children = new Map<string, Region[]>();
const TOP = '';

function load(level: RegionLevel, rows: string[][]): void {
  for (const [code, zh, en] of rows) {
    const parent = level === 'province' ? null : level === 'city' ? `${code!.slice(0, 2)}0000` : `${code!.slice(0, 4)}00`;
    const r: Region = { code: code!, level, parent, names: { 'zh-CN': zh!, en: en! } };
    byCode.set(r.code, r);
    const key = parent ?? TOP;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
}
load('province', divisions.provinces);
load('city', divisions.cities);
load('district', divisions.districts);

/** Where the list comes from (package and version). */
export const REGIONS_SOURCE: string = divisions.source;

/** The division with this code, if there is one. */
export function regionOf(code: string): Region | undefined {
  return byCode.get(code);
}

/** The divisions directly under `parent` (the provinces for null), in code order; undefined for an unknown parent. */
export function regionsUnder(parent: string | null): Region[] | undefined {
  if (parent !== null && !byCode.has(parent)) return undefined;
  return children.get(parent ?? TOP) ?? [];
}

/** The codes of an address's divisions. */
export interface RegionCodes {
  provinceCode: string;
  cityCode: string;
  districtCode: string;
}

/** One thing wrong with an address's codes: which field, and a code for it. */
export interface RegionIssue {
  field: keyof RegionCodes;
  code: 'UNKNOWN_REGION' | 'NOT_A_PROVINCE' | 'CITY_NOT_IN_PROVINCE' | 'DISTRICT_NOT_IN_CITY';
  message: string;
}

/** Checks that the codes name a province, a city of that province and a district of that city. */
export function checkRegions(a: RegionCodes): RegionIssue[] {
  const issues: RegionIssue[] = [];
  const p = byCode.get(a.provinceCode);
  const c = byCode.get(a.cityCode);
  const d = byCode.get(a.districtCode);
  if (!p) issues.push({ field: 'provinceCode', code: 'UNKNOWN_REGION', message: 'no province has this code' });
  else if (p.level !== 'province') issues.push({ field: 'provinceCode', code: 'NOT_A_PROVINCE', message: `${a.provinceCode} is a ${p.level}, not a province` });
  if (!c || c.level !== 'city') issues.push({ field: 'cityCode', code: 'UNKNOWN_REGION', message: 'no city has this code' });
  else if (p && c.parent !== p.code) issues.push({ field: 'cityCode', code: 'CITY_NOT_IN_PROVINCE', message: `${c.names.en} is not in ${p.names.en}` });
  if (!d || d.level !== 'district') issues.push({ field: 'districtCode', code: 'UNKNOWN_REGION', message: 'no district has this code' });
  else if (c && d.parent !== c.code) issues.push({ field: 'districtCode', code: 'DISTRICT_NOT_IN_CITY', message: `${d.names.en} is not in ${c.names.en}` });
  return issues;
}

/** The names of an address's divisions in every locale (for codes `checkRegions` accepted). */
export function regionNames(a: RegionCodes): Record<Locale, { province: string; city: string; district: string }> {
  const n = (code: string, l: Locale) => byCode.get(code)?.names[l] ?? code;
  return {
    'zh-CN': { province: n(a.provinceCode, 'zh-CN'), city: n(a.cityCode, 'zh-CN'), district: n(a.districtCode, 'zh-CN') },
    en: { province: n(a.provinceCode, 'en'), city: n(a.cityCode, 'en'), district: n(a.districtCode, 'en') },
  };
}

/** Free text folded for comparison: case, width, spaces and the administrative suffix gone. */
function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’.-]+/g, '')
    .replace(/(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$/u, '')
    .replace(/(province|municipality|autonomousregion|sar)$/, '');
}

const provinceByText = new Map<string, string>();
for (const p of children.get(TOP) ?? []) {
  for (const name of [p.names['zh-CN'], p.names.en]) provinceByText.set(fold(name), p.code);
}
// Spellings older addresses use.
for (const [alias, code] of [['xizang', '540000'], ['tibet', '540000'], ['innermongolia', '150000'], ['neimenggu', '150000'], ['hongkong', '810000'], ['macau', '820000'], ['shaanxi', '610000']] as const) provinceByText.set(alias, code);

/** The province code free text names ("Guangdong", "guangdong", "广东", "广东省" → 440000), or null. */
export function provinceCodeOfText(text: string): string | null {
  const key = fold(text);
  return key ? (provinceByText.get(key) ?? null) : null;
}

/**
 * The key regional analytics group by: a province code as it is, free text of older
 * addresses as the province it names (so "Guangdong", "guangdong" and "广东" are one region),
 * and text that names no province as it was written.
 */
export function regionKey(region: string): string {
  if (/^\d{6}$/.test(region)) return region;
  return provinceCodeOfText(region) ?? region;
}
