import { Buffer } from 'node:buffer';
import { availableParallelism } from 'node:os';
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
import { PostingTable } from './posting-table.ts';
import { SlotCounter } from './slot-counter.ts';
import { forEachBlockingKey, tokenHash } from './blocking-keys.ts';
import { kindIndex, normalizeBatch } from './normalized-batch.ts';
import type { NormalizedBatch } from './normalized-batch.ts';
import { NormalizerPool } from './normalizer-pool.ts';

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
  /** Candidates the current query has visited. */
  private readonly seen: SlotCounter;
  private candidatePairs = 0;
  /** One pattern reused by every query: find() is synchronous, so queries never overlap. */
  private readonly pattern = new JaroWinklerPattern();
  /** Token blocks of the current query as size·2³² + hash, sorted to take the rarest. */
  private readonly tokenScratch: number[] = [];
  /** How many of the current query's token blocks each record is in. */
  private readonly tokenHits: SlotCounter;
  private readonly rareBlockSize: number;
  private pool: NormalizerPool | undefined;
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
    this.kinds = new Uint8Array(Math.max(16, expected));
    this.packed = new RecordStore(expected);
    this.slotsById = new IdTable(expected, (slot, id) => this.packed.idEquals(slot, id));
    this.rareBlockSize = options.rareBlockSize ?? Math.max(8, Math.floor(this.maxBlockSize / 8));
    // Sized to the most postings one query can visit: five wide blocks, the prefix block, the
    // token blocks (the counters grow if a caller's limits make more).
    const mostVisits = 5 * this.maxBlockSize * 4 + this.rareBlockSize + this.maxNameTokens * this.maxBlockSize;
    this.seen = new SlotCounter(mostVisits);
    this.tokenHits = new SlotCounter(this.maxNameTokens * this.maxBlockSize);
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
    const slot = this.claimSlot(existing);
    this.packed.set(slot, stored);
    if (existing === undefined) this.slotsById.add(stored.id, slot);
    this.kinds[slot] = kindIndex(stored.kind);
    forEachBlockingKey(stored, (hash) => this.postings.add(hash, slot));
  }

  /**
   * Adds many records (or replaces those with the same ids), in order: the index ends up as
   * it would after one upsert per record. Normalising is shared with worker threads (options.
   * workers, default one per spare core for large loads), which is what makes building an
   * index over millions of records take seconds. Records must not change until it resolves.
   */
  async upsertMany(records: readonly MatchRecord[], options: UpsertManyOptions = {}): Promise<void> {
    const chunk = options.chunkSize ?? BULK_CHUNK;
    const pool = this.poolFor(records.length, options.workers);
    const chunks = Math.ceil(records.length / chunk);
    const normalizeHere = (c: number): NormalizedBatch =>
      normalizeBatch(records, this.defaultCountry, c * chunk, Math.min(records.length, (c + 1) * chunk));
    // Chunks are installed in order. Each is normalised on a worker or, while the next one to
    // install is still on a worker, here; every worker keeps two chunks queued so it never
    // waits for this thread.
    const results: (NormalizedBatch | Promise<NormalizedBatch> | undefined)[] = new Array(chunks);
    const arrived = new Set<number>();
    let next = 0;
    const sendToWorkers = (): void => {
      while (pool && next < chunks && pool.inFlight < pool.size * 2) {
        const c = next++;
        const pending = pool.normalize(records, c * chunk, Math.min(records.length, (c + 1) * chunk), this.defaultCountry);
        pending.then(
          () => arrived.add(c),
          () => arrived.add(c),
        );
        results[c] = pending;
      }
    };
    for (let install = 0; install < chunks; install++) {
      sendToWorkers();
      while (results[install] instanceof Promise && !arrived.has(install) && next < chunks) {
        results[next] = normalizeHere(next);
        next++;
        await yieldToWorkers();
        sendToWorkers();
      }
      if (results[install] === undefined) {
        results[install] = normalizeHere(install);
        next = Math.max(next, install + 1);
      }
      // A worker that failed does not lose the chunk: it is normalised here instead (a record
      // that cannot be normalised then fails as its single upsert would).
      const batch = await Promise.resolve(results[install] as NormalizedBatch | Promise<NormalizedBatch>).catch(() =>
        normalizeHere(install),
      );
      results[install] = undefined;
      arrived.delete(install);
      this.installBatch(records, install * chunk, batch);
    }
  }

  /** The worker pool for a bulk job of this many records, started or grown on first use; none for small jobs. */
  private poolFor(records: number, requested: number | undefined): NormalizerPool | undefined {
    const workers = requested ?? (records >= MIN_RECORDS_FOR_WORKERS ? defaultWorkerCount() : 0);
    if (workers <= 0) return undefined;
    if (this.pool === undefined || this.pool.size < workers) {
      void this.pool?.close();
      this.pool = new NormalizerPool(workers);
    }
    return this.pool;
  }

  /** Ends the worker threads of bulk loads, if any were started. The index stays usable. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }

  private installBatch(records: readonly MatchRecord[], first: number, batch: NormalizedBatch): void {
    const { offsets, keyHashes, keyEnds, kinds } = batch;
    const base = this.packed.appendBytes(batch.bytes);
    const postings = this.postings;
    let wideAt = 0;
    let key = 0;
    for (let i = 0; i < batch.count; i++) {
      const id = (records[first + i] as MatchRecord).id;
      const existing = this.slotsById.get(id);
      const slot = this.claimSlot(existing);
      const wide = batch.wide[wideAt];
      if (wide !== undefined && wide[0] === i) {
        this.packed.setPacked(slot, wide[1]);
        wideAt++;
      } else this.packed.assignBytes(slot, base + (offsets[i] as number), (offsets[i + 1] as number) - (offsets[i] as number));
      if (existing === undefined) this.slotsById.add(id, slot);
      this.kinds[slot] = kinds[i] as number;
      for (const end = keyEnds[i] as number; key < end; key++) postings.add(keyHashes[key] as number, slot);
    }
  }

  /** The slot a record goes to: its current one (unlinked from its blocks) or a free one. */
  private claimSlot(existing: number | undefined): number {
    if (existing !== undefined) {
      this.unlink(existing);
      return existing;
    }
    const slot = this.freeSlots.pop() ?? this.slotCount++;
    if (slot >= this.kinds.length) this.growSlotArrays();
    return slot;
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
    return this.findNormalized(normalizeToStored(query, this.defaultCountry), options);
  }

  /**
   * find() for each query, in order, with the queries normalised on the worker threads of
   * bulk loads (default: as for upsertMany) while this thread looks up the ones already
   * normalised: how a partner's account list or a file of submissions is matched.
   */
  async findMany(queries: readonly MatchRecord[], options: FindOptions = {}, bulk: UpsertManyOptions = {}): Promise<MatchCandidate[][]> {
    const chunk = bulk.chunkSize ?? BULK_CHUNK;
    const pool = this.poolFor(queries.length, bulk.workers);
    const chunks = Math.ceil(queries.length / chunk);
    const normalizing: Promise<NormalizedBatch>[] = [];
    const send = (c: number): void => {
      const start = c * chunk;
      const end = Math.min(queries.length, start + chunk);
      const local = (): NormalizedBatch => normalizeBatch(queries, this.defaultCountry, start, end);
      normalizing[c] = pool ? pool.normalize(queries, start, end, this.defaultCountry).catch(local) : Promise.resolve().then(local);
    };
    const ahead = pool ? pool.size * 2 : 1;
    for (let c = 0; c < Math.min(chunks, ahead); c++) send(c);
    const results: MatchCandidate[][] = [];
    for (let c = 0; c < chunks; c++) {
      const batch = await (normalizing[c] as Promise<NormalizedBatch>);
      delete normalizing[c];
      if (c + ahead < chunks) send(c + ahead);
      const text = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
      let wideAt = 0;
      for (let i = 0; i < batch.count; i++) {
        const wide = batch.wide[wideAt];
        let packed: string;
        if (wide !== undefined && wide[0] === i) {
          packed = wide[1];
          wideAt++;
        } else packed = text.toString('latin1', batch.offsets[i] as number, batch.offsets[i + 1] as number);
        const kind = MATCH_RECORD_KINDS[batch.kinds[i] as number] as MatchRecordKind;
        results.push(this.findNormalized(unpackStoredRecord(kind, packed), options));
      }
    }
    return results;
  }

  private findNormalized(query: StoredRecord, options: FindOptions): MatchCandidate[] {
    const limit = options.limit ?? 5;
    const minConfidence = options.minConfidence ?? this.thresholds.reviewThreshold;
    const prepared = new PreparedQuery(query, this.weightOf, options.nameSimilarity, this.pattern);
    const screenAt = options.nameSimilarity ? 0 : minConfidence;
    const kept: { slot: number; confidence: number; candidate: StoredRecord }[] = [];
    this.forEachCandidate(prepared.record, (slot) => {
      if (options.excludeId !== undefined && this.packed.idEquals(slot, options.excludeId)) return;
      if (options.kinds && !options.kinds.includes(this.kindAt(slot))) return;
      const candidate = this.recordAt(slot);
      this.candidatePairs++;
      const confidence = screenConfidence(prepared, candidate, this.thresholds, this.weightOf, screenAt);
      if (confidence >= minConfidence) kept.push({ slot, confidence, candidate });
    });
    // Ties go to the lower slot, so results do not depend on the order blocks are visited in.
    kept.sort((a, b) => b.confidence - a.confidence || a.slot - b.slot);
    return kept.slice(0, limit).map(({ candidate }) => scorePair(prepared, candidate, this.thresholds, this.weightOf));
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
    const seen = this.seen;
    seen.clear();
    const onPosting = (slot: number): void => {
      if (seen.increment(slot) === 1) visit(slot);
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
    hits.clear();
    const used = Math.min(tokens.length, this.maxNameTokens);
    for (let i = 0; i < used; i++) {
      const packed = tokens[i] as number;
      const size = Math.floor(packed / 4294967296);
      if (size > narrow && used === 1) break;
      const needed = size <= narrow ? 1 : 2;
      this.postings.forEach((packed % 4294967296) | 0, (slot) => {
        if (hits.increment(slot) >= needed) onPosting(slot);
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
    const kinds = new Uint8Array(this.kinds.length * 2);
    kinds.set(this.kinds);
    this.kinds = kinds;
  }

  private unlink(slot: number): void {
    if (!this.packed.has(slot)) return;
    forEachBlockingKey(this.recordAt(slot), (hash) => this.postings.remove(hash, slot));
  }
}

export interface UpsertManyOptions {
  /** Worker threads that normalise beside this one (default: one per spare core, none under 50,000 records). */
  workers?: number;
  /** Records per unit of work (default 4096). */
  chunkSize?: number;
}

const BULK_CHUNK = 4096;
const MIN_RECORDS_FOR_WORKERS = 50_000;

function defaultWorkerCount(): number {
  return Math.min(3, Math.max(0, availableParallelism() - 1));
}

/** Lets the event loop deliver the workers' answers (they arrive as messages). */
function yieldToWorkers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
