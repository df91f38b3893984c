/**
 * @partner-lead-sync/org-emulator: a local stand-in for the Salesforce REST, Bulk API 2.0,
 * OAuth (JWT bearer) and CometD (Change Data Capture) API, its schema read from force-app.
 * A test and demo double: faithful to the platform, with no product logic in it.
 */
export { startOrgEmulator, DEFAULT_USERNAME, DEFAULT_STORAGE_FILE } from './org-emulator.ts';
export type { OrgEmulator, OrgEmulatorOptions } from './org-emulator.ts';
export { FaultInjector } from './faults/fault-injector.ts';
export type { FaultScope, FaultHandle, FaultAction, ObservedCall } from './faults/fault-injector.ts';
export type { EmailMessage } from './http/outbox.ts';
export type { StorageOption } from './storage/database.ts';
export { makeRecordId, normalizeId, caseSafeSuffix } from './ids.ts';
export {
  startDemoOrg,
  writePartnerAccountLists,
  generateDemoOrg,
  DEMO_SEED,
  DEMO_STORAGE_FILE,
  demoSizes,
  companyIdentity,
  companyNameVariant,
  websiteVariant,
  emailDomainVariant,
  personIdentity,
  emailAddress,
  partnerAccountList,
  partnerAccountListCsv,
  partnerKey,
  PARTNER_ACCOUNT_LIST_COLUMNS,
  SeededRandom,
} from './demo-data/index.ts';
export type {
  DemoScale,
  DemoSizes,
  DemoOrgOptions,
  DemoOrgSummary,
  CompanyIdentity,
  PersonIdentity,
  PartnerAccountListRow,
} from './demo-data/index.ts';
