import { powerOfTwoAtLeast } from './shared-arrays.ts';

/**
 * Counts per record slot for one query at a time: which candidates a query has already
 * visited, and in how many of its name-token blocks a record is. A query visits at most a few
 * thousand postings, so a small open-addressing table stays in the processor's cache; arrays
 * indexed by slot (one entry per indexed record, megabytes for millions) cost a cache miss per
 * posting visited, which was most of the time a query took.
 */
export class SlotCounter {
  private slots: Int32Array;
  private stamps: Int32Array;
  private counts: Uint8Array;
  private mask: number;
  private stamp = 1;
  private distinct = 0;

  constructor(expectedDistinct: number) {
    const size = powerOfTwoAtLeast(Math.max(64, expectedDistinct * 2));
    this.slots = new Int32Array(size);
    this.stamps = new Int32Array(size);
    this.counts = new Uint8Array(size);
    this.mask = size - 1;
  }

  /** Forgets every count (the next query starts). */
  clear(): void {
    this.distinct = 0;
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** Adds one to the slot's count and returns the new count (1 the first time it is seen). */
  increment(slot: number): number {
    const slots = this.slots;
    const stamps = this.stamps;
    const stamp = this.stamp;
    let bucket = Math.imul(slot, 0x9e3779b1) >>> 0;
    for (bucket &= this.mask; stamps[bucket] === stamp; bucket = (bucket + 1) & this.mask) {
      if (slots[bucket] === slot) {
        const count = Math.min(255, (this.counts[bucket] as number) + 1);
        this.counts[bucket] = count;
        return count;
      }
    }
    stamps[bucket] = stamp;
    slots[bucket] = slot;
    this.counts[bucket] = 1;
    if (++this.distinct * 4 > (this.mask + 1) * 3) this.grow();
    return 1;
  }

  private grow(): void {
    const { slots, stamps, counts, stamp } = this;
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size);
    this.stamps = new Int32Array(size);
    this.counts = new Uint8Array(size);
    this.mask = size - 1;
    for (let i = 0; i < slots.length; i++) {
      if (stamps[i] !== stamp) continue;
      let bucket = (Math.imul(slots[i] as number, 0x9e3779b1) >>> 0) & this.mask;
      while (this.stamps[bucket] === stamp) bucket = (bucket + 1) & this.mask;
      this.stamps[bucket] = stamp;
      this.slots[bucket] = slots[i] as number;
      this.counts[bucket] = counts[i] as number;
    }
  }
}
