/** Rounding to the org's field scales, so what we compare is what the org stores. */

/** Rounds half away from zero at `decimals` places, on the decimal representation (1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(value)}e${decimals}`));
  return sign * Number(`${shifted}e-${decimals}`) || 0;
}

/** Share__c: Number(12, 10). */
export const roundShare = (value: number): number => roundTo(value, 10);
/** Currency(16, 2). */
export const roundMoney = (value: number): number => roundTo(value, 2);
/** Percent(5, 2) and Number(6, 2). */
export const roundPercent = (value: number): number => roundTo(value, 2);

/**
 * Splits `total` into units of 10^-decimals in proportion to `weights` so the parts add up exactly
 * to the total (largest remainder; ties go to the earlier index, so the result is deterministic).
 */
export function allocate(total: number, weights: readonly number[], decimals: number): number[] {
  const scale = 10 ** decimals;
  const sign = total < 0 ? -1 : 1;
  const totalUnits = Math.round(roundTo(Math.abs(total), decimals) * scale);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  if (weights.length === 0 || !(weightSum > 0)) return weights.map(() => 0);
  const exact = weights.map((w) => (totalUnits * w) / weightSum);
  const units = exact.map((x) => Math.floor(x));
  let missing = totalUnits - units.reduce((sum, u) => sum + u, 0);
  const order = exact.map((x, i) => ({ i, remainder: x - Math.floor(x) })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    units[i] = (units[i] as number) + 1;
    missing--;
  }
  return units.map((u) => (sign * u) / scale || 0);
}

/** Money split to the cent: the credited amounts of a pool add up to the opportunity amount. */
export const allocateCents = (total: number, weights: readonly number[]): number[] => allocate(total, weights, 2);
/** Shares split to Share__c's 10 decimals: the stored shares of a pool add up to 1. */
export const allocateShares = (weights: readonly number[]): number[] => allocate(1, weights, 10);
