/**
 * Generates src/regions/cn-divisions.json: China's provinces, cities and districts with their
 * GB/T 2260 codes and Chinese names from @vant/area-data (the Vant team's maintained list),
 * and English names: the conventional ones for provinces and a few well-known places, pinyin
 * (pinyin-pro) with the administrative suffix in English for the rest ("南山区" → "Nanshan
 * District"). Run `npx tsx tools/regions.ts` after updating @vant/area-data; test/regions.test.ts
 * fails while the committed file differs from what this makes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = path.join(ROOT, 'src', 'regions', 'cn-divisions.json');

/** Conventional English names (provinces, and places whose usual name is not plain pinyin). */
const ENGLISH: Record<string, string> = {
  '110000': 'Beijing', '120000': 'Tianjin', '130000': 'Hebei', '140000': 'Shanxi', '150000': 'Inner Mongolia',
  '210000': 'Liaoning', '220000': 'Jilin', '230000': 'Heilongjiang', '310000': 'Shanghai', '320000': 'Jiangsu',
  '330000': 'Zhejiang', '340000': 'Anhui', '350000': 'Fujian', '360000': 'Jiangxi', '370000': 'Shandong',
  '410000': 'Henan', '420000': 'Hubei', '430000': 'Hunan', '440000': 'Guangdong', '450000': 'Guangxi',
  '460000': 'Hainan', '500000': 'Chongqing', '510000': 'Sichuan', '520000': 'Guizhou', '530000': 'Yunnan',
  '540000': 'Xizang', '610000': 'Shaanxi', '620000': 'Gansu', '630000': 'Qinghai', '640000': 'Ningxia',
  '650000': 'Xinjiang', '710000': 'Taiwan', '810000': 'Hong Kong', '820000': 'Macao',
  '429000': 'County-level divisions', '469000': 'County-level divisions', '500200': 'Counties',
  '810100': 'Hong Kong Island', '810200': 'Kowloon', '810300': 'New Territories',
  '710100': 'Taipei', '710200': 'Kaohsiung', '710300': 'Tainan', '710400': 'Taichung', '710500': 'Kinmen County',
  '710700': 'Keelung', '710800': 'Hsinchu', '710900': 'Chiayi', '711100': 'New Taipei', '711300': 'Hsinchu County',
  '711400': 'Taoyuan', '711900': 'Chiayi County', '712800': 'Lienchiang County',
  '820100': 'Macao Peninsula', '820200': 'Islands',
};

/** Usual English names of places whose names come from Mongolian, Uyghur, Tibetan or Manchu. */
const PLACES: Record<string, string> = {
  哈尔滨: 'Harbin', 鄂尔多斯: 'Ordos', 呼伦贝尔: 'Hulunbuir', 巴彦淖尔: 'Bayannur', 呼和浩特: 'Hohhot', 乌兰察布: 'Ulanqab',
  锡林郭勒: 'Xilingol', 阿拉善: 'Alxa', 乌鲁木齐: 'Urumqi', 克拉玛依: 'Karamay', 吐鲁番: 'Turpan', 阿克苏: 'Aksu', 喀什: 'Kashgar',
  和田: 'Hotan', 伊犁: 'Ili', 阿勒泰: 'Altay', 博尔塔拉: 'Bortala', 巴音郭楞: 'Bayingolin', 克孜勒苏: 'Kizilsu', 拉萨: 'Lhasa',
  日喀则: 'Shigatse', 那曲: 'Nagqu', 林芝: 'Nyingchi', 昌都: 'Qamdo', 阿里: 'Ngari',
};

/** Economic zones and the like: their Chinese phrase and the English words for it. */
const ZONES: Array<[string, string]> = [
  ['高新技术产业开发区', 'High-Tech Industrial Development Zone'], ['高新技术产业园区', 'High-Tech Industrial Park'],
  ['经济技术开发区', 'Economic and Technological Development Zone'], ['经济开发区', 'Economic Development Zone'],
  ['工业园区', 'Industrial Park'], ['化工园区', 'Chemical Industry Park'], ['产业园区', 'Industrial Park'], ['开发区', 'Development Zone'],
  ['高新区', 'High-Tech Zone'], ['示范区', 'Demonstration Zone'], ['管理区', 'Administrative Area'],
];
const PROVINCE_PREFIX = /^(河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆)(?=.)/;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Characters whose reading in a place name differs from the one pinyin-pro picks. */
const READING: Record<string, string> = { 单县: 'shan', 洪洞: 'hong tong', 黄陂: 'huang pi', 蔚县: 'yu', 喀什: 'ka shi', 乐亭: 'lao ting', 六合: 'lu he', 铅山: 'yan shan', 莘县: 'shen', 番禺: 'pan yu' };

/** The administrative suffixes, longest first, with their English word. */
const SUFFIXES: Array<[string, string]> = [
  ['特别行政区', ''], ['自治区', ''], ['自治州', ' Prefecture'], ['自治县', ' County'], ['自治旗', ' Banner'],
  ['林区', ' Forestry District'], ['新区', ' New Area'], ['地区', ' Prefecture'], ['街道', ' Subdistrict'],
  ['省', ''], ['市', ''], ['区', ' District'], ['县', ' County'], ['旗', ' Banner'], ['盟', ' League'], ['镇', ' Town'], ['乡', ' Township'],
];

/** Ethnic groups named in autonomous divisions ("石柱土家族自治县" → Shizhu County). */
const ETHNIC_NAMES = ['蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各'];
// Names of two or more characters may go without 族 ("伊犁哈萨克自治州"); one-character ones never do.
const ETHNIC = new RegExp(`(?:(?:${ETHNIC_NAMES.filter((n) => n.length > 1).join('|')})族?|(?:${ETHNIC_NAMES.filter((n) => n.length === 1).join('|')})族)+$`);

/** Pinyin as a place name is written: one word, capitalised, with an apostrophe before a syllable that starts with a vowel ("Lu'an"). */
function romanise(base: string, whole: string): string {
  const override = READING[whole] ?? READING[base];
  const syllables = override ? override.split(' ') : (pinyin(base, { toneType: 'none', type: 'array', v: true }));
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  if (!/^[a-z']+$/.test(word)) throw new Error(`no pinyin for ${whole} (${word}); add it to ENGLISH`);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A place name: its usual English form, else pinyin. */
function place(base: string, whole: string): string {
  return PLACES[base] ?? romanise(base, whole);
}

/** The English name of one division. */
export function englishName(code: string, zh: string): string {
  if (ENGLISH[code]) return ENGLISH[code];
  for (const [phrase, en] of ZONES) {
    if (!zh.endsWith(phrase)) continue;
    // "河北唐山海港经济开发区" → "Tangshan Haigang Economic Development Zone": the province and a 市 dropped, words apart.
    const base = zh.slice(0, -phrase.length).replace(PROVINCE_PREFIX, '').replace(/市/g, '');
    const words = [...segmenter.segment(base)].filter((w) => w.isWordLike).map((w) => place(w.segment, zh));
    return [...words, en].join(' ');
  }
  for (const [suffix, en] of SUFFIXES) {
    if (zh.length > suffix.length && zh.endsWith(suffix)) {
      let base = zh.slice(0, -suffix.length);
      if (suffix.startsWith('自治')) base = base.replace(ETHNIC, '') || base;
      return place(base, zh) + en;
    }
  }
  return place(zh, zh);
}

/** The divisions file's content, from the installed @vant/area-data. */
export function buildDivisions(): string {
  const { areaList } = require('@vant/area-data') as { areaList: Record<'province_list' | 'city_list' | 'county_list', Record<string, string>> };
  const version = (require('@vant/area-data/package.json') as { version: string }).version;
  const level = (list: Record<string, string>) =>
    Object.entries(list)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, zh]) => [code, zh, englishName(code, zh)]);
  const data = {
    source: `@vant/area-data ${version}: GB/T 2260 codes and names; English names from tools/regions.ts`,
    provinces: level(areaList.province_list),
    cities: level(areaList.city_list),
    districts: level(areaList.county_list),
  };
  // One division per line: readable diffs when the list changes.
  const rows = (name: string, list: unknown[]) => `  "${name}": [\n${list.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
  return `{\n  "source": ${JSON.stringify(data.source)},\n${rows('provinces', data.provinces)},\n${rows('cities', data.cities)},\n${rows('districts', data.districts)}\n}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(OUT, buildDivisions());
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
}
