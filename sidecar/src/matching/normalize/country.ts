import { createRequire } from 'node:module';
import { getCountries } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { foldText } from './text.ts';

const ALIASES: Record<string, string> = {
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'u k': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  deutschland: 'DE',
  allemagne: 'DE',
  holland: 'NL',
  'the netherlands': 'NL',
  nederland: 'NL',
  espana: 'ES',
  italia: 'IT',
  schweiz: 'CH',
  suisse: 'CH',
  svizzera: 'CH',
  osterreich: 'AT',
  sverige: 'SE',
  norge: 'NO',
  danmark: 'DK',
  suomi: 'FI',
  brasil: 'BR',
  mexique: 'MX',
  'south korea': 'KR',
  korea: 'KR',
  'republic of korea': 'KR',
  russia: 'RU',
  'czech republic': 'CZ',
  uae: 'AE',
  'viet nam': 'VN',
  'hong kong sar': 'HK',
  'ivory coast': 'CI',
  turkey: 'TR',
  turkiye: 'TR',
  'east timor': 'TL',
  swaziland: 'SZ',
  'cabo verde': 'CV',
  macau: 'MO',
  macao: 'MO',
  'hong kong': 'HK',
  prc: 'CN',
  'peoples republic of china': 'CN',
  'north korea': 'KP',
  drc: 'CD',
  'democratic republic of congo': 'CD',
  congo: 'CG',
  'republic of congo': 'CG',
  palestine: 'PS',
  macedonia: 'MK',
  // The ISO 3166 names Salesforce's country picklists store as their integration values
  // ("Korea, Republic of"), as read with the part after the comma first.
  'russian federation': 'RU',
  'democratic peoples republic of korea': 'KP',
  'islamic republic of iran': 'IR',
  'plurinational state of bolivia': 'BO',
  'bolivarian republic of venezuela': 'VE',
  'united republic of tanzania': 'TZ',
  'republic of moldova': 'MD',
  'federated states of micronesia': 'FM',
  'state of palestine': 'PS',
  'former yugoslav republic of macedonia': 'MK',
  'province of china taiwan': 'TW',
  'lao peoples democratic republic': 'LA',
  'syrian arab republic': 'SY',
  'brunei darussalam': 'BN',
  'holy see': 'VA',
  'bonaire sint eustatius saba': 'BQ',
  'united states minor outlying islands': 'UM',
  'heard island mcdonald islands': 'HM',
};

/** Code → the one shared string for it, so millions of records do not each hold their own "US". */
const KNOWN_CODES = new Map<string, CountryCode>(getCountries().map((code) => [code, code]));
/**
 * KNOWN_CODES by the code's two letters, (first − A) × 26 + (second − A): most records carry an
 * upper-case code, and reading it here costs two character reads where the Map lookup first
 * hashed the record's own string.
 */
const CODE_BY_LETTERS: (CountryCode | undefined)[] = Array.from({ length: 26 * 26 }, () => undefined);
for (const code of KNOWN_CODES.values()) CODE_BY_LETTERS[(code.charCodeAt(0) - 65) * 26 + code.charCodeAt(1) - 65] = code;
let namesToCodes: Map<string, string> | undefined;

/**
 * The languages whose names of countries are read (CLDR's, through Intl.DisplayNames):
 * English, then those of the larger partner markets, so a partner's list that says
 * "Polska", "Estados Unidos", "Россия" or "中国" names the country its CRM calls Poland, the
 * United States, Russia or China. English names come first: where two languages give one name
 * to two countries, the English one stands.
 */
const NAME_LANGUAGES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'sv',
  'da',
  'nb',
  'fi',
  'cs',
  'hu',
  'ro',
  'tr',
  'el',
  'ru',
  'uk',
  'zh',
  'zh-Hant',
  'ja',
  'ko',
  'ar',
  'he',
  'id',
  'vi',
  'th',
];

function countryNames(): Map<string, string> {
  if (namesToCodes) return namesToCodes;
  const names = new Map(Object.entries(ALIASES));
  for (const language of NAME_LANGUAGES) {
    const displayNames = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const code of KNOWN_CODES.keys()) {
      const name = displayNames.of(code);
      if (!name || name === code) continue;
      // "Myanmar (Burma)" is also "Myanmar" and "Burma"; "Cocos (Keeling) Islands" also "Cocos Islands".
      for (const variant of [name, withoutParenthesised(name), parenthesised(name)]) {
        const key = variant === undefined ? '' : simplify(variant);
        if (key !== '' && !names.has(key)) names.set(key, code);
      }
    }
  }
  namesToCodes = names;
  return names;
}

/**
 * A country's name as compared: folded, "&" and "and", "the" and apostrophes left out, "St."
 * as "Saint" ("St. Kitts & Nevis" = "Saint Kitts and Nevis", "Côte d'Ivoire" = "Cote dIvoire").
 */
function simplify(name: string): string {
  return foldText(name)
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && word !== 'and' && word !== 'the')
    .map((word) => (word === 'st' ? 'saint' : word))
    .join(' ');
}

function withoutParenthesised(name: string): string | undefined {
  const stripped = name.replace(/\s*\([^)]*\)/g, '');
  return stripped !== name && stripped.trim() !== '' ? stripped : undefined;
}

function parenthesised(name: string): string | undefined {
  return /\(([^)]+)\)/.exec(name)?.[1];
}

/** The ways a name may be written: as it is, without its parenthesised part, and "Korea, Republic of" as "Republic of Korea". */
function* spellings(name: string): Generator<string> {
  yield name;
  const stripped = withoutParenthesised(name);
  if (stripped !== undefined) yield stripped;
  const comma = name.indexOf(',');
  if (comma > 0) yield `${name.slice(comma + 1)} ${name.slice(0, comma)}`;
}

/** ISO 3166-1 alpha-2 code for a country's alpha-2 or alpha-3 code or its name in English or another language; undefined when unknown. */
export function normalizeCountry(raw: string | null | undefined): CountryCode | undefined {
  if (raw == null) return undefined;
  // Most records carry an upper-case code ("US"): looked up as it is, without trimming or upper-casing.
  if (typeof raw === 'string' && raw.length === 2 && isUpperLetter(raw.charCodeAt(0)) && isUpperLetter(raw.charCodeAt(1))) {
    const known = CODE_BY_LETTERS[(raw.charCodeAt(0) - 65) * 26 + raw.charCodeAt(1) - 65];
    if (known) return known;
  }
  const text = String(raw).trim();
  if (text === '') return undefined;
  const upper = text.toUpperCase();
  if (upper.length === 2) {
    const known = KNOWN_CODES.get(upper);
    if (known) return known;
  }
  if (upper === 'UK') return 'GB';
  // ISO 3166 alpha-3 ("DEU", "GBR"), as ERP and data-provider exports write countries.
  if (upper.length === 3) {
    const alpha2 = alpha2OfAlpha3(upper);
    const known = alpha2 === undefined ? undefined : KNOWN_CODES.get(alpha2);
    if (known) return known;
  }
  if (countryOfName.has(text)) return countryOfName.get(text);
  const country = countryOfNameUncached(text);
  if (countryOfName.size >= NAME_CACHE_SIZE) countryOfName.clear();
  countryOfName.set(text, country);
  return country;
}

const require = createRequire(import.meta.url);
let alpha3ToAlpha2: ((code: string) => string | undefined) | undefined;

/**
 * The alpha-2 code of an alpha-3 one, from i18n-iso-countries's code table, loaded at the first
 * three-letter value: the package's main entry also loads its country names in 80 languages
 * (~40 ms on every thread that imports it, the index's worker threads among them), and its
 * index without them still takes ~8 ms, which most files, whose countries are two-letter codes
 * or names, never need.
 */
function alpha2OfAlpha3(code: string): string | undefined {
  alpha3ToAlpha2 ??= (require('i18n-iso-countries/index.js') as typeof import('i18n-iso-countries')).alpha3ToAlpha2;
  return alpha3ToAlpha2(code);
}

/** Country names repeat across millions of records ("United States" on every account): the last few hundred spellings, remembered. */
const countryOfName = new Map<string, CountryCode | undefined>();
const NAME_CACHE_SIZE = 500;

function countryOfNameUncached(text: string): CountryCode | undefined {
  const names = countryNames();
  for (const spelling of spellings(text)) {
    const code = names.get(simplify(spelling));
    if (code !== undefined) return KNOWN_CODES.get(code);
  }
  return undefined;
}

function isUpperLetter(code: number): boolean {
  return code >= 65 && code <= 90;
}
