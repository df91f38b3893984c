import { JaroWinklerPattern, jaroWinkler } from '../similarity/jaro-winkler.ts';
import { isTypo, isTypoCandidate } from '../similarity/typo.ts';
import { NUMBER_WORDS } from '../normalize/numbers.ts';

/** Token weights: rare tokens ("kedzie") identify, frequent ones ("center") barely do. */
export type TokenWeight = (token: string) => number;

/** A string similarity in [0, 1]; the built-in one is the bit-parallel Jaro-Winkler. */
export type StringSimilarity = (a: string, b: string) => number;

/**
 * How two names were found alike: `contained` is a token overlap in which every word of one
 * name is among the other's ("Lulu" and "Lulu Restaurant-Bis-Cafe", "Peck" and "Chicago
 * Public Schools Peck School"): the scorer trusts it more where the street address agrees.
 * `numbers` is two names that number different things ("Teamsters Local 21" / "Local 22",
 * "Walgreens #1234" / "#1235", "First Baptist Church" / "Second Baptist Church"): however alike
 * the rest, they are two branches, sites or organisations, and the scorer counts it against.
 */
export type NameComparison = 'exact' | 'jaro_winkler' | 'tokens' | 'contained' | 'acronym' | 'alias' | 'numbers';

/** A company name prepared once per query and compared with many candidates. */
export class PreparedName {
  readonly key: string;
  readonly tokens: string[];
  readonly acronym: string;
  private readonly pattern: JaroWinklerPattern;
  /**
   * A typed array, filled in a loop: an array from `map` has the layout of its values (small
   * integers, doubles), and a name whose weights were all whole numbers, met after thousands of
   * others, threw the compiled word overlap away ("wrong map").
   */
  private readonly tokenWeights: Float64Array;
  private readonly totalWeight: number;
  private readonly similarityOf: StringSimilarity | undefined;
  /** The names the key holds around "dba", "aka" …, or [the key] when it holds one. */
  private readonly names: string[];
  /** The key's numbers (nameNumbers); '' for most names, which then skip the check. */
  private readonly numbers: string;
  /** Bit n set: a word of the key has n letters (n < 32); bit 0 for longer words. */
  private readonly wordLengths: number;
  /** Bit n set: two neighbouring words of the key have n letters together (n < 32). */
  private readonly neighbourLengths: number;

  /**
   * `similarity` replaces the built-in Jaro-Winkler (benchmark baselines, experiments);
   * `pattern` lets a long-lived caller reuse one pattern object for every query.
   */
  constructor(key: string, weightOf: TokenWeight, similarity?: StringSimilarity, pattern?: JaroWinklerPattern) {
    this.similarityOf = similarity;
    this.key = key;
    this.tokens = key === '' ? [] : key.split(' ');
    this.pattern = pattern ? pattern.reset(key) : new JaroWinklerPattern(key);
    this.tokenWeights = new Float64Array(this.tokens.length);
    let initials = '';
    let totalWeight = 0;
    let wordLengths = 0;
    let neighbourLengths = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i] as string;
      initials += token.charAt(0);
      const weight = weightOf(token);
      this.tokenWeights[i] = weight;
      totalWeight += weight;
      wordLengths |= lengthBit(token.length);
      if (i > 0) neighbourLengths |= lengthBit((this.tokens[i - 1] as string).length + token.length);
    }
    this.acronym = this.tokens.length >= 2 ? initials : '';
    this.totalWeight = totalWeight;
    this.wordLengths = wordLengths;
    this.neighbourLengths = neighbourLengths;
    this.names = namesIn(key);
    this.numbers = numbersOf(this.tokens);
  }

  /**
   * Similarity in [0, 1] and how it was reached: the best of Jaro-Winkler on the whole key,
   * a rarity-weighted token overlap (word order and extra words such as a site suffix matter
   * less), and an acronym of the other name ("IBM" ~ "International Business Machines").
   */
  compare(other: string, weightOf: TokenWeight): { similarity: number; via: NameComparison } {
    if (other === this.key) return { similarity: 1, via: 'exact' };
    const whole = this.similarityOf ? this.similarityOf(other, this.key) : this.pattern.similarity(other);
    if (this.numbers !== '') {
      const theirs = nameNumbers(other);
      if (numbersDisagree(this.numbers, theirs)) return { similarity: whole, via: 'numbers' };
    }
    let best = whole;
    let via: NameComparison = 'jaro_winkler';
    // "ABC Holdings dba Quick Plumbing" is both names: each is compared with the other side's.
    if (this.names.length > 1 || ALIAS_MARKER.test(other)) {
      const alias = this.bestOfNames(namesIn(other));
      if (alias > best) {
        best = alias;
        via = 'alias';
      }
    }
    // A near-exact whole name needs no token analysis.
    if (whole < 0.97 && (this.tokens.length > 1 || other.includes(' '))) {
      const overlap = this.tokenOverlap(other.split(' '), weightOf);
      if (overlap.contained) {
        best = Math.max(best, overlap.similarity);
        via = 'contained';
      } else if (overlap.similarity > best) {
        best = overlap.similarity;
        via = 'tokens';
      }
    }
    if (best < 0.9 && (isAcronymOf(this.key, this.acronym, other) || this.isAcronymInContext(other)))
      return { similarity: 0.9, via: 'acronym' };
    return { similarity: best, via };
  }

  /** Whether word lengths allow a word left of the other name to be two neighbours of this one, or the reverse. */
  private mayJoinWords(otherTokens: readonly string[], otherCount: number, otherUsed: number): boolean {
    for (let j = 0; j < otherCount; j++) {
      if (otherUsed & (1 << j)) continue;
      const length = (otherTokens[j] as string).length;
      if ((this.neighbourLengths & lengthBit(length)) !== 0) return true;
      if (j + 1 < otherCount && (otherUsed & (1 << (j + 1))) === 0) {
        if ((this.wordLengths & lengthBit(length + (otherTokens[j + 1] as string).length)) !== 0) return true;
      }
    }
    return false;
  }

  /**
   * The words left that one name writes together and the other apart (tokenOverlap), each counting
   * the weight of its rarer spelling on both sides: what they add to the overlap, or undefined.
   */
  private joinedWords(
    otherTokens: readonly string[],
    otherCount: number,
    mineUsed: number,
    theirsUsed: number,
    weightOf: TokenWeight,
  ): JoinedWords | undefined {
    let used = mineUsed;
    let otherUsed = theirsUsed;
    let joined: JoinedWords | undefined;
    const count = Math.min(this.tokens.length, 31);
    for (let j = 0; j < otherCount; j++) {
      if (otherUsed & (1 << j)) continue;
      const token = otherTokens[j] as string;
      const next = j + 1 < otherCount && (otherUsed & (1 << (j + 1))) === 0 ? (otherTokens[j + 1] as string) : undefined;
      for (let i = 0; i < count; i++) {
        if (used & (1 << i)) continue;
        const mine = this.tokens[i] as string;
        const mineNext = i + 1 < count && (used & (1 << (i + 1))) === 0 ? (this.tokens[i + 1] as string) : undefined;
        const joinedHere = mineNext !== undefined && isJoined(token, mine, mineNext);
        if (!joinedHere && !(next !== undefined && isJoined(mine, token, next))) continue;
        // One spelling of the same words: both sides count the weight of the rarer spelling.
        const mineWeight = (this.tokenWeights[i] as number) + (joinedHere ? (this.tokenWeights[i + 1] as number) : 0);
        const otherWeight = weightOf(token) + (joinedHere ? 0 : weightOf(next as string));
        const weight = Math.max(mineWeight, otherWeight);
        joined ??= { weight: 0, mineExtra: 0, otherExtra: 0, words: 0 };
        joined.weight += weight;
        joined.mineExtra += weight - mineWeight;
        joined.otherExtra += weight - otherWeight;
        joined.words++;
        used |= (joinedHere ? 3 : 1) << i;
        otherUsed |= (joinedHere ? 1 : 3) << j;
        break;
      }
    }
    return joined;
  }

  /**
   * The names are the same words around one that is the initials of several words of the
   * other ("YMCA of Greater Seattle" / "Young Men's Christian Association of Greater Seattle",
   * "Chicago PD" / "Chicago Police Department"). A whole name that is an acronym is isAcronymOf's.
   */
  private isAcronymInContext(other: string): boolean {
    // They must share their first or their last word: checked in place first, which rules out
    // most pairs (compare runs for every candidate whose name is not alike).
    const first = this.tokens[0] as string;
    const last = this.tokens[this.tokens.length - 1] as string;
    // Lengths compared first: a read past either end of `other` (a name that is only the word)
    // threw the compiled code away ("out of bounds").
    const sameFirst = other.length > first.length && other.startsWith(first) && other.charCodeAt(first.length) === 32;
    const sameLast = other.length > last.length && other.endsWith(last) && other.charCodeAt(other.length - last.length - 1) === 32;
    if (!sameFirst && !sameLast) return false;
    let otherCount = 1;
    for (let i = 0; i < other.length; i++) if (other.charCodeAt(i) === 32) otherCount++;
    const difference = otherCount - this.tokens.length;
    if (difference === 0 || difference < -5 || difference > 5) return false;
    const otherTokens = other.split(' ');
    return difference > 0 ? isAcronymWithin(this.tokens, otherTokens) : isAcronymWithin(otherTokens, this.tokens);
  }

  private bestOfNames(otherNames: readonly string[]): number {
    let best = 0;
    for (const mine of this.names)
      for (const theirs of otherNames) {
        if (mine === theirs) return 1;
        best = Math.max(best, this.similarityOf ? this.similarityOf(theirs, mine) : jaroWinkler(mine, theirs));
      }
    return best;
  }

  /**
   * A rarity-weighted overlap of the words (containment and Dice), and whether every word of
   * the shorter name is among the other's.
   */
  private tokenOverlap(otherTokens: string[], weightOf: TokenWeight): TokenOverlap {
    let otherTotal = 0;
    let matchedWeight = 0;
    let matchedWords = 0;
    // Which of this name's tokens are taken, as bits (names have far fewer than 32 words).
    let used = 0;
    const count = Math.min(this.tokens.length, 31);
    const otherCount = Math.min(otherTokens.length, 31);
    // Which of the other name's tokens are matched, as bits.
    let otherUsed = 0;
    let mineTotal = this.totalWeight;
    for (let j = 0; j < otherTokens.length; j++) {
      const token = otherTokens[j] as string;
      const weight = weightOf(token);
      otherTotal += weight;
      for (let i = 0; i < count; i++) {
        if (used & (1 << i)) continue;
        const mine = this.tokens[i] as string;
        if (
          mine === token ||
          isInitialOf(mine, token) ||
          isPluralOf(mine, token) ||
          (this.similarityOf ? isTypoCandidate(mine, token) && this.similarityOf(mine, token) >= 0.93 : isTypo(mine, token))
        ) {
          used |= 1 << i;
          if (j < otherCount) otherUsed |= 1 << j;
          matchedWeight += Math.min(weight, this.tokenWeights[i] as number);
          matchedWords++;
          break;
        }
      }
    }
    // Words one name writes together and the other apart ("PayPal Holdings" / "Pay Pal"), among
    // the words left: one word of either name is two neighbours of the other. Rare, so read by
    // a method of its own behind a check of word lengths: branches met for the first time inside
    // this loop threw its compiled code away (13 deoptimisations in one benchmark run).
    if (matchedWords < Math.min(count, otherCount) && this.mayJoinWords(otherTokens, otherCount, otherUsed)) {
      const joined = this.joinedWords(otherTokens, otherCount, used, otherUsed, weightOf);
      if (joined !== undefined) {
        matchedWeight += joined.weight;
        mineTotal += joined.mineExtra;
        otherTotal += joined.otherExtra;
        matchedWords += joined.words;
      }
    }
    if (matchedWeight === 0) return NO_OVERLAP;
    const containment = matchedWeight / Math.min(mineTotal, otherTotal);
    const dice = (2 * matchedWeight) / (mineTotal + otherTotal);
    return {
      similarity: 0.55 * containment + 0.45 * dice,
      // Every word of the shorter name is in the other ("Fenix" in "Fenix at the Argyle").
      contained: this.tokens.length !== otherTokens.length && matchedWords === Math.min(count, otherTokens.length),
    };
  }
}

/**
 * The numbers of a company name's key, in order and joined by spaces: its words that are digits
 * ("walgreens 1234" → "1234") or a number in words ("teamsters local twenty one" → "twenty one",
 * "first baptist church" → "first"); '' when it has none.
 */
function nameNumbers(key: string): string {
  return numbersOf(key.split(' '));
}

/**
 * Whether two names' numbers (nameNumbers) tell them apart: each has one the other has not.
 * A number only one name has is a detail the other left out ("Teddy Bear 1 (51st Street)" /
 * "Teddy Bear 1", "Church of Faith #1" / "Church of Faith"), not a disagreement.
 */
function numbersDisagree(mine: string, theirs: string): boolean {
  if (mine === '' || theirs === '' || mine === theirs) return false;
  const a = mine.split(' ');
  const b = theirs.split(' ');
  return !isWithin(a, b) && !isWithin(b, a);
}

/** Whether every word of `part` is in `whole`, each used once. */
function isWithin(part: readonly string[], whole: readonly string[]): boolean {
  if (part.length > whole.length) return false;
  const left = [...whole];
  for (const word of part) {
    const at = left.indexOf(word);
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return true;
}

function numbersOf(tokens: readonly string[]): string {
  let numbers = '';
  for (const token of tokens) {
    const first = token.charCodeAt(0);
    // One read rules out most words: a number starts with a digit or one of few letters.
    const isNumber = first < 58 ? isDigits(token) : first < 128 && NUMBER_WORD_START[first] === 1 && NUMBER_WORDS.has(token);
    if (isNumber) numbers = numbers === '' ? token : `${numbers} ${token}`;
  }
  return numbers;
}

/** By ASCII code, whether a number in words may start with the letter. */
const NUMBER_WORD_START = new Uint8Array(128);
for (const word of NUMBER_WORDS) NUMBER_WORD_START[word.charCodeAt(0)] = 1;

function isDigits(token: string): boolean {
  if (token === '') return false;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** What words written together on one side and apart on the other add to a word overlap. */
interface JoinedWords {
  weight: number;
  /** Weight added to this name's total and to the other's, so both count the rarer spelling. */
  mineExtra: number;
  otherExtra: number;
  words: number;
}

interface TokenOverlap {
  similarity: number;
  contained: boolean;
}

const NO_OVERLAP: TokenOverlap = { similarity: 0, contained: false };

/**
 * Words that join two names of one company in one field, as normalised: "d/b/a" and "dba"
 * (doing business as), "a/k/a", "f/k/a", "formerly", "trading as".
 */
const ALIAS_MARKER = / (?:dba|aka|fka|formerly|trading as) /;
const ALIAS_MARKERS = new RegExp(ALIAS_MARKER.source, 'g');

/** The names a normalised key holds: its parts around alias markers, or the key itself. */
export function namesIn(key: string): string[] {
  if (!ALIAS_MARKER.test(key)) return [key];
  const names = key.split(ALIAS_MARKERS).filter((name) => name !== '');
  return names.length > 0 ? names : [key];
}

/** A word length as a bit of a mask: bit n for n < 32, bit 0 for longer words (a mask only rules pairs out). */
function lengthBit(length: number): number {
  return length < 32 ? 1 << length : 1;
}

/** `whole` is `start` and `end` written together, each of two letters or more ("paypal" = "pay" + "pal"). */
function isJoined(whole: string, start: string, end: string): boolean {
  return (
    whole.length === start.length + end.length && start.length >= 2 && end.length >= 2 && whole.startsWith(start) && whole.endsWith(end)
  );
}

/**
 * One word is the other with an "s" after it, of three letters or more: a plural or a
 * possessive one source left out ("Tiny Tot Villa" / "Tiny Tots Villa", "Brite New Mind" /
 * "Brite New Minds"). Only in the word overlap: a whole name with and without it is no exact name.
 */
function isPluralOf(a: string, b: string): boolean {
  if (a.length === b.length + 1) return b.length >= 3 && a.charCodeAt(b.length) === 115 && a.startsWith(b);
  return b.length === a.length + 1 && a.length >= 3 && b.charCodeAt(a.length) === 115 && b.startsWith(a);
}

/** One word is a single letter, the other's initial ("Hughes, L." and "Hughes, Langston"). */
function isInitialOf(a: string, b: string): boolean {
  return (a.length === 1 || b.length === 1) && a.charCodeAt(0) === b.charCodeAt(0);
}

/**
 * `short` is `long` with one run of its words written as their initials, and at least one word
 * around it that both share: the same words before and after, the acronym (2–6 letters) in
 * between.
 */
function isAcronymWithin(short: readonly string[], long: readonly string[]): boolean {
  const spelled = long.length - short.length + 1;
  let before = 0;
  while (before < short.length && short[before] === long[before]) before++;
  let after = 0;
  while (after < short.length - before && short[short.length - 1 - after] === long[long.length - 1 - after]) after++;
  if (before + after !== short.length - 1 || before + after === 0) return false;
  const acronym = short[before] as string;
  if (acronym.length !== spelled || spelled < 2 || spelled > 6) return false;
  for (let i = 0; i < spelled; i++) if ((long[before + i] as string).charCodeAt(0) !== acronym.charCodeAt(i)) return false;
  return true;
}

/** One name is a single word of 2–6 letters spelling the initials of the other. */
function isAcronymOf(key: string, acronym: string, other: string): boolean {
  if (!other.includes(' ')) return acronym.length >= 2 && other === acronym;
  if (key.includes(' ') || key.length < 2 || key.length > 6) return false;
  let initials = '';
  for (const word of other.split(' ')) initials += word[0];
  return initials === key;
}
