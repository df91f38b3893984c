/**
 * Public API of the matching engine (pure: no I/O). See docs/matching.md.
 *
 *   const checker = new SubmissionChecker({ settings });
 *   checker.upsertAccount(accountFacts(account)); …            // build once, then keep current
 *   const check = checker.check(referralFacts(referral), now);  // classify one submission
 *   referralFieldsFromCheck(check); conflictRecordsFromCheck(check); // values to write
 *   mergedConflictRecords(checks);                    // one row per conflict several checks found
 */

// Checking submissions (classification, recommendation, stop gates, conflicts)
export { SubmissionChecker, referralMatchRecord } from './classify/submission-checker.ts';
export type { SubmissionCheckerOptions } from './classify/submission-checker.ts';
export type {
  SubmissionCheck,
  Classification,
  ConflictType,
  ConflictFinding,
  EvidenceEvent,
  Recommendation,
  DuplicateStatus,
  StopGate,
} from './classify/result.ts';
export type {
  AccountFacts,
  ActivityFacts,
  ContactFacts,
  LeadFacts,
  OpportunityFacts,
  PartnerFacts,
  ReferralFacts,
  ReferralStatus,
  DataSharingLevel,
  Population,
} from './classify/facts.ts';
export { findStopGates } from './classify/stop-gates.ts';
export type { GateFinding } from './classify/stop-gates.ts';
export { partnerVisibleReason } from './classify/partner-visible-reason.ts';
export { addBusinessDays } from './classify/business-days.ts';

// Org records → facts, results → fields to write
export {
  FIELDS_READ,
  RecordMappingError,
  accountFacts,
  leadFacts,
  contactFacts,
  opportunityFacts,
  taskFacts,
  eventFacts,
  partnerFacts,
  referralFacts,
} from './org/record-mappers.ts';
export { referralFieldsFromCheck, conflictRecordsFromCheck, mergedConflictRecords, overlapRecords } from './org/result-fields.ts';
export type { CheckedSubmission, MergedConflict } from './org/result-fields.ts';

// Account overlap with partners' account lists
export { computeOverlaps, overlapVisibleTo } from './overlap/compute-overlaps.ts';
export type { OverlapInput, OverlapResult, OverlapSummary } from './overlap/compute-overlaps.ts';
export {
  partnerAccountsFromRows,
  resolvePartnerListColumns,
  partnerPopulation,
  PartnerListError,
  PARTNER_LIST_COLUMNS,
} from './overlap/partner-account-list.ts';
export type { PartnerAccount } from './overlap/partner-account-list.ts';

// The match index and record-level matching
export { MatchIndex } from './index/match-index.ts';
export type { MatchIndexOptions, FindOptions, MatchIndexStats } from './index/match-index.ts';
export { MATCH_RECORD_KINDS } from './types.ts';
export type { MatchRecord, MatchRecordKind, MatchCandidate, MatchReason, MatchSignal, MatchDecision, MatchThresholds } from './types.ts';

// Normalisers and similarity (used by intake validation and the CLI)
export { normalizeCompanyName } from './normalize/company-name.ts';
export type { NormalizedCompanyName } from './normalize/company-name.ts';
export { registrableDomain, companyDomainOfEmail, companyDomainOfWebsite, isFreeMailDomain, normalizeEmail } from './normalize/domain.ts';
export { FREE_MAIL_DOMAINS } from './normalize/free-mail-domains.ts';
export { normalizePhone } from './normalize/phone.ts';
export type { NormalizedPhone } from './normalize/phone.ts';
export { normalizePersonName } from './normalize/person-name.ts';
export type { NormalizedPersonName } from './normalize/person-name.ts';
export { normalizeAddress, normalizePostalCode, normalizeCity } from './normalize/address.ts';
export type { NormalizedAddress } from './normalize/address.ts';
export { normalizeCountry } from './normalize/country.ts';
export { normalizeRecord, overlongFields, MAX_COMPARED_LENGTH } from './normalize/record.ts';
export type { MatchTextField } from './normalize/record.ts';
export type { NormalizedRecord } from './normalize/record.ts';
export { jaroWinkler, jaroWinklerReference, JaroWinklerPattern } from './similarity/jaro-winkler.ts';
