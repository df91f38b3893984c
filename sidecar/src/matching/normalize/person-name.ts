import { foldText, wordTokens } from './text.ts';

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'rev',
  'herr',
  'frau',
  'mme',
  'mlle',
  'sr',
  'sra',
  'srta',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'esq', 'cpa', 'dds', 'rn']);
/** Common English nicknames to their formal first name, so "Bob Smith" meets "Robert Smith". */
const NICKNAMES = new Map<string, string>(
  Object.entries({
    bob: 'robert',
    rob: 'robert',
    bobby: 'robert',
    bill: 'william',
    will: 'william',
    billy: 'william',
    liz: 'elizabeth',
    beth: 'elizabeth',
    jim: 'james',
    jimmy: 'james',
    mike: 'michael',
    dave: 'david',
    tom: 'thomas',
    tony: 'anthony',
    dick: 'richard',
    rick: 'richard',
    kate: 'katherine',
    kathy: 'katherine',
    katie: 'katherine',
    chris: 'christopher',
    matt: 'matthew',
    dan: 'daniel',
    danny: 'daniel',
    joe: 'joseph',
    sam: 'samuel',
    steve: 'steven',
    stephen: 'steven',
    alex: 'alexander',
    andy: 'andrew',
    drew: 'andrew',
    nick: 'nicholas',
    jen: 'jennifer',
    jenny: 'jennifer',
    sue: 'susan',
    pat: 'patricia',
    peggy: 'margaret',
    maggie: 'margaret',
    ed: 'edward',
    ted: 'edward',
    charlie: 'charles',
    chuck: 'charles',
    greg: 'gregory',
    jon: 'jonathan',
    larry: 'lawrence',
    ben: 'benjamin',
    fred: 'frederick',
  }),
);

export interface NormalizedPersonName {
  first: string;
  last: string;
  /** "first last" with nicknames resolved: the comparison key. */
  key: string;
}

/**
 * A person's name from one full-name field ("Dr. Robert J. Smith Jr.", "Smith, Bob") or from
 * first and last name fields. Honorifics, suffixes and middle initials are dropped.
 */
export function normalizePersonName(fullOrFirst: string | null | undefined, last?: string | null): NormalizedPersonName | undefined {
  let firstTokens: string[];
  let lastTokens: string[];
  if (last != null && String(last).trim() !== '') {
    firstTokens = clean(fullOrFirst ?? '');
    lastTokens = clean(last);
  } else {
    const text = String(fullOrFirst ?? '');
    const comma = text.indexOf(',');
    if (comma > 0) {
      lastTokens = clean(text.slice(0, comma));
      firstTokens = clean(text.slice(comma + 1));
    } else {
      const tokens = clean(text);
      lastTokens = tokens.slice(-1);
      firstTokens = tokens.slice(0, -1);
    }
  }
  const firstWord = firstTokens.find((t) => t.length > 1) ?? firstTokens[0] ?? '';
  const first = NICKNAMES.get(firstWord) ?? firstWord;
  const lastName = lastTokens.join(' ');
  if (first === '' && lastName === '') return undefined;
  return { first, last: lastName, key: `${first} ${lastName}`.trim() };
}

function clean(text: string): string[] {
  return wordTokens(foldText(text)).filter((t) => !HONORIFICS.has(t) && !SUFFIXES.has(t));
}
