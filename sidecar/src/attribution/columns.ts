/**
 * Object input → the kernel's columns. Touches are ordered by time, ties by key, and a touch
 * reached through two paths (say the opportunity and its account) is kept once.
 */
import type { TouchColumns } from './kernel.ts';
import type { AttributionOpportunity, AttributionTouch } from './types.ts';

export function compareTouches(a: AttributionTouch, b: AttributionTouch): number {
  return a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The touches of one opportunity in kernel order, without duplicate keys. */
export function orderedTouches(opportunity: AttributionOpportunity): AttributionTouch[] {
  const seen = new Set<string>();
  const unique: AttributionTouch[] = [];
  for (const touch of opportunity.touches) {
    if (seen.has(touch.key)) continue;
    seen.add(touch.key);
    unique.push(touch);
  }
  return unique.sort(compareTouches);
}

/** The reference instant for "after close / after now": the end of the close date, or now while open. */
export function asOfFor(opportunity: AttributionOpportunity, now: number): number {
  return opportunity.isClosed ? opportunity.closeAt : now;
}

export function buildTouchColumns(
  opportunities: readonly AttributionOpportunity[],
  touchesByOpportunity: readonly AttributionTouch[][],
  partnerIndex: ReadonlyMap<string, number>,
  now: number,
): TouchColumns {
  const opportunityCount = opportunities.length;
  const offsets = new Int32Array(opportunityCount + 1);
  for (let o = 0; o < opportunityCount; o++) offsets[o + 1] = (offsets[o] as number) + (touchesByOpportunity[o]?.length ?? 0);
  const touchCount = offsets[opportunityCount] as number;
  const at = new Float64Array(touchCount);
  const partner = new Int32Array(touchCount);
  const inPlayAt = new Float64Array(opportunityCount);
  const asOf = new Float64Array(opportunityCount);
  const open = new Uint8Array(opportunityCount);
  const amount = new Float64Array(opportunityCount);
  opportunities.forEach((opportunity, o) => {
    inPlayAt[o] = opportunity.inPlayAt;
    asOf[o] = asOfFor(opportunity, now);
    open[o] = opportunity.isClosed ? 0 : 1;
    amount[o] = opportunity.amount ?? 0;
    let i = offsets[o] as number;
    for (const touch of touchesByOpportunity[o] ?? []) {
      at[i] = touch.at;
      partner[i] = partnerIndex.get(touch.partnerId) ?? -1;
      i++;
    }
  });
  return { opportunityCount, offsets, at, partner, inPlayAt, asOf, open, amount, partnerCount: partnerIndex.size };
}
