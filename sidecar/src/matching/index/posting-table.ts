/**
 * Blocking keys → record slots, in typed arrays: an open hash table of chains keyed by a
 * 32-bit FNV-1a hash of the key. Millions of keys cost a few bytes each instead of a Map
 * entry and an array per key. Two keys whose hashes collide share a chain, which only adds
 * a candidate that the scorer then rejects; lookups compare the full hash, so that is rare.
 */
export function hashKey(key: string): number {
  return hashRange(FNV_OFFSET, key, 0, key.length);
}

const FNV_OFFSET = 0x811c9dc5;

/** Starts a key hash with a one-character key type ("d" domain, "t" token, …). */
export function hashStart(type: string): number {
  return hashRange(FNV_OFFSET, type, 0, 1);
}

/**
 * Continues an FNV-1a hash over text[start, end) — so "t" + token can be hashed straight
 * out of the name without building the token or the concatenated key.
 */
export function hashRange(hash: number, text: string, start: number, end: number): number {
  let h = hash;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const NONE = -1;
/** Per bucket: where its frozen postings start, how many live postings it has, its first added posting + 1 (0: none). */
const FROZEN_START = 0;
const COUNT = 1;
const HEAD = 2;
const BUCKET_STRIDE = 3;
/** Per added posting: next posting of the chain, record slot, key hash. */
const NEXT = 0;
const SLOT = 1;
const HASH = 2;
const STRIDE = 3;
/** A frozen posting whose record was removed (cleared at the next freeze). */
const HOLE = -1;
const MIN_ADDED_CAPACITY = 1024;
/** Freezing partitions postings into 2^PARTITION_BITS runs by the top bits of their bucket. */
const PARTITION_BITS = 9;

/**
 * Postings live in two parts. New postings go to chains (one per bucket) in `added`, so
 * upserts are O(1). Before queries, and whenever the table doubles, all postings are
 * "frozen": rewritten bucket by bucket into one array (count, then fill), so a block is a
 * contiguous run that a query reads sequentially instead of chasing one cache miss per
 * posting through a chain scattered over 100 MB.
 */
export class PostingTable {
  /** BUCKET_STRIDE values per bucket, plus one more bucket whose FROZEN_START ends the last run. */
  private buckets: Int32Array;
  private mask: number;
  /** Frozen postings: slot, hash pairs, bucket by bucket. */
  private frozen: Int32Array;
  /** Added postings since the last freeze: next, slot, hash. */
  private added: Int32Array;
  private used = 0;
  private freeHead = NONE;
  private live = 0;
  private addedLive = 0;

  constructor(expectedPostings = 1024) {
    // About one bucket per posting: short chains without doubling the memory.
    const bucketCount = powerOfTwoAtLeast(Math.max(16, Math.floor(expectedPostings * 0.75)));
    this.buckets = emptyBuckets(bucketCount);
    this.mask = bucketCount - 1;
    this.frozen = new Int32Array(0);
    this.added = new Int32Array(Math.max(MIN_ADDED_CAPACITY, expectedPostings) * STRIDE);
  }

  get size(): number {
    return this.live;
  }

  add(hash: number, slot: number): void {
    // Chains of two on average are still short; the table doubles (and freezes) beyond that.
    if (this.live >= (this.mask + 1) * 2) this.freeze((this.mask + 1) * 2);
    let posting = this.freeHead;
    const added = this.added;
    if (posting !== NONE) {
      this.freeHead = added[posting * STRIDE + NEXT] as number;
    } else {
      if ((this.used + 1) * STRIDE > added.length) this.growAdded();
      posting = this.used++;
    }
    const at = posting * STRIDE;
    const bucket = (hash & this.mask) * BUCKET_STRIDE;
    const buckets = this.buckets;
    this.added[at + SLOT] = slot;
    this.added[at + HASH] = hash;
    this.added[at + NEXT] = (buckets[bucket + HEAD] as number) - 1;
    buckets[bucket + HEAD] = posting + 1;
    buckets[bucket + COUNT] = (buckets[bucket + COUNT] as number) + 1;
    this.live++;
    this.addedLive++;
  }

  remove(hash: number, slot: number): boolean {
    const bucket = (hash & this.mask) * BUCKET_STRIDE;
    const buckets = this.buckets;
    const added = this.added;
    let previous = NONE;
    for (let posting = (buckets[bucket + HEAD] as number) - 1; posting !== NONE; posting = added[posting * STRIDE + NEXT] as number) {
      const at = posting * STRIDE;
      if (added[at + SLOT] === slot && added[at + HASH] === hash) {
        if (previous === NONE) buckets[bucket + HEAD] = (added[at + NEXT] as number) + 1;
        else added[previous * STRIDE + NEXT] = added[at + NEXT] as number;
        added[at + NEXT] = this.freeHead;
        added[at + SLOT] = HOLE;
        this.freeHead = posting;
        buckets[bucket + COUNT] = (buckets[bucket + COUNT] as number) - 1;
        this.live--;
        this.addedLive--;
        return true;
      }
      previous = posting;
    }
    const frozen = this.frozen;
    const end = (buckets[bucket + BUCKET_STRIDE + FROZEN_START] as number) * 2;
    for (let at = (buckets[bucket + FROZEN_START] as number) * 2; at < end; at += 2) {
      if (frozen[at] === slot && frozen[at + 1] === hash) {
        frozen[at] = HOLE;
        buckets[bucket + COUNT] = (buckets[bucket + COUNT] as number) - 1;
        this.live--;
        return true;
      }
    }
    return false;
  }

  /** An upper bound of the key's block size (its bucket's posting count): cheap, no walk. */
  blockSize(hash: number): number {
    return this.buckets[(hash & this.mask) * BUCKET_STRIDE + COUNT] as number;
  }

  /** Calls visit(slot) for every posting of the key. */
  forEach(hash: number, visit: (slot: number) => void): void {
    const buckets = this.buckets;
    const bucket = (hash & this.mask) * BUCKET_STRIDE;
    const frozen = this.frozen;
    const end = (buckets[bucket + BUCKET_STRIDE + FROZEN_START] as number) * 2;
    for (let at = (buckets[bucket + FROZEN_START] as number) * 2; at < end; at += 2) {
      if (frozen[at + 1] === hash && (frozen[at] as number) >= 0) visit(frozen[at] as number);
    }
    const added = this.added;
    for (let posting = (buckets[bucket + HEAD] as number) - 1; posting !== NONE; ) {
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
    if (this.addedLive > 64 && this.addedLive * 8 >= this.live) this.freeze(this.mask + 1);
  }

  /** Rewrites every live posting into `frozen`, bucket by bucket, for `bucketCount` buckets. */
  private freeze(bucketCount: number): void {
    const mask = bucketCount - 1;
    const old = this.buckets;
    const oldFrozen = this.frozen;
    const added = this.added;
    // Same size: reuse the table (its memory is already mapped; fresh pages cost a fault each).
    const buckets = bucketCount === old.length / BUCKET_STRIDE - 1 ? old.fill(0) : emptyBuckets(bucketCount);
    // Random writes into tables of tens of MB cost a cache miss each, so the postings are
    // first partitioned by the top bits of their new bucket (sequential streams), and each
    // partition, whose buckets fit in cache, is then counted and written in turn.
    const bucketBits = Math.log2(bucketCount);
    const shift = Math.max(0, bucketBits - PARTITION_BITS);
    const partitionCount = bucketCount >>> shift;
    const partitionStarts = new Int32Array(partitionCount + 1);
    // Frozen postings are read in memory order: `frozen` is exactly the runs of all buckets.
    const frozenEnd = oldFrozen.length;
    const addedEnd = this.used * STRIDE;
    for (let at = 0; at < frozenEnd; at += 2) {
      if (oldFrozen[at] === HOLE) continue;
      const partition = ((oldFrozen[at + 1] as number) & mask) >>> shift;
      partitionStarts[partition + 1] = (partitionStarts[partition + 1] as number) + 1;
    }
    for (let at = 0; at < addedEnd; at += STRIDE) {
      if (added[at + SLOT] === HOLE) continue;
      const partition = ((added[at + HASH] as number) & mask) >>> shift;
      partitionStarts[partition + 1] = (partitionStarts[partition + 1] as number) + 1;
    }
    for (let p = 0; p < partitionCount; p++)
      partitionStarts[p + 1] = (partitionStarts[p + 1] as number) + (partitionStarts[p] as number);
    const total = partitionStarts[partitionCount] as number;
    const cursors = partitionStarts.slice(0, partitionCount);
    const partitioned = new Int32Array(total * 2);
    for (let at = 0; at < frozenEnd; at += 2) {
      const slot = oldFrozen[at] as number;
      if (slot === HOLE) continue;
      const hash = oldFrozen[at + 1] as number;
      const partition = (hash & mask) >>> shift;
      const to = (cursors[partition] as number) * 2;
      cursors[partition] = (cursors[partition] as number) + 1;
      partitioned[to] = slot;
      partitioned[to + 1] = hash;
    }
    for (let at = 0; at < addedEnd; at += STRIDE) {
      const slot = added[at + SLOT] as number;
      if (slot === HOLE) continue;
      const hash = added[at + HASH] as number;
      const partition = (hash & mask) >>> shift;
      const to = (cursors[partition] as number) * 2;
      cursors[partition] = (cursors[partition] as number) + 1;
      partitioned[to] = slot;
      partitioned[to + 1] = hash;
    }
    // Per partition: count per bucket, starts from counts (COUNT is then the fill cursor and
    // ends back at the count), fill. Partitions are in bucket order, so runs follow each other.
    const frozen = new Int32Array(total * 2);
    let offset = 0;
    for (let p = 0; p < partitionCount; p++) {
      const from = (partitionStarts[p] as number) * 2;
      const to = (partitionStarts[p + 1] as number) * 2;
      for (let i = from + 1; i < to; i += 2) {
        const base = ((partitioned[i] as number) & mask) * BUCKET_STRIDE + COUNT;
        buckets[base] = (buckets[base] as number) + 1;
      }
      const lastBase = ((p + 1) << shift) * BUCKET_STRIDE;
      for (let base = (p << shift) * BUCKET_STRIDE; base < lastBase; base += BUCKET_STRIDE) {
        buckets[base + FROZEN_START] = offset;
        offset += buckets[base + COUNT] as number;
        buckets[base + COUNT] = 0;
      }
      for (let i = from; i < to; i += 2) {
        const hash = partitioned[i + 1] as number;
        const base = (hash & mask) * BUCKET_STRIDE;
        const count = buckets[base + COUNT] as number;
        const at = ((buckets[base + FROZEN_START] as number) + count) * 2;
        frozen[at] = partitioned[i] as number;
        frozen[at + 1] = hash;
        buckets[base + COUNT] = count + 1;
      }
    }
    buckets[bucketCount * BUCKET_STRIDE + FROZEN_START] = offset;
    this.buckets = buckets;
    this.mask = mask;
    this.frozen = frozen;
    this.live = offset;
    this.addedLive = 0;
    this.used = 0;
    this.freeHead = NONE;
    // Keep room for the next round of additions, not the whole build's.
    const keep = Math.max(MIN_ADDED_CAPACITY, powerOfTwoAtLeast(Math.ceil(offset / 8))) * STRIDE;
    if (this.added.length > keep) this.added = new Int32Array(keep);
  }

  private growAdded(): void {
    const added = new Int32Array(this.added.length * 2);
    added.set(this.added);
    this.added = added;
  }
}

function emptyBuckets(count: number): Int32Array {
  return new Int32Array((count + 1) * BUCKET_STRIDE);
}

function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
