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

export class PostingTable {
  private heads: Int32Array;
  /** Postings per bucket: the block size used to cap frequent keys. */
  private counts: Int32Array;
  private mask: number;
  private next: Int32Array;
  private slots: Int32Array;
  private hashes: Int32Array;
  private used = 0;
  private freeHead = NONE;
  private live = 0;

  constructor(expectedPostings = 1024) {
    // About one bucket per posting: short chains without doubling the memory.
    const buckets = powerOfTwoAtLeast(Math.max(16, Math.floor(expectedPostings * 0.75)));
    this.heads = new Int32Array(buckets).fill(NONE);
    this.counts = new Int32Array(buckets);
    this.mask = buckets - 1;
    const capacity = Math.max(16, expectedPostings);
    this.next = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
  }

  get size(): number {
    return this.live;
  }

  add(hash: number, slot: number): void {
    // Chains of two on average are still short; rehashing millions of postings is not free.
    if (this.live >= this.heads.length * 2) this.rehash(this.heads.length * 2);
    let posting = this.freeHead;
    if (posting !== NONE) {
      this.freeHead = this.next[posting] as number;
    } else {
      if (this.used === this.next.length) this.grow();
      posting = this.used++;
    }
    const bucket = hash & this.mask;
    this.slots[posting] = slot;
    this.hashes[posting] = hash;
    this.next[posting] = this.heads[bucket] as number;
    this.heads[bucket] = posting;
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.live++;
  }

  remove(hash: number, slot: number): boolean {
    const bucket = hash & this.mask;
    let previous = NONE;
    for (let posting = this.heads[bucket] as number; posting !== NONE; posting = this.next[posting] as number) {
      if (this.slots[posting] === slot && this.hashes[posting] === hash) {
        if (previous === NONE) this.heads[bucket] = this.next[posting] as number;
        else this.next[previous] = this.next[posting] as number;
        this.next[posting] = this.freeHead;
        this.freeHead = posting;
        this.counts[bucket] = (this.counts[bucket] as number) - 1;
        this.live--;
        return true;
      }
      previous = posting;
    }
    return false;
  }

  /** An upper bound of the key's block size (its bucket's posting count): cheap, no walk. */
  blockSize(hash: number): number {
    return this.counts[hash & this.mask] as number;
  }

  /** Calls visit(slot) for every posting of the key. */
  forEach(hash: number, visit: (slot: number) => void): void {
    for (let posting = this.heads[hash & this.mask] as number; posting !== NONE; posting = this.next[posting] as number) {
      if (this.hashes[posting] === hash) visit(this.slots[posting] as number);
    }
  }

  private grow(): void {
    const capacity = this.next.length * 2;
    this.next = copyInto(new Int32Array(capacity), this.next);
    this.slots = copyInto(new Int32Array(capacity), this.slots);
    this.hashes = copyInto(new Int32Array(capacity), this.hashes);
  }

  private rehash(buckets: number): void {
    const heads = new Int32Array(buckets).fill(NONE);
    const counts = new Int32Array(buckets);
    const mask = buckets - 1;
    for (let bucket = 0; bucket < this.heads.length; bucket++) {
      let posting = this.heads[bucket] as number;
      while (posting !== NONE) {
        const following = this.next[posting] as number;
        const target = (this.hashes[posting] as number) & mask;
        this.next[posting] = heads[target] as number;
        heads[target] = posting;
        counts[target] = (counts[target] as number) + 1;
        posting = following;
      }
    }
    this.heads = heads;
    this.counts = counts;
    this.mask = mask;
  }
}

function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

function copyInto(target: Int32Array, source: Int32Array): Int32Array {
  target.set(source);
  return target;
}
