import { jaroWinkler } from '../similarity/jaro-winkler.ts';
import type { JaroWinklerPattern } from '../similarity/jaro-winkler.ts';
import type { MatchCandidate, MatchDecision, MatchReason, MatchSignal, MatchThresholds } from '../types.ts';
import { isTypo } from '../similarity/typo.ts';
import { postalRegionsDiffer } from '../normalize/address.ts';
import { PreparedName } from './name-similarity.ts';
import type { StringSimilarity, TokenWeight } from './name-similarity.ts';
import { hasPhone, samePhoneTail, sameSwitchboard } from './stored-record.ts';
import type { StoredRecord } from './stored-record.ts';
import { PRIOR, WEIGHTS } from './weights.ts';

/** A query record prepared once (name pattern, token weights) and scored against many candidates. */
export class PreparedQuery {
  readonly record: StoredRecord;
  readonly name: PreparedName;
  /**
   * The exact name is rare in the index: at most two records hold it (the candidate and the
   * query's own record, or, for a query not in the index, one other), or a few that are all in
   * one place (IndexReader decides). Agreeing on it says more than on a name many records
   * share. The index cannot tell whether a query is one of its records (the match CLI looks up
   * each row of a file it indexed), so both cases allow two.
   */
  readonly nameIsRare: boolean;

  constructor(record: StoredRecord, weightOf: TokenWeight, options: PreparedQueryOptions = {}) {
    this.record = record;
    this.name = new PreparedName(record.nameKey, weightOf, options.similarity, options.pattern);
    this.nameIsRare = options.nameIsRare ?? false;
  }
}

export interface PreparedQueryOptions {
  /** Replaces the built-in Jaro-Winkler for names (benchmark baselines, experiments). */
  similarity?: StringSimilarity;
  /** One pattern object a long-lived caller reuses for every query. */
  pattern?: JaroWinklerPattern;
  /** See PreparedQuery.nameIsRare; false when the caller does not know. */
  nameIsRare?: boolean;
}

/** Signals that corroborate a name: without one of them a pair never reaches a match. */
const CORROBORATING: ReadonlySet<MatchSignal> = new Set<MatchSignal>([
  'domain',
  'email_domain',
  'email',
  'phone',
  'address',
  'postal_code',
  'city',
  'contact_name',
]);

/**
 * Sums evidence; builds the reasons only when asked to explain, so screening thousands of
 * candidates allocates nothing and only the kept ones pay for their explanation.
 */
class Evidence {
  sum = PRIOR;
  corroborated = false;
  /** Some field disagrees. */
  contradicted = false;
  screenedOut = false;
  readonly reasons: MatchReason[] | undefined;

  constructor(explain: boolean) {
    this.reasons = explain ? [] : undefined;
  }

  /** Back to no evidence (for an Evidence that does not explain, reused from pair to pair). */
  reset(): this {
    this.sum = PRIOR;
    this.corroborated = false;
    this.contradicted = false;
    this.screenedOut = false;
    return this;
  }

  add(signal: MatchSignal, outcome: MatchReason['outcome'], weight: number, similarity?: number, value?: string): void {
    this.sum += weight;
    if (weight > 0 && CORROBORATING.has(signal)) this.corroborated = true;
    if (weight < 0) this.contradicted = true;
    if (!this.reasons) return;
    const reason: MatchReason = { signal, outcome, weight };
    if (similarity !== undefined) reason.similarity = similarity;
    if (value !== undefined) reason.value = value;
    this.reasons.push(reason);
  }
}

/**
 * The evidence screenConfidence sums, reused for every pair it screens: it keeps no reasons and
 * nothing holds it after the call (~7 pairs are screened per query).
 */
const SCREENING = new Evidence(false);

/**
 * Confidence only (no reasons), for screening candidates: returns −1 as soon as the pair
 * cannot reach minConfidence whatever the names say, which skips the name comparison for
 * most candidates of a large block.
 */
export function screenConfidence(
  query: PreparedQuery,
  candidate: StoredRecord,
  thresholds: MatchThresholds,
  weightOf: TokenWeight,
  minConfidence: number,
): number {
  const evidence = collect(query, candidate, thresholds, weightOf, SCREENING.reset(), minConfidence);
  return evidence.screenedOut ? -1 : confidenceFrom(evidence, thresholds);
}

/**
 * Scores one candidate against a prepared query: every comparable field adds or subtracts
 * log-odds and says why. Fields missing on either side say nothing.
 */
export function scorePair(
  query: PreparedQuery,
  candidate: StoredRecord,
  thresholds: MatchThresholds,
  weightOf: TokenWeight,
): MatchCandidate {
  const evidence = collect(query, candidate, thresholds, weightOf, new Evidence(true), 0);
  const reasons = evidence.reasons ?? [];
  const confidence = confidenceFrom(evidence, thresholds);
  return {
    id: candidate.id,
    kind: candidate.kind,
    confidence,
    decision: decide(confidence, thresholds),
    method: methodOf(reasons),
    reasons,
  };
}

export function decide(confidence: number, thresholds: MatchThresholds): MatchDecision {
  if (confidence >= thresholds.matchThreshold) return 'match';
  if (confidence >= thresholds.reviewThreshold) return 'review';
  return 'none';
}

function confidenceFrom(evidence: Evidence, thresholds: MatchThresholds): number {
  let confidence = 1 / (1 + Math.exp(-evidence.sum));
  // Precision first, whatever the thresholds are set to: a name never matches on its own.
  if (!evidence.corroborated) confidence = Math.min(confidence, thresholds.matchThreshold - 0.001);
  return round3(confidence);
}

function collect(
  query: PreparedQuery,
  c: StoredRecord,
  thresholds: MatchThresholds,
  weightOf: TokenWeight,
  evidence: Evidence,
  minConfidence: number,
): Evidence {
  const q = query.record;
  const sameDomain = q.domain !== undefined && q.domain === c.domain;
  if (q.domain && c.domain) {
    if (sameDomain) evidence.add('domain', 'match', WEIGHTS.domainSame, undefined, q.domain);
    else addDomainDisagreement(evidence, 'domain', q.domain, c.domain);
  }
  if (!sameDomain) {
    const shared = sharedEmailDomain(q, c);
    if (shared) evidence.add('email_domain', 'match', WEIGHTS.emailDomainSame, undefined, shared);
    // Company domains that share nothing disagree, as two websites do, when one of them comes
    // from a corporate email ("jo@garta-37y2.co" against the website "garta-1p77.io").
    else if (!(q.domain && c.domain)) {
      const mine = q.domain ?? q.emailDomain;
      const theirs = c.domain ?? c.emailDomain;
      if (mine && theirs) addDomainDisagreement(evidence, 'email_domain', mine, theirs);
    }
  }
  if (q.email && q.email === c.email) evidence.add('email', 'match', WEIGHTS.emailSame);

  const addressAgrees = scoreAddress(q, c, evidence);
  scorePhone(q, c, evidence);
  if (q.postalCode && c.postalCode) {
    if (q.postalCode === c.postalCode) evidence.add('postal_code', 'match', WEIGHTS.postalSame, undefined, q.postalCode);
    else if (!addressAgrees) evidence.add('postal_code', 'mismatch', WEIGHTS.postalDifferent);
  }
  if (q.city && c.city) {
    if (q.city === c.city) evidence.add('city', 'match', WEIGHTS.citySame, undefined, q.city);
    else if (!addressAgrees && jaroWinkler(q.city, c.city) < 0.9) evidence.add('city', 'mismatch', WEIGHTS.cityDifferent);
  }
  if (q.country && c.country && q.country !== c.country) evidence.add('country', 'mismatch', WEIGHTS.countryDifferent);
  if (q.contactName && q.contactName === c.contactName) evidence.add('contact_name', 'match', WEIGHTS.contactNameSame);

  if (query.name.key !== '' && c.nameKey !== '') {
    const exact = c.nameKey === query.name.key;
    if (minConfidence > 0 && cannotReach(evidence, thresholds, minConfidence, rareNameBonus(query, evidence, true))) {
      evidence.screenedOut = true;
      return evidence;
    }
    const { similarity, via } = query.name.compare(c.nameKey, weightOf);
    const outcome = via === 'numbers' ? 'mismatch' : nameOutcome(similarity, thresholds.nameSimilarityThreshold);
    let weight = nameWeight(similarity, via, thresholds.nameSimilarityThreshold);
    // One name within the other at the same street address is the same place named in full
    // or in short ("Lulu" / "Lulu Restaurant-Bis-Cafe"). Not on a shared phone alone: an
    // agency's sites ("Agency – Site") share its phone but not its address.
    if (via === 'contained' && addressAgrees) weight = Math.max(weight, WEIGHTS.nameContainedSameAddress);
    weight += rareNameBonus(query, evidence, exact);
    // Names that number different things read "name=mismatch": their similarity is beside the point.
    evidence.add(via === 'acronym' ? 'acronym' : 'name', outcome, weight, via === 'numbers' ? undefined : round3(similarity));
  }
  return evidence;
}

/**
 * A rare exact name (PreparedQuery.nameIsRare), where nothing else disagrees, says more than one
 * many records share: with a city or postal code that agrees it is a match ("Acme Plumbing
 * Supply", Springfield), while "First Baptist Church" in the same city stays for review.
 */
function rareNameBonus(query: PreparedQuery, evidence: Evidence, exact: boolean): number {
  return exact && query.nameIsRare && !evidence.contradicted ? WEIGHTS.nameExactRare : 0;
}

/** Even an exact name would not lift the pair to minConfidence (or past the name-only cap). */
function cannotReach(evidence: Evidence, thresholds: MatchThresholds, minConfidence: number, rareBonus: number): boolean {
  if (!evidence.corroborated && minConfidence >= thresholds.matchThreshold) return true;
  const best = evidence.sum + Math.max(WEIGHTS.nameExact + rareBonus, WEIGHTS.acronym);
  return 1 / (1 + Math.exp(-best)) < minConfidence;
}

function nameOutcome(similarity: number, threshold: number): MatchReason['outcome'] {
  if (similarity >= threshold) return 'match';
  return similarity >= 0.6 ? 'partial' : 'mismatch';
}

function nameWeight(similarity: number, via: string, threshold: number): number {
  if (via === 'acronym') return WEIGHTS.acronym;
  if (via === 'numbers') return WEIGHTS.nameDifferent;
  if (similarity >= 1) return WEIGHTS.nameExact;
  if (similarity >= threshold) {
    const position = threshold >= 1 ? 1 : (similarity - threshold) / (1 - threshold);
    return round3(WEIGHTS.nameSimilarLow + position * (WEIGHTS.nameSimilarHigh - WEIGHTS.nameSimilarLow));
  }
  if (similarity >= 0.75) return round3((WEIGHTS.nameWeak * (similarity - 0.75)) / Math.max(0.01, threshold - 0.75));
  if (similarity >= 0.6) return 0;
  return WEIGHTS.nameDifferent;
}

/**
 * Two different company domains disagree, unless they are one name under two suffixes
 * ("acme.com" / "acme.co.uk", "siemens.de" / "siemens.com": a company's country sites) or
 * with and without hyphens ("acme-corp.com" / "acmecorp.com"), which says nothing either way.
 */
function addDomainDisagreement(evidence: Evidence, signal: 'domain' | 'email_domain', a: string, b: string): void {
  // Added directly, not returned as an (outcome, weight) pair to spread: most pairs scored have
  // different domains, and the pair was ~6 % of what a batch query allocates.
  if (sameDomainLabel(a, b)) evidence.add(signal, 'partial', 0);
  else evidence.add(signal, 'mismatch', WEIGHTS.domainDifferent);
}

/**
 * Whether two registrable domains have one name of at least three characters before their
 * suffixes, hyphens aside ("acme-corp.co.uk" / "acmecorp.com"). Compared in place: most
 * candidate pairs of a name block have different domains, so this runs for most pairs scored,
 * and it usually stops at the first character.
 */
function sameDomainLabel(a: string, b: string): boolean {
  const aEnd = labelEnd(a);
  const bEnd = labelEnd(b);
  let i = 0;
  let j = 0;
  let compared = 0;
  for (;;) {
    while (i < aEnd && a.charCodeAt(i) === HYPHEN) i++;
    while (j < bEnd && b.charCodeAt(j) === HYPHEN) j++;
    if (i === aEnd || j === bEnd) return i === aEnd && j === bEnd && compared >= 3;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
    compared++;
  }
}

const HYPHEN = 45;

/** Where a domain's first label ends. */
function labelEnd(domain: string): number {
  const dot = domain.indexOf('.');
  return dot < 0 ? domain.length : dot;
}

function sharedEmailDomain(q: StoredRecord, c: StoredRecord): string | undefined {
  if (q.emailDomain && (q.emailDomain === c.domain || q.emailDomain === c.emailDomain)) return q.emailDomain;
  if (q.domain && q.domain === c.emailDomain) return q.domain;
  return undefined;
}

/** Returns whether the street addresses agree (then postal and city noise is forgiven). */
function scoreAddress(q: StoredRecord, c: StoredRecord, evidence: Evidence): boolean {
  if (!q.addressNumber || !c.addressNumber || !q.streetHead || !c.streetHead) return false;
  const qHead = q.streetHead;
  const cHead = c.streetHead;
  const sameStreet = qHead === cHead;
  if (q.addressNumber === c.addressNumber) {
    // "10 Oak St" in Portland, Oregon (97201) and in Portland, Maine (04101): one street address
    // in two places is two addresses, and says nothing; the postal codes then disagree.
    if (postalRegionsDiffer(q.postalCode, c.postalCode) && (sameStreet || isTypo(qHead, cHead))) {
      evidence.add('address', 'partial', 0);
      return false;
    }
    if (sameStreet) {
      evidence.add('address', 'match', WEIGHTS.addressSame, undefined, `${q.addressNumber} ${qHead}`);
      return true;
    }
    if (isTypo(qHead, cHead)) {
      evidence.add('address', 'partial', WEIGHTS.addressClose, round3(jaroWinkler(qHead, cHead)));
      return true;
    }
    // "Lakeshore Dr" / "Lake Shore Dr", "Northpoint" / "North Point St": one street written as
    // one word and as two, whose first words differ. Nothing either way.
    // "Via G. Verdi" / "Via Giuseppe Verdi": a street named after a person, the first name
    // written as its initial. Nothing either way.
    if (isWordOfCompound(qHead, cHead) || isInitialOf(qHead, cHead) || isInitialOf(cHead, qHead)) {
      evidence.add('address', 'partial', 0);
      return false;
    }
    evidence.add('address', 'mismatch', WEIGHTS.addressDifferent);
    return false;
  }
  // "221B" / "221 Baker St": a letter one side adds to the same number is a flat or a plot of
  // it ("Hauptstraße 5a" may be the building behind 5). Nothing either way.
  if (sameStreet && isNumberWithLetter(q.addressNumber, c.addressNumber)) {
    evidence.add('address', 'partial', 0);
    return false;
  }
  evidence.add('address', 'mismatch', sameStreet ? WEIGHTS.addressOtherNumber : WEIGHTS.addressDifferent);
  return false;
}

/** One house number is the other with a letter after it ("221b" / "221"). */
function isNumberWithLetter(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1 || !long.startsWith(short)) return false;
  const letter = long.charCodeAt(short.length);
  const lastDigit = short.charCodeAt(short.length - 1);
  return letter >= 97 && letter <= 122 && lastDigit >= 48 && lastDigit <= 57;
}

/** One street word begins or ends the other, which is at least three letters longer ("lake" / "lakeshore", "van" / "vanburen"). */
function isWordOfCompound(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.length >= short.length + 3 && (long.startsWith(short) || long.endsWith(short));
}

/** A single letter that begins a longer word. */
function isInitialOf(initial: string, word: string): boolean {
  return initial.length === 1 && word.length > 1 && word.charCodeAt(0) === initial.charCodeAt(0);
}

function scorePhone(q: StoredRecord, c: StoredRecord, evidence: Evidence): void {
  if (!hasPhone(q) || !hasPhone(c)) return;
  if (q.phone && c.phone && q.phone === c.phone) evidence.add('phone', 'match', WEIGHTS.phoneSame, undefined, q.phone);
  else if (!(q.phone && c.phone) && samePhoneTail(q, c)) evidence.add('phone', 'partial', WEIGHTS.phoneLocalSame);
  else if (sameSwitchboard(q, c)) evidence.add('phone', 'partial', WEIGHTS.phoneSameSwitchboard);
  else evidence.add('phone', 'mismatch', WEIGHTS.phoneDifferent);
}

function methodOf(reasons: MatchReason[]): MatchCandidate['method'] {
  let email = false;
  let name = false;
  let location = false;
  for (const { signal, weight } of reasons) {
    if (weight <= 0) continue;
    if (signal === 'domain') return 'Domain';
    if (signal === 'email_domain' || signal === 'email') email = true;
    else if (signal === 'name' || signal === 'acronym') name = true;
    else if (signal === 'address' || signal === 'phone' || signal === 'postal_code' || signal === 'city') location = true;
  }
  if (email) return 'Email Domain';
  return name && location ? 'Name and Location' : 'Name';
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
