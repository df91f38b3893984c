/**
 * Each partner's own account list, as a partner would export it from their CRM for account
 * mapping (Crossbeam/Reveal style): some rows are our accounts written their way, the rest
 * companies we do not know. CSV columns: Record Id, Company Name, Website, Country, Population.
 */
import { stringify } from 'csv-stringify/sync';
import { companyIdentity, companyNameVariant, websiteVariant } from './identities.ts';
import { demoSizes } from './demo-sizes.ts';
import type { DemoScale } from './demo-sizes.ts';
import { SeededRandom } from './random.ts';

export interface PartnerAccountListRow {
  recordId: string;
  companyName: string;
  website: string;
  country: string;
  population: 'Customers' | 'Prospects' | 'Open Opportunities';
}

export const PARTNER_ACCOUNT_LIST_COLUMNS = ['Record Id', 'Company Name', 'Website', 'Country', 'Population'];

/** The partner key of the index-th generated partner (P-0001 …). */
export function partnerKey(index: number): string {
  return `P-${String(index + 1).padStart(4, '0')}`;
}

/** Partner-only rows come from this part of the company universe (spread, so lists look varied; partners may share some). */
const PARTNER_ONLY_OFFSET = 1_000_000;

export function partnerAccountList(seed: number, scale: DemoScale, partnerIndex: number): PartnerAccountListRow[] {
  const sizes = demoSizes(scale);
  const rows: PartnerAccountListRow[] = [];
  for (let n = 0; n < sizes.partnerListRows; n++) {
    const random = SeededRandom.forIndex(seed, `partner-list-${partnerIndex}`, n);
    const overlapping = random.chance(0.35);
    const company = overlapping
      ? companyIdentity(seed, random.int(0, sizes.accounts - 1))
      : companyIdentity(seed, PARTNER_ONLY_OFFSET + ((n * 7919 + partnerIndex * 104_729) % 900_000));
    rows.push({
      recordId: `${partnerKey(partnerIndex)}-${String(n + 1).padStart(6, '0')}`,
      companyName: overlapping && random.chance(0.5) ? companyNameVariant(company, random) : company.name,
      website: overlapping && random.chance(0.5) ? websiteVariant(company, random) : random.chance(0.1) ? '' : company.website,
      country: company.country,
      population: random.weighted([
        ['Customers', 45],
        ['Prospects', 40],
        ['Open Opportunities', 15],
      ] as const),
    });
  }
  return rows;
}

export function partnerAccountListCsv(seed: number, scale: DemoScale, partnerIndex: number): string {
  const rows = partnerAccountList(seed, scale, partnerIndex);
  return stringify([PARTNER_ACCOUNT_LIST_COLUMNS, ...rows.map((r) => [r.recordId, r.companyName, r.website, r.country, r.population])]);
}
