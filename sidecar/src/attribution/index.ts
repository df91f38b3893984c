/**
 * Attribution and commission: a pure engine (no I/O, "now" is an input). The sync layer loads
 * records, calls attributionInputFromRecords → computeAttributions → planAttributionWrites and
 * upserts the plan; the report is buildPartnerReport over records.
 */
export * from './types.ts';
export { computeAttributions, attributionKey, AttributionInputError } from './engine.ts';
export { attributionInputFromRecords, partnerFromRecord, CLAIMING_REFERRAL_STATUSES } from './from-records.ts';
export type { AttributionRecords, MappedAttributionInput, RecordProblem } from './from-records.ts';
export { planAttributionWrites, attributionRecord, storedMatches, COMPARED_FIELDS } from './write-plan.ts';
export type { AttributionWritePlan, HeldAttribution, AttributionStatus } from './write-plan.ts';
export { buildPartnerReport, renderPartnerReportTable, renderPartnerReportCsv, ReportOptionError, REPORT_COLUMNS } from './report.ts';
export type { PartnerReport, PartnerReportInput, PartnerReportOptions, PartnerReportRow } from './report.ts';
export { decideSourced, registrationStatus } from './sourced.ts';
export type { SourcedDecision } from './sourced.ts';
export * as kernel from './kernel.ts';
export { exp2NonPositive } from './exp2.ts';
