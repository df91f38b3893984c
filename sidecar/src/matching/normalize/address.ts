import { foldText, wordTokens } from './text.ts';

const DIRECTIONS = new Map<string, string>(
  Object.entries({
    n: 'n',
    north: 'n',
    s: 's',
    south: 's',
    e: 'e',
    east: 'e',
    w: 'w',
    west: 'w',
    ne: 'ne',
    northeast: 'ne',
    nw: 'nw',
    northwest: 'nw',
    se: 'se',
    southeast: 'se',
    sw: 'sw',
    southwest: 'sw',
  }),
);

/** USPS street suffixes and their common European counterparts, to one spelling each. */
const STREET_TYPES = new Map<string, string>(
  Object.entries({
    st: 'st',
    street: 'st',
    str: 'st',
    strasse: 'st',
    ave: 'ave',
    av: 'ave',
    avenue: 'ave',
    avn: 'ave',
    rd: 'rd',
    road: 'rd',
    blvd: 'blvd',
    boulevard: 'blvd',
    boul: 'blvd',
    dr: 'dr',
    drive: 'dr',
    drv: 'dr',
    ln: 'ln',
    lane: 'ln',
    pl: 'pl',
    place: 'pl',
    ct: 'ct',
    court: 'ct',
    pkwy: 'pkwy',
    parkway: 'pkwy',
    hwy: 'hwy',
    highway: 'hwy',
    sq: 'sq',
    square: 'sq',
    ter: 'ter',
    terrace: 'ter',
    cir: 'cir',
    circle: 'cir',
    way: 'way',
    plz: 'plz',
    plaza: 'plz',
    trl: 'trl',
    trail: 'trl',
    aly: 'aly',
    alley: 'aly',
    expy: 'expy',
    expressway: 'expy',
    fwy: 'fwy',
    freeway: 'fwy',
    cres: 'cres',
    crescent: 'cres',
    row: 'row',
  }),
);

/** Unit designators: the designator and the word after it (its number) are not part of the street. */
const UNIT_WORDS = new Set([
  'suite',
  'ste',
  'apt',
  'apartment',
  'unit',
  'rm',
  'room',
  'fl',
  'floor',
  'flr',
  'bldg',
  'building',
  'dept',
  'po',
  'box',
  'lot',
  'spc',
  'space',
]);
const ORDINAL_FLOOR = /^\d+(st|nd|rd|th)$/;

export interface NormalizedAddress {
  /** House number as written ("707", "12a"); empty when the address has none. */
  number: string;
  /** Street name words without direction, street type or unit ("w 47th st" → "47th"). */
  street: string;
  /** First word of the street name: what the blocking key uses. */
  streetHead: string;
  /** A five-digit US ZIP found at the end of a one-line address, if any. */
  postalCode?: string;
}

/**
 * A street address reduced to house number and street name. "37 W. 47th Street, Suite 200"
 * and "37 West 47th St" both become { number: "37", street: "47th" }. One-line addresses with
 * city and ZIP appended ("27 Washington Oak Park IL 60302") keep the words before the city
 * inside street; comparisons use streetHead or a prefix match, so the tail does not matter.
 */
export function normalizeAddress(raw: string | null | undefined): NormalizedAddress | undefined {
  if (raw == null) return undefined;
  const folded = foldText(String(raw));
  // The regex only when there is a "#": most addresses have none, and millions are indexed.
  const all = wordTokens(folded.includes('#') ? folded.replace(/#\s*/g, ' unit ') : folded);
  if (all.length === 0) return undefined;
  let postalCode: string | undefined;
  const lastToken = all[all.length - 1] as string;
  if (all.length > 2 && /^\d{5}$/.test(lastToken)) {
    postalCode = lastToken;
    all.pop();
  }
  // Units ("Suite 200", "# 4B", "3rd Floor") are not part of the street, wherever they stand.
  const tokens: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const token = all[i] as string;
    if (UNIT_WORDS.has(token) || (ORDINAL_FLOOR.test(token) && (all[i + 1] === 'floor' || all[i + 1] === 'fl'))) {
      i++;
      continue;
    }
    tokens.push(token.endsWith('strasse') && token.length > 7 ? `${token.slice(0, -7)}str` : token);
  }
  if (tokens.length === 0) return undefined;

  let number = '';
  let start = 0;
  let end = tokens.length;
  if (/^\d/.test(tokens[0] as string)) {
    number = tokens[0] as string;
    start = 1;
  } else {
    // Continental order: "Hauptstrasse 5", "Via Roma 12".
    const at = tokens.findIndex((token, i) => i > 0 && /^\d{1,5}[a-z]?$/.test(token));
    if (at > 0) {
      number = tokens[at] as string;
      end = at;
    }
  }
  const streetWords: string[] = [];
  for (let index = start; index < end; index++) {
    const token = tokens[index] as string;
    // Leading direction and "Saint"/"St" ("S St Louis Ave" = "S Saint Louis") are left out of the name.
    if (streetWords.length === 0 && (DIRECTIONS.has(token) || token === 'saint')) continue;
    const type = STREET_TYPES.get(token);
    // A street type ends the street name, unless it is the first word ("Dr. Martin Luther King Dr").
    if (type && streetWords.length > 0) break;
    if (type) continue;
    streetWords.push(token);
  }
  if (number === '' && streetWords.length === 0) return undefined;
  const result: NormalizedAddress = { number, street: streetWords.join(' '), streetHead: streetWords[0] ?? '' };
  if (postalCode) result.postalCode = postalCode;
  return result;
}

/** Postal codes compared on their significant part: US ZIP+4 on its first five digits. */
export function normalizePostalCode(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  const text = foldText(String(raw)).replace(/[^a-z0-9]/g, '');
  if (text === '') return undefined;
  if (/^\d{9}$/.test(text)) return text.slice(0, 5);
  return text;
}

/** Cities repeat across millions of records: remember the last few thousand spellings. */
const cityCache = new Map<string, string | undefined>();
const CITY_CACHE_SIZE = 5000;

export function normalizeCity(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  const text = String(raw);
  if (cityCache.has(text)) return cityCache.get(text);
  const city = normalizeCityUncached(text);
  if (cityCache.size >= CITY_CACHE_SIZE) cityCache.clear();
  cityCache.set(text, city);
  return city;
}

function normalizeCityUncached(raw: string): string | undefined {
  const tokens = wordTokens(foldText(String(raw))).map((t) => (t === 'saint' ? 'st' : t === 'mount' ? 'mt' : t === 'fort' ? 'ft' : t));
  return tokens.length === 0 ? undefined : tokens.join(' ');
}
