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
/** Fields of one posting, side by side in `entries` so a chain walk touches one cache line per posting. */
const NEXT = 0;
const SLOT = 1;
const HASH = 2;
const STRIDE = 3;

export class PostingTable {
  /** Per bucket: head posting, then posting count (the block size used to cap frequent keys). */
  private buckets: Int32Array;
  private mask: number;
  /** Per posting: next posting of the chain, record slot, key hash. */
  private entries: Int32Array;
  private used = 0;
  private freeHead = NONE;
  private live = 0;

  constructor(expectedPostings = 1024) {
    // About one bucket per posting: short chains without doubling the memory.
    const bucketCount = powerOfTwoAtLeast(Math.max(16, Math.floor(expectedPostings * 0.75)));
    this.buckets = emptyBuckets(bucketCount);
    this.mask = bucketCount - 1;
    this.entries = new Int32Array(Math.max(16, expectedPostings) * STRIDE);
  }

  get size(): number {
    return this.live;
  }

  add(hash: number, slot: number): void {
    // Chains of two on average are still short; rehashing millions of postings is not free.
    if (this.live >= (this.mask + 1) * 2) this.rehash((this.mask + 1) * 2);
    let posting = this.freeHead;
    const entries = this.entries;
    if (posting !== NONE) {
      this.freeHead = entries[posting * STRIDE + NEXT] as number;
    } else {
      if ((this.used + 1) * STRIDE > entries.length) this.grow();
      posting = this.used++;
    }
    const at = posting * STRIDE;
    const bucket = (hash & this.mask) << 1;
    const buckets = this.buckets;
    this.entries[at + SLOT] = slot;
    this.entries[at + HASH] = hash;
    this.entries[at + NEXT] = buckets[bucket] as number;
    buckets[bucket] = posting;
    buckets[bucket + 1] = (buckets[bucket + 1] as number) + 1;
    this.live++;
  }

  remove(hash: number, slot: number): boolean {
    const bucket = (hash & this.mask) << 1;
    const buckets = this.buckets;
    const entries = this.entries;
    let previous = NONE;
    for (let posting = buckets[bucket] as number; posting !== NONE; posting = entries[posting * STRIDE + NEXT] as number) {
      const at = posting * STRIDE;
      if (entries[at + SLOT] === slot && entries[at + HASH] === hash) {
        if (previous === NONE) buckets[bucket] = entries[at + NEXT] as number;
        else entries[previous * STRIDE + NEXT] = entries[at + NEXT] as number;
        entries[at + NEXT] = this.freeHead;
        this.freeHead = posting;
        buckets[bucket + 1] = (buckets[bucket + 1] as number) - 1;
        this.live--;
        return true;
      }
      previous = posting;
    }
    return false;
  }

  /** An upper bound of the key's block size (its bucket's posting count): cheap, no walk. */
  blockSize(hash: number): number {
    return this.buckets[((hash & this.mask) << 1) + 1] as number;
  }

  /** Calls visit(slot) for every posting of the key. */
  forEach(hash: number, visit: (slot: number) => void): void {
    const entries = this.entries;
    for (let posting = this.buckets[(hash & this.mask) << 1] as number; posting !== NONE; ) {
      const at = posting * STRIDE;
      if (entries[at + HASH] === hash) visit(entries[at + SLOT] as number);
      posting = entries[at + NEXT] as number;
    }
  }

  private grow(): void {
    const entries = new Int32Array(this.entries.length * 2);
    entries.set(this.entries);
    this.entries = entries;
  }

  private rehash(bucketCount: number): void {
    const buckets = emptyBuckets(bucketCount);
    const mask = bucketCount - 1;
    const old = this.buckets;
    const entries = this.entries;
    for (let bucket = 0; bucket < old.length; bucket += 2) {
      let posting = old[bucket] as number;
      while (posting !== NONE) {
        const at = posting * STRIDE;
        const following = entries[at + NEXT] as number;
        const target = ((entries[at + HASH] as number) & mask) << 1;
        entries[at + NEXT] = buckets[target] as number;
        buckets[target] = posting;
        buckets[target + 1] = (buckets[target + 1] as number) + 1;
        posting = following;
      }
    }
    this.buckets = buckets;
    this.mask = mask;
  }
}

function emptyBuckets(count: number): Int32Array {
  const buckets = new Int32Array(count * 2);
  for (let i = 0; i < buckets.length; i += 2) buckets[i] = NONE;
  return buckets;
}

function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
