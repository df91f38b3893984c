import { hashKey } from './posting-table.ts';

/**
 * Record id → slot, as an open-addressing hash table of slot numbers in one Int32Array (the
 * ids themselves live in the index's record store, asked through `matches`). A Map with millions of string keys cost
 * ~1.5 µs per insert and a large share of the garbage collector's work; this costs a hash
 * of the id and a probe or two.
 */
export class IdTable {
  /** slot + 1 per bucket, 0 when empty; linear probing. */
  private table: Int32Array;
  /**
   * The id's hash per bucket: a probe compares it before reading the id from the record
   * store, where every comparison would be a cache miss (most of a bulk load's lookups are
   * of ids not yet present, which probe past one or two occupied buckets).
   */
  private hashes: Int32Array;
  private mask: number;
  private count = 0;
  private readonly matches: (slot: number, id: string) => boolean;

  constructor(expected: number, matches: (slot: number, id: string) => boolean) {
    const buckets = powerOfTwoAtLeast(Math.max(16, expected * 2));
    this.table = new Int32Array(buckets);
    this.hashes = new Int32Array(buckets);
    this.mask = buckets - 1;
    this.matches = matches;
  }

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    const table = this.table;
    const hashes = this.hashes;
    const hash = hashKey(id);
    for (let bucket = hash & this.mask; ; bucket = (bucket + 1) & this.mask) {
      const entry = table[bucket] as number;
      if (entry === 0) return undefined;
      if (hashes[bucket] === hash && this.matches(entry - 1, id)) return entry - 1;
    }
  }

  /** Adds id → slot; the id must not be present (callers check with get first), and the slot must already hold it. */
  add(id: string, slot: number): void {
    if ((this.count + 1) * 2 > this.table.length) this.resize(this.table.length * 2);
    this.place(hashKey(id), slot);
    this.count++;
  }

  delete(id: string): boolean {
    const table = this.table;
    const mask = this.mask;
    const hashes = this.hashes;
    const hash = hashKey(id);
    let bucket = hash & mask;
    for (; ; bucket = (bucket + 1) & mask) {
      const entry = table[bucket] as number;
      if (entry === 0) return false;
      if (hashes[bucket] === hash && this.matches(entry - 1, id)) break;
    }
    // Backward-shift deletion: move later entries of the probe run into the hole, so lookups
    // never need tombstones.
    let hole = bucket;
    for (let next = (hole + 1) & mask; ; next = (next + 1) & mask) {
      const entry = table[next] as number;
      if (entry === 0) break;
      const home = (hashes[next] as number) & mask;
      // The entry may move back to the hole only if its home is not in (hole, next].
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        table[hole] = entry;
        hashes[hole] = hashes[next] as number;
        hole = next;
      }
    }
    table[hole] = 0;
    this.count--;
    return true;
  }

  private place(hash: number, slot: number): void {
    const table = this.table;
    let bucket = hash & this.mask;
    while (table[bucket] !== 0) bucket = (bucket + 1) & this.mask;
    table[bucket] = slot + 1;
    this.hashes[bucket] = hash;
  }

  private resize(buckets: number): void {
    const old = this.table;
    const oldHashes = this.hashes;
    this.table = new Int32Array(buckets);
    this.hashes = new Int32Array(buckets);
    this.mask = buckets - 1;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.place(oldHashes[i] as number, (old[i] as number) - 1);
  }
}

function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
