import { sortByBucket } from './bucket-sort.ts';
import { grownShared, powerOfTwoAtLeast, sharedInt32 } from './shared-arrays.ts';

const NONE = -1;
/** Per added posting (after the bulk load): next posting of the chain, record slot, key hash. */
const NEXT = 0;
const SLOT = 1;
const HASH = 2;
const STRIDE = 3;
/** A posting whose record was removed (dropped at the next freeze). */
const HOLE = -1;
const MIN_ADDED_CAPACITY = 1024;

/** A frozen table's arrays (shared memory) and sizes: what a reader on another thread needs. */
export interface PostingTableState {
  mask: number;
  live: number;
  starts: Int32Array;
  frozen: Int32Array;
  heads: Int32Array | null;
  deltas: Int32Array | null;
  added: Int32Array;
}

/**
 * Blocking keys → record slots, in typed arrays: a hash table of postings keyed by a 32-bit
 * FNV-1a hash of the key (string-hash.ts). Millions of keys cost a few bytes each instead of a
 * Map entry and an array per key. Two keys whose hashes collide share a chain, which only adds
 * a candidate that the scorer then rejects; lookups compare the full hash, so that is rare.
 *
 * Postings live in up to two parts:
 * - frozen: (slot, hash) pairs sorted by bucket, one contiguous run per bucket (`starts`),
 *   so a query reads a block sequentially instead of chasing a cache miss per posting;
 * - added since the last freeze: per-bucket chains (O(1) upserts and removals), created on
 *   the first addition after the bulk load together with a per-bucket count adjustment.
 * The bulk load (every addition before the first lookup or removal) only appends pairs to a
 * log, touching no bucket; the first lookup sorts the log into the frozen part, in place
 * (bucket-sort.ts).
 * On this kind of machine a first touch of memory costs a page fault (0.5–0.7 ms per MB
 * measured 2026-12-03, 3 ms per MB on 2026-12-04: 7–12 µs per 4 KB page) and a random access a
 * cache miss: building an index over millions of records was mostly that.
 */
export class PostingTable {
  private mask: number;
  /** Frozen run of bucket b: pairs [starts[b], starts[b + 1]). */
  private starts: Int32Array;
  private frozen: Int32Array;
  /** Bucket → first added posting + 1 (0: none); null until something is added after the bulk load. */
  private heads: Int32Array | null = null;
  /** Bucket → live postings minus its frozen run's length (added, removed); null like heads. */
  private deltas: Int32Array | null = null;
  private added: Int32Array = sharedInt32(0);
  private used = 0;
  private freeHead = NONE;
  private addedLive = 0;
  private live = 0;
  /** Bulk load: appended (slot, hash) pairs not yet in any bucket. */
  private bulk = true;
  private log: Int32Array;
  private logged = 0;

  constructor(expectedPostings = 1024) {
    // About one bucket per posting: short runs without doubling the memory.
    const bucketCount = powerOfTwoAtLeast(Math.max(16, Math.floor(expectedPostings * 0.75)));
    this.mask = bucketCount - 1;
    this.starts = sharedInt32(bucketCount + 1);
    this.frozen = sharedInt32(0);
    this.log = sharedInt32(Math.max(16, expectedPostings) * 2);
  }

  get size(): number {
    return this.live;
  }

  /** The table as it is now, for a reader on another thread (a bulk load is sorted first). */
  state(): PostingTableState {
    if (this.bulk) this.endBulk();
    return {
      mask: this.mask,
      live: this.live,
      starts: this.starts,
      frozen: this.frozen,
      heads: this.heads,
      deltas: this.deltas,
      added: this.added,
    };
  }

  /** A table over another thread's state, for lookups only (blockSize, forEach). */
  static fromState(state: PostingTableState): PostingTable {
    const table = new PostingTable(16);
    table.bulk = false;
    table.log = sharedInt32(0);
    table.mask = state.mask;
    table.live = state.live;
    table.starts = state.starts;
    table.frozen = state.frozen;
    table.heads = state.heads;
    table.deltas = state.deltas;
    table.added = state.added;
    return table;
  }

  /** add(hashes[i], slot) for i in [from, to). */
  addAll(hashes: Int32Array, from: number, to: number, slot: number): void {
    if (!this.bulk) {
      for (let i = from; i < to; i++) this.add(hashes[i] as number, slot);
      return;
    }
    if ((this.logged + to - from) * 2 > this.log.length)
      this.log = grownShared(this.log, Math.max(this.log.length * 2, (this.logged + to - from) * 2));
    const log = this.log;
    let at = this.logged * 2;
    for (let i = from; i < to; i++) {
      log[at++] = slot;
      log[at++] = hashes[i] as number;
    }
    this.logged += to - from;
    this.live += to - from;
  }

  add(hash: number, slot: number): void {
    if (this.bulk) {
      if ((this.logged + 1) * 2 > this.log.length) this.log = grownShared(this.log, this.log.length * 2);
      const at = this.logged++ * 2;
      this.log[at] = slot;
      this.log[at + 1] = hash;
      this.live++;
      return;
    }
    // Runs of two on average are still short; the table doubles (and freezes) beyond that.
    if (this.live >= (this.mask + 1) * 2) this.freeze((this.mask + 1) * 2);
    if (this.heads === null || this.deltas === null) {
      this.heads = sharedInt32(this.mask + 1);
      this.deltas = sharedInt32(this.mask + 1);
    }
    let posting = this.freeHead;
    if (posting !== NONE) {
      this.freeHead = this.added[posting * STRIDE + NEXT] as number;
    } else {
      if ((this.used + 1) * STRIDE > this.added.length)
        this.added = grownShared(this.added, Math.max(MIN_ADDED_CAPACITY * STRIDE, this.added.length * 2));
      posting = this.used++;
    }
    const added = this.added;
    const at = posting * STRIDE;
    const bucket = hash & this.mask;
    added[at + SLOT] = slot;
    added[at + HASH] = hash;
    added[at + NEXT] = (this.heads[bucket] as number) - 1;
    this.heads[bucket] = posting + 1;
    this.deltas[bucket] = (this.deltas[bucket] as number) + 1;
    this.live++;
    this.addedLive++;
  }

  remove(hash: number, slot: number): boolean {
    if (this.bulk) this.endBulk();
    const bucket = hash & this.mask;
    const heads = this.heads;
    const added = this.added;
    if (heads !== null) {
      let previous = NONE;
      for (let posting = (heads[bucket] as number) - 1; posting !== NONE; posting = added[posting * STRIDE + NEXT] as number) {
        const at = posting * STRIDE;
        if (added[at + SLOT] === slot && added[at + HASH] === hash) {
          if (previous === NONE) heads[bucket] = (added[at + NEXT] as number) + 1;
          else added[previous * STRIDE + NEXT] = added[at + NEXT] as number;
          added[at + NEXT] = this.freeHead;
          added[at + SLOT] = HOLE;
          this.freeHead = posting;
          this.addedLive--;
          this.removed(bucket);
          return true;
        }
        previous = posting;
      }
    }
    const frozen = this.frozen;
    const end = (this.starts[bucket + 1] as number) * 2;
    for (let at = (this.starts[bucket] as number) * 2; at < end; at += 2) {
      if (frozen[at] === slot && frozen[at + 1] === hash) {
        frozen[at] = HOLE;
        this.removed(bucket);
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the start of each key's frozen run and returns what it read, combined: a caller about
   * to look up several keys calls this first, so their cache misses overlap.
   */
  touch(hashes: Int32Array, count: number): number {
    if (this.bulk) this.endBulk();
    const { starts, frozen, mask } = this;
    let combined = 0;
    for (let i = 0; i < count; i++) {
      const start = starts[(hashes[i] as number) & mask] as number;
      combined ^= start < frozen.length / 2 ? (frozen[start * 2 + 1] as number) : start;
    }
    return combined;
  }

  /** An upper bound of the key's block size (its bucket's posting count): cheap, no walk. */
  blockSize(hash: number): number {
    if (this.bulk) this.endBulk();
    const bucket = hash & this.mask;
    const frozen = (this.starts[bucket + 1] as number) - (this.starts[bucket] as number);
    return this.deltas === null ? frozen : frozen + (this.deltas[bucket] as number);
  }

  /** Calls visit(slot) for every posting of the key. */
  forEach(hash: number, visit: (slot: number) => void): void {
    if (this.bulk) this.endBulk();
    const bucket = hash & this.mask;
    const frozen = this.frozen;
    const end = (this.starts[bucket + 1] as number) * 2;
    for (let at = (this.starts[bucket] as number) * 2; at < end; at += 2) {
      if (frozen[at + 1] === hash && (frozen[at] as number) >= 0) visit(frozen[at] as number);
    }
    if (this.heads === null) return;
    const added = this.added;
    for (let posting = (this.heads[bucket] as number) - 1; posting !== NONE;) {
      const at = posting * STRIDE;
      if (added[at + HASH] === hash) visit(added[at + SLOT] as number);
      posting = added[at + NEXT] as number;
    }
  }

  /**
   * Freezes the added postings when they are a large enough share for queries to pay for it
   * (an eighth of all): call before a batch of lookups. Cheap when there is nothing to do.
   */
  prepareForLookups(): void {
    if (this.bulk) this.endBulk();
    else if (this.addedLive > 64 && this.addedLive * 8 >= this.live) this.freeze(this.mask + 1);
  }

  private removed(bucket: number): void {
    if (this.deltas === null) {
      this.heads = sharedInt32(this.mask + 1);
      this.deltas = sharedInt32(this.mask + 1);
    }
    this.deltas[bucket] = (this.deltas[bucket] as number) - 1;
    this.live--;
  }

  /**
   * Sorts the bulk log into the frozen part, with the bucket count the table would
   * have grown to had the postings been added one by one (it doubles when the postings reach
   * twice the buckets), so block sizes, and with them which blocks are searched, do not
   * depend on how the table was filled.
   */
  private endBulk(): void {
    this.bulk = false;
    let bucketCount = this.mask + 1;
    while (this.live - 1 >= bucketCount * 2) bucketCount *= 2;
    const pairs = this.logged * 2 === this.log.length ? this.log : this.log.subarray(0, this.logged * 2);
    this.log = sharedInt32(0);
    this.install(pairs, bucketCount);
  }

  /** Rewrites every live posting into the frozen part, for `bucketCount` buckets. */
  private freeze(bucketCount: number): void {
    const pairs = sharedInt32(this.live * 2);
    let n = 0;
    const frozen = this.frozen;
    for (let at = 0; at < frozen.length; at += 2) {
      const slot = frozen[at] as number;
      if (slot === HOLE) continue;
      pairs[n++] = slot;
      pairs[n++] = frozen[at + 1] as number;
    }
    const added = this.added;
    for (let at = 0; at < this.used * STRIDE; at += STRIDE) {
      const slot = added[at + SLOT] as number;
      if (slot === HOLE) continue;
      pairs[n++] = slot;
      pairs[n++] = added[at + HASH] as number;
    }
    this.frozen = sharedInt32(0);
    this.install(pairs, bucketCount);
  }

  /** Sorts the pairs by bucket and makes them the frozen part; no chains remain. */
  private install(pairs: Int32Array, bucketCount: number): void {
    // Every bucket's start is written by the sort.
    const starts = bucketCount + 1 === this.starts.length ? this.starts : sharedInt32(bucketCount + 1);
    sortByBucket(pairs, bucketCount - 1, starts);
    this.starts = starts;
    this.mask = bucketCount - 1;
    this.frozen = pairs;
    this.live = pairs.length / 2;
    this.heads = null;
    this.deltas = null;
    this.used = 0;
    this.freeHead = NONE;
    this.addedLive = 0;
    if (this.added.length > MIN_ADDED_CAPACITY * STRIDE) this.added = sharedInt32(0);
  }
}
