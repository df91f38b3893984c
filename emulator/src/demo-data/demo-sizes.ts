/** How big a generated org is: 'small' for tests, 'demo' for the quick start, a number for benchmarks. */
export type DemoScale = 'demo' | 'small' | number;

export interface DemoSizes {
  partners: number;
  salesReps: number;
  partnerManagers: number;
  /** Customer and prospect accounts (partner accounts come on top). */
  accounts: number;
  leads: number;
  referrals: number;
  /** Rows in each partner's account list (for overlap). */
  partnerListRows: number;
}

/** A number is the count of customer/prospect Accounts; the other objects scale with it. */
export function demoSizes(scale: DemoScale): DemoSizes {
  if (scale === 'small')
    return { partners: 12, salesReps: 4, partnerManagers: 3, accounts: 200, leads: 100, referrals: 80, partnerListRows: 40 };
  if (scale === 'demo')
    return { partners: 40, salesReps: 16, partnerManagers: 6, accounts: 3000, leads: 1500, referrals: 400, partnerListRows: 150 };
  if (!Number.isInteger(scale) || scale < 50)
    throw new Error(`demo data scale must be 'small', 'demo' or a whole number of accounts >= 50, got ${String(scale)}`);
  return {
    partners: 40,
    salesReps: 16 + Math.floor(scale / 20_000),
    partnerManagers: 6,
    accounts: scale,
    leads: Math.floor(scale / 2),
    referrals: Math.max(400, Math.floor(scale / 20)),
    partnerListRows: Math.min(5000, Math.max(40, Math.floor(scale / 20))),
  };
}
