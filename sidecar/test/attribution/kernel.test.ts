import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countedRanges,
  creditByPartner,
  KERNEL_MODELS,
  modelShares,
  positionBasedShares,
  timeDecayShares,
  linearShares,
  type TouchColumns,
} from '../../src/attribution/kernel.ts';
import { exp2NonPositive } from '../../src/attribution/exp2.ts';
import { baselineCreditByPartner, baselineShares, type BaselineModel } from '../../bench/attribution/baseline.ts';
import { baselineOpportunities, syntheticColumns } from '../../bench/attribution/generate.ts';
import { seededRandom } from '../../bench/seeded-random.ts';

const DAY = 86_400_000;
const SETTINGS = { halfLifeDays: 30, positionFirstWeight: 0.4, positionLastWeight: 0.4 };

/** One closed opportunity with touches `daysBefore` the close instant (in play long before). */
function single(daysBefore: number[], options: { open?: boolean; inPlayDaysBefore?: number } = {}): TouchColumns {
  const asOf = Date.UTC(2026, 5, 30);
  const at = Float64Array.from([...daysBefore].sort((a, b) => b - a).map((d) => asOf - d * DAY));
  return {
    opportunityCount: 1,
    offsets: Int32Array.from([0, at.length]),
    at,
    partner: Int32Array.from(at, (_, i) => i),
    inPlayAt: Float64Array.of(asOf - (options.inPlayDaysBefore ?? 1000) * DAY),
    asOf: Float64Array.of(asOf),
    open: Uint8Array.of(options.open ? 1 : 0),
    amount: Float64Array.of(1000),
    partnerCount: at.length,
  };
}

function shares(model: (typeof KERNEL_MODELS)[number], columns: TouchColumns, settings = SETTINGS): number[] {
  const out = new Float64Array(columns.at.length);
  modelShares(model, columns, countedRanges(columns), settings, out);
  return [...out];
}

test('time decay reproduces the 7-day half-life example: touches 14, 7, 0 days before conversion weigh 0.25, 0.5, 1', () => {
  const columns = single([14, 7, 0]);
  const out = shares('time_decay', columns, { ...SETTINGS, halfLifeDays: 7 });
  assert.deepEqual(out, [0.25 / 1.75, 0.5 / 1.75, 1 / 1.75]);
  assert.deepEqual(out, [1 / 7, 2 / 7, 4 / 7]);
});

test('exp2 tables are exact at integer exponents and within an ulp or two elsewhere', () => {
  for (let k = 0; k <= 1074; k++) assert.equal(exp2NonPositive(-k), 2 ** -k);
  assert.equal(exp2NonPositive(-1075.5), 0);
  assert.equal(exp2NonPositive(0), 1);
  assert.equal(exp2NonPositive(-0), 1);
  const random = seededRandom(7);
  for (let i = 0; i < 100_000; i++) {
    const x = -random() * 60;
    const exact = Math.pow(2, x);
    assert.ok(Math.abs(exp2NonPositive(x) - exact) <= 4e-16 * exact, `2^${x}`);
  }
});

test('position based 40/20/40: five touches give 0.4, 0.0667×3, 0.4; two give 50/50; one gives all', () => {
  const five = shares('position_based', single([40, 30, 20, 10, 0]));
  assert.deepEqual(five, [0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4]);
  assert.deepEqual(shares('position_based', single([10, 0])), [0.5, 0.5]);
  assert.deepEqual(shares('position_based', single([3])), [1]);
  const four = shares('position_based', single([30, 20, 10, 0]));
  assert.deepEqual(four, [0.4, 0.1, 0.1, 0.4]);
});

test('first touch, last touch and linear', () => {
  const columns = single([30, 20, 10, 0]);
  assert.deepEqual(shares('first_touch', columns), [1, 0, 0, 0]);
  assert.deepEqual(shares('last_touch', columns), [0, 0, 0, 1]);
  assert.deepEqual(shares('linear', columns), [0.25, 0.25, 0.25, 0.25]);
});

test('a touch after the close or before the deal was in play gets no credit under any model', () => {
  // -2 days before = 2 days after the close; 50 days before is before in play (in play 40 days before).
  const columns = single([50, 30, 10, -2], { inPlayDaysBefore: 40 });
  for (const model of KERNEL_MODELS) {
    const out = shares(model, columns);
    assert.equal(out[0], 0, `${model}: before in play`);
    assert.equal(out[3], 0, `${model}: after close`);
    assert.ok(Math.abs((out[1] as number) + (out[2] as number) - 1) < 1e-12, `${model}: the counted touches hold the pool`);
  }
  assert.deepEqual(shares('time_decay', single([5, 1], { inPlayDaysBefore: 0.5 })), [0, 0], 'nothing counted: no credit at all');
});

test('half-life → ∞ equals linear (exactly at Infinity, within 1e-9 for a huge half-life)', () => {
  const columns = syntheticColumns({ opportunities: 2000, touchesPerOpportunity: 7, partners: 50, seed: 3 });
  const ranges = countedRanges(columns);
  const linear = new Float64Array(columns.at.length);
  linearShares(columns, ranges, linear);
  const infinite = new Float64Array(columns.at.length);
  timeDecayShares(columns, ranges, Number.POSITIVE_INFINITY, infinite);
  assert.deepEqual(infinite, linear);
  const huge = new Float64Array(columns.at.length);
  timeDecayShares(columns, ranges, 1e12, huge);
  huge.forEach((value, i) => assert.ok(Math.abs(value - (linear[i] as number)) < 1e-9));
});

test('every model: the counted shares of each opportunity sum to 1 within 1e-9 (or are all 0)', () => {
  for (const seed of [1, 2, 3]) {
    const columns = syntheticColumns({ opportunities: 3000, touchesPerOpportunity: 1 + seed * 4, partners: 40, seed });
    const ranges = countedRanges(columns);
    for (const model of KERNEL_MODELS) {
      const out = new Float64Array(columns.at.length);
      modelShares(model, columns, ranges, { ...SETTINGS, halfLifeDays: 1 + seed * 10 }, out);
      for (let o = 0; o < columns.opportunityCount; o++) {
        let sum = 0;
        for (let i = columns.offsets[o] as number; i < (columns.offsets[o + 1] as number); i++) {
          assert.ok((out[i] as number) >= 0);
          sum += out[i] as number;
        }
        const counted = (ranges.end[o] as number) - (ranges.first[o] as number);
        if (counted === 0) assert.equal(sum, 0);
        else assert.ok(Math.abs(sum - 1) < 1e-9, `${model} opportunity ${o}: ${sum}`);
      }
    }
  }
});

test('the columnar kernel and the object baseline agree on every touch', () => {
  const columns = syntheticColumns({ opportunities: 5000, touchesPerOpportunity: 9, partners: 100, seed: 11 });
  const objects = baselineOpportunities(columns);
  const ranges = countedRanges(columns);
  for (const model of KERNEL_MODELS) {
    const out = new Float64Array(columns.at.length);
    modelShares(model, columns, ranges, SETTINGS, out);
    objects.forEach((opportunity, o) => {
      const expected = baselineShares(opportunity, model as BaselineModel, SETTINGS);
      expected.forEach((value, j) => {
        const actual = out[(columns.offsets[o] as number) + j] as number;
        assert.ok(Math.abs(actual - value) <= 1e-12, `${model} opportunity ${o} touch ${j}: ${actual} vs ${value}`);
      });
    });
  }
});

test('the kernel is deterministic: the same columns give the same bits', () => {
  const columns = syntheticColumns({ opportunities: 1000, touchesPerOpportunity: 10, partners: 30, seed: 5 });
  for (const model of KERNEL_MODELS) {
    const a = new Float64Array(columns.at.length);
    const b = new Float64Array(columns.at.length).fill(123);
    modelShares(model, columns, countedRanges(columns), SETTINGS, a);
    modelShares(model, columns, countedRanges(columns), SETTINGS, b);
    assert.deepEqual(new Uint8Array(a.buffer), new Uint8Array(b.buffer));
  }
});

test('asymmetric position weights are honoured with three or more touches', () => {
  const columns = single([20, 10, 0]);
  const out = new Float64Array(3);
  positionBasedShares(columns, countedRanges(columns), 0.3, 0.5, out);
  assert.deepEqual([...out], [0.3, 0.2, 0.5]);
});

test('credit per partner: fused into the model pass, as a separate pass, and by the baseline, all agree', () => {
  const columns = syntheticColumns({ opportunities: 4000, touchesPerOpportunity: 10, partners: 60, seed: 21 });
  const objects = baselineOpportunities(columns);
  const ranges = countedRanges(columns);
  for (const model of KERNEL_MODELS) {
    const fused = new Float64Array(columns.partnerCount);
    const shares = new Float64Array(columns.at.length);
    modelShares(model, columns, ranges, SETTINGS, shares, fused);
    const separate = new Float64Array(columns.partnerCount);
    creditByPartner(columns, shares, separate);
    const baseline = baselineCreditByPartner(objects, model as BaselineModel, SETTINGS);
    let total = 0;
    for (let p = 0; p < columns.partnerCount; p++) {
      const expected = baseline.get(p) ?? 0;
      total += fused[p] as number;
      assert.ok(Math.abs((fused[p] as number) - expected) <= 1e-9 * Math.max(1, expected), `${model} partner ${p}`);
      assert.ok(Math.abs((separate[p] as number) - expected) <= 1e-9 * Math.max(1, expected), `${model} partner ${p}`);
    }
    assert.ok(total > 0);
  }
});

test('counted ranges into reused buffers equal fresh ones', () => {
  const columns = syntheticColumns({ opportunities: 500, touchesPerOpportunity: 6, partners: 10, seed: 8 });
  const fresh = countedRanges(columns);
  const reused = countedRanges(columns, { first: new Int32Array(500).fill(-7), end: new Int32Array(500).fill(-7) });
  assert.deepEqual(reused, fresh);
});
