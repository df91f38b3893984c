/**
 * The straightforward way to compute the influence models: arrays of touch objects, filter, map,
 * Math.pow, a Map per opportunity. The benchmark times it beside the columnar kernel, and the tests
 * check that both give the same shares.
 */
export interface BaselineTouch {
  at: number;
  partner: number;
}

export interface BaselineOpportunity {
  inPlayAt: number;
  asOf: number;
  open: boolean;
  amount: number;
  /** Sorted by time. */
  touches: BaselineTouch[];
}

export type BaselineModel = 'time_decay' | 'linear' | 'first_touch' | 'last_touch' | 'position_based';

export interface BaselineSettings {
  halfLifeDays: number;
  positionFirstWeight: number;
  positionLastWeight: number;
}

const DAY_MS = 86_400_000;

/** Shares of one opportunity's touches (same order as its touches; 0 when not counted). */
export function baselineShares(opportunity: BaselineOpportunity, model: BaselineModel, settings: BaselineSettings): number[] {
  const counted = opportunity.touches
    .map((touch, index) => ({ touch, index }))
    .filter(({ touch }) => touch.at >= opportunity.inPlayAt && touch.at <= opportunity.asOf);
  const shares: number[] = opportunity.touches.map(() => 0);
  const n = counted.length;
  if (n === 0) return shares;
  if (model === 'time_decay') {
    const reference = opportunity.open ? Math.max(...counted.map(({ touch }) => touch.at)) : opportunity.asOf;
    const weights = counted.map(({ touch }) => Math.pow(2, -(reference - touch.at) / (settings.halfLifeDays * DAY_MS)));
    const total = weights.reduce((a, b) => a + b, 0);
    counted.forEach(({ index }, i) => (shares[index] = (weights[i] as number) / total));
  } else if (model === 'linear') {
    counted.forEach(({ index }) => (shares[index] = 1 / n));
  } else if (model === 'first_touch') {
    shares[(counted[0] as { index: number }).index] = 1;
  } else if (model === 'last_touch') {
    shares[(counted[n - 1] as { index: number }).index] = 1;
  } else if (n === 1) {
    shares[(counted[0] as { index: number }).index] = 1;
  } else if (n === 2) {
    counted.forEach(({ index }) => (shares[index] = 0.5));
  } else {
    counted.forEach(({ index }, i) => {
      shares[index] =
        i === 0
          ? settings.positionFirstWeight
          : i === n - 1
            ? settings.positionLastWeight
            : (1 - settings.positionFirstWeight - settings.positionLastWeight) / (n - 2);
    });
  }
  return shares;
}

/** Credited amount per partner across all opportunities under one model. */
export function baselineCreditByPartner(
  opportunities: BaselineOpportunity[],
  model: BaselineModel,
  settings: BaselineSettings,
): Map<number, number> {
  const credit = new Map<number, number>();
  for (const opportunity of opportunities) {
    const shares = baselineShares(opportunity, model, settings);
    opportunity.touches.forEach((touch, i) =>
      credit.set(touch.partner, (credit.get(touch.partner) ?? 0) + opportunity.amount * (shares[i] as number)),
    );
  }
  return credit;
}
