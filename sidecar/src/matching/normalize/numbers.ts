/**
 * Numbers below 100 in words, shared by the normalisers and the scorer: an address reads them
 * as digits ("Fifth Avenue" = "5th Ave", "One Microsoft Way" = "1 Microsoft Way"), a company
 * name writes its digits as words ("21st Century" = "twenty first century"), and the scorer
 * finds a name's numbers among its words.
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

const TEENS = ['thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
/** "twenty" … "ninety": TENS_WORDS[t - 2] is t tens. */
export const TENS_WORDS: readonly string[] = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/** "twentieth" … "ninetieth": TENS_ORDINAL_WORDS[t - 2] is the (10 t)th. */
export const TENS_ORDINAL_WORDS: readonly string[] = [
  'twentieth',
  'thirtieth',
  'fortieth',
  'fiftieth',
  'sixtieth',
  'seventieth',
  'eightieth',
  'ninetieth',
];

/** 1–99 in words, as English writes them apart: 21 → "twenty one", 40 → "forty". */
export function cardinalInWords(n: number): string {
  if (n <= CARDINAL_WORDS.length) return CARDINAL_WORDS[n - 1] as string;
  if (n < 20) return TEENS[n - 13] as string;
  const tens = TENS_WORDS[Math.floor(n / 10) - 2] as string;
  return n % 10 === 0 ? tens : `${tens} ${CARDINAL_WORDS[(n % 10) - 1]}`;
}

/** The 1st–99th in words: 21 → "twenty first", 40 → "fortieth". */
export function ordinalInWords(n: number): string {
  if (n <= ORDINAL_WORDS.length) return ORDINAL_WORDS[n - 1] as string;
  const tens = Math.floor(n / 10) - 2;
  return n % 10 === 0 ? (TENS_ORDINAL_WORDS[tens] as string) : `${TENS_WORDS[tens]} ${ORDINAL_WORDS[(n % 10) - 1]}`;
}

/** "st", "nd", "rd" or "th": what follows n written as an ordinal (1st, 12th, 22nd). */
export function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
}

/** "12" → "12th". */
export function withOrdinalSuffix(digits: string): string {
  return `${digits}${ordinalSuffix(Number(digits))}`;
}

/**
 * Every word a number is written with in a company name's key (company-name.ts writes numbers
 * below 100 in words, "twenty first"), and the larger ones people write out ("Thousand Oaks").
 */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...CARDINAL_WORDS,
  ...TEENS,
  ...TENS_WORDS,
  ...ORDINAL_WORDS,
  ...TENS_ORDINAL_WORDS,
  'hundred',
  'thousand',
]);
