/** Lead distribution to partners under follow-up SLAs, with reminders and reclaim. Pure. */
export { planDistribution, assignmentKey, SHARK_TANK_POOL_SIZE } from './distribution-planner.ts';
export type { DistributionInput } from './distribution-planner.ts';
export { eligiblePartners, exclusionReason } from './eligibility.ts';
export { regionOfCountry } from './regions.ts';
export type { SalesRegion } from './regions.ts';
export { partnerFromRecord, leadFromRecord, assignmentFromRecord, assignmentToRecord, DistributionInputError } from './record-mapping.ts';
export type * from './types.ts';
