/**
 * Sorting (slot, hash) posting pairs by bucket (hash & mask), in place: what turns a bulk load's
 * log of postings into the index's frozen runs, one per bucket (posting-table.ts). The first
 * lookup after building an index over millions of records waits for it. Two steps:
 *
 * 1. partitions: an American flag pass on the bucket's top PARTITION_BITS bits swaps each pair
 *    into its partition's next free place (512 sequential write streams: cache-friendly);
 * 2. buckets: a counting sort of each partition, whose buckets fit in cache, through a scratch
 *    copy of the partition, filling `starts`.
 *
 * It runs on one thread and needs no second array of the pairs' size. The version it replaced
 * (2026-12-04 to 12-05) scattered the pairs into a second array, so that idle worker threads
 * could take parts of each step; on this project's VM a first touch of memory costs ~2 ms per MB
 * in the kernel (the 72 MB second array of the benchmark's 8.9M postings: ~0.15 s), and its two
 * vCPUs run two memory-bound threads no faster than one (docs/matching.md, nineteenth look). At
 * full size, inside the benchmark: 198–200 ms of wall and 217–219 ms of CPU, against 210–232 ms
 * and 402–429 ms with a worker's help; alone, 137–149 ms against 312–331 ms on one thread.
 */

const PARTITION_BITS = 9;

/**
 * Sorts the pairs by bucket (in `pairs` itself) and fills starts[b] with where bucket b's run
 * begins (in pairs; starts[mask + 1] = the count).
 */
export function sortByBucket(pairs: Int32Array, mask: number, starts: Int32Array): void {
  if (!primed) {
    primed = true;
    sortByBucket(
      Int32Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? i : Math.imul(i, 0x9e3779b1))),
      15,
      new Int32Array(17),
    );
  }
  const count = pairs.length / 2;
  const bucketCount = mask + 1;
  const shift = Math.max(0, Math.log2(bucketCount) - PARTITION_BITS);
  const partitionCount = bucketCount >>> shift;
  const partitionStarts = new Int32Array(partitionCount + 1);
  for (let at = 1; at < pairs.length; at += 2) {
    const partition = ((pairs[at] as number) & mask) >>> shift;
    partitionStarts[partition + 1] = (partitionStarts[partition + 1] as number) + 1;
  }
  let largest = 0;
  for (let p = 0; p < partitionCount; p++) {
    largest = Math.max(largest, partitionStarts[p + 1] as number);
    partitionStarts[p + 1] = (partitionStarts[p + 1] as number) + (partitionStarts[p] as number);
  }
  const next = partitionStarts.slice(0, partitionCount);
  for (let p = 0; p < partitionCount; p++) swapIntoPartition(pairs, mask, shift, p, next, partitionStarts[p + 1] as number);
  const scratch = new Int32Array(largest * 2);
  const cursors = new Int32Array(1 << shift);
  for (let p = 0; p < partitionCount; p++) sortPartition(pairs, mask, shift, p, partitionStarts, scratch, cursors, starts);
  starts[bucketCount] = count;
}

/**
 * Whether this thread has sorted a few pairs before its first real sort. V8 compiles a long loop
 * while it runs (on-stack replacement), and code after it that has not run yet has no type
 * feedback: the compiled code was thrown away where each loop ended, hundreds of times in one
 * sort of the benchmark's 8.9M postings (--trace-deopt, 2026-12-05). A sort of 32 pairs runs
 * every step first, in the interpreter, so the compiled code has feedback for all of them.
 */
let primed = false;

/** Step 1 for partition p: swaps the pairs of [next[p], end) into their partitions (next[q]: partition q's next free place). */
function swapIntoPartition(pairs: Int32Array, mask: number, shift: number, p: number, next: Int32Array, end: number): void {
  for (let i = next[p] as number; i < end; i = next[p] as number) {
    // Carry the pair at i to its partition's next free place, and the pair found there to its
    // own, until one belongs at i.
    let slot = pairs[i * 2] as number;
    let hash = pairs[i * 2 + 1] as number;
    let target = (hash & mask) >>> shift;
    while (target !== p) {
      const j = next[target] as number;
      next[target] = j + 1;
      const otherSlot = pairs[j * 2] as number;
      const otherHash = pairs[j * 2 + 1] as number;
      pairs[j * 2] = slot;
      pairs[j * 2 + 1] = hash;
      slot = otherSlot;
      hash = otherHash;
      target = (hash & mask) >>> shift;
    }
    pairs[i * 2] = slot;
    pairs[i * 2 + 1] = hash;
    next[p] = i + 1;
  }
}

/** Step 2 for partition p: a counting sort by bucket through `scratch`, filling its buckets' starts. */
function sortPartition(
  pairs: Int32Array,
  mask: number,
  shift: number,
  p: number,
  partitionStarts: Int32Array,
  scratch: Int32Array,
  cursors: Int32Array,
  starts: Int32Array,
): void {
  const from = partitionStarts[p] as number;
  const count = (partitionStarts[p + 1] as number) - from;
  const firstBucket = p << shift;
  const buckets = cursors.length;
  scratch.set(pairs.subarray(from * 2, (from + count) * 2));
  cursors.fill(0);
  for (let k = 0; k < count * 2; k += 2) {
    const local = ((scratch[k + 1] as number) & mask) - firstBucket;
    cursors[local] = (cursors[local] as number) + 1;
  }
  let offset = from;
  for (let local = 0; local < buckets; local++) {
    const size = cursors[local] as number;
    starts[firstBucket + local] = offset;
    cursors[local] = offset;
    offset += size;
  }
  for (let k = 0; k < count * 2; k += 2) {
    const hash = scratch[k + 1] as number;
    const local = (hash & mask) - firstBucket;
    const at = (cursors[local] as number) * 2;
    cursors[local] = (cursors[local] as number) + 1;
    pairs[at] = scratch[k] as number;
    pairs[at + 1] = hash;
  }
}
