/**
 * The sort that turns a bulk load's postings into runs by bucket: alone, with helpers that do
 * their parts (in this thread, and on a real worker thread), and with helpers that fail, whose
 * parts are then done here. Each result is checked against a plain stable sort by bucket.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runBucketSortStep, sortByBucket } from '../../src/matching/index/bucket-sort.ts';
import type { SortHelpers } from '../../src/matching/index/bucket-sort.ts';
import { sharedInt32 } from '../../src/matching/index/shared-arrays.ts';
import { IndexWorkerPool } from '../../src/matching/index/worker-pool.ts';
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

/** Helpers that do their parts at once, in this thread, or fail the given steps. */
function inlineHelpers(count: number, failing: ReadonlySet<string> = new Set()): SortHelpers & { ran: string[] } {
  const ran: string[] = [];
  return {
    count,
    ran,
    run(helper, step, done) {
      ran.push(`${helper}:${step.step}`);
      if (failing.has(step.step)) {
        done[0] = -1;
        return;
      }
      runBucketSortStep(step);
      done[0] = 1;
    },
  };
}

test('postings are sorted into one run per bucket, small tables and large', () => {
  for (const [count, mask] of [
    [0, 15],
    [1, 15],
    [1000, 255],
    [50_000, (1 << 15) - 1],
    [600_000, (1 << 19) - 1],
  ] as const) {
    const pairs = randomPairs(count, count + 1);
    const want = hashesBySlot(pairs);
    const starts = sharedInt32(mask + 2);
    sortByBucket(pairs, mask, starts);
    assertSortedByBucket(pairs, starts, mask, want);
  }
});

test('helpers take parts of a large sort, and the result is the same', () => {
  for (const helperCount of [1, 3]) {
    const mask = (1 << 20) - 1;
    const pairs = randomPairs(1_200_000, 5);
    const want = hashesBySlot(pairs);
    const starts = sharedInt32(mask + 2);
    const helpers = inlineHelpers(helperCount);
    sortByBucket(pairs, mask, starts, helpers);
    assertSortedByBucket(pairs, starts, mask, want);
    assert.equal(helpers.ran.length, 3 * helperCount, 'every helper had a part of each of the three steps');
  }
});

test('a small sort does not wait for helpers', () => {
  const helpers = inlineHelpers(1);
  sortByBucket(randomPairs(10_000, 3), 4095, sharedInt32(4097), helpers);
  assert.deepEqual(helpers.ran, []);
});

test("a helper's failed or refused part is done here instead", () => {
  const mask = (1 << 20) - 1;
  for (const failing of [['count'], ['scatter'], ['buckets'], ['count', 'scatter', 'buckets']]) {
    const pairs = randomPairs(600_000, 9);
    const want = hashesBySlot(pairs);
    const starts = sharedInt32(mask + 2);
    sortByBucket(pairs, mask, starts, inlineHelpers(1, new Set(failing)));
    assertSortedByBucket(pairs, starts, mask, want);
  }
  const pairs = randomPairs(600_000, 10);
  const want = hashesBySlot(pairs);
  const starts = sharedInt32(mask + 2);
  const refusing: SortHelpers = {
    count: 1,
    run() {
      throw new Error('the worker is gone');
    },
  };
  sortByBucket(pairs, mask, starts, refusing);
  assertSortedByBucket(pairs, starts, mask, want);
});

test('a worker thread of the index pool takes its parts over shared memory', async () => {
  const pool = new IndexWorkerPool(1);
  try {
    const poolHelpers = pool.sortHelpers();
    assert.ok(poolHelpers, 'an idle pool offers its threads');
    // Only the worker sets a part's flag (a part done here instead leaves it as it was).
    const flags: Int32Array[] = [];
    const helpers: SortHelpers = {
      count: poolHelpers.count,
      run(helper, step, done) {
        flags.push(done);
        poolHelpers.run(helper, step, done);
      },
    };
    const mask = (1 << 20) - 1;
    const pairs = randomPairs(900_000, 21);
    const want = hashesBySlot(pairs);
    const starts = sharedInt32(mask + 2);
    // The worker is still loading its code when its first part arrives: this thread waits for it.
    sortByBucket(pairs, mask, starts, helpers);
    assertSortedByBucket(pairs, starts, mask, want);
    assert.deepEqual(
      flags.map((flag) => flag[0]),
      [1, 1, 1],
      'the worker did its part of each step',
    );
  } finally {
    await pool.close();
  }
});
