/** The sidecar's jobs, each runnable alone (`check`, `overlaps`, `attribute`) or together (`run`). */
import type { SyncJob } from '../sync/sync-run.ts';
import { attributionRecomputeJob } from './attribution-recompute.ts';
import { leadDistributionJob } from './lead-distribution.ts';
import { overlapRefreshJob } from './overlap-refresh.ts';
import { OWN_REFERRAL_FIELDS, referralCheckJob } from './referral-check.ts';

export { attributionRecomputeJob } from './attribution-recompute.ts';
export { leadDistributionJob, noticeLogKey } from './lead-distribution.ts';
export { overlapRefreshJob, partnerListFiles } from './overlap-refresh.ts';
export { referralCheckJob, OWN_REFERRAL_FIELDS, CHECKABLE_STATUSES, REFERRAL_CHECK_STREAM } from './referral-check.ts';

/**
 * The full cycle, in dependency order: checks first (they open conflicts), then overlaps, then
 * lead distribution (worked assignments are attribution touches), then attribution.
 */
export function allJobs(): SyncJob[] {
  return [referralCheckJob, overlapRefreshJob, leadDistributionJob, attributionRecomputeJob];
}

/**
 * What watch mode runs: every job on start and at each poll, the referral check alone on a
 * referral change event, ignoring change events that only touch the fields the check writes.
 */
export function watchJobs(): { cycleJobs: SyncJob[]; eventJobs: SyncJob[]; ownReferralFields: ReadonlySet<string> } {
  return { cycleJobs: allJobs(), eventJobs: [referralCheckJob], ownReferralFields: OWN_REFERRAL_FIELDS };
}
