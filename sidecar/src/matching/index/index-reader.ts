/**
 * Lookups in the index: blocking (which records share a key with the query) and scoring of
 * the candidates. MatchIndex reads its own structures through one; a worker thread of a
 * batch match (findMany) reads the same shared memory through another, built from an
 * IndexSnapshot, so both threads answer queries at once.
 */
import { PreparedQuery, scorePair, screenConfidence } from '../scoring/score-pair.ts';
import type { StringSimilarity, TokenWeight } from '../scoring/name-similarity.ts';
import { unpackStoredRecord } from '../scoring/stored-record.ts';
import type { StoredRecord } from '../scoring/stored-record.ts';
import { JaroWinklerPattern } from '../similarity/jaro-winkler.ts';
import { MATCH_RECORD_KINDS } from '../types.ts';
import type { MatchCandidate, MatchRecordKind, MatchThresholds } from '../types.ts';
import { BlockingKeys, NARROW, TOKEN, WIDE, tokenHash } from './blocking-keys.ts';
import { PostingTable } from './posting-table.ts';
import type { PostingTableState } from './posting-table.ts';
import { RecordStore } from './record-store.ts';
import type { RecordStoreState } from './record-store.ts';
import { grown } from './shared-arrays.ts';
import { SlotCounter } from './slot-counter.ts';

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
   * (A function cannot cross to a worker thread: findMany then looks up on this thread only.)
   */
  nameSimilarity?: StringSimilarity;
}

/**
 * The most records an exact name can have and still count as rare because they are all in
 * one place (IndexReader.nameIsRare): a company's account and the leads of a few of its people.
 */
const MAX_RECORDS_OF_ONE_PLACE_NAME = 8;

/** The blocking limits and thresholds a lookup needs (see MatchIndexOptions). */
export interface LookupLimits {
  thresholds: MatchThresholds;
  maxBlockSize: number;
  maxNameTokens: number;
  rareBlockSize: number;
}

/** Everything a worker thread needs to look up in the index's memory; typed arrays are shared, not copied. */
export interface IndexSnapshot {
  limits: LookupLimits;
  /** Records in the index (for the name tokens' weights). */
  size: number;
  postings: PostingTableState;
  records: RecordStoreState;
  kinds: Uint8Array;
}

export class IndexReader {
  /** Candidate pairs scored through this reader. */
  candidatePairs = 0;
  /** Records in the index; the owner keeps it current. */
  size = 0;
  kinds: Uint8Array;
  readonly limits: LookupLimits;
  private readonly postings: PostingTable;
  private readonly packed: RecordStore;
  /** Candidates the current query has visited. */
  private readonly seen: SlotCounter;
  /** How many of the current query's token blocks each record is in. */
  private readonly tokenHits: SlotCounter;
  /** Token blocks of the current query as size·2³² + hash, sorted to take the rarest. */
  private readonly tokenScratch: number[] = [];
  /** The current query's blocking keys. */
  private readonly keys = new BlockingKeys();
  /**
   * The size of the bucket of the current query's exact-name block ("n"): an upper bound of the
   * records holding the name (nameIsRare counts them when it needs the number).
   */
  private sameNameRecords = 0;
  /** The current query's candidates, in the order blocking found them. */
  private candidateSlots = new Int32Array(256);
  /** The current query's candidates decoded (decodedCandidates). */
  private readonly candidateRecords: StoredRecord[] = [];
  /** What touching the candidates read (kept so the reads are not optimised away). */
  private touched = 0;
  /** One pattern reused by every query: lookups are synchronous, so queries never overlap. */
  private readonly pattern = new JaroWinklerPattern();
  readonly weightOf: TokenWeight = (token) => {
    const frequency = this.postings.blockSize(tokenHash(token));
    return Math.log((this.size + 1) / (frequency + 1)) + 1;
  };

  constructor(limits: LookupLimits, postings: PostingTable, packed: RecordStore, kinds: Uint8Array) {
    this.limits = limits;
    this.postings = postings;
    this.packed = packed;
    this.kinds = kinds;
    // Sized to the most postings one query can visit: five wide blocks, the prefix block, the
    // token blocks (the counters grow if a caller's limits make more).
    const { maxBlockSize, maxNameTokens, rareBlockSize } = limits;
    this.seen = new SlotCounter(5 * maxBlockSize * 4 + rareBlockSize + maxNameTokens * maxBlockSize);
    this.tokenHits = new SlotCounter(maxNameTokens * maxBlockSize);
  }

  /** A reader over a snapshot's shared memory (on a worker thread); it must not outlive the index's next change. */
  static fromSnapshot(snapshot: IndexSnapshot): IndexReader {
    const reader = new IndexReader(
      snapshot.limits,
      PostingTable.fromState(snapshot.postings),
      RecordStore.fromState(snapshot.records),
      snapshot.kinds,
    );
    reader.size = snapshot.size;
    return reader;
  }

  /** Candidates at or above minConfidence, best first, each with its reasons. */
  find(query: StoredRecord, options: FindOptions): MatchCandidate[] {
    const { thresholds } = this.limits;
    const limit = options.limit ?? 5;
    const minConfidence = options.minConfidence ?? thresholds.reviewThreshold;
    const screenAt = options.nameSimilarity ? 0 : minConfidence;
    const kept: { slot: number; confidence: number; candidate: StoredRecord }[] = [];
    const count = this.collectCandidates(query);
    // Every candidate's record is touched before any is decoded: the reads are independent,
    // so the processor waits for their cache misses together rather than one after another.
    const slots = this.candidateSlots;
    this.touched ^= this.packed.touch(slots, count);
    // Decoded before any is scored: whether the query's exact name is rare depends on the
    // records that hold it, which are among the candidates.
    const candidates = this.decodedCandidates(count);
    // Prepared after blocking, which has brought the name tokens' block sizes (their weights) into cache.
    const prepared = new PreparedQuery(query, this.weightOf, {
      similarity: options.nameSimilarity,
      pattern: this.pattern,
      nameIsRare: this.nameIsRare(query.nameKey, candidates, count),
    });
    for (let i = 0; i < count; i++) {
      const slot = slots[i] as number;
      if (options.excludeId !== undefined && this.packed.idEquals(slot, options.excludeId)) continue;
      if (options.kinds && !options.kinds.includes(this.kindAt(slot))) continue;
      const candidate = candidates[i] as StoredRecord;
      this.candidatePairs++;
      const confidence = screenConfidence(prepared, candidate, thresholds, this.weightOf, screenAt);
      if (confidence >= minConfidence) kept.push({ slot, confidence, candidate });
    }
    // Ties go to the lower slot, so results do not depend on the order blocks are visited in.
    kept.sort((a, b) => b.confidence - a.confidence || a.slot - b.slot);
    return kept.slice(0, limit).map(({ candidate }) => scorePair(prepared, candidate, thresholds, this.weightOf));
  }

  /**
   * Blocking: the slots of the record's candidates, each once, in the order its blocks give
   * them, into candidateSlots; returns how many.
   */
  collectCandidates(record: StoredRecord): number {
    const { maxBlockSize, maxNameTokens, rareBlockSize: narrow } = this.limits;
    const seen = this.seen;
    seen.clear();
    let count = 0;
    const onPosting = (slot: number): void => {
      if (seen.increment(slot) !== 1) return;
      if (count === this.candidateSlots.length) this.candidateSlots = grown(this.candidateSlots, count * 2);
      this.candidateSlots[count++] = slot;
    };
    const wide = maxBlockSize * 4;
    const tokens = this.tokenScratch;
    tokens.length = 0;
    const keys = this.keys.of(record);
    const { hashes: keyHashes, kinds: keyKinds } = this.keys;
    // As with the candidates' records: the blocks' memory is touched for every key first, so
    // their cache misses overlap.
    this.touched ^= this.postings.touch(keyHashes, keys);
    this.sameNameRecords = 0;
    for (let k = 0; k < keys; k++) {
      const hash = keyHashes[k] as number;
      const kind = keyKinds[k] as number;
      const size = this.postings.blockSize(hash);
      // The whole name's key comes just before its prefix's (writeBlockingKeys).
      if (kind === NARROW) this.sameNameRecords = this.postings.blockSize(keyHashes[k - 1] as number);
      if (kind === TOKEN) {
        if (size > 0 && size <= maxBlockSize) tokens.push(size * 4294967296 + (hash >>> 0));
      } else if (size <= (kind === WIDE ? wide : narrow)) {
        this.postings.forEach(hash, onPosting);
      }
    }
    if (tokens.length === 0) return count;
    // Name tokens, rarest first. A record in a rare token's block is a candidate; in a more
    // common token's block ("kaloven" shared by a hundred companies) it must share a second
    // token too, so mid-sized blocks add only their plausible members. (A pair that shares
    // one common word and nothing else could not reach a match anyway: the name needs
    // corroboration, and corroborating fields have blocks of their own.)
    if (tokens.length > 1) tokens.sort((a, b) => a - b);
    const hits = this.tokenHits;
    hits.clear();
    const used = Math.min(tokens.length, maxNameTokens);
    for (let i = 0; i < used; i++) {
      const packed = tokens[i] as number;
      const size = Math.floor(packed / 4294967296);
      if (size > narrow && used === 1) break;
      const needed = size <= narrow ? 1 : 2;
      this.postings.forEach((packed % 4294967296) | 0, (slot) => {
        if (hits.increment(slot) >= needed) onPosting(slot);
      });
    }
    return count;
  }

  /** The current query's candidates decoded, in candidateSlots' order (a reused array). */
  private decodedCandidates(count: number): StoredRecord[] {
    const slots = this.candidateSlots;
    const records = this.candidateRecords;
    records.length = count;
    for (let i = 0; i < count; i++) records[i] = this.recordAt(slots[i] as number);
    return records;
  }

  /**
   * Whether the query's exact name is rare enough to say more than a common one: held by at
   * most two indexed records (the candidate and the query's own record), or by a few that are
   * all in one place — their cities, postal codes and street addresses, where they have them,
   * are one — as a company's account and the leads of its people are ("Vermibrook LLC",
   * Boston, three times). "First Baptist Church" in many cities, or on two streets of one, is
   * neither.
   */
  private nameIsRare(nameKey: string, candidates: readonly StoredRecord[], count: number): boolean {
    // The name block's size is its bucket's: an upper bound, since another key's postings may
    // share the bucket (in a small index, often). The records that hold the name are counted
    // among the candidates, which include the whole block whenever it was searched.
    if (this.sameNameRecords <= 2) return true;
    if (nameKey === '' || this.sameNameRecords > this.limits.maxBlockSize * 4) return false;
    let holders = 0;
    let onePlace = true;
    let city: string | undefined;
    let postalCode: string | undefined;
    // The street address read last (hasStreet once there is one); while onePlace holds, every
    // street read so far is this one.
    let hasStreet = false;
    let streetNumber: string | undefined;
    let streetHead: string | undefined;
    for (let i = 0; i < count; i++) {
      const record = candidates[i] as StoredRecord;
      if (record.nameKey !== nameKey) continue;
      if (++holders > MAX_RECORDS_OF_ONE_PLACE_NAME) return false;
      if (!onePlace) continue;
      if (record.city !== undefined) {
        if (city !== undefined && city !== record.city) onePlace = false;
        city = record.city;
      }
      if (record.postalCode !== undefined) {
        if (postalCode !== undefined && postalCode !== record.postalCode) onePlace = false;
        postalCode = record.postalCode;
      }
      const number = record.addressNumber;
      const head = record.streetHead;
      if (number !== undefined || head !== undefined) {
        // Both parts compared every time: a second comparison reached only when the numbers
        // agreed had no type feedback, and the first query that reached it threw `find` away.
        const sameNumber = number === streetNumber;
        const sameHead = head === streetHead;
        if (hasStreet && !(sameNumber && sameHead)) onePlace = false;
        hasStreet = true;
        streetNumber = number;
        streetHead = head;
      }
    }
    return holders <= 2 || onePlace;
  }

  kindAt(slot: number): MatchRecordKind {
    return MATCH_RECORD_KINDS[this.kinds[slot] as number] as MatchRecordKind;
  }

  recordAt(slot: number): StoredRecord {
    return unpackStoredRecord(this.kindAt(slot), this.packed.get(slot) as string);
  }
}
