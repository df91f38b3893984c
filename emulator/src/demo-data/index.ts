/** The demo org: its generator, identities and partner account lists, for the quick start and benchmarks. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startOrgEmulator } from '../org-emulator.ts';
import type { OrgEmulator, OrgEmulatorOptions } from '../org-emulator.ts';
import { demoSizes } from './demo-sizes.ts';
import type { DemoScale } from './demo-sizes.ts';
import { partnerAccountListCsv, partnerKey } from './partner-account-lists.ts';

export { generateDemoOrg } from './generate-demo-org.ts';
export type { DemoOrgOptions, DemoOrgSummary } from './generate-demo-org.ts';
export { demoSizes } from './demo-sizes.ts';
export type { DemoScale, DemoSizes } from './demo-sizes.ts';
export {
  companyIdentity,
  companyNameVariant,
  websiteVariant,
  emailDomainVariant,
  personIdentity,
  emailAddress,
  REGIONS,
  INDUSTRIES,
} from './identities.ts';
export type { CompanyIdentity, PersonIdentity, Region } from './identities.ts';
export { partnerAccountList, partnerAccountListCsv, partnerKey, PARTNER_ACCOUNT_LIST_COLUMNS } from './partner-account-lists.ts';
export type { PartnerAccountListRow } from './partner-account-lists.ts';
export { SeededRandom } from './random.ts';

/** The quick start's fixed seed: the same demo org on every machine. */
export const DEMO_SEED = 20261124;
export const DEMO_STORAGE_FILE = '.org-emulator/demo.sqlite';

/** Starts the emulator with the demo org (generated on first start, kept in .org-emulator/demo.sqlite). */
export function startDemoOrg(options: OrgEmulatorOptions = {}): Promise<OrgEmulator> {
  return startOrgEmulator({ storage: { file: DEMO_STORAGE_FILE }, demoData: { seed: DEMO_SEED, scale: 'demo' }, ...options });
}

/** Writes each generated partner's account list to dir/<partner key>.csv; returns the file paths. */
export function writePartnerAccountLists(dir: string, seed = DEMO_SEED, scale: DemoScale = 'demo'): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let p = 0; p < demoSizes(scale).partners; p++) {
    const file = path.join(dir, `${partnerKey(p)}.csv`);
    writeFileSync(file, partnerAccountListCsv(seed, scale, p));
    files.push(file);
  }
  return files;
}
