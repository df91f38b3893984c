/** Deterministic synthetic data for the attribution benchmark and property tests. */
import type { TouchColumns } from '../../src/attribution/kernel.ts';
import type { BaselineOpportunity } from './baseline.ts';
import { seededRandom } from '../seeded-random.ts';

const DAY_MS = 86_400_000;

export interface SyntheticOptions {
  opportunities: number;
  touchesPerOpportunity: number;
  partners: number;
  seed: number;
}

/**
 * Opportunities created over two years, closing 30–210 days later (a third still open), with touches
 * from 60 days before creation to 30 days after the close: some count, some fall outside the window.
 */
export function syntheticColumns(options: SyntheticOptions): TouchColumns {
  const { opportunities: n, touchesPerOpportunity: k, partners, seed } = options;
  const random = seededRandom(seed);
  const now = Date.UTC(2026, 10, 24);
  const offsets = new Int32Array(n + 1);
  const at = new Float64Array(n * k);
  const partner = new Int32Array(n * k);
  const inPlayAt = new Float64Array(n);
  const asOf = new Float64Array(n);
  const open = new Uint8Array(n);
  const amount = new Float64Array(n);
  const scratch = new Float64Array(k);
  for (let o = 0; o < n; o++) {
    offsets[o + 1] = (o + 1) * k;
    const created = now - Math.floor(random() * 730 * DAY_MS);
    const isOpen = random() < 0.33;
    const close = isOpen ? now : Math.min(now, created + (30 + Math.floor(random() * 180)) * DAY_MS);
    inPlayAt[o] = created;
    asOf[o] = close;
    open[o] = isOpen ? 1 : 0;
    amount[o] = Math.round(1_000 + random() * 200_000);
    const span = close - created + 90 * DAY_MS;
    for (let j = 0; j < k; j++) scratch[j] = created - 60 * DAY_MS + Math.floor(random() * span);
    scratch.sort();
    for (let j = 0; j < k; j++) {
      at[o * k + j] = scratch[j] as number;
      partner[o * k + j] = Math.floor(random() * partners);
    }
  }
  return { opportunityCount: n, offsets, at, partner, inPlayAt, asOf, open, amount, partnerCount: partners };
}

/** The same data as arrays of objects, for the baseline. */
export function baselineOpportunities(columns: TouchColumns): BaselineOpportunity[] {
  const result: BaselineOpportunity[] = [];
  for (let o = 0; o < columns.opportunityCount; o++) {
    const touches = [];
    for (let i = columns.offsets[o] as number; i < (columns.offsets[o + 1] as number); i++)
      touches.push({ at: columns.at[i] as number, partner: columns.partner[i] as number });
    result.push({
      inPlayAt: columns.inPlayAt[o] as number,
      asOf: columns.asOf[o] as number,
      open: columns.open[o] === 1,
      amount: columns.amount[o] as number,
      touches,
    });
  }
  return result;
}
