/**
 * The sort that turns a bulk load's postings into runs by bucket, in place: each result is
 * checked against what a sort by bucket must keep (every pair once, each in its bucket's run).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortByBucket } from '../../src/matching/index/bucket-sort.ts';
import { sharedInt32 } from '../../src/matching/index/shared-arrays.ts';
import { seededRandom } from '../../bench/seeded-random.ts';

/** (slot, hash) pairs with slots 0…count-1 in order and random hashes, some repeated. */
function randomPairs(count: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const pairs = sharedInt32(count * 2);
  for (let i = 0; i < count; i++) {
    pairs[i * 2] = i;
    pairs[i * 2 + 1] = random() < 0.2 && i > 0 ? (pairs[(i - 1) * 2 + 1] as number) : Math.floor(random() * 2 ** 32) | 0;
  }
  return pairs;
}

/** What the sort must keep: each slot's hash (slots are 0…count-1, each once). */
function hashesBySlot(pairs: Int32Array): Int32Array {
  const hashes = new Int32Array(pairs.length / 2);
  for (let i = 0; i < pairs.length; i += 2) hashes[pairs[i] as number] = pairs[i + 1] as number;
  return hashes;
}

/** One run per bucket, in bucket order, holding every pair once. */
function assertSortedByBucket(sorted: Int32Array, starts: Int32Array, mask: number, want: Int32Array): void {
  const count = sorted.length / 2;
  assert.equal(starts[mask + 1], count);
  const seen = new Uint8Array(count);
  for (let bucket = 0; bucket <= mask; bucket++) {
    const from = starts[bucket] as number;
    const to = starts[bucket + 1] as number;
    if (from > to) assert.fail(`bucket ${bucket}'s run starts at ${from}, after its end ${to}`);
    for (let i = from; i < to; i++) {
      const slot = sorted[i * 2] as number;
      const hash = sorted[i * 2 + 1] as number;
      if ((hash & mask) !== bucket) assert.fail(`pair ${i} (bucket ${hash & mask}) is in bucket ${bucket}'s run`);
      if (seen[slot] || want[slot] !== hash) assert.fail(`slot ${slot} at ${i}: twice, or with another hash`);
      seen[slot] = 1;
    }
  }
}

test('postings are sorted into one run per bucket, small tables and large', () => {
  for (const [count, mask] of [
    [0, 15],
    [1, 15],
    [1000, 255],
    [50_000, (1 << 15) - 1],
    [600_000, (1 << 19) - 1],
    [1_200_000, (1 << 20) - 1],
  ] as const) {
    const pairs = randomPairs(count, count + 1);
    const want = hashesBySlot(pairs);
    const starts = sharedInt32(mask + 2);
    sortByBucket(pairs, mask, starts);
    assertSortedByBucket(pairs, starts, mask, want);
  }
});

test('a key in most postings (one huge partition, the others nearly empty) sorts the same', () => {
  const mask = (1 << 16) - 1;
  const pairs = randomPairs(200_000, 7);
  for (let i = 0; i < pairs.length; i += 2) if (i % 8 !== 0) pairs[i + 1] = 0x5bd1e995;
  const want = hashesBySlot(pairs);
  const starts = sharedInt32(mask + 2);
  sortByBucket(pairs, mask, starts);
  assertSortedByBucket(pairs, starts, mask, want);
});
