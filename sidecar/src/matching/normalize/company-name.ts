import { foldText, isPlaceholder, plainWordRanges, wordTokens } from './text.ts';
import { ShortValueSet, WordTable } from './word-table.ts';
import { cardinalInWords, ordinalInWords, withOrdinalSuffix } from './numbers.ts';
import { distance as editDistance } from 'fastest-levenshtein';
import { isTypoCandidate } from '../similarity/typo.ts';
import { CJK_LEGAL_FORMS, LEGAL_FORMS_ANYWHERE, LEGAL_FORMS_AT_END, LEGAL_PHRASES } from './legal-forms.ts';

/** Common business abbreviations, spelled out so "Intl Mfg Ctr" meets "International Manufacturing Center". */
const ABBREVIATIONS = new Map<string, string>(
  Object.entries({
    intl: 'international',
    internat: 'international',
    mfg: 'manufacturing',
    mfr: 'manufacturing',
    svc: 'services',
    svcs: 'services',
    serv: 'services',
    service: 'services',
    assoc: 'association',
    assn: 'association',
    ctr: 'center',
    cntr: 'center',
    centre: 'center',
    univ: 'university',
    inst: 'institute',
    natl: 'national',
    mgmt: 'management',
    mgt: 'management',
    dev: 'development',
    devel: 'development',
    sys: 'systems',
    system: 'systems',
    grp: 'group',
    bros: 'brothers',
    hosp: 'hospital',
    med: 'medical',
    acad: 'academy',
    soc: 'society',
    cmty: 'community',
    cmnty: 'community',
    comm: 'community',
    hlth: 'health',
    tech: 'technology',
    techs: 'technology',
    technologies: 'technology',
    solution: 'solutions',
    sol: 'solutions',
    ind: 'industries',
    inds: 'industries',
    industry: 'industries',
    labs: 'laboratories',
    lab: 'laboratories',
    laboratory: 'laboratories',
    dept: 'department',
    govt: 'government',
    st: 'saint',
    ste: 'sainte',
    mt: 'mount',
    ft: 'fort',
    eng: 'engineering',
    engg: 'engineering',
    ent: 'enterprises',
    enterprise: 'enterprises',
    elem: 'elementary',
    ele: 'elementary',
    sch: 'school',
    schl: 'school',
    pharma: 'pharmaceuticals',
    pharmaceutical: 'pharmaceuticals',
    intel: 'intelligence',
    hldg: 'holdings',
    hldgs: 'holdings',
    constr: 'construction',
    cnstr: 'construction',
    props: 'properties',
    fdn: 'foundation',
    fndn: 'foundation',
    mktg: 'marketing',
    prods: 'products',
    sply: 'supply',
    finl: 'financial',
    fincl: 'financial',
    equip: 'equipment',
    chem: 'chemical',
    comms: 'communications',
    acctg: 'accounting',
    whse: 'warehouse',
    assocs: 'associates',
    transp: 'transportation',
    rlty: 'realty',
    cnty: 'county',
    twp: 'township',
    ptnrs: 'partners',
    prtnrs: 'partners',
    // Numbers and ordinals below 100 as words: "3 Rivers" = "Three Rivers", "1st Choice" =
    // "First Choice", "7 Eleven" = "Seven Eleven", "21st Century" = "Twenty-First Century" (two
    // words, as the hyphen makes them). In words, not digits, so initials stay letters ("First
    // National Bank" is still "fnb").
    ...Object.fromEntries(
      Array.from({ length: 99 }, (_, i) => [
        [String(i + 1), cardinalInWords(i + 1)],
        [withOrdinalSuffix(String(i + 1)), ordinalInWords(i + 1)],
      ]).flat(),
    ),
  }),
);

/** Words that carry no identity; "&" becomes "and" before this step. */
const STOP_WORDS = new Set(['the', 'and', 'of', 'und', 'et', 'le', 'la', 'les', 'der', 'die', 'das', 'el']);

export interface NormalizedCompanyName {
  /** Tokens joined by one space: the comparison key. Empty when nothing identifying is left. */
  key: string;
  tokens: string[];
  /** Initials of the key's tokens when it has two or more ("international business machines" → "ibm"). */
  acronym: string;
}

const EMPTY: NormalizedCompanyName = Object.freeze({ key: '', tokens: [], acronym: '' }) as NormalizedCompanyName;

const PHRASE_FIRST_WORDS = new Set(LEGAL_PHRASES.map((phrase) => phrase.split(' ')[0] as string));
/** The phrases padded with spaces, as they are searched for in the space-padded name. */
const PADDED_PHRASES = LEGAL_PHRASES.map((phrase) => ` ${phrase} `);

/** "S.p.A." and "SpA" are the Italian form; "Spa" in "Day Spa" is a word of the name. */
const ITALIAN_SPA = /S\.?p\.?A\.?\s*$/;

/**
 * What lead forms put where a person has no company to give ("Self-employed", "Individual",
 * "Private", "Student"): no company, so two such leads do not share one. Only as the whole
 * name ("Private Equity Partners" stays).
 */
const NO_COMPANY = new ShortValueSet([
  'self',
  'self employed',
  'selfemployed',
  'individual',
  'private',
  'private person',
  'private individual',
  'retired',
  'student',
  'freelance',
  'independent contractor',
  'no company',
  'none provided',
  'not applicable',
]);

/** A company name key that names no company: a placeholder ("N/A") or what lead forms put for none. */
function isNoCompany(key: string): boolean {
  return isPlaceholder(key) || NO_COMPANY.has(key);
}

export function normalizeCompanyName(raw: string | null | undefined): NormalizedCompanyName {
  const tokens = companyNameTokens(raw);
  const key = tokens === undefined ? '' : tokens.join(' ');
  if (tokens === undefined || isNoCompany(key)) return EMPTY;
  let acronym = '';
  if (tokens.length >= 2) for (const token of tokens) acronym += token[0];
  return { key, tokens, acronym };
}

/**
 * normalizeCompanyName(raw).key without the token list and acronym: what the index computes
 * for each of millions of records.
 */
export function companyNameKey(raw: string | null | undefined): string {
  if (raw == null) return '';
  const key = plainAsciiNameKey(String(raw)) ?? companyNameTokens(raw)?.join(' ') ?? '';
  return isNoCompany(key) ? '' : key;
}

const STOP = 1;
const ANYWHERE = 2;
const AT_END = 4;
const PHRASE_FIRST = 8;
const ABBREVIATION = 16;
/** Every word the normaliser treats specially, with what it does to it. */
const WORD_CLASS = new Map<string, number>();
for (const [words, flag] of [
  [STOP_WORDS, STOP],
  [LEGAL_FORMS_ANYWHERE, ANYWHERE],
  [LEGAL_FORMS_AT_END, AT_END],
  [PHRASE_FIRST_WORDS, PHRASE_FIRST],
  [ABBREVIATIONS.keys(), ABBREVIATION],
] as const) {
  for (const word of words) WORD_CLASS.set(word, (WORD_CLASS.get(word) ?? 0) | flag);
}

/** WORD_CLASS looked up by a range of the name (the fast path classifies every word of millions). */
const WORD_CLASSES = new WordTable(WORD_CLASS);

const MAX_FAST_TOKENS = 32;
const tokenStarts = new Int32Array(MAX_FAST_TOKENS);
const tokenEnds = new Int32Array(MAX_FAST_TOKENS);

/**
 * companyNameTokens(text).join(' ') for the common shape of name — ASCII words, no "&" or
 * apostrophe, single letters only as a legal form at the end ("L.L.C."), legal forms only at
 * the end, no stop word or multi-word legal form — from the word ranges of one scan and usually
 * one slice of the lower-cased name, without the token arrays and joins of the general path.
 * Undefined for anything else, which takes the general path. An index over millions of records
 * computes this for each one.
 */
function plainAsciiNameKey(text: string): string | undefined {
  // "&" and "+" become "and" on the general path; anything else plainWordRanges does not read
  // (beyond ASCII, apostrophes) takes it too.
  if (text.includes('&') || text.includes('+')) return undefined;
  const count = plainWordRanges(text, tokenStarts, tokenEnds);
  if (count < 0) return undefined;
  const lower = text.toLowerCase();
  // Single letters are initials the general path joins ("L.L.C." → "llc"): only a run of them
  // at the end is read here, and only when it spells a legal form.
  let initials = -1;
  for (let t = 0; t < count; t++) {
    const start = tokenStarts[t] as number;
    if ((tokenEnds[t] as number) - start === 1 && lower.charCodeAt(start) >= 97) {
      if (initials < 0) initials = t;
    } else if (initials >= 0) return undefined;
  }
  let keep = count;
  if (initials >= 0) {
    if (initials === 0) return undefined;
    let run = '';
    for (let t = initials; t < count; t++) run += lower[tokenStarts[t] as number];
    if (run === 'spa' || ((WORD_CLASSES.get(run, 0, run.length) ?? 0) & (ANYWHERE | AT_END)) === 0) return undefined;
    keep = initials;
  }
  // The trailing legal forms ("… Holdings Co. Ltd") are what the general path would drop.
  for (; keep > 0; keep--) {
    const start = tokenStarts[keep - 1] as number;
    const end = tokenEnds[keep - 1] as number;
    if (((WORD_CLASSES.get(lower, start, end) ?? 0) & (ANYWHERE | AT_END)) === 0) {
      if (mayBeMisspeltForm(lower, start, end) && isMisspeltLegalForm(lower.slice(start, end))) continue;
      break;
    }
    if (end - start === 3 && lower.startsWith('spa', start)) return undefined;
  }
  if (keep === 0) return undefined;
  // Usually the key is one slice of the lower-cased name; it is built word by word only when
  // an abbreviation is spelled out or the words are not separated by single spaces.
  let contiguous = true;
  for (let t = 0; t < keep; t++) {
    const start = tokenStarts[t] as number;
    const wordClass = WORD_CLASSES.get(lower, start, tokenEnds[t] as number) ?? 0;
    if ((wordClass & (STOP | ANYWHERE | PHRASE_FIRST)) !== 0) return undefined;
    if ((wordClass & ABBREVIATION) !== 0 || (t > 0 && !(start === (tokenEnds[t - 1] as number) + 1 && lower.charCodeAt(start - 1) === 32)))
      contiguous = false;
  }
  if (contiguous) {
    const first = tokenStarts[0] as number;
    const last = tokenEnds[keep - 1] as number;
    return first === 0 && last === lower.length ? lower : lower.slice(first, last);
  }
  let key = '';
  for (let t = 0; t < keep; t++) {
    const token = lower.slice(tokenStarts[t], tokenEnds[t]);
    const word = ABBREVIATIONS.get(token) ?? token;
    key = t === 0 ? word : `${key} ${word}`;
  }
  return key;
}

/** Legal forms long enough to be misspelt recognisably ("Corporaation", "Incorporatd", "Limted"). */
const MISSPELLABLE_FORMS = [...LEGAL_FORMS_ANYWHERE, ...LEGAL_FORMS_AT_END].filter((form) => form.length >= 7);
const MIN_MISSPELT_FORM = 5;
/** MISSPELLABLE_FORMS by the (ASCII) code of their first letter: a last word is checked against its letter's few. */
const MISSPELLABLE_BY_FIRST_LETTER: readonly (readonly string[])[] = Array.from({ length: 128 }, (_, code) =>
  MISSPELLABLE_FORMS.filter((form) => form.charCodeAt(0) === code),
);

/**
 * A word at the end of a name that is a long legal form with a typo — one letter added, left
 * out or changed, or two swapped ("Corportaion") — is dropped like the form itself, or
 * "Migrove Corporaation" would keep a word its own "Migrove Corporation" has not. Two other
 * changes make another word ("Cooperation"), which stays.
 */
function isMisspeltLegalForm(word: string): boolean {
  if (!mayBeMisspeltForm(word, 0, word.length) || WORD_CLASS.has(word)) return false;
  for (const form of formsStartingLike(word, 0)) {
    if (!isTypoCandidate(word, form) || !mayBeMisspeltAs(word, 0, word.length, form)) continue;
    const edits = editDistance(word, form);
    if (edits <= 1 || (edits === 2 && sameLetters(word, form))) return true;
  }
  return false;
}

/**
 * Whether text[start, end) could be one: a form's length within two and its first three
 * letters (a typo there is rare, and the check rules out most words without a slice).
 */
function mayBeMisspeltForm(text: string, start: number, end: number): boolean {
  if (end - start < MIN_MISSPELT_FORM) return false;
  for (const form of formsStartingLike(text, start)) if (mayBeMisspeltAs(text, start, end, form)) return true;
  return false;
}

/** The misspellable forms that begin with text's letter at start (none beyond ASCII). */
function formsStartingLike(text: string, start: number): readonly string[] {
  const code = text.charCodeAt(start);
  return code < 128 ? (MISSPELLABLE_BY_FIRST_LETTER[code] as readonly string[]) : NO_FORMS;
}
const NO_FORMS: readonly string[] = [];

/** text[start, end) has the form's length within two and its first three letters. */
function mayBeMisspeltAs(text: string, start: number, end: number, form: string): boolean {
  return (
    Math.abs(form.length - (end - start)) <= 2 &&
    text.charCodeAt(start) === form.charCodeAt(0) &&
    text.charCodeAt(start + 1) === form.charCodeAt(1) &&
    text.charCodeAt(start + 2) === form.charCodeAt(2)
  );
}

function sameLetters(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

/**
 * A letter in parentheses that belongs to the legal form after it, not to the name:
 * Singapore's "(S) Pte Ltd" and Malaysia's "(M) Sdn Bhd" (the country of registration, with
 * forms found only there), India's "(P) Ltd" (Private Limited).
 */
const LETTER_OF_LEGAL_FORM = /\((?:\s*[sm]\s*\)(?=\s*(?:pte|sdn|private|pvt)\b)|\s*p\s*\)(?=\s*(?:ltd|limited)\b))/g;

/** The identifying tokens of a company name, or undefined when it is blank. */
function companyNameTokens(raw: string | null | undefined): string[] | undefined {
  if (raw == null) return undefined;
  const text = String(raw);
  if (text.trim() === '') return undefined;
  let folded = foldText(text);
  if (folded.includes('(')) folded = folded.replace(LETTER_OF_LEGAL_FORM, ' ');
  if (folded.includes('&') || folded.includes('+')) folded = folded.replace(/&|\+/g, ' and ');
  let tokens = joinSingleLetters(wordTokens(folded));
  if (hasCjk(folded)) tokens = tokens.map(withoutAttachedCjkForm).filter((token) => token !== '');
  if (tokens.length > 2 && tokens.some((token) => PHRASE_FIRST_WORDS.has(token))) {
    let joined = ' ' + tokens.join(' ') + ' ';
    for (const phrase of PADDED_PHRASES) if (joined.includes(phrase)) joined = joined.split(phrase).join(' ');
    tokens = joined.split(' ').filter((t) => t !== '');
  }

  // Most names lose nothing but a legal suffix: keep the token array and only shorten it.
  let kept: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const dropped = STOP_WORDS.has(token) || LEGAL_FORMS_ANYWHERE.has(token);
    const replacement = dropped ? undefined : ABBREVIATIONS.get(token);
    if (kept === undefined) {
      if (!dropped && replacement === undefined) continue;
      kept = tokens.slice(0, i);
    }
    // A number in words may be two ("twenty first").
    if (!dropped) {
      if (replacement?.includes(' ')) kept.push(...replacement.split(' '));
      else kept.push(replacement ?? token);
    }
  }
  kept ??= tokens;
  while (kept.length > 1) {
    const last = kept[kept.length - 1] as string;
    if (isMisspeltLegalForm(last)) {
      kept.pop();
      continue;
    }
    if (!LEGAL_FORMS_AT_END.has(last) || (last === 'spa' && !ITALIAN_SPA.test(text))) break;
    kept.pop();
  }
  // A name made only of legal words ("The Company") keeps its words rather than vanishing.
  return kept.length > 0 ? kept : tokens.filter((t) => !STOP_WORDS.has(t));
}

/**
 * Whether folded text may hold Japanese, Chinese or Korean, where legal forms are written onto
 * names: a character from U+1100 on (Hangul folds to its jamo there; the CJK blocks follow).
 */
function hasCjk(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x1100) return true;
  return false;
}

/** A word without a legal form written onto its start or end ("ソニー株式会社" → "ソニー"); a form alone stays, as a word. */
function withoutAttachedCjkForm(token: string): string {
  for (const form of CJK_LEGAL_FORMS) {
    if (token.length <= form.length) continue;
    if (token.endsWith(form)) return token.slice(0, -form.length);
    if (token.startsWith(form)) return token.slice(form.length);
  }
  return token;
}

/** Runs of single letters are an acronym written with dots or spaces: "I B M" → "ibm". */
function joinSingleLetters(tokens: string[]): string[] {
  if (!tokens.some(isSingleLetter)) return tokens;
  const out: string[] = [];
  let run = '';
  for (const token of tokens) {
    if (isSingleLetter(token)) {
      run += token;
      continue;
    }
    if (run !== '') out.push(run);
    run = '';
    out.push(token);
  }
  if (run !== '') out.push(run);
  return out;
}

function isSingleLetter(token: string): boolean {
  // The first character read and compared on every call (not only for one-character tokens):
  // a comparison made only for a one-letter word had no type feedback before the first such
  // name arrived, and the compiled tokeniser was thrown away.
  const code = token.charCodeAt(0);
  const isDigit = code >= 48 && code <= 57;
  return token.length === 1 && !isDigit;
}
