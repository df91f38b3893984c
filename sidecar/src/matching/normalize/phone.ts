import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { firstOfSeveral } from './text.ts';

export interface NormalizedPhone {
  /** E.164 ("+13125550100") when the number is complete and plausible for its country. */
  e164?: string;
  /**
   * The last seven digits: what two spellings of one number still share when one of them
   * lacks its area code ("386-5286" and "(773) 386-5286").
   */
  local: string;
}

/** Countries of the North American Numbering Plan: the common case, parsed without libphonenumber. */
const NANP = new Set([
  'US',
  'CA',
  'PR',
  'GU',
  'VI',
  'AS',
  'MP',
  'AG',
  'AI',
  'BB',
  'BM',
  'BS',
  'DM',
  'DO',
  'GD',
  'JM',
  'KN',
  'KY',
  'LC',
  'MS',
  'SX',
  'TC',
  'TT',
  'VC',
  'VG',
]);
const EXTENSION = /(?:\s*(?:ext\.?|extension|x|#)\s*\d{1,6})\s*$/i;
/** E.164 numbers have at most 15 digits. */
const MAX_E164_DIGITS = 15;
/** A number's leading "00" (international dialling) and any label before it ("Tel. 0049 …"). */
const LEADING_00 = /^\D*00/;
/** Between the numbers of a field that holds several. */
const SEVERAL_NUMBERS = /\s*(?:[/;,|]|\bor\b|&)\s*/i;

/**
 * A phone number in E.164 using the record's country (default US). North American numbers
 * take a fast path (digits only: millions of records are normalised when an index is built);
 * everything else goes through libphonenumber-js. Numbers too short to be complete keep only
 * their local part, which still corroborates a match but never proves one alone.
 */
export function normalizePhone(raw: string | null | undefined, country: CountryCode = 'US'): NormalizedPhone | undefined {
  if (raw == null) return undefined;
  const value = String(raw);
  const text = mayHaveExtension(value) ? value.replace(EXTENSION, '') : value;
  let digits = '';
  let hasLetter = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += text[i];
    else if ((code | 32) >= 97 && (code | 32) <= 122) hasLetter = true;
  }
  if (hasLetter && digits.length < 10 && (NANP.has(country) || text.trimStart().startsWith('+1'))) {
    const vanity = tollFreeVanityNumber(text);
    if (vanity) return vanity;
  }
  if (digits.length < 7 || isPlaceholderNumber(digits)) return undefined;
  // More digits than any one number has: several numbers in the field ("312-555-0100 / 312-555-0101",
  // "+44 20 7946 0958; +44 20 7946 0959"). The first is the record's number.
  if (digits.length > MAX_E164_DIGITS) {
    const first = firstOfSeveral(text, SEVERAL_NUMBERS, (part) => normalizePhone(part, country));
    if (first) return first;
  }
  const plus = text.trimStart().startsWith('+');
  // "+49 30 1234567" is already E.164 once the separators go; a "(0)" trunk prefix needs the parser.
  if (plus && digits.length >= 8 && digits.length <= 15 && !text.includes('(')) return { e164: '+' + digits, local: digits.slice(-7) };
  const international = plus || digits.startsWith('00') || digits.startsWith('011');
  // "00 44 20 7946 0958": 00 dials abroad from most of the world, and no North American number
  // starts with 0, so it means the same for a record whose country is the US or Canada.
  // The text keeps its punctuation: "0049 (0) 89 1234567" has a "(0)" trunk prefix to leave out.
  if (digits.startsWith('00') && !plus && NANP.has(country)) {
    const dialled = text.replace(LEADING_00, '+');
    return normalizePhone(dialled !== text ? dialled : '+' + digits.slice(2), country);
  }
  if (!international && NANP.has(country)) {
    const national = digits.length === 11 && digits[0] === '1' ? digits.slice(1) : digits;
    if (national.length === 10 && national[0] !== '0' && national[0] !== '1' && national[3] !== '0' && national[3] !== '1') {
      return { e164: '+1' + national, local: national.slice(3) };
    }
    if (national.length === 7) return { local: national };
    // No North American number opens with 0: a trunk prefix, as most of the world writes its
    // numbers at home ("089 1234567", "(02) 9374 4000", "01 42 68 53 00"). Parsed as this
    // country's, it became a number no one has ("+10891234567") and disagreed with the same
    // number written internationally; its country unknown, only its last seven digits compare.
    if (national[0] === '0') return { local: digits.slice(-7) };
  }
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: country });
  if (parsed && parsed.isPossible()) return { e164: parsed.number, local: parsed.nationalNumber.slice(-7) };
  return { local: digits.slice(-7) };
}

/** A toll-free code (800, 833 … 888), optionally after +1 or 1, then digits and letters. */
const TOLL_FREE_VANITY = /^\s*(?:\+?1[\s.-]*)?\(?(8(?:00|33|44|55|66|77|88))\)?[\s.-]*([a-z\d][a-z\d\s.-]*)$/i;
/** The keypad digit of each letter, A to Z. */
const KEYPAD = '22233344455566677778889999';

/**
 * A North American toll-free number spelled in letters ("1-800-FLOWERS", "(800) GOT-MILK"),
 * dialled on a phone keypad: the first seven digits after the toll-free code, so the extra
 * letters some spellings carry ("1-800-MATTRESS") are not dialled. Only after a toll-free code,
 * where letters are a marketing habit: in other fields letters are a label ("Tel: 312 …"). For
 * a record in North America, or a number that starts with +1.
 */
function tollFreeVanityNumber(text: string): NormalizedPhone | undefined {
  const parts = TOLL_FREE_VANITY.exec(text);
  if (!parts || !/[a-z]/i.test(parts[2] as string)) return undefined;
  let dialled = '';
  for (const character of (parts[2] as string).toUpperCase()) {
    if (character >= '0' && character <= '9') dialled += character;
    else if (character >= 'A' && character <= 'Z') dialled += KEYPAD[character.charCodeAt(0) - 65] as string;
    if (dialled.length === 7) break;
  }
  return dialled.length === 7 ? { e164: `+1${parts[1]}${dialled}`, local: dialled } : undefined;
}

/**
 * A number typed where a form requires one: one digit throughout ("000-000-0000",
 * "555-555-5555", with or without a leading 1) or counting up ("123-456-7890"). Two records
 * carrying it share no phone.
 */
function isPlaceholderNumber(digits: string): boolean {
  // A leading 1 is skipped by position, not sliced off: every call takes the same steps, so a
  // first number with the 1 does not throw away code compiled on numbers without it.
  const from = digits.length === 11 && digits.charCodeAt(0) === 49 ? 1 : 0;
  const first = digits.charCodeAt(from);
  // Only a number whose second digit follows its first can count up: the others (most) are not
  // looked up in COUNTING_UP, which hashed every number; none of these repeats one digit.
  if (digits.charCodeAt(from + 1) === first + 1) return COUNTING_UP.has(digits);
  for (let i = from + 1; i < digits.length; i++) if (digits.charCodeAt(i) !== first) return false;
  return true;
}

/** Numbers counting up, with and without a leading 1 where they have ten digits. */
const COUNTING_UP = new Set(['1234567890', '0123456789', '1234567', '11234567890', '10123456789']);

/** Whether EXTENSION can match: it needs an "e" (ext, extension), an "x" or a "#". */
function mayHaveExtension(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) | 32;
    if (code === 101 || code === 120 || code === 35) return true;
  }
  return false;
}
