import { availableParallelism } from 'node:os';
import type { CountryCode } from 'libphonenumber-js';
import { mapStored, normalizeToStored } from '../normalize/record.ts';
import type { MatchCandidate, MatchRecord, MatchThresholds } from '../types.ts';
import type { StoredRecord } from '../scoring/stored-record.ts';
import { forEachBlockingKey } from './blocking-keys.ts';
import { IdTable } from './id-table.ts';
import { IndexReader } from './index-reader.ts';
import type { FindOptions, IndexSnapshot } from './index-reader.ts';
import { kindIndex, normalizeBatch } from './normalized-batch.ts';
import type { NormalizedBatch } from './normalized-batch.ts';
import { PostingTable } from './posting-table.ts';
import { hashKey } from '../string-hash.ts';
import { RecordStore } from './record-store.ts';
import { grownShared, sharedInt32, sharedUint8 } from './shared-arrays.ts';
import { claimForSender } from './unit-claim.ts';
import type { UnitClaim } from './unit-claim.ts';
import { IndexWorkerPool } from './worker-pool.ts';

export type { FindOptions } from './index-reader.ts';

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
  /**
   * Sizing hint for the first allocation. From 50,000 on, the worker threads of bulk loads
   * start with the index, so they have loaded their code by the time the records arrive.
   */
  expectedRecords?: number;
  /** Worker threads for bulk loads and batch matches (default: one per spare core, at most 3; 0: none). */
  workers?: number;
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
  private readonly defaultCountry: CountryCode;
  private readonly postings: PostingTable;
  private readonly slotsById: IdTable;
  /** Per slot: the record (id first) packed into one string, its kind's index. */
  private readonly packed: RecordStore;
  private kinds: Uint8Array;
  private freeSlots: number[] = [];
  /** Slots ever used (free ones are reused first). */
  private slotCount = 0;
  /** Lookups (blocking and scoring) over this index's structures. */
  private readonly reader: IndexReader;
  private pool: IndexWorkerPool | undefined;
  private readonly defaultWorkers: number;
  private snapshots = 0;
  /** Set while worker threads read this index's memory (findMany): changes must wait. */
  private sharedWithWorkers = false;
  /**
   * Id hashes of the group of a bulk load's records being installed (TOUCH_GROUP): of a fixed
   * size, where an array grown to the largest batch threw the compiled install loop away at
   * each growth.
   */
  private readonly idHashes = new Int32Array(TOUCH_GROUP);
  /** What touching memory ahead of use read (kept so the reads are not optimised away). */
  private touched = 0;

  constructor(options: MatchIndexOptions) {
    this.defaultCountry = options.defaultCountry ?? 'US';
    const maxBlockSize = options.maxBlockSize ?? DEFAULT_MAX_BLOCK;
    const expected = options.expectedRecords ?? 1024;
    this.postings = new PostingTable(expected * 6);
    this.kinds = sharedUint8(Math.max(16, expected));
    this.packed = new RecordStore(expected);
    this.slotsById = new IdTable(expected, (slot, id) => this.packed.idEquals(slot, id));
    const limits = {
      thresholds: options.thresholds,
      maxBlockSize,
      maxNameTokens: options.maxNameTokens ?? 2,
      rareBlockSize: options.rareBlockSize ?? Math.max(8, Math.floor(maxBlockSize / 8)),
    };
    this.reader = new IndexReader(limits, this.postings, this.packed, this.kinds);
    this.defaultWorkers = options.workers ?? defaultWorkerCount();
    if (expected >= MIN_RECORDS_FOR_WORKERS) this.poolFor(expected, undefined);
  }

  get size(): number {
    return this.slotsById.size;
  }

  has(id: string): boolean {
    return this.slotsById.get(id) !== undefined;
  }

  stats(): MatchIndexStats {
    return { records: this.slotsById.size, postings: this.postings.size, candidatePairs: this.reader.candidatePairs };
  }

  /** Adds a record or replaces the one with the same id. */
  upsert(record: MatchRecord): void {
    this.assertWritable();
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
    this.assertWritable();
    const pool = this.poolFor(records.length, options.workers);
    await inChunks<NormalizedBatch>(
      chunkBounds(records.length, options.chunkSize ?? BULK_CHUNK, pool),
      pool,
      QUEUED_FOR_BULK_LOAD,
      (start, end) => normalizeBatch(records, this.defaultCountry, start, end),
      (start, end, workers, claim) => workers.normalize(records, start, end, this.defaultCountry, claim),
      (start, batch) => this.installBatch(records, start, batch),
    );
  }

  remove(id: string): boolean {
    this.assertWritable();
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
    this.prepareReader();
    return this.reader.find(normalizeToStored(query, this.defaultCountry), options);
  }

  /** The best candidate at or above minConfidence (default: review threshold), if any. */
  best(query: MatchRecord, options: Omit<FindOptions, 'limit'> = {}): MatchCandidate | undefined {
    return this.find(query, { ...options, limit: 1 })[0];
  }

  /**
   * find() for each query, in order: how a partner's account list or a file of submissions is
   * matched. Worker threads (options as for upsertMany) answer some of the queries over the
   * index's shared memory while this thread answers others; the index cannot change until it
   * resolves (upsert and remove throw meanwhile).
   */
  async findMany(queries: readonly MatchRecord[], options: FindOptions = {}, bulk: UpsertManyOptions = {}): Promise<MatchCandidate[][]> {
    // A custom similarity function cannot cross to another thread.
    const pool = options.nameSimilarity ? undefined : this.poolFor(queries.length, bulk.workers);
    this.prepareReader();
    const snapshotId = ++this.snapshots;
    if (pool) {
      pool.shareSnapshot(snapshotId, this.snapshot());
      this.sharedWithWorkers = true;
    }
    const results: MatchCandidate[][] = [];
    // One function for the whole batch (not one per chunk, a new call target for mapStored each time).
    const answer = (query: StoredRecord): MatchCandidate[] => this.reader.find(query, options);
    try {
      await inChunks<MatchCandidate[][]>(
        chunkBounds(queries.length, bulk.chunkSize ?? FIND_CHUNK, pool),
        pool,
        QUEUED_FOR_FIND,
        (start, end) => mapStored(queries, this.defaultCountry, start, end, answer),
        async (start, end, workers, claim) => {
          const found = await workers.find(snapshotId, queries, start, end, this.defaultCountry, options, claim);
          if (found === undefined) return undefined;
          this.reader.candidatePairs += found.candidatePairs;
          return found.results;
        },
        (_, found) => {
          for (const answer of found) results.push(answer);
        },
      );
    } finally {
      this.sharedWithWorkers = false;
      pool?.releaseSnapshot();
    }
    return results;
  }

  /** How many distinct candidates blocking yields for a query (for benchmarks and tuning). */
  countCandidates(query: MatchRecord): number {
    this.prepareReader();
    return this.reader.collectCandidates(normalizeToStored(query, this.defaultCountry));
  }

  /** Ends the worker threads of bulk loads, if any were started. The index stays usable. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }

  /**
   * The worker pool for a bulk job of this many records, started or grown on first use, and
   * started afresh after one of its threads died (its jobs were redone here); none for small
   * jobs (smaller still once a large load has started the threads).
   */
  private poolFor(records: number, requested: number | undefined): IndexWorkerPool | undefined {
    const running = this.pool !== undefined && !this.pool.failed;
    const workers = workersForJob(records, running, requested, this.defaultWorkers);
    if (workers <= 0) return undefined;
    if (this.pool === undefined || this.pool.size < workers || this.pool.failed) {
      void this.pool?.close();
      this.pool = new IndexWorkerPool(workers);
    }
    return this.pool;
  }

  /**
   * Readies the postings for lookups (sorting a bulk load's postings) and brings the reader up
   * to date.
   */
  private prepareReader(): void {
    this.postings.prepareForLookups();
    this.reader.size = this.slotsById.size;
    this.reader.kinds = this.kinds;
  }

  /** The index's memory as worker threads read it (after prepareReader). */
  private snapshot(): IndexSnapshot {
    return {
      limits: this.reader.limits,
      size: this.slotsById.size,
      postings: this.postings.state(),
      records: this.packed.state(),
      kinds: this.kinds,
    };
  }

  private assertWritable(): void {
    if (this.sharedWithWorkers)
      throw new Error('the match index cannot change while findMany is matching on worker threads: await findMany first');
  }

  private installBatch(records: readonly MatchRecord[], first: number, batch: NormalizedBatch): void {
    const { offsets, keyHashes, keyEnds, kinds } = batch;
    const base = this.packed.appendBytes(batch.bytes);
    const postings = this.postings;
    let wideAt = 0;
    let key = 0;
    const idHashes = this.idHashes;
    for (let i = 0; i < batch.count; i++) {
      if (i % TOUCH_GROUP === 0) {
        // The id table is tens of megabytes: each insert's first probe is a cache miss. Touched
        // a group at a time, the misses overlap instead of coming one after another.
        const end = Math.min(batch.count, i + TOUCH_GROUP);
        for (let j = i; j < end; j++) idHashes[j - i] = hashKey((records[first + j] as MatchRecord).id);
        this.touched ^= this.slotsById.touch(idHashes, 0, end - i);
      }
      const id = (records[first + i] as MatchRecord).id;
      // The slot a new record would take, claimed only if the id turns out to be new.
      const free = this.freeSlots.length > 0 ? (this.freeSlots[this.freeSlots.length - 1] as number) : this.slotCount;
      const existing = this.slotsById.getOrAdd(id, idHashes[i % TOUCH_GROUP] as number, free);
      const slot = this.claimSlot(existing >= 0 ? existing : undefined);
      const wide = batch.wide[wideAt];
      if (wide !== undefined && wide[0] === i) {
        this.packed.setPacked(slot, wide[1]);
        wideAt++;
      } else this.packed.assignBytes(slot, base + (offsets[i] as number), (offsets[i + 1] as number) - (offsets[i] as number));
      this.kinds[slot] = kinds[i] as number;
      const end = keyEnds[i] as number;
      postings.addAll(keyHashes, key, end, slot);
      key = end;
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

  private growSlotArrays(): void {
    this.kinds = grownShared(this.kinds, this.kinds.length * 2);
    this.reader.kinds = this.kinds;
  }

  private unlink(slot: number): void {
    if (!this.packed.has(slot)) return;
    forEachBlockingKey(this.reader.recordAt(slot), (hash) => this.postings.remove(hash, slot));
  }
}

export interface UpsertManyOptions {
  /**
   * Worker threads beside this one (default: the index's `workers` option; none under 50,000
   * records, or under 4,096 once a bulk load has started them).
   */
  workers?: number;
  /** Records per unit of work (default 4096; smaller towards the end of a job shared with workers). */
  chunkSize?: number;
}

const BULK_CHUNK = 4096;
/** Ids whose id-table buckets are touched together before they are inserted. */
const TOUCH_GROUP = 64;
/**
 * Queries per unit of work of findMany. It was 1024 while this thread had to wait for the
 * worker's last queued units (4096 made that wait ~0.1 s of a 1.5 s batch of 100k); since it
 * takes back the units no worker has started, 4096 is faster: the benchmark's first batch after
 * the build took 1.28–1.64 s against 1.35–1.89 s with 1024, lower in 6 of 7 alternated runs
 * (2026-12-04), and the same on a warm index.
 */
const FIND_CHUNK = 4096;
/** Starting worker threads (loading their code) pays from this many records on. */
const MIN_RECORDS_FOR_WORKERS = 50_000;
/** Threads already running (a bulk load started them) pay for a batch from a few thousand records on. */
const MIN_RECORDS_FOR_RUNNING_WORKERS = 4096;

/**
 * Worker threads a bulk job of `records` uses: as many as asked for; else, when the job pays
 * for them, the index's default (a job must be large to pay for starting threads, a few units
 * for threads already running: the match CLI looks rows up 8,192 at a time); else none.
 */
export function workersForJob(records: number, running: boolean, requested: number | undefined, defaultWorkers: number): number {
  if (requested !== undefined) return requested;
  const worthIt = records >= MIN_RECORDS_FOR_WORKERS || (running && records >= MIN_RECORDS_FOR_RUNNING_WORKERS);
  return worthIt ? defaultWorkers : 0;
}

function defaultWorkerCount(): number {
  return Math.min(3, Math.max(0, availableParallelism() - 1));
}

/**
 * Where each unit of a job of `total` items starts, then `total`. With worker threads the
 * units shrink as the end nears (a third of what is left per thread, down to an eighth of
 * `size`): with equal units, this thread sat waiting for a worker's last full unit at the end
 * of every bulk load (15–20 ms of each 100k-record load). Building the same index in one
 * process, alternating, took 3.83 s against 4.31 s (median of 8).
 */
export function chunkBounds(total: number, size: number, pool: IndexWorkerPool | undefined): number[] {
  const threads = 1 + (pool?.size ?? 0);
  const smallest = Math.max(1, size >> 3);
  const bounds = [0];
  for (let at = 0; at < total;) {
    const unit = threads === 1 ? size : Math.min(size, Math.max(smallest, Math.ceil((total - at) / (threads * 3))));
    at = Math.min(total, at + unit);
    bounds.push(at);
  }
  return bounds;
}

/** Lets the event loop deliver the workers' answers (they arrive as messages). */
function yieldToWorkers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Units each worker has queued (sent, not answered) during a bulk load, and during a batch
 * match. A bulk load's own work on this thread (encoding the workers' units, installing every
 * batch) is most of what it does once normalising a field at a time made the workers' part
 * cheaper: while it normalised a unit of its own, a worker with two units queued ran out of
 * work, and in the benchmark's lead loads sat idle for up to a sixth of the time (CPU profile,
 * 2026-12-04). With four it does not; full builds 0–0.16 s lower in eight alternated pairs
 * (2.85–2.99 s against 2.88–3.15 s where the VM ran alike). A batch match in units of 4096
 * queries was measured with three.
 */
const QUEUED_FOR_BULK_LOAD = 4;
const QUEUED_FOR_FIND = 3;

/**
 * Runs a job's chunks, [bounds[c], bounds[c + 1]) each, in order of `consume`: each on a worker
 * of the pool or here, whichever is free. Every worker keeps `queuedPerWorker` chunks queued;
 * while the next chunk to consume is still on a worker, this thread does a later one, and once
 * every chunk is handed out it takes back the last ones no worker has started (a worker claims
 * a chunk in shared memory before it starts it), so at the end this thread waits at most for
 * the units the workers are doing. A chunk whose worker fails is done here instead (so a record
 * that cannot be normalised fails as its single upsert would, and a lost worker loses nothing).
 */
async function inChunks<T>(
  bounds: readonly number[],
  pool: IndexWorkerPool | undefined,
  queuedPerWorker: number,
  doHere: (start: number, end: number) => T,
  doOnWorker: (start: number, end: number, pool: IndexWorkerPool, claim: UnitClaim) => Promise<T | undefined>,
  consume: (start: number, result: T) => void,
): Promise<void> {
  const count = bounds.length - 1;
  const here = (c: number): T => doHere(bounds[c] as number, bounds[c + 1] as number);
  const claims = sharedInt32(pool ? count : 0);
  // A chunk's entry is a promise while it is on a worker (undefined if this thread took it
  // back), its result once done here.
  const results: (T | Promise<T | undefined> | undefined)[] = new Array(count);
  const arrived = new Set<number>();
  let next = 0;
  const sendToWorkers = (): void => {
    while (pool && next < count && pool.inFlight < pool.size * queuedPerWorker) {
      const c = next++;
      const pending = doOnWorker(bounds[c] as number, bounds[c + 1] as number, pool, { claims, index: c });
      pending.then(
        () => arrived.add(c),
        () => arrived.add(c),
      );
      results[c] = pending;
    }
  };
  // The answers (none) to chunks taken back: awaited at the end, so the job leaves nothing in
  // flight on the pool (the next job's queues start empty).
  const takenBack: Promise<unknown>[] = [];
  /** Does here the last chunk from `first` on that is queued on a worker and not started; false if none is. */
  const takeBack = (first: number): boolean => {
    for (let c = next - 1; c >= first; c--) {
      const entry = results[c];
      if (!(entry instanceof Promise) || arrived.has(c)) continue;
      if (!claimForSender({ claims, index: c })) continue;
      takenBack.push(entry.catch(() => undefined));
      results[c] = here(c);
      return true;
    }
    return false;
  };
  for (let c = 0; c < count; c++) {
    sendToWorkers();
    while (results[c] instanceof Promise && !arrived.has(c)) {
      if (next < count) {
        results[next] = here(next);
        next++;
      } else if (!takeBack(c)) break;
      await yieldToWorkers();
      sendToWorkers();
    }
    if (next <= c) {
      results[c] = here(c);
      next = c + 1;
    }
    const entry = results[c] as T | Promise<T | undefined>;
    // Undefined from a worker: it failed (or skipped a chunk this thread took back, whose entry
    // is then the result, not the promise).
    const result = entry instanceof Promise ? ((await entry.catch(() => undefined)) ?? here(c)) : entry;
    results[c] = undefined;
    arrived.delete(c);
    consume(bounds[c] as number, result);
  }
  await Promise.all(takenBack);
}
