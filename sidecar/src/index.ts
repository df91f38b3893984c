/**
 * @partner-lead-sync/sidecar: the service that makes matching and attribution real in an org.
 * The engines (matching, attribution, distribution) are pure; this package's sync layer reads
 * the org, runs them and writes the results back. Most users run the CLI (`partner-sync`);
 * these exports are for embedding and tests.
 */
export { loadConfig, ConfigError, sidecarConfigSchema } from './config/config.ts';
export type { SidecarConfig, SidecarConfigInput } from './config/config.ts';
export { openOrg, connectWithJwt, ConnectionError, readEmulatorConnectionFile } from './org/connect.ts';
export type { EmulatorConnectionFile } from './org/connect.ts';
export { OrgClient } from './org/org-client.ts';
export { ApiCallMeter } from './org/api-call-meter.ts';
export { ApiLimitReached, BudgetExhausted, OrgApiError } from './org/api-errors.ts';
export { runSync, RunContext } from './sync/sync-run.ts';
export type { RunReport, SyncJob, JobSummary } from './sync/sync-run.ts';
export { SidecarWatcher } from './sync/watcher.ts';
export { OrgMirror } from './sync/org-mirror.ts';
export { extractChanges, watermarkCondition } from './sync/extract.ts';
export type { Watermark } from './sync/extract.ts';
export { writeRecords } from './sync/write-back.ts';
export type { WriteOperation, RecordFailure, WriteResult } from './sync/write-back.ts';
export { allJobs, referralCheckJob, overlapRefreshJob, attributionRecomputeJob } from './jobs/index.ts';
export { runCli } from './cli/main.ts';
