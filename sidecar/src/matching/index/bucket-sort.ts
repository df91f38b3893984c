/**
 * Sorting (slot, hash) posting pairs by bucket (hash & mask): what turns a bulk load's log of
 * postings into the index's frozen runs, one per bucket (posting-table.ts). It runs in three
 * steps, each split into parts that other threads can take over shared memory, because the
 * first lookup after building an index over millions of records waits for it (0.16 s for 8.9M
 * postings on one thread, with the worker threads idle):
 *
 * 1. count: how many pairs of each part fall in each partition (the bucket's top
 *    PARTITION_BITS bits);
 * 2. scatter: each part copies its pairs to its own places in its partitions, in a second
 *    array (512 sequential write streams: cache-friendly);
 * 3. buckets: a counting sort of each partition, whose buckets fit in cache, back into the
 *    first array, filling `starts`; each part takes whole partitions.
 *
 * Every step writes its whole output and nothing else, from inputs it does not change, so a
 * step a helper thread failed (or was too slow) to do can be done again here: the same
 * values written twice.
 */
import { sharedInt32 } from './shared-arrays.ts';

const PARTITION_BITS = 9;

/** A part's pairs, [from, to) of `pairs` (in pairs), and how their partitions are read. */
interface PairRange {
  pairs: Int32Array;
  from: number;
  to: number;
  mask: number;
  shift: number;
}

export type BucketSortStep =
  | ({ step: 'count'; counts: Int32Array } & PairRange)
  | ({
      step: 'scatter';
      /** Where the part's first pair of each partition goes (in pairs). */
      firstPlaces: Int32Array;
      into: Int32Array;
    } & PairRange)
  | {
      step: 'buckets';
      scattered: Int32Array;
      into: Int32Array;
      partitionStarts: Int32Array;
      firstPartition: number;
      endPartition: number;
      mask: number;
      shift: number;
      starts: Int32Array;
    };

/**
 * Threads that can take parts of a sort: run(h, step, done) starts `step` on helper h and
 * returns at once; the helper sets done[0] (shared memory) to 1 when it finished, to -1 if it
 * failed, and wakes waiters (Atomics.notify).
 */
export interface SortHelpers {
  readonly count: number;
  run(helper: number, step: BucketSortStep, done: Int32Array): void;
}

/** Runs one step (on whichever thread is given it). */
export function runBucketSortStep(step: BucketSortStep): void {
  if (step.step === 'count') countPartitions(step);
  else if (step.step === 'scatter') scatterToPartitions(step);
  else sortPartitionsByBucket(step);
}

/**
 * Sorts the pairs by bucket (the result in `pairs` itself, through a second array of its size:
 * 36 MB per million pairs, for the sort's duration) and fills starts[b] with where bucket b's
 * run begins (in pairs; starts[mask + 1] = the count), sharing the work with `helpers` when
 * given. On one thread this is ~20 % slower than the in-place (American flag) partitioning it
 * replaced, which cannot be shared; on two it is ~40 % faster than that was on one.
 */
export function sortByBucket(pairs: Int32Array, mask: number, starts: Int32Array, helpers?: SortHelpers): void {
  const count = pairs.length / 2;
  const bucketCount = mask + 1;
  const shift = Math.max(0, Math.log2(bucketCount) - PARTITION_BITS);
  const partitionCount = bucketCount >>> shift;
  // Helpers only pay for a large sort: each step waits for the slowest part.
  const parts = helpers && count >= MIN_PAIRS_PER_PART * 2 ? 1 + Math.min(helpers.count, Math.floor(count / MIN_PAIRS_PER_PART) - 1) : 1;
  const pairBounds = Array.from({ length: parts + 1 }, (_, part) => Math.floor((count * part) / parts));

  const pairsOf = (part: number): PairRange => ({
    pairs,
    from: pairBounds[part] as number,
    to: pairBounds[part + 1] as number,
    mask,
    shift,
  });

  // 1. Partition sizes, per part.
  const counts = Array.from({ length: parts }, () => sharedInt32(partitionCount));
  inParts(parts, helpers, (part) => ({ step: 'count', ...pairsOf(part), counts: counts[part] as Int32Array }));

  // 2. Each part's pairs to its places in the partitions: partition p holds part 0's pairs of
  // p, then part 1's, and so on.
  const partitionStarts = sharedInt32(partitionCount + 1);
  const firstPlaces = Array.from({ length: parts }, () => sharedInt32(partitionCount));
  let place = 0;
  for (let p = 0; p < partitionCount; p++) {
    partitionStarts[p] = place;
    for (let part = 0; part < parts; part++) {
      (firstPlaces[part] as Int32Array)[p] = place;
      place += (counts[part] as Int32Array)[p] as number;
    }
  }
  partitionStarts[partitionCount] = count;
  const scattered = parts > 1 ? sharedInt32(pairs.length) : new Int32Array(pairs.length);
  inParts(parts, helpers, (part) => ({
    step: 'scatter',
    ...pairsOf(part),
    firstPlaces: firstPlaces[part] as Int32Array,
    into: scattered,
  }));

  // 3. Each partition sorted by bucket back into `pairs`; parts take whole partitions, about
  // the same number of pairs each.
  const partitionBounds = [0];
  for (let part = 1; part < parts; part++) {
    let p = partitionBounds[part - 1] as number;
    while (p < partitionCount && (partitionStarts[p] as number) < (pairBounds[part] as number)) p++;
    partitionBounds.push(p);
  }
  partitionBounds.push(partitionCount);
  inParts(parts, helpers, (part) => ({
    step: 'buckets',
    scattered,
    into: pairs,
    partitionStarts,
    firstPartition: partitionBounds[part] as number,
    endPartition: partitionBounds[part + 1] as number,
    mask,
    shift,
    starts,
  }));
  starts[bucketCount] = count;
}

/** Below this many pairs per part, a helper's start-up (a message, a wake-up) costs more than its part. */
const MIN_PAIRS_PER_PART = 1 << 18;
/**
 * How long this thread waits for a helper's part before doing it itself: far longer than any
 * part takes (tens of milliseconds for millions of pairs), so only a lost or stuck helper runs
 * into it. A helper cannot be seen to die while this thread waits (its exit is an event).
 */
const HELPER_TIMEOUT_MS = 5_000;

/** Runs part 0 of a step here and parts 1… on the helpers, and returns when every part is done. */
function inParts(parts: number, helpers: SortHelpers | undefined, stepOf: (part: number) => BucketSortStep): void {
  const done: Int32Array[] = [];
  for (let part = 1; part < parts; part++) {
    const flag = sharedInt32(1);
    done.push(flag);
    try {
      helpers?.run(part - 1, stepOf(part), flag);
    } catch {
      flag[0] = -1;
    }
  }
  runBucketSortStep(stepOf(0));
  for (let part = 1; part < parts; part++) {
    const flag = done[part - 1] as Int32Array;
    if (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, HELPER_TIMEOUT_MS);
    if (Atomics.load(flag, 0) !== 1) runBucketSortStep(stepOf(part));
  }
}

function countPartitions({ pairs, from, to, mask, shift, counts }: Extract<BucketSortStep, { step: 'count' }>): void {
  const local = new Int32Array(counts.length);
  for (let i = from; i < to; i++) {
    const partition = ((pairs[i * 2 + 1] as number) & mask) >>> shift;
    local[partition] = (local[partition] as number) + 1;
  }
  counts.set(local);
}

function scatterToPartitions({ pairs, from, to, mask, shift, firstPlaces, into }: Extract<BucketSortStep, { step: 'scatter' }>): void {
  const next = firstPlaces.slice();
  for (let i = from; i < to; i++) {
    const slot = pairs[i * 2] as number;
    const hash = pairs[i * 2 + 1] as number;
    const partition = (hash & mask) >>> shift;
    const at = (next[partition] as number) * 2;
    next[partition] = (next[partition] as number) + 1;
    into[at] = slot;
    into[at + 1] = hash;
  }
}

function sortPartitionsByBucket(step: Extract<BucketSortStep, { step: 'buckets' }>): void {
  const { scattered, into, partitionStarts, mask, shift, starts } = step;
  const cursors = new Int32Array(1 << shift);
  for (let p = step.firstPartition; p < step.endPartition; p++) {
    const from = partitionStarts[p] as number;
    const to = partitionStarts[p + 1] as number;
    const firstBucket = p << shift;
    cursors.fill(0);
    for (let i = from; i < to; i++) {
      const local = ((scattered[i * 2 + 1] as number) & mask) - firstBucket;
      cursors[local] = (cursors[local] as number) + 1;
    }
    let offset = from;
    for (let local = 0; local < cursors.length; local++) {
      const size = cursors[local] as number;
      starts[firstBucket + local] = offset;
      cursors[local] = offset;
      offset += size;
    }
    for (let i = from; i < to; i++) {
      const hash = scattered[i * 2 + 1] as number;
      const local = (hash & mask) - firstBucket;
      const at = (cursors[local] as number) * 2;
      cursors[local] = (cursors[local] as number) + 1;
      into[at] = scattered[i * 2] as number;
      into[at + 1] = hash;
    }
  }
}
