import { hashKey } from '../string-hash.ts';
import { powerOfTwoAtLeast } from './shared-arrays.ts';

/**
 * Record id → slot, as an open-addressing hash table in one Int32Array (the ids themselves
 * live in the index's record store, asked through `matches`). A Map with millions of string
 * keys cost ~1.5 µs per insert and a large share of the garbage collector's work; this costs
 * a hash of the id and a probe or two.
 *
 * Each bucket holds slot + 1 (0 when empty) and the id's hash side by side: a probe compares
 * the hash before reading the id from the record store, where every comparison would be a
 * cache miss (most lookups of a bulk load are of ids not yet present, which probe past one or
 * two occupied buckets), and both halves of a bucket arrive in one cache line.
 */
export class IdTable {
  /**
   * [slot + 1, hash] per bucket; linear probing, up to three buckets in four used. A bucket is 8
   * bytes, so a probe run mostly stays within a cache line: at most half used (as until
   * 2026-12-05), 1.5M ids took a table of 32 MB, each page of it a fault on first touch; at three
   * quarters, 16 MB. Inserting 1.5M ids took 107–125 ms against 157–163 ms, looking them all up
   * 60–86 ms against 84–91 ms (fresh process each, alternated).
   */
  private entries: Int32Array;
  private mask: number;
  private count = 0;
  private readonly matches: (slot: number, id: string) => boolean;

  constructor(expected: number, matches: (slot: number, id: string) => boolean) {
    const buckets = powerOfTwoAtLeast(Math.max(16, Math.ceil((expected * 4) / 3)));
    this.entries = new Int32Array(buckets * 2);
    this.mask = buckets - 1;
    this.matches = matches;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Reads the first bucket of each hash and returns what it read, combined: a bulk load calls
   * this for a group of ids before inserting them, so their cache misses overlap.
   */
  touch(hashes: Int32Array, from: number, to: number): number {
    const { entries, mask } = this;
    let combined = 0;
    for (let i = from; i < to; i++) combined ^= entries[((hashes[i] as number) & mask) * 2] as number;
    return combined;
  }

  /** The id's slot; pass hashKey(id) when it is already known (an add follows). */
  get(id: string, hash = hashKey(id)): number | undefined {
    const entries = this.entries;
    for (let bucket = hash & this.mask; ; bucket = (bucket + 1) & this.mask) {
      const entry = entries[bucket * 2] as number;
      if (entry === 0) return undefined;
      if (entries[bucket * 2 + 1] === hash && this.matches(entry - 1, id)) return entry - 1;
    }
  }

  /**
   * The id's slot if present; else adds id → slotIfAbsent and returns -1. One probe where
   * get then add take two (a bulk load of new ids does this for every record).
   */
  getOrAdd(id: string, hash: number, slotIfAbsent: number): number {
    if (this.isFull()) this.resize((this.mask + 1) * 2);
    const entries = this.entries;
    let bucket = hash & this.mask;
    for (;;) {
      const entry = entries[bucket * 2] as number;
      // The hash compared and the next bucket computed before the empty check, so the first
      // probe of every call takes these steps too: taken only on a collision, they had no type
      // feedback when the bulk-load loop was first compiled, and the first collision threw it away.
      const sameHash = entries[bucket * 2 + 1] === hash;
      const next = (bucket + 1) & this.mask;
      if (entry === 0) break;
      if (sameHash && this.matches(entry - 1, id)) return entry - 1;
      bucket = next;
    }
    entries[bucket * 2] = slotIfAbsent + 1;
    entries[bucket * 2 + 1] = hash;
    this.count++;
    return -1;
  }

  /** Adds id → slot; the id must not be present (callers check with get first), and the slot must already hold it. */
  add(id: string, slot: number, hash = hashKey(id)): void {
    if (this.isFull()) this.resize((this.mask + 1) * 2);
    this.place(hash, slot);
    this.count++;
  }

  delete(id: string): boolean {
    const entries = this.entries;
    const mask = this.mask;
    const hash = hashKey(id);
    let bucket = hash & mask;
    for (; ; bucket = (bucket + 1) & mask) {
      const entry = entries[bucket * 2] as number;
      if (entry === 0) return false;
      if (entries[bucket * 2 + 1] === hash && this.matches(entry - 1, id)) break;
    }
    // Backward-shift deletion: move later entries of the probe run into the hole, so lookups
    // never need tombstones.
    let hole = bucket;
    for (let next = (hole + 1) & mask; ; next = (next + 1) & mask) {
      const entry = entries[next * 2] as number;
      if (entry === 0) break;
      const home = (entries[next * 2 + 1] as number) & mask;
      // The entry may move back to the hole only if its home is not in (hole, next].
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        entries[hole * 2] = entry;
        entries[hole * 2 + 1] = entries[next * 2 + 1] as number;
        hole = next;
      }
    }
    entries[hole * 2] = 0;
    this.count--;
    return true;
  }

  /** Whether one more id would fill more than three buckets in four. */
  private isFull(): boolean {
    return (this.count + 1) * 4 > (this.mask + 1) * 3;
  }

  private place(hash: number, slot: number): void {
    const entries = this.entries;
    let bucket = hash & this.mask;
    while (entries[bucket * 2] !== 0) bucket = (bucket + 1) & this.mask;
    entries[bucket * 2] = slot + 1;
    entries[bucket * 2 + 1] = hash;
  }

  private resize(buckets: number): void {
    const old = this.entries;
    this.entries = new Int32Array(buckets * 2);
    this.mask = buckets - 1;
    for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.place(old[at + 1] as number, (old[at] as number) - 1);
  }
}
