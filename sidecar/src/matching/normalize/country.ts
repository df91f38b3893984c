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
};

/** Code → the one shared string for it, so millions of records do not each hold their own "US". */
const KNOWN_CODES = new Map<string, CountryCode>(getCountries().map((code) => [code, code]));
let namesToCodes: Map<string, string> | undefined;

function countryNames(): Map<string, string> {
  if (namesToCodes) return namesToCodes;
  namesToCodes = new Map(Object.entries(ALIASES));
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of KNOWN_CODES.keys()) {
    const name = english.of(code);
    if (name && name !== code) namesToCodes.set(simplify(name), code);
  }
  return namesToCodes;
}

function simplify(name: string): string {
  return foldText(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** ISO 3166-1 alpha-2 code for a country code or English/local name; undefined when unknown. */
export function normalizeCountry(raw: string | null | undefined): CountryCode | undefined {
  if (raw == null) return undefined;
  // Most records carry an upper-case code ("US"): looked up as it is, without trimming or upper-casing.
  if (typeof raw === 'string' && raw.length === 2 && isUpperLetter(raw.charCodeAt(0)) && isUpperLetter(raw.charCodeAt(1))) {
    const known = KNOWN_CODES.get(raw);
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
  const code = countryNames().get(simplify(text));
  return code === undefined ? undefined : KNOWN_CODES.get(code);
}

function isUpperLetter(code: number): boolean {
  return code >= 65 && code <= 90;
}
