import { ShortValueSet } from './word-table.ts';

/**
 * Unicode folding shared by every normaliser: NFKD, combining marks dropped, a few letters
 * that NFKD does not decompose spelled out, lower case. ASCII input skips the Unicode work,
 * which is what keeps building an index over millions of records fast.
 */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  œ: 'oe',
  Œ: 'oe',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};
const SPECIAL_PATTERN = /[ßæÆøØœŒłŁđĐðþÞı]/g;
const COMBINING_MARKS = /\p{M}+/gu;

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 127) return false;
  return true;
}

/** Lower-cased, accent-free text; characters outside Latin stay as they are (lower-cased). */
export function foldText(value: string): string {
  if (isAscii(value)) return value.toLowerCase();
  return value
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .toLowerCase();
}

/**
 * Splits folded text into word tokens: letters and digits stay, apostrophes inside words
 * are dropped ("children's" → "childrens"; a mis-encoded "?" between letters counts as an
 * apostrophe), everything else separates words.
 */
export function wordTokens(folded: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  let pending = '';
  for (let i = 0; i <= folded.length; i++) {
    const code = i < folded.length ? folded.charCodeAt(i) : 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code > 127 && isWordCharacter(folded, i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0 && isDetachedPossessive(folded, i, code) && tokens.length > 0) {
      // "morton 's" (text split into tokens, as some datasets are) is "morton's".
      tokens[tokens.length - 1] += 's';
      i++;
      continue;
    }
    if (start >= 0 && (code === 39 || code === 0x2019 || code === 96 || code === 63) && isLetterAt(folded, i + 1)) {
      // An apostrophe inside a word: keep what came before and continue the word after it.
      pending += folded.slice(start, i);
      start = i + 1;
      continue;
    }
    if (start >= 0) {
      tokens.push(pending === '' ? folded.slice(start, i) : pending + folded.slice(start, i));
      pending = '';
      start = -1;
    }
  }
  return tokens;
}

/**
 * An apostrophe (`code`, the character at i) after a space and before a lone "s" ("morton 's of
 * chicago"). The caller's code is taken rather than read again: past the text's end (a name
 * ending in "." or a space) the read was out of bounds, which threw the compiled tokeniser away.
 */
function isDetachedPossessive(folded: string, i: number, code: number): boolean {
  return (
    (code === 39 || code === 0x2019) &&
    folded.charCodeAt(i - 1) === 32 &&
    folded.charCodeAt(i + 1) === 115 &&
    !(i + 2 < folded.length && (isLetterAt(folded, i + 2) || isDigitAt(folded, i + 2)))
  );
}

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
}

/**
 * The first value a normaliser reads among the several a field holds ("312-555-0100 /
 * 312-555-0101", "jo@acme.com; info@acme.com"), split at `separators`; undefined when the
 * field holds one (the split gives one part) or none of them reads.
 */
export function firstOfSeveral<T>(text: string, separators: RegExp, read: (part: string) => T | undefined): T | undefined {
  const parts = text.split(separators);
  if (parts.length < 2) return undefined;
  for (const part of parts) {
    const value = part === '' ? undefined : read(part);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** What a normaliser's fast path returns for text it does not read: the general path takes it. */
export const NOT_PLAIN = null;

/**
 * The words of wordTokens(foldText(text)) as ranges of the text (the same in text.toLowerCase()),
 * for the common shape of text: ASCII, without the apostrophes and question marks that can join
 * words. Fills starts and ends and returns the count; −1 for any other text, or for more words
 * than the arrays hold (the caller then takes the general path). Normalisers' fast paths use it
 * to classify words without building token arrays.
 */
export function plainWordRanges(text: string, starts: Int32Array, ends: Int32Array): number {
  let count = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (code > 127 || code === 39 || code === 96 || code === 63) return -1;
    if (start < 0) continue;
    if (count === starts.length) return -1;
    starts[count] = start;
    ends[count++] = i;
    start = -1;
  }
  return count;
}

function isWordCharacter(text: string, index: number): boolean {
  return /[\p{L}\p{N}]/u.test(text[index] as string);
}

function isLetterAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (code >= 97 && code <= 122) || (code > 127 && /\p{L}/u.test(text[index] as string));
}

/** Trimmed text or undefined for null, undefined and blank values. */
export function presentText(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * What fills a field that has no value ("N/A", "None", "Unknown", "TBD", a dataframe's "nan"),
 * as the normalisers write it. Such a value is no value: two records that both say "N/A" for
 * their city do not share a city.
 */
const PLACEHOLDERS = new ShortValueSet([
  'na',
  'n a',
  'nan',
  'none',
  'null',
  'nil',
  'unknown',
  'unk',
  'tbd',
  'tba',
  'undefined',
  'not available',
  'not applicable',
  'not provided',
  'not known',
  // As postal codes are written, without spaces.
  'notavailable',
  'notapplicable',
  'notprovided',
  'notknown',
  'blank',
  'empty',
]);

export function isPlaceholder(normalized: string): boolean {
  return PLACEHOLDERS.has(normalized);
}
