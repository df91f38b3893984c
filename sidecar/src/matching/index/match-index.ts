import type { CountryCode } from 'libphonenumber-js';
import { normalizeToStored } from '../normalize/record.ts';
import { PreparedQuery, scorePair, screenConfidence } from '../scoring/score-pair.ts';
import type { StringSimilarity, TokenWeight } from '../scoring/name-similarity.ts';
import { unpackStoredRecord } from '../scoring/stored-record.ts';
import type { StoredRecord } from '../scoring/stored-record.ts';
import { MATCH_RECORD_KINDS } from '../types.ts';
import type { MatchCandidate, MatchRecord, MatchRecordKind, MatchThresholds } from '../types.ts';
import { IdTable } from './id-table.ts';
import { RecordStore } from './record-store.ts';
import { JaroWinklerPattern } from '../similarity/jaro-winkler.ts';
import { PostingTable, hashRange, hashStart } from './posting-table.ts';

export interface MatchIndexOptions {
  /** Thresholds, normally the programme settings (matchThreshold, reviewThreshold, nameSimilarityThreshold). */
  thresholds: MatchThresholds;
  /** Country used to read phone numbers of records without one (default US). */
  defaultCountry?: CountryCode;
  /**
   * Blocks (records sharing a key) larger than this are not used to find candidates: a
   * token such as "services" or "chicago" would otherwise pull in half the index.
   * Domain, phone and address blocks get four times this.
   */
  maxBlockSize?: number;
  /** At most this many name tokens (the rarest) are used to find candidates. */
  maxNameTokens?: number;
  /**
   * Name-token and name-prefix blocks up to this size are rare enough for one shared token
   * to make a candidate; in larger ones (up to maxBlockSize) a record must share two
   * tokens. Default maxBlockSize / 8.
   */
  rareBlockSize?: number;
  /** Sizing hint for the first allocation. */
  expectedRecords?: number;
}

export interface FindOptions {
  /** How many candidates to return, best first (default 5). */
  limit?: number;
  /** Lowest confidence returned (default: the review threshold). */
  minConfidence?: number;
  /** Only these kinds of records. */
  kinds?: readonly MatchRecordKind[];
  /** Never return this record (e.g. the query itself when it is indexed too). */
  excludeId?: string;
  /**
   * Replaces the built-in bit-parallel Jaro-Winkler for names, and turns off early
   * screening: how the benchmark runs its baseline with an npm fuzzy-matching package.
   */
  nameSimilarity?: StringSimilarity;
}

export interface MatchIndexStats {
  records: number;
  postings: number;
  /** Candidate pairs scored since the index was created. */
  candidatePairs: number;
}

const DEFAULT_MAX_BLOCK = 200;

/**
 * The index of every record a submission is compared with. Built once from the org's
 * records, kept current with upsert/remove, queried with find/best. Candidates come from
 * blocks (same registrable domain, same phone digits, same house number and street, same
 * name, a rare name token, same name prefix); each candidate is then scored on all fields.
 */
export class MatchIndex {
  private readonly thresholds: MatchThresholds;
  private readonly defaultCountry: CountryCode;
  private readonly maxBlockSize: number;
  private readonly maxNameTokens: number;
  private readonly postings: PostingTable;
  private readonly slotsById: IdTable;
  /** Per slot: the record (id first) packed into one string, its kind's index. */
  private readonly packed: RecordStore;
  private kinds: Uint8Array;
  private freeSlots: number[] = [];
  /** Slots ever used (free ones are reused first). */
  private slotCount = 0;
  private seen: Int32Array;
  private stamp = 0;
  private candidatePairs = 0;
  /** One pattern reused by every query: find() is synchronous, so queries never overlap. */
  private readonly pattern = new JaroWinklerPattern();
  /** Token blocks of the current query as size·2³² + hash, sorted to take the rarest. */
  private readonly tokenScratch: number[] = [];
  /** Per slot: how many of the query's token blocks it is in (valid where the stamp is current). */
  private tokenHits: Uint8Array;
  private tokenHitStamps: Int32Array;
  private readonly rareBlockSize: number;
  private readonly weightOf: TokenWeight = (token) => {
    const frequency = this.postings.blockSize(tokenHash(token));
    return Math.log((this.slotsById.size + 1) / (frequency + 1)) + 1;
  };

  constructor(options: MatchIndexOptions) {
    this.thresholds = options.thresholds;
    this.defaultCountry = options.defaultCountry ?? 'US';
    this.maxBlockSize = options.maxBlockSize ?? DEFAULT_MAX_BLOCK;
    this.maxNameTokens = options.maxNameTokens ?? 2;
    const expected = options.expectedRecords ?? 1024;
    this.postings = new PostingTable(expected * 6);
    this.seen = new Int32Array(Math.max(16, expected));
    this.tokenHits = new Uint8Array(this.seen.length);
    this.tokenHitStamps = new Int32Array(this.seen.length);
    this.kinds = new Uint8Array(this.seen.length);
    this.packed = new RecordStore(expected);
    this.slotsById = new IdTable(
      expected,
      (slot, id) => this.packed.idEquals(slot, id),
      (slot) => this.packed.idHash(slot),
    );
    this.rareBlockSize = options.rareBlockSize ?? Math.max(8, Math.floor(this.maxBlockSize / 8));
  }

  get size(): number {
    return this.slotsById.size;
  }

  has(id: string): boolean {
    return this.slotsById.get(id) !== undefined;
  }

  stats(): MatchIndexStats {
    return { records: this.slotsById.size, postings: this.postings.size, candidatePairs: this.candidatePairs };
  }

  /** Adds a record or replaces the one with the same id. */
  upsert(record: MatchRecord): void {
    const stored = normalizeToStored(record, this.defaultCountry);
    const existing = this.slotsById.get(record.id);
    let slot: number;
    if (existing !== undefined) {
      this.unlink(existing);
      slot = existing;
    } else {
      slot = this.freeSlots.pop() ?? this.slotCount++;
      if (slot >= this.seen.length) this.growSlotArrays();
    }
    this.packed.set(slot, stored);
    if (existing === undefined) this.slotsById.add(stored.id, slot);
    this.kinds[slot] = KIND_INDEX.get(stored.kind) ?? RECORD_KIND;
    forEachBlockingKey(stored, (hash) => this.postings.add(hash, slot));
  }

  remove(id: string): boolean {
    const slot = this.slotsById.get(id);
    if (slot === undefined) return false;
    this.unlink(slot);
    this.slotsById.delete(id);
    this.packed.delete(slot);
    this.freeSlots.push(slot);
    return true;
  }

  /** Candidates at or above minConfidence, best first, each with its reasons. */
  find(query: MatchRecord, options: FindOptions = {}): MatchCandidate[] {
    const limit = options.limit ?? 5;
    const minConfidence = options.minConfidence ?? this.thresholds.reviewThreshold;
    const prepared = new PreparedQuery(normalizeToStored(query, this.defaultCountry), this.weightOf, options.nameSimilarity, this.pattern);
    const screenAt = options.nameSimilarity ? 0 : minConfidence;
    const kept: { slot: number; confidence: number }[] = [];
    this.forEachCandidate(prepared.record, (slot) => {
      if (options.excludeId !== undefined && this.packed.idEquals(slot, options.excludeId)) return;
      if (options.kinds && !options.kinds.includes(this.kindAt(slot))) return;
      const candidate = this.recordAt(slot);
      this.candidatePairs++;
      const confidence = screenConfidence(prepared, candidate, this.thresholds, this.weightOf, screenAt);
      if (confidence >= minConfidence) kept.push({ slot, confidence });
    });
    // Ties go to the lower slot, so results do not depend on the order blocks are visited in.
    kept.sort((a, b) => b.confidence - a.confidence || a.slot - b.slot);
    return kept.slice(0, limit).map(({ slot }) => scorePair(prepared, this.recordAt(slot), this.thresholds, this.weightOf));
  }

  /** The best candidate at or above minConfidence (default: review threshold), if any. */
  best(query: MatchRecord, options: Omit<FindOptions, 'limit'> = {}): MatchCandidate | undefined {
    return this.find(query, { ...options, limit: 1 })[0];
  }

  /** How many distinct candidates blocking yields for a query (for benchmarks and tuning). */
  countCandidates(query: MatchRecord): number {
    let count = 0;
    this.forEachCandidate(normalizeToStored(query, this.defaultCountry), () => count++);
    return count;
  }

  private forEachCandidate(record: StoredRecord, visit: (slot: number) => void): void {
    this.postings.prepareForLookups();
    const stamp = ++this.stamp;
    const seen = this.seen;
    const onPosting = (slot: number): void => {
      if (seen[slot] === stamp) return;
      seen[slot] = stamp;
      visit(slot);
    };
    const wide = this.maxBlockSize * 4;
    const narrow = this.rareBlockSize;
    const tokens = this.tokenScratch;
    tokens.length = 0;
    forEachBlockingKey(record, (hash, kind) => {
      const size = this.postings.blockSize(hash);
      if (kind === 'token') {
        if (size > 0 && size <= this.maxBlockSize) tokens.push(size * 4294967296 + (hash >>> 0));
      } else if (size <= (kind === 'wide' ? wide : narrow)) {
        this.postings.forEach(hash, onPosting);
      }
    });
    if (tokens.length === 0) return;
    // Name tokens, rarest first. A record in a rare token's block is a candidate; in a more
    // common token's block ("kaloven" shared by a hundred companies) it must share a second
    // token too, so mid-sized blocks add only their plausible members. (A pair that shares
    // one common word and nothing else could not reach a match anyway: the name needs
    // corroboration, and corroborating fields have blocks of their own.)
    if (tokens.length > 1) tokens.sort((a, b) => a - b);
    const hits = this.tokenHits;
    const hitStamps = this.tokenHitStamps;
    const used = Math.min(tokens.length, this.maxNameTokens);
    for (let i = 0; i < used; i++) {
      const packed = tokens[i] as number;
      const size = Math.floor(packed / 4294967296);
      if (size > narrow && used === 1) break;
      const needed = size <= narrow ? 1 : 2;
      this.postings.forEach((packed % 4294967296) | 0, (slot) => {
        if (hitStamps[slot] !== stamp) {
          hitStamps[slot] = stamp;
          hits[slot] = 0;
        }
        const count = ++(hits[slot] as number);
        if (count >= needed) onPosting(slot);
      });
    }
  }

  private kindAt(slot: number): MatchRecordKind {
    return MATCH_RECORD_KINDS[this.kinds[slot] as number] as MatchRecordKind;
  }

  private recordAt(slot: number): StoredRecord {
    return unpackStoredRecord(this.kindAt(slot), this.packed.get(slot) as string);
  }

  private growSlotArrays(): void {
    const size = this.seen.length * 2;
    const seen = new Int32Array(size);
    seen.set(this.seen);
    this.seen = seen;
    const hits = new Uint8Array(size);
    hits.set(this.tokenHits);
    this.tokenHits = hits;
    const hitStamps = new Int32Array(size);
    hitStamps.set(this.tokenHitStamps);
    this.tokenHitStamps = hitStamps;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.kinds = kinds;
  }

  private unlink(slot: number): void {
    if (!this.packed.has(slot)) return;
    forEachBlockingKey(this.recordAt(slot), (hash) => this.postings.remove(hash, slot));
  }
}

const KIND_INDEX = new Map<MatchRecordKind, number>(MATCH_RECORD_KINDS.map((kind, i) => [kind, i]));

const RECORD_KIND = MATCH_RECORD_KINDS.indexOf('Record');
const DOMAIN = hashStart('d');
const PHONE = hashStart('p');
const ADDRESS = hashStart('a');
const NAME = hashStart('n');
const PREFIX = hashStart('k');
const TOKEN = hashStart('t');
const SPACE = 32;

/** The weight lookup key of one name token. */
function tokenHash(token: string): number {
  return hashRange(TOKEN, token, 0, token.length);
}

/** How many characters of the name (without spaces) the prefix block uses. */
const PREFIX_LENGTH = 5;

/** Hash of the first PREFIX_LENGTH non-space characters: catches a typo late in a one-word name. */
function prefixHash(nameKey: string): number {
  let hash = PREFIX;
  let taken = 0;
  for (let i = 0; i < nameKey.length && taken < PREFIX_LENGTH; i++) {
    if (nameKey.charCodeAt(i) === SPACE) continue;
    hash = hashRange(hash, nameKey, i, i + 1);
    taken++;
  }
  return hash;
}

/**
 * Calls visit(hash, kind) for each blocking key of a record: "d" domain (website and corporate
 * email share it), "p" last seven phone digits, "a" house number + street head, "n" whole
 * name, "k" name prefix, "t" each name token. Hashed without building key strings: building
 * an index over millions of records is mostly this loop.
 */
function forEachBlockingKey(record: StoredRecord, visit: (hash: number, kind: BlockKind) => void): void {
  if (record.domain) visit(hashRange(DOMAIN, record.domain, 0, record.domain.length), 'wide');
  if (record.emailDomain && record.emailDomain !== record.domain)
    visit(hashRange(DOMAIN, record.emailDomain, 0, record.emailDomain.length), 'wide');
  const phone = record.phone ?? record.phoneLocal;
  if (phone !== undefined && phone.length >= 7) visit(hashRange(PHONE, phone, phone.length - 7, phone.length), 'wide');
  if (record.addressNumber && record.streetHead) {
    const numberHash = hashRange(ADDRESS, record.addressNumber, 0, record.addressNumber.length);
    visit(hashRange(hashRange(numberHash, ' ', 0, 1), record.streetHead, 0, record.streetHead.length), 'wide');
  }
  const name = record.nameKey;
  if (name === '') return;
  visit(hashRange(NAME, name, 0, name.length), 'wide');
  visit(prefixHash(name), 'narrow');
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    if (i < name.length && name.charCodeAt(i) !== SPACE) continue;
    if (i > start) visit(hashRange(TOKEN, name, start, i), 'token');
    start = i + 1;
  }
}

type BlockKind = 'wide' | 'narrow' | 'token';
