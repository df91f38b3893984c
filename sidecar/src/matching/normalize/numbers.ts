/**
 * Small numbers in words, shared by the normalisers: an address reads them as digits ("Fifth
 * Avenue" = "5th Ave", "One Microsoft Way" = "1 Microsoft Way"), a company name as words.
 */

/** "one" … "twelve": CARDINAL_WORDS[n - 1] is n. */
export const CARDINAL_WORDS: readonly string[] = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** "first" … "twentieth": ORDINAL_WORDS[n - 1] is the nth. */
export const ORDINAL_WORDS: readonly string[] = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];

/** "st", "nd", "rd" or "th": what follows n written as an ordinal (1st, 12th, 22nd). */
export function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
}

/** "12" → "12th". */
export function withOrdinalSuffix(digits: string): string {
  return `${digits}${ordinalSuffix(Number(digits))}`;
}
