import { NOT_PLAIN, foldText, isPlaceholder, plainWordRanges, wordTokens } from './text.ts';
import {
  CARDINAL_WORDS as CARDINAL_WORD_LIST,
  ORDINAL_WORDS as ORDINAL_WORD_LIST,
  TENS_ORDINAL_WORDS,
  TENS_WORDS,
  ordinalSuffix,
  withOrdinalSuffix,
} from './numbers.ts';
import { WordTable } from './word-table.ts';

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
    // French: "29 bd Haussmann" is "29 Boulevard Haussmann".
    bd: 'blvd',
    bld: 'blvd',
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

/**
 * The endings of one-word streets in German, Dutch and Swedish, and how they are abbreviated:
 * "Hauptstraße" / "Hauptstr.", "Kalverstraat" / "Kalverstr.", "Marktplatz" / "Marktpl.",
 * "Herrengasse" / "Herreng.", "Drottninggatan" / "Drottningg.", "Sveavägen" / "Sveav.".
 */
const COMPOUND_STREET_ENDINGS: readonly (readonly [ending: string, short: string])[] = [
  ['strasse', 'str'],
  ['straat', 'str'],
  ['platz', 'pl'],
  ['gasse', 'g'],
  ['gatan', 'g'],
  ['vagen', 'v'],
];

/** The word with its compound street ending abbreviated, if it has one after something else. */
function withShortCompoundEnding(word: string): string {
  for (const [ending, short] of COMPOUND_STREET_ENDINGS)
    if (word.length > ending.length && word.endsWith(ending)) return word.slice(0, -ending.length) + short;
  return word;
}

/**
 * Whether text[start, end) ends with a compound street ending after something else
 * (withShortCompoundEnding would change it). The fast path asks this of every word of millions
 * of addresses: the length and the last letter rule out most words without a string search.
 */
function hasLongCompoundEnding(text: string, start: number, end: number): boolean {
  if (end - start <= SHORTEST_COMPOUND_ENDING) return false;
  const last = text.charCodeAt(end - 1);
  for (let i = 0; i < COMPOUND_ENDINGS.length; i++) {
    const ending = COMPOUND_ENDINGS[i] as string;
    if (ending.charCodeAt(ending.length - 1) === last && end - start > ending.length && text.endsWith(ending, end)) return true;
  }
  return false;
}
const COMPOUND_ENDINGS: readonly string[] = COMPOUND_STREET_ENDINGS.map(([ending]) => ending);
const SHORTEST_COMPOUND_ENDING = Math.min(...COMPOUND_ENDINGS.map((ending) => ending.length));

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
  'flat',
  'level',
  'lvl',
  'shop',
]);

/**
 * Words that open a street's name without being its name: street types that come first in
 * other languages ("Rue de Rivoli", "Via Roma", "Avenida Paulista", "Calle Mayor") and the
 * articles and prepositions after them or on their own ("Avenue of the Americas", "Am Markt").
 * Before the name they are skipped, as a leading direction is, so "12 Rue de Rivoli" and
 * "12 Rue du Bac" do not agree on a street "rue", and "Avenida Paulista" is "Av. Paulista".
 * Their abbreviations are too, the dotted ones as the words they split into: "r. de Rivoli",
 * "C/ Mayor", "V.le Monza" ("v", "le"), "P.zza Duomo" ("p", "zza"), "C.so Buenos Aires".
 * A single letter is skipped only before another word of the name, as the rest are: before a
 * street type it is the name ("12 R Street", "1100 L St NW").
 */
const LEADING_STREET_WORDS = new Set([
  // English: the mountain, fort or point a street is named after ("Mt Vernon Ave", "Fort
  // Washington Ave", "Point Loma Blvd"), a word many streets open with.
  'mt',
  'mount',
  'mtn',
  'mountain',
  'ft',
  'fort',
  'pt',
  'point',
  // Abbreviations: rue / rua, calle, via, piazza / praça, and the parts of the dotted Italian ones.
  'r',
  'c',
  'v',
  'p',
  'vle',
  'pza',
  'pzza',
  'za',
  'zza',
  'cso',
  'so',
  'ple',
  'lgo',
  'go',
  'fg',
  'fbg',
  'faubourg',
  'imp',
  'rte',
  'ch',
  'ctra',
  'carretera',
  'trav',
  'tv',
  'travessa',
  'travesia',
  'travesera',
  'travessera',
  'pca',
  // "Pç." (praça) folded; "P.º" (paseo) is "p" and "o".
  'pc',
  'o',
  'al',
  'alameda',
  'rda',
  'cno',
  'gta',
  'glorieta',
  'avinguda',
  'passeig',
  'pg',
  'chem',
  'all',
  'estr',
  'estrada',
  'rambla',
  'ronda',
  'rue',
  'via',
  'viale',
  'piazza',
  'piazzale',
  'corso',
  'largo',
  'vicolo',
  'calle',
  'avenida',
  'avda',
  'rua',
  'praca',
  'paseo',
  'carrer',
  'camino',
  'chemin',
  'allee',
  'quai',
  'route',
  'impasse',
  'cours',
  'strada',
  'ulica',
  'ul',
  'de',
  'du',
  'des',
  'del',
  'della',
  'dei',
  'degli',
  'delle',
  'di',
  'da',
  'do',
  'dos',
  'das',
  'la',
  'le',
  'les',
  'l',
  'el',
  'los',
  'las',
  'of',
  'the',
  'am',
  'im',
  'an',
  'auf',
  'zum',
  'zur',
  'der',
  'dem',
  'den',
]);

/**
 * "Saint" in the languages of street names: never the street's first word, so "Piazza San
 * Marco" is "marco" as "Rue Saint-Honoré" is "honore", however the saint's title is written.
 */
const SAINT_WORDS = new Set(['saint', 'sainte', 'ste', 'san', 'santa', 'santo', 'sao', 'sankt']);

/**
 * Whether a unit word is one here: before its number or letter ("Suite 200", "Apt 4B", "Unit
 * B", "Flat 3", "Level 5"), the word after it (`next[start, end)`) having a digit, or one or two
 * letters that are no street type; before "Box" (the "PO" of "PO Box"); or last, without its
 * number. Before another word it is part of the street's name: "300 Flat Rock Rd", "7 Box Hill
 * Rd", "45 Space Park Dr" and "12 Level Rd" had lost their street, unit and all; and "Ste"
 * before a name is Sainte ("1000 Rue Ste-Catherine O", Montréal's main street).
 */
function designatesUnit(next: string | undefined, start: number, end: number): boolean {
  if (next === undefined || end <= start) return true;
  for (let i = start; i < end; i++) if (isDigit(next.charCodeAt(i))) return true;
  if (end - start === 3 && next.startsWith('box', start)) return true;
  return end - start <= 2 && !STREET_TYPES.has(next.slice(start, end));
}

/**
 * An address that opens with a unit and its building's number, unit first, as Australia and New
 * Zealand write them ("5/12 George St": unit 5 of number 12). Continental addresses write the
 * number first and after the street ("ul. Marszałkowska 10/16"), and a range takes a hyphen.
 */
const UNIT_SLASH_NUMBER = /^\s*(\d+[a-z]?)\s*\/\s*(?=\d)/i;
/** A dot between digits ("3.01"), dropped: see normalizeAddress. */
const DOTTED_NUMBER = /(\d)\.(?=\d)/g;
/** Whether a text has a DOTTED_NUMBER: not global, so testing keeps no lastIndex from call to call. */
const HAS_DOTTED_NUMBER = /\d\.\d/;

/** A street type or direction: after it, a word of LEADING_STREET_WORDS is the street's name. */
function endsLeadingWords(word: string): boolean {
  return STREET_TYPES.has(word) || DIRECTIONS.has(word);
}

/**
 * An "S." with a name after it, after the words that open a street in other languages, is a
 * saint, not South: "P.zza S. Marco", "Via S. Giovanni", "Rua S. Bento". Those words stay
 * out of the name, as the "S." does.
 */
function isSaintAfterLeadingWords(text: string, start: number, end: number, hasWordAfter: boolean): boolean {
  return hasWordAfter && end - start === 1 && text.charCodeAt(start) === 115;
}

/** A house number in words, as in "One Microsoft Way" or "Two Embarcadero Center". */
const CARDINAL_WORDS = new Map<string, string>(CARDINAL_WORD_LIST.map((word, i) => [word, String(i + 1)]));

/** Whether an address opens with a house number in words: the word and two more, the next not a number. */
function opensWithCardinal(first: string, count: number, secondIsDigit: boolean): boolean {
  return count >= 3 && !secondIsDigit && CARDINAL_WORDS.has(first);
}
const NUMERIC_ORDINAL = /^\d+(st|nd|rd|th)$/;

/**
 * Numbered streets spelled out, to the digits most records use: "Fifth Avenue" is "5th Ave"
 * (otherwise the same address would count as a different street, which weighs against a match).
 */
const ORDINAL_WORDS = new Map<string, string>(
  ORDINAL_WORD_LIST.map((word, i): [string, string] => [word, withOrdinalSuffix(String(i + 1))]).concat(
    TENS_ORDINAL_WORDS.slice(1).map((word, i) => [word, withOrdinalSuffix(String(30 + 10 * i))]),
  ),
);

/**
 * Words of street names written both ways, to their short form, as cities have them ("Mt
 * Vernon Ave" = "Mount Vernon Avenue", "Ft Washington Ave", "Pt Loma Blvd"): either way it is
 * one street, and the short one was a different street word (−3, or no shared block).
 */
const STREET_WORD_SHORT = new Map<string, string>([
  ['mount', 'mt'],
  ['fort', 'ft'],
  ['mountain', 'mtn'],
  ['point', 'pt'],
]);

/** The tens that open a compound ordinal ("Twenty-First", "Forty Second"), by their value. */
const TENS = new Map<string, number>(TENS_WORDS.map((word, i) => [word, 20 + 10 * i]));
const UNIT_ORDINALS = new Map<string, number>(
  ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'].map((word, i) => [word, i + 1]),
);

/** "twenty" + "first" → "21st"; undefined unless the words are tens and a unit's ordinal. */
function compoundOrdinal(tens: string, unit: string | undefined): string | undefined {
  const ten = TENS.get(tens);
  const one = unit === undefined ? undefined : UNIT_ORDINALS.get(unit);
  return ten === undefined || one === undefined ? undefined : withOrdinalSuffix(String(ten + one));
}

/**
 * A street's first word as compared: a numbered street as its ordinal, however it is written
 * ("Fifth", "5th", or "51" before a street type as in "112 East 51 Street"; a number after one,
 * "Highway 1", stays a number).
 */
function headWord(word: string, next: string | undefined): string {
  const written = ORDINAL_WORDS.get(word) ?? STREET_WORD_SHORT.get(word);
  if (written !== undefined) return written;
  // A numbered street with the wrong ending ("93th St") is the street its number names.
  if (NUMERIC_ORDINAL.test(word)) return withOrdinalSuffix(word.slice(0, -2));
  return next !== undefined && STREET_TYPES.has(next) && /^\d{1,3}$/.test(word) ? `${word}${ordinalSuffix(Number(word))}` : word;
}

/**
 * Whether the words from `from` on are a street in US order (a direction first, or a street
 * type among them): then a number before them is its house number, and what precedes the
 * number a building's name ("Hayes Center 4859 S. Wabash Ave"), not a street in continental
 * order ("Hauptstrasse 5, 10115 Berlin").
 */
function isUsStreetAt(tokens: readonly string[], from: number): boolean {
  if (from >= tokens.length) return false;
  if (DIRECTIONS.has(tokens[from] as string)) return true;
  for (let i = from; i < tokens.length; i++) if (STREET_TYPES.has(tokens[i] as string)) return true;
  return false;
}

/** "3rd" or "third" followed by "floor"/"fl": a floor, not part of the street. */
function isFloor(word: string, next: string | undefined): boolean {
  return (next === 'floor' || next === 'fl') && (NUMERIC_ORDINAL.test(word) || ORDINAL_WORDS.has(word));
}

/**
 * How a post-office box starts, as words: "PO Box", "P.O. Box", "POBox", "Post Office Box",
 * "POB", "Box" (and Sweden's "Box"), Australia's "GPO Box", Germany's "Postfach", the
 * Netherlands' "Postbus", Denmark's and Norway's "Postboks", France's "BP" / "Boîte postale",
 * Spain's "Apartado (de correos)" / "Apdo.", Italy's "Casella postale", Portugal's and Brazil's
 * "Caixa postal". Longer starts first: "Apartado de correos 12" is not "Apartado" and "de".
 */
const PO_BOX_STARTS: readonly (readonly string[])[] = [
  ['post', 'office', 'box'],
  ['g', 'p', 'o', 'box'],
  ['p', 'o', 'box'],
  ['gpo', 'box'],
  ['po', 'box'],
  ['p', 'o', 'b'],
  ['pobox'],
  ['pob'],
  ['box'],
  ['postfach'],
  ['postbus'],
  ['postboks'],
  ['boite', 'postale'],
  ['b', 'p'],
  ['bp'],
  ['apartado', 'de', 'correos'],
  ['apartado'],
  ['apdo'],
  ['casella', 'postale'],
  ['caixa', 'postal'],
];
const POSSIBLE_BOX_START = new Set(PO_BOX_STARTS.map((words) => words[0] as string));
/** By ASCII code, whether a word starting with the letter may start a post-office box: one read rules out most addresses. */
const BOX_START_LETTER = new Uint8Array(128);
for (const word of POSSIBLE_BOX_START) BOX_START_LETTER[word.charCodeAt(0)] = 1;

/**
 * The post-office box an address starts with ("PO Box 123 …"), or undefined. word(i) reads the
 * i-th of its count words. A box number written in groups of two digits, as German ones are
 * ("Postfach 10 20 30"), is one number.
 */
function poBoxAt(count: number, word: (i: number) => string): NormalizedAddress | undefined {
  for (const start of PO_BOX_STARTS) {
    if (count <= start.length || !start.every((expected, i) => word(i) === expected)) continue;
    let number = word(start.length);
    if (!/^\d+[a-z]?$/.test(number)) continue;
    let end = start.length + 1;
    if (number.length <= 2) for (; end < count && /^\d\d$/.test(word(end)); end++) number += word(end);
    return poBoxAddress(number, end < count ? word(count - 1) : undefined);
  }
  return undefined;
}

/**
 * A post-office box as an address: the box number as the house number and "pobox" as the
 * street, so two records of one box agree on their address (and share its blocking key), and
 * a five-digit word at the end as the ZIP.
 */
function poBoxAddress(number: string, last: string | undefined): NormalizedAddress {
  const address: NormalizedAddress = { number, street: PO_BOX, streetHead: PO_BOX };
  if (last !== undefined && /^\d{5}$/.test(last)) address.postalCode = last;
  return address;
}
const PO_BOX = 'pobox';

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
 * and "37 West 47th St" both become { number: "37", street: "47th" }; streets numbered first to
 * twentieth may be spelled out ("80 Fifth Avenue" is "80 5th Ave"). One-line addresses with
 * city and ZIP appended ("27 Washington Oak Park IL 60302") keep the words before the city
 * inside street; comparisons use streetHead or a prefix match, so the tail does not matter.
 */
export function normalizeAddress(raw: string | null | undefined): NormalizedAddress | undefined {
  if (raw == null) return undefined;
  let folded = foldText(String(raw));
  const colombian = colombianAddress(folded);
  if (colombian !== undefined) return colombian;
  // The regexes only when there is a "#" or "/": most addresses have neither, and millions are indexed.
  if (folded.includes('#')) folded = folded.replace(/#\s*/g, ' unit ');
  if (folded.includes('/')) folded = folded.replace(UNIT_SLASH_NUMBER, 'unit $1 ');
  // A unit numbered floor.room ("Suite 3.01", Australian and British offices) is one number, not
  // the unit "3" and a house number "01".
  if (folded.includes('.')) folded = folded.replace(DOTTED_NUMBER, '$1');
  const all = wordTokens(folded);
  if (all.length === 0) return undefined;
  const box = POSSIBLE_BOX_START.has(all[0] as string) ? poBoxAt(all.length, (i) => all[i] as string) : undefined;
  if (box !== undefined) return box;
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
    const next = all[i + 1];
    if ((UNIT_WORDS.has(token) && designatesUnit(next, 0, next?.length ?? 0)) || isFloor(token, next)) {
      i++;
      continue;
    }
    tokens.push(withShortCompoundEnding(token));
  }
  if (tokens.length === 0) return undefined;

  let number = '';
  let start = 0;
  let end = tokens.length;
  if (/^\d/.test(tokens[0] as string)) {
    number = tokens[0] as string;
    start = 1;
    // A range of house numbers ("8938-40 S Cottage Grove", "4300 - 4310 N Broadway") is filed
    // under its first: the second is not the street.
    if (tokens.length > 2 && /^\d+$/.test(tokens[1] as string)) start = 2;
    else if (isLetterOfLeadingNumber(tokens)) {
      number += tokens[1] as string;
      start = 2;
    }
  } else if (opensWithCardinal(tokens[0] as string, tokens.length, /^\d/.test(tokens[1] ?? ''))) {
    number = CARDINAL_WORDS.get(tokens[0] as string) as string;
    start = 1;
  } else {
    // Continental order ("Hauptstrasse 5", "Via Roma 12"), or a building's name first.
    const at = tokens.findIndex((token, i) => i > 0 && /^\d{1,5}[a-z]?$/.test(token));
    if (at > 0) {
      number = tokens[at] as string;
      if (isUsStreetAt(tokens, at + 1)) start = at + 1;
      else {
        end = at;
        number += letterOfHouseNumber(tokens, at);
      }
    }
  }
  const streetWords: string[] = [];
  let skippedDirection: string | undefined;
  let directionsSkipped = 0;
  for (let index = start; index < end; index++) {
    const token = tokens[index] as string;
    // Leading direction, "Saint"/"St" ("S St Louis Ave" = "S Saint Louis") and the words that
    // open a street in other languages ("Rue de", "Via") are left out of the name; such a word
    // before a street type or direction is the name itself ("1100 L St NW").
    if (streetWords.length === 0 && (DIRECTIONS.has(token) || SAINT_WORDS.has(token))) {
      const direction = DIRECTIONS.get(token);
      if (direction !== undefined) {
        directionsSkipped++;
        // Written out ("North"), or after another ("W North"): the street's name, should nothing follow.
        if (token.length > 2 || directionsSkipped > 1) skippedDirection = direction;
      }
      continue;
    }
    const next = tokens[index + 1] as string;
    if (
      streetWords.length === 0 &&
      LEADING_STREET_WORDS.has(token) &&
      index + 1 < end &&
      (!endsLeadingWords(next) || isSaintAfterLeadingWords(next, 0, next.length, index + 2 < end))
    )
      continue;
    const type = STREET_TYPES.get(token);
    // A street type ends the street name, unless it is the first word ("Dr. Martin Luther King Dr").
    if (type && streetWords.length > 0) break;
    if (type) continue;
    const compound = streetWords.length === 0 ? compoundOrdinal(token, tokens[index + 1]) : undefined;
    if (compound !== undefined) {
      streetWords.push(compound);
      index++;
      continue;
    }
    streetWords.push(
      streetWords.length === 0 ? headWord(token, tokens[index + 1]) : (ORDINAL_WORDS.get(token) ?? STREET_WORD_SHORT.get(token) ?? token),
    );
  }
  // A street named for a direction ("5365 W North Ave", "5365 W NORTH", "100 North Ave"): the
  // last direction is its name, not one of its parts. A single abbreviated one is a direction
  // whose street is missing ("9912 S. Avenue" for "9912 S. Avenue H").
  if (streetWords.length === 0 && skippedDirection !== undefined) streetWords.push(skippedDirection);
  withKingForMartinLutherKing(streetWords);
  if (number === '' && streetWords.length === 0) return undefined;
  const result: NormalizedAddress = { number, street: streetWords.join(' '), streetHead: streetWords[0] ?? '' };
  if (postalCode) result.postalCode = postalCode;
  return result;
}

/**
 * Streets named after Martin Luther King Jr. are written "Dr Martin Luther King Jr Dr", "MLK
 * Blvd", "M.L.K. Blvd" and, where the city calls it so, "King Dr" (Chicago's "9501 S. King Dr."
 * is "9501 S. Dr. Martin Luther King Dr."): all are the street "king".
 */
function withKingForMartinLutherKing(words: string[]): void {
  const first = words[0];
  if (first === 'mlk') words[0] = 'king';
  else if (first === 'martin' && words[1] === 'luther' && words[2] === 'king') words.splice(0, 3, 'king');
  else if (first === 'm' && words[1] === 'l' && words[2] === 'k') words.splice(0, 3, 'king');
}

/** Colombian street types, each under one short name. */
const COLOMBIAN_STREET_TYPES: ReadonlyMap<string, string> = new Map([
  ['calle', 'cl'],
  ['cll', 'cl'],
  ['cl', 'cl'],
  ['clle', 'cl'],
  ['carrera', 'kr'],
  ['cra', 'kr'],
  ['kra', 'kr'],
  ['kr', 'kr'],
  ['cr', 'kr'],
  ['ak', 'ak'],
  ['ac', 'ac'],
  ['transversal', 'tv'],
  ['trans', 'tv'],
  ['tv', 'tv'],
  ['tr', 'tv'],
  ['diagonal', 'dg'],
  ['diag', 'dg'],
  ['dg', 'dg'],
  ['avenida', 'av'],
  ['av', 'av'],
]);

/**
 * Colombia numbers its streets and its buildings by the streets they stand between: "Calle 93
 * # 11-26" is the building 26 metres from Carrera 11 on Calle 93 ("No.", "Nº" and "Nro." for
 * "#"; "Cra." / "Kr" for Carrera, "Cl." for Calle, "Av. Calle" …). The street is its type and
 * number (Calle 93 and Carrera 93 are two streets), the building's number both numbers after
 * it. Read otherwise, every building on Calle 93 was the number 93 of a street "calle".
 */
const COLOMBIAN_ADDRESS = new RegExp(
  `^\\s*(?:(av|avenida|avda)\\.?\\s+)?(${[...COLOMBIAN_STREET_TYPES.keys()].join('|')})\\.?\\s*` +
    // the street's number ("93", "100A", "93 Bis"), "#" or its words, the building's two numbers
    `(\\d{1,3}\\s?[a-z]?(?:\\s?bis)?(?:\\s?[a-z])?)\\s*(?:#|no\\.?|nro\\.?|num\\.?|numero|n\\.?o\\.?)\\s*(\\d{1,3}\\s?[a-z]?)\\s*-\\s*(\\d{1,3})\\b`,
);

function colombianAddress(folded: string): NormalizedAddress | undefined {
  const match = COLOMBIAN_ADDRESS.exec(folded);
  if (match === null) return undefined;
  const [, avenue, type = '', streetNumber = '', crossing = '', distance = ''] = match;
  let kind = COLOMBIAN_STREET_TYPES.get(type) as string;
  // "Avenida Calle 26" is the avenue that is Calle 26 (AC), "Avenida Carrera 68" AK.
  if (avenue !== undefined && (kind === 'cl' || kind === 'kr')) kind = kind === 'cl' ? 'ac' : 'ak';
  const street = `${kind}${streetNumber.replace(/\s/g, '')}`;
  return { number: `${crossing.replace(/\s/g, '')}-${distance}`, street, streetHead: street };
}

/** What the index keeps of an address: normalizeAddress's number, streetHead and postalCode. */
export type AddressParts = Pick<NormalizedAddress, 'number' | 'streetHead' | 'postalCode'>;

/**
 * normalizeAddress(raw)'s number, streetHead and postalCode: what the index stores for every
 * record. Plain addresses ("100 W Randolph St Suite 200") are read in one scan, without the
 * token arrays of the general path.
 */
export function addressParts(raw: string | null | undefined): AddressParts | undefined {
  if (raw == null) return undefined;
  const text = String(raw);
  const fast = plainAddressParts(text);
  return fast === NOT_PLAIN ? normalizeAddress(text) : fast;
}

const UNIT = 1;
/** Directions, "saint" and street types: never the street's first word. */
const NOT_HEAD = 2;
/** Words opening a street in other languages: not its first word unless a street type or direction follows. */
const LEADING = 4;
/** Street types and directions (endsLeadingWords). */
const ENDS_LEADING = 8;
const ADDRESS_WORDS = new WordTable<number>(
  [...new Set([...UNIT_WORDS, ...DIRECTIONS.keys(), ...SAINT_WORDS, ...STREET_TYPES.keys(), ...LEADING_STREET_WORDS])].map(
    (word) =>
      [
        word,
        (UNIT_WORDS.has(word) ? UNIT : 0) |
          (DIRECTIONS.has(word) || SAINT_WORDS.has(word) || STREET_TYPES.has(word) ? NOT_HEAD : 0) |
          (LEADING_STREET_WORDS.has(word) ? LEADING : 0) |
          (endsLeadingWords(word) ? ENDS_LEADING : 0),
      ] as const,
  ),
);
const ORDINAL_WORD_TABLE = new WordTable(ORDINAL_WORDS);
/** A street's first word as headWord writes it, for a word that changes: ordinals in words and STREET_WORD_SHORT. */
const HEAD_WORD_TABLE = new WordTable(new Map([...ORDINAL_WORDS, ...STREET_WORD_SHORT]));
const TENS_TABLE = new WordTable(TENS);
const MAX_PLAIN_WORDS = 32;
const SLASH = 47;
const wordStarts = new Int32Array(MAX_PLAIN_WORDS);
const wordEnds = new Int32Array(MAX_PLAIN_WORDS);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function allDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** /^\d+(st|nd|rd|th)$/ on text[start, end). */
function isOrdinal(text: string, start: number, end: number): boolean {
  if (end - start < 3 || !allDigits(text, start, end - 2)) return false;
  const suffix = text.slice(end - 2, end);
  return suffix === 'st' || suffix === 'nd' || suffix === 'rd' || suffix === 'th';
}

/**
 * The letter written apart from a house number after the street ("Hauptstraße 5 a",
 * "Keizersgracht 123-A"): part of the number, as in "5a", not a word of its own. Only after a
 * number without one; in US order a letter after the number is a direction or a street's name.
 */
function letterOfHouseNumber(tokens: readonly string[], at: number): string {
  const next = tokens[at + 1];
  return next !== undefined && next.length === 1 && next >= 'a' && next <= 'z' && /\d$/.test(tokens[at] as string) ? next : '';
}

/**
 * "221 B Baker St": a letter between a leading house number and a street name is the number's
 * ("221B Baker Street"). Not a direction ("12 N Main St"), an abbreviation that opens a street
 * ("3 r. de Rivoli"), the first of a name's initials ("2000 M.L.K. Blvd"), nor a street's own
 * name before its type ("1200 R Street", "350 C Ave").
 */
function isLetterOfLeadingNumber(tokens: readonly string[]): boolean {
  const letter = tokens[1];
  const next = tokens[2];
  return (
    letter !== undefined &&
    letter.length === 1 &&
    letter >= 'a' &&
    letter <= 'z' &&
    !DIRECTIONS.has(letter) &&
    !LEADING_STREET_WORDS.has(letter) &&
    /\d$/.test(tokens[0] as string) &&
    next !== undefined &&
    next.length > 1 &&
    !STREET_TYPES.has(next) &&
    !DIRECTIONS.has(next)
  );
}

/** Whether the plain path's word at (in wordStarts) opens a name of Martin Luther King ("MLK", "Martin Luther", "M L K"). */
function isMartinLutherKingAt(text: string, at: number, count: number): boolean {
  if (at < 0) return false;
  const start = wordStarts[at] as number;
  const end = wordEnds[at] as number;
  if (isWord(text, start, end, 'mlk')) return true;
  if (at + 1 >= count) return false;
  const nextStart = wordStarts[at + 1] as number;
  const nextEnd = wordEnds[at + 1] as number;
  return (
    (isWord(text, start, end, 'martin') && isWord(text, nextStart, nextEnd, 'luther')) ||
    (isWord(text, start, end, 'm') && isWord(text, nextStart, nextEnd, 'l'))
  );
}

/** n, s, e or w. */
function isDirectionLetter(code: number): boolean {
  return code === 110 || code === 115 || code === 101 || code === 119;
}

/** /^\d{1,5}[a-z]?$/ on text[start, end): a house number written after the street. */
function isHouseNumber(text: string, start: number, end: number): boolean {
  let digits = 0;
  while (start + digits < end && isDigit(text.charCodeAt(start + digits))) digits++;
  if (digits < 1 || digits > 5) return false;
  const rest = end - start - digits;
  if (rest === 0) return true;
  const code = text.charCodeAt(end - 1);
  return rest === 1 && code >= 97 && code <= 122;
}

function isWord(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && text.startsWith(word, start);
}

/** The parts for a plain ASCII address (no "#", apostrophe or word with a compound street ending); NOT_PLAIN for anything else. */
function plainAddressParts(text: string): AddressParts | undefined | typeof NOT_PLAIN {
  if (text.includes('#')) return NOT_PLAIN;
  let count = plainWordRanges(text, wordStarts, wordEnds);
  if (count < 0) return NOT_PLAIN;
  if (count === 0) return undefined;
  // A unit before the building's number ("5/12 George St", UNIT_SLASH_NUMBER): rare, read by the general path.
  if (count > 1 && isDigit(text.charCodeAt(wordStarts[0] as number))) {
    for (let i = wordEnds[0] as number; i < (wordStarts[1] as number); i++) if (text.charCodeAt(i) === SLASH) return NOT_PLAIN;
  }
  // A Colombian address ("Carrera 7 No. 71-21", COLOMBIAN_ADDRESS): a street type, then its number.
  if (
    count > 2 &&
    isDigit(text.charCodeAt(wordStarts[1] as number)) &&
    COLOMBIAN_STREET_TYPES.has(text.slice(wordStarts[0], wordEnds[0]).toLowerCase())
  )
    return NOT_PLAIN;
  // A number with a dot in it ("Suite 3.01", DOTTED_NUMBER): rare, read by the general path.
  // A regular expression tested on every address (~13 ns), not a loop over its dots: the loop's
  // body had no type feedback where none of an index's addresses had a dot, and the first
  // address with one ("12 Main St.") threw the compiled fast path away.
  if (HAS_DOTTED_NUMBER.test(text)) return NOT_PLAIN;
  const lower = text.toLowerCase();
  // A post-office box: its first word starts with one of few letters, and a street address
  // in the usual order starts with its number.
  if (
    BOX_START_LETTER[lower.charCodeAt(wordStarts[0] as number)] === 1 &&
    POSSIBLE_BOX_START.has(lower.slice(wordStarts[0], wordEnds[0]))
  ) {
    const box = poBoxAt(count, (i) => lower.slice(wordStarts[i], wordEnds[i]));
    if (box !== undefined) return box;
  }
  let postalCode: string | undefined;
  const lastStart = wordStarts[count - 1] as number;
  const lastEnd = wordEnds[count - 1] as number;
  if (count > 2 && lastEnd - lastStart === 5 && allDigits(lower, lastStart, lastEnd)) {
    postalCode = lower.slice(lastStart, lastEnd);
    count--;
  }
  // Units ("Suite 200", "3rd Floor") and the word after them leave; the rest is compacted in place.
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const start = wordStarts[i] as number;
    const end = wordEnds[i] as number;
    const nextStart = wordStarts[i + 1] as number;
    const nextEnd = wordEnds[i + 1] as number;
    if (
      (((ADDRESS_WORDS.get(lower, start, end) ?? 0) & UNIT) !== 0 &&
        designatesUnit(i + 1 < count ? lower : undefined, nextStart, nextEnd)) ||
      (i + 1 < count &&
        (isWord(lower, nextStart, nextEnd, 'floor') || isWord(lower, nextStart, nextEnd, 'fl')) &&
        (isOrdinal(lower, start, end) || ORDINAL_WORD_TABLE.get(lower, start, end) !== undefined))
    ) {
      i++;
      continue;
    }
    if (hasLongCompoundEnding(lower, start, end)) return NOT_PLAIN;
    wordStarts[kept] = start;
    wordEnds[kept++] = end;
  }
  if (kept === 0) return undefined;
  let number = '';
  let from = 0;
  let to = kept;
  if (isDigit(lower.charCodeAt(wordStarts[0] as number))) {
    number = lower.slice(wordStarts[0], wordEnds[0]);
    from = 1;
    // A range of house numbers: filed under its first.
    if (kept > 2 && allDigits(lower, wordStarts[1] as number, wordEnds[1] as number)) from = 2;
    // A letter that may be the number's ("221 B Baker St"), not a direction: rare, read by the general path.
    else if (
      kept > 2 &&
      (wordEnds[1] as number) - (wordStarts[1] as number) === 1 &&
      !isDirectionLetter(lower.charCodeAt(wordStarts[1] as number))
    )
      return NOT_PLAIN;
  } else if (
    opensWithCardinal(lower.slice(wordStarts[0], wordEnds[0]), kept, kept > 1 && isDigit(lower.charCodeAt(wordStarts[1] as number)))
  ) {
    number = CARDINAL_WORDS.get(lower.slice(wordStarts[0], wordEnds[0])) as string;
    from = 1;
  } else {
    // Continental order ("Hauptstrasse 5", "Via Roma 12"), or a building's name first.
    for (let i = 1; i < kept; i++) {
      if (isHouseNumber(lower, wordStarts[i] as number, wordEnds[i] as number)) {
        number = lower.slice(wordStarts[i], wordEnds[i]);
        // A letter apart from the number ("Hauptstrasse 5 a", or a direction in "Hayes Center
        // 4859 S Wabash"): rare, read by the general path.
        if (i + 1 < kept && (wordEnds[i + 1] as number) - (wordStarts[i + 1] as number) === 1) return NOT_PLAIN;
        // Rare (an address that does not start with its number): the words are sliced out.
        const after: string[] = [];
        for (let k = i + 1; k < kept; k++) after.push(lower.slice(wordStarts[k], wordEnds[k]));
        if (isUsStreetAt(after, 0)) from = i + 1;
        else to = i;
        break;
      }
    }
  }
  // The street's first word: leading directions, "saint", street types and (before a name) the words opening a street in other languages are not it.
  let streetHead = '';
  let headAt = -1;
  for (let i = from; i < to; i++) {
    const start = wordStarts[i] as number;
    const end = wordEnds[i] as number;
    const flags = ADDRESS_WORDS.get(lower, start, end) ?? 0;
    if ((flags & NOT_HEAD) !== 0) continue;
    if (
      (flags & LEADING) !== 0 &&
      i + 1 < to &&
      (((ADDRESS_WORDS.get(lower, wordStarts[i + 1] as number, wordEnds[i + 1] as number) ?? 0) & ENDS_LEADING) === 0 ||
        isSaintAfterLeadingWords(lower, wordStarts[i + 1] as number, wordEnds[i + 1] as number, i + 2 < to))
    )
      continue;
    // A compound ordinal ("Twenty-First"), rare, is read by the general path.
    if (TENS_TABLE.get(lower, start, end) !== undefined) return NOT_PLAIN;
    headAt = i;
    streetHead = HEAD_WORD_TABLE.get(lower, start, end) ?? lower.slice(start, end);
    if (isOrdinal(lower, start, end)) streetHead = withOrdinalSuffix(lower.slice(start, end - 2));
    else if (
      end - start <= 3 &&
      allDigits(lower, start, end) &&
      i + 1 < kept &&
      STREET_TYPES.has(lower.slice(wordStarts[i + 1], wordEnds[i + 1]))
    )
      streetHead += ordinalSuffix(Number(streetHead));
    break;
  }
  // A street named for a direction ("W North Ave"), or after Martin Luther King: rare, read by the general path.
  if ((streetHead === '' && to > from) || isMartinLutherKingAt(lower, headAt, to)) return NOT_PLAIN;
  if (number === '' && streetHead === '') return undefined;
  return postalCode === undefined ? { number, streetHead } : { number, streetHead, postalCode };
}

/**
 * A country's letters before a postal code, set off by a hyphen or a space, as European
 * addresses have long written them ("D-80331", "F-75009", "CH-8001", "NL-1012 AB", "PL 00-950"):
 * not part of the code, which the other source writes without them. A British or Canadian
 * code's letters run into its digits ("SW1A 2AA", "M5V 3L9") and stay.
 */
const COUNTRY_PREFIX = /^\s*[a-z]{1,3}\s*[-\s]\s*(?=\d)/;
/** A French business code's "CEDEX" and its office number after the postal code ("75009 CEDEX 09"). */
const CEDEX = /(?<=^\d{5})cedex\d*$/;

/** Postal codes compared on their significant part: US ZIP+4 on its first five digits. */
export function normalizePostalCode(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  const value = String(raw);
  // Most postal codes are already lower-case letters and digits only: nothing to fold or strip.
  const text = isLowerAlphanumeric(value)
    ? value
    : foldText(value)
        .replace(COUNTRY_PREFIX, '')
        .replace(/[^a-z0-9]/g, '')
        .replace(CEDEX, '');
  if (text === '' || isPlaceholder(text) || isFilledWith(text, ZERO) || isFilledWith(text, NINE)) return undefined;
  if (/^\d{9}$/.test(text)) return withoutLeadingZeros(text.slice(0, 5));
  return text.charCodeAt(0) === ZERO ? withoutLeadingZeros(text) : text;
}

/**
 * A code of digits without its leading zeros: spreadsheets store a US ZIP as a number and drop
 * them ("02134" is "2134" once a CSV has been through Excel), and the other source keeps them.
 * Compared so, both agree; codes with letters ("0X1 2AB") keep theirs.
 */
function withoutLeadingZeros(code: string): string {
  let start = 0;
  while (start < code.length - 1 && code.charCodeAt(start) === ZERO) start++;
  for (let i = start; i < code.length; i++) if (!isDigit(code.charCodeAt(i))) return code;
  return start === 0 ? code : code.slice(start);
}

/**
 * Whether two postal codes (as normalizePostalCode writes them) lie in different regions: their
 * first two characters differ, an all-digit code compared at five digits with the leading zeros
 * withoutLeadingZeros took off put back ("04101", stored "4101", is in "04"). Different codes of
 * one region ("60609" / "60608", a typo or a neighbouring district) are not.
 */
export function postalRegionsDiffer(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return false;
  return postalRegion(a) !== postalRegion(b);
}

function postalRegion(code: string): string {
  return (code.length < 5 && /^\d+$/.test(code) ? code.padStart(5, '0') : code).slice(0, 2);
}

const ZERO = 48;
const NINE = 57;

/** Every character of text is this one ("00000", "99999": a placeholder ZIP). */
function isFilledWith(text: string, code: number): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== code) return false;
  return true;
}

function isLowerAlphanumeric(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 97 && code <= 122) || isDigit(code))) return false;
  }
  return true;
}

/**
 * Cities repeat across millions of records: the last few thousand spellings, as written →
 * normalised (null: no city, so that a record's city costs one lookup either way).
 */
const cityCache = new Map<string, string | null>();
const CITY_CACHE_SIZE = 5000;

export function normalizeCity(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  const text = String(raw);
  const cached = cityCache.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const city = normalizeCityUncached(text);
  if (cityCache.size >= CITY_CACHE_SIZE) cityCache.clear();
  cityCache.set(text, city ?? null);
  return city;
}

function normalizeCityUncached(raw: string): string | undefined {
  // "Chicago, IL", "Paris, France": the city is what comes before the comma.
  const comma = raw.indexOf(',');
  const text = comma > 0 && /\p{L}/u.test(raw.slice(0, comma)) ? raw.slice(0, comma) : raw;
  const tokens = wordTokens(foldText(text)).map((t) => (t === 'saint' ? 'st' : t === 'mount' ? 'mt' : t === 'fort' ? 'ft' : t));
  // "Chicago IL 60601": a ZIP and a state or province code after the city are not its name.
  if (tokens.length > 1 && /^\d{5}$/.test(tokens[tokens.length - 1] as string)) tokens.pop();
  if (tokens.length > 1 && US_STATES_AND_PROVINCES.has(tokens[tokens.length - 1] as string)) tokens.pop();
  const written = tokens.join(' ');
  if (tokens.length === 0 || isPlaceholder(written)) return undefined;
  // Before a leading letter is read as a direction: "S.F." and "'s-Gravenhage" are no "South …".
  const alias = CITY_ALIASES.get(written);
  if (alias !== undefined) return alias;
  // "N. Miami Beach", "W. Hollywood": a leading direction as a word.
  if (tokens.length > 1) tokens[0] = CITY_DIRECTIONS.get(tokens[0] as string) ?? (tokens[0] as string);
  const city = tokens.join(' ');
  return CITY_ALIASES.get(city) ?? city;
}

const CITY_DIRECTIONS = new Map([
  ['n', 'north'],
  ['s', 'south'],
  ['e', 'east'],
  ['w', 'west'],
]);

/** Two-letter US state and Canadian province codes, as written after a city ("Springfield IL"). */
const US_STATES_AND_PROVINCES = new Set(
  (
    'al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc ' +
    'sd tn tx ut vt va wa wv wi wy dc ab bc mb nb nl ns nt nu on pe qc sk yt'
  ).split(' '),
);

/**
 * Cities known by more than one name, as normalizeCity writes them (folded, "saint" as "st"):
 * the name each is compared under first, then its other names. Large cities of the partner
 * world outside the English-speaking one are written in the local language by one source and
 * in English by another ("München" / "Munich", "Wien" / "Vienna"), and German umlauts are also
 * written out ("Muenchen"). Two records that say one city in two languages do not disagree.
 */
const CITY_NAMES: readonly (readonly string[])[] = [
  ['new york', 'nyc', 'new york city'],
  ['washington', 'washington d c', 'd c', 'dc'],
  ['philadelphia', 'philly'],
  ['los angeles', 'l a', 'la'],
  ['san francisco', 's f', 'sf'],
  ['las vegas', 'vegas'],
  ['new orleans', 'nola'],
  ['salt lake city', 'slc'],
  ['munich', 'munchen', 'muenchen'],
  ['cologne', 'koln', 'koeln'],
  ['nuremberg', 'nurnberg', 'nuernberg'],
  ['dusseldorf', 'duesseldorf'],
  ['hanover', 'hannover'],
  ['frankfurt', 'frankfurt am main'],
  ['vienna', 'wien'],
  ['zurich', 'zuerich'],
  ['geneva', 'geneve', 'genf'],
  ['bern', 'berne'],
  ['basel', 'bale', 'basle'],
  ['lucerne', 'luzern'],
  ['brussels', 'bruxelles', 'brussel'],
  ['antwerp', 'antwerpen', 'anvers'],
  ['the hague', 'den haag', 's gravenhage'],
  ['luxembourg', 'luxemburg'],
  ['prague', 'praha', 'prag'],
  ['warsaw', 'warszawa', 'warschau'],
  ['krakow', 'cracow', 'krakau'],
  ['copenhagen', 'kobenhavn', 'koebenhavn'],
  ['gothenburg', 'goteborg', 'goeteborg'],
  ['milan', 'milano', 'mailand'],
  ['rome', 'roma', 'rom'],
  ['turin', 'torino'],
  ['naples', 'napoli', 'neapel'],
  ['florence', 'firenze', 'florenz'],
  ['venice', 'venezia', 'venedig'],
  ['genoa', 'genova'],
  ['lisbon', 'lisboa', 'lissabon'],
  ['seville', 'sevilla'],
  ['athens', 'athina', 'athen'],
  ['moscow', 'moskva', 'moskau'],
  ['st petersburg', 'sankt peterburg', 'sankt petersburg'],
  ['kyiv', 'kiev', 'kiew'],
  ['bucharest', 'bucuresti', 'bukarest'],
  ['belgrade', 'beograd', 'belgrad'],
  ['mexico city', 'ciudad de mexico', 'cdmx'],
  ['mumbai', 'bombay'],
  ['kolkata', 'calcutta'],
  ['chennai', 'madras'],
  ['bengaluru', 'bangalore'],
  ['beijing', 'peking'],
  ['ho chi minh city', 'saigon', 'ho chi minh'],
  ['yangon', 'rangoon'],
];

/** Each other name of a city (CITY_NAMES), to the name it is compared under. */
const CITY_ALIASES = new Map<string, string>(
  CITY_NAMES.flatMap(([name, ...others]) => others.map((other) => [other, name as string] as const)),
);
