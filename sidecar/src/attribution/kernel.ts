/**
 * The columnar attribution kernel: every influence model over typed arrays, no allocation per
 * touch. The object API (engine.ts) builds these columns and calls the same functions, so the
 * CLI, the sync layer and the benchmark share one implementation of the math.
 *
 * Touches of opportunity o are at indices [offsets[o], offsets[o + 1]), sorted by time (ties in a
 * stable order chosen by the caller). A touch counts when inPlayAt[o] ≤ at ≤ asOf[o]; because the
 * touches are sorted that is one contiguous range per opportunity, computed once by
 * countedRanges() and shared by all models. Every model writes a share per touch (0 when not
 * counted); the counted shares of an opportunity sum to 1, or are all 0 when nothing counts.
 */
import { exp2NonPositive } from './exp2.ts';
import { roundTo } from './money.ts';

export const DAY_MS = 86_400_000;

export interface TouchColumns {
  opportunityCount: number;
  /** Length opportunityCount + 1. */
  offsets: Int32Array;
  /** Epoch ms, ascending within each opportunity. */
  at: Float64Array;
  /** Index into the partner table. */
  partner: Int32Array;
  inPlayAt: Float64Array;
  /** Close instant for closed opportunities, "now" for open ones: later touches get no credit. */
  asOf: Float64Array;
  /** 1 when the opportunity is open: time decay then measures from the latest counted touch. */
  open: Uint8Array;
  amount: Float64Array;
  partnerCount: number;
}

/** Per opportunity, the counted touches are [first[o], end[o]). */
export interface CountedRanges {
  first: Int32Array;
  end: Int32Array;
}

/** `into` reuses buffers from an earlier call (a benchmark or a long-running recompute). */
export function countedRanges(columns: TouchColumns, into?: CountedRanges): CountedRanges {
  const { opportunityCount, offsets, at, inPlayAt, asOf } = columns;
  const first = into && into.first.length >= opportunityCount ? into.first : new Int32Array(opportunityCount);
  const end = into && into.end.length >= opportunityCount ? into.end : new Int32Array(opportunityCount);
  for (let o = 0; o < opportunityCount; o++) {
    const start = offsets[o] as number;
    const stop = offsets[o + 1] as number;
    const from = inPlayAt[o] as number;
    const until = asOf[o] as number;
    // Scan in from both ends: only the uncounted touches (usually few) and one more are read.
    let lo = start;
    while (lo < stop && (at[lo] as number) < from) lo++;
    let hi = stop;
    while (hi > lo && (at[hi - 1] as number) > until) hi--;
    first[o] = lo;
    end[o] = hi;
  }
  return { first, end };
}

function clearUncounted(out: Float64Array, start: number, lo: number, hi: number, stop: number): void {
  for (let i = start; i < lo; i++) out[i] = 0;
  for (let i = hi; i < stop; i++) out[i] = 0;
}

/**
 * Time decay: weight 2^(−Δt / half-life), Δt from the touch to the reference, normalised. The
 * reference is the close instant for a closed deal; for an open deal it would be "now", and since
 * normalising divides the common factor 2^(−(now − t_latest)/h) away, the latest counted touch is
 * used instead: the shares are the same and do not drift with the clock. Half-life Infinity gives
 * every counted touch weight 1 (linear).
 */
export function timeDecayShares(
  columns: TouchColumns,
  ranges: CountedRanges,
  halfLifeDays: number,
  out: Float64Array,
  credit?: Float64Array,
): void {
  const { opportunityCount, offsets, at, asOf, open, partner, amount } = columns;
  const { first, end } = ranges;
  const halfLifeMs = halfLifeDays * DAY_MS;
  for (let o = 0; o < opportunityCount; o++) {
    const start = offsets[o] as number;
    const stop = offsets[o + 1] as number;
    const lo = first[o] as number;
    const hi = end[o] as number;
    clearUncounted(out, start, lo, hi, stop);
    if (lo === hi) continue;
    const latest = at[hi - 1] as number;
    let reference = open[o] === 1 ? latest : (asOf[o] as number);
    let total = 0;
    for (let i = lo; i < hi; i++) {
      const weight = exp2NonPositive(((at[i] as number) - reference) / halfLifeMs);
      out[i] = weight;
      total += weight;
    }
    if (!(total > 0)) {
      // Every weight underflowed (touches > 1000 half-lives before the close): measure from the latest touch.
      reference = latest;
      total = 0;
      for (let i = lo; i < hi; i++) {
        const weight = exp2NonPositive(((at[i] as number) - reference) / halfLifeMs);
        out[i] = weight;
        total += weight;
      }
    }
    if (credit) {
      const value = amount[o] as number;
      for (let i = lo; i < hi; i++) {
        const share = (out[i] as number) / total;
        out[i] = share;
        const p = partner[i] as number;
        credit[p] = (credit[p] as number) + value * share;
      }
    } else {
      for (let i = lo; i < hi; i++) out[i] = (out[i] as number) / total;
    }
  }
}

export function linearShares(columns: TouchColumns, ranges: CountedRanges, out: Float64Array, credit?: Float64Array): void {
  const { opportunityCount, offsets, partner, amount } = columns;
  const { first, end } = ranges;
  for (let o = 0; o < opportunityCount; o++) {
    const start = offsets[o] as number;
    const stop = offsets[o + 1] as number;
    const lo = first[o] as number;
    const hi = end[o] as number;
    clearUncounted(out, start, lo, hi, stop);
    const share = 1 / (hi - lo);
    for (let i = lo; i < hi; i++) out[i] = share;
    if (credit && lo < hi) {
      const value = (amount[o] as number) * share;
      for (let i = lo; i < hi; i++) {
        const p = partner[i] as number;
        credit[p] = (credit[p] as number) + value;
      }
    }
  }
}

export function firstTouchShares(columns: TouchColumns, ranges: CountedRanges, out: Float64Array, credit?: Float64Array): void {
  const { opportunityCount, offsets, partner, amount } = columns;
  const { first, end } = ranges;
  for (let o = 0; o < opportunityCount; o++) {
    const start = offsets[o] as number;
    const stop = offsets[o + 1] as number;
    const lo = first[o] as number;
    const hi = end[o] as number;
    for (let i = start; i < stop; i++) out[i] = 0;
    if (lo < hi) {
      out[lo] = 1;
      if (credit) {
        const p = partner[lo] as number;
        credit[p] = (credit[p] as number) + (amount[o] as number);
      }
    }
  }
}

export function lastTouchShares(columns: TouchColumns, ranges: CountedRanges, out: Float64Array, credit?: Float64Array): void {
  const { opportunityCount, offsets, partner, amount } = columns;
  const { first, end } = ranges;
  for (let o = 0; o < opportunityCount; o++) {
    const start = offsets[o] as number;
    const stop = offsets[o + 1] as number;
    const lo = first[o] as number;
    const hi = end[o] as number;
    for (let i = start; i < stop; i++) out[i] = 0;
    if (lo < hi) {
      out[hi - 1] = 1;
      if (credit) {
        const p = partner[hi - 1] as number;
        credit[p] = (credit[p] as number) + (amount[o] as number);
      }
    }
  }
}

/**
 * Position based (U-shaped): the first counted touch gets firstWeight, the last lastWeight, the
 * ones between split the rest evenly. One touch gets everything; two split 50/50 (as the
 * published definition says, whatever the first/last weights).
 */
export function positionBasedShares(
  columns: TouchColumns,
  ranges: CountedRanges,
  firstWeight: number,
  lastWeight: number,
  out: Float64Array,
  credit?: Float64Array,
): void {
  const { opportunityCount, offsets, partner, amount } = columns;
  const { first, end } = ranges;
  // Weights are decimals from custom metadata: 1 − 0.4 − 0.4 is 0.2, not 0.19999999999999996.
  const middleWeight = roundTo(1 - firstWeight - lastWeight, 12);
  for (let o = 0; o < opportunityCount; o++) {
    const start = offsets[o] as number;
    const stop = offsets[o + 1] as number;
    const lo = first[o] as number;
    const hi = end[o] as number;
    clearUncounted(out, start, lo, hi, stop);
    const count = hi - lo;
    if (count === 0) continue;
    if (count === 1) {
      out[lo] = 1;
    } else if (count === 2) {
      out[lo] = 0.5;
      out[lo + 1] = 0.5;
    } else {
      const middleShare = middleWeight / (count - 2);
      out[lo] = firstWeight;
      for (let i = lo + 1; i < hi - 1; i++) out[i] = middleShare;
      out[hi - 1] = lastWeight;
    }
    if (credit) {
      const value = amount[o] as number;
      for (let i = lo; i < hi; i++) {
        const p = partner[i] as number;
        credit[p] = (credit[p] as number) + value * (out[i] as number);
      }
    }
  }
}

/** Adds amount × share of every touch to its partner (the models do this inline when given a credit array). */
export function creditByPartner(columns: TouchColumns, shares: Float64Array, out: Float64Array): void {
  const { opportunityCount, offsets, partner, amount } = columns;
  for (let o = 0; o < opportunityCount; o++) {
    const value = amount[o] as number;
    const stop = offsets[o + 1] as number;
    for (let i = offsets[o] as number; i < stop; i++) {
      const p = partner[i] as number;
      out[p] = (out[p] as number) + value * (shares[i] as number);
    }
  }
}

export type KernelModel = 'time_decay' | 'linear' | 'first_touch' | 'last_touch' | 'position_based';
export const KERNEL_MODELS: readonly KernelModel[] = Object.freeze(['time_decay', 'linear', 'first_touch', 'last_touch', 'position_based']);

export interface KernelSettings {
  halfLifeDays: number;
  positionFirstWeight: number;
  positionLastWeight: number;
}

/**
 * Shares of one model for every touch; with `credit` (one slot per partner) also adds each touch's
 * amount × share to its partner in the same pass.
 */
export function modelShares(
  model: KernelModel,
  columns: TouchColumns,
  ranges: CountedRanges,
  settings: KernelSettings,
  out: Float64Array,
  credit?: Float64Array,
): void {
  switch (model) {
    case 'time_decay':
      return timeDecayShares(columns, ranges, settings.halfLifeDays, out, credit);
    case 'linear':
      return linearShares(columns, ranges, out, credit);
    case 'first_touch':
      return firstTouchShares(columns, ranges, out, credit);
    case 'last_touch':
      return lastTouchShares(columns, ranges, out, credit);
    case 'position_based':
      return positionBasedShares(columns, ranges, settings.positionFirstWeight, settings.positionLastWeight, out, credit);
  }
}
