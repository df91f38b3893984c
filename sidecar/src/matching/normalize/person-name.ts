import { NOT_PLAIN, foldText, isPlaceholder, plainWordRanges, wordTokens } from './text.ts';
import { WordTable } from './word-table.ts';

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
  // Titles and degrees written before a name in German, Italian, Spanish and Dutch ("Dr. med.",
  // "Dipl.-Ing.", "Mag.", "Dott.", "Avv.", "Sig.", "Lic.", "Ir.", "Drs."). Not "phil" or "nat"
  // ("Dr. phil.", "Dr. rer. nat."), which are also first names.
  'med',
  'dipl',
  'ing',
  'kfm',
  'mag',
  'dott',
  // the feminine ending of "Dott.ssa", read as a word of its own
  'ssa',
  'avv',
  'sig',
  'sigra',
  'lic',
  'dra',
  'ir',
  'drs',
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

/**
 * Words of a role or a shared mailbox, not of a person's name: a contact called "Accounts
 * Payable", "Sales" or "Front Desk" names no one, and two records that both have one share no
 * contact.
 */
const ROLE_WORDS = new Set([
  'info',
  'information',
  'sales',
  'admin',
  'administrator',
  'administration',
  'office',
  'reception',
  'receptionist',
  'front',
  'desk',
  'manager',
  'owner',
  'billing',
  'accounts',
  'account',
  'payable',
  'receivable',
  'accounting',
  'finance',
  'support',
  'customer',
  'service',
  'services',
  'purchasing',
  'procurement',
  'hr',
  'human',
  'resources',
  'marketing',
  'contact',
  'team',
  'general',
  'enquiries',
  'inquiries',
  'department',
  'dept',
  'staff',
  'main',
  'webmaster',
  'operations',
  'helpdesk',
  'help',
]);

/** A key that names no person: a placeholder ("N/A", "Unknown") or only words of a role ("Accounts Payable"). */
function isNoPerson(key: string): boolean {
  if (isPlaceholder(key)) return true;
  // Every word is looked up by its range: most keys end at their first word, without a slice.
  for (let start = 0; start <= key.length;) {
    const space = key.indexOf(' ', start);
    const end = space < 0 ? key.length : space;
    if (ROLE_WORD_TABLE.get(key, start, end) === undefined) return false;
    start = end + 1;
  }
  return true;
}

const ROLE_WORD_TABLE = new WordTable([...ROLE_WORDS].map((word) => [word, true] as const));

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
    const afterComma = comma > 0 ? clean(text.slice(comma + 1)) : [];
    if (afterComma.length > 0) {
      lastTokens = clean(text.slice(0, comma));
      firstTokens = afterComma;
    } else {
      // No comma, or only a degree after it ("Jane Doe, CPA"): first name first.
      const tokens = clean(comma > 0 ? text.slice(0, comma) : text);
      lastTokens = tokens.slice(-1);
      firstTokens = tokens.slice(0, -1);
    }
  }
  const firstWord = firstTokens.find((t) => t.length > 1) ?? firstTokens[0] ?? '';
  const first = NICKNAMES.get(firstWord) ?? firstWord;
  // The surname's last word, as for a name in one field ("Jan van der Berg" → berg): "van der
  // Berg, Jan" and first and last name fields compare with it ("van der berg" did not).
  const lastName = lastTokens[lastTokens.length - 1] ?? '';
  const key = `${first} ${lastName}`.trim();
  if (key === '' || isNoPerson(key)) return undefined;
  return { first, last: lastName, key };
}

/**
 * normalizePersonName(full)?.key for one full-name field: what the index stores for every
 * contact. Plain names ("Jane Doe", "Dr. Robert J. Smith") are read in one scan, without the
 * token arrays of the general path.
 */
export function personNameKey(full: string | null | undefined): string | undefined {
  if (full == null) return undefined;
  const text = String(full);
  const fast = plainPersonKey(text);
  if (fast === NOT_PLAIN) return normalizePersonName(text)?.key;
  return fast !== undefined && isNoPerson(fast) ? undefined : fast;
}

const DROPPED_WORDS = new WordTable([...HONORIFICS, ...SUFFIXES].map((word) => [word, true] as const));
const NICKNAME_TABLE = new WordTable(NICKNAMES);
const MAX_PLAIN_WORDS = 16;
const wordStarts = new Int32Array(MAX_PLAIN_WORDS);
const wordEnds = new Int32Array(MAX_PLAIN_WORDS);

/** The key for a plain ASCII name without a comma; NOT_PLAIN for anything else. */
function plainPersonKey(text: string): string | undefined | typeof NOT_PLAIN {
  if (text.includes(',')) return NOT_PLAIN;
  const count = plainWordRanges(text, wordStarts, wordEnds);
  if (count < 0) return NOT_PLAIN;
  const lower = text.toLowerCase();
  // The words that are not honorifics or suffixes, compacted in place.
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const start = wordStarts[i] as number;
    const end = wordEnds[i] as number;
    if (DROPPED_WORDS.get(lower, start, end)) continue;
    wordStarts[kept] = start;
    wordEnds[kept++] = end;
  }
  if (kept === 0) return undefined;
  const lastStart = wordStarts[kept - 1] as number;
  const lastEnd = wordEnds[kept - 1] as number;
  if (kept === 1) return lower.slice(lastStart, lastEnd);
  // The first word of more than one letter ("J. Robert Smith" → robert), else the first.
  let first = 0;
  while (first < kept - 1 && (wordEnds[first] as number) - (wordStarts[first] as number) <= 1) first++;
  if (first === kept - 1) first = 0;
  const firstStart = wordStarts[first] as number;
  const firstEnd = wordEnds[first] as number;
  const nickname = NICKNAME_TABLE.get(lower, firstStart, firstEnd);
  if (nickname === undefined && lastStart === firstEnd + 1 && lower.charCodeAt(firstEnd) === 32) return lower.slice(firstStart, lastEnd);
  return `${nickname ?? lower.slice(firstStart, firstEnd)} ${lower.slice(lastStart, lastEnd)}`;
}

function clean(text: string): string[] {
  return wordTokens(foldText(text)).filter((t) => !HONORIFICS.has(t) && !SUFFIXES.has(t));
}
