/**
 * One run of the sidecar: open the run log, re-send what failed last time, refresh the mirror,
 * run the jobs, record failures, close the run log with its counts and API calls. A run stops
 * cleanly when the org's daily allowance or the run's budget is spent; the next run resumes
 * from the watermarks saved in the org.
 */
import type { Logger } from 'pino';
import type { SidecarConfig } from '../config/config.ts';
import { ApiCallMeter } from '../org/api-call-meter.ts';
import { ApiLimitReached, BudgetExhausted, ProcessKilled } from '../org/api-errors.ts';
import type { OrgClient } from '../org/org-client.ts';
import { realSleep } from '../org/retry-policy.ts';
import { DEFAULT_PROGRAM_SETTINGS, programSettingsFromMetadata, type ProgramSettings } from '../settings/program-settings.ts';
import { queryMany } from './composite-query.ts';
import { OrgMirror, type MirrorSettings, type RefreshOutcome } from './org-mirror.ts';
import { emptyCounts, errorKeyOf, RunLog, type PendingError, type RunCounts, type RunJob, type RunStatus } from './run-log.ts';
import { SyncStateStore, type StreamState } from './sync-state.ts';
import { writeRecords, type RecordFailure, type WriteOperation, type WriteResult, type WriteSettings } from './write-back.ts';

export interface JobSummary {
  job: string;
  [figure: string]: string | number | boolean | string[];
}

export interface SyncJob {
  name: string;
  /** Objects the job reads from the mirror. */
  objects: string[];
  run(context: RunContext): Promise<JobSummary>;
}

export interface RunOptions {
  client: OrgClient;
  config: SidecarConfig;
  jobs: SyncJob[];
  runJob: RunJob;
  logger: Logger;
  /** Reuse a warm mirror (watch mode); a one-shot run starts empty. */
  mirror?: OrgMirror;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Reliability tests: simulate `kill -9` right after this API call. */
  killAfterCall?: number;
  /** Progress of long extracts (TTY progress bars). */
  onProgress?: MirrorSettings['onProgress'];
  overlapsDir?: string;
}

export interface RunReport {
  runKey: string;
  status: RunStatus;
  counts: RunCounts;
  apiCalls: number;
  /** The org's own count of this run's calls (Sforce-Limit-Info), when it reported it. */
  orgCountedCalls: number | undefined;
  orgApiUsage: { used: number; limit: number } | undefined;
  jobs: JobSummary[];
  errorMessage?: string;
  durationMs: number;
}

export class RunContext {
  readonly client: OrgClient;
  readonly config: SidecarConfig;
  readonly logger: Logger;
  readonly counts: RunCounts = emptyCounts();
  readonly mirror: OrgMirror;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  readonly runLog: RunLog;
  readonly writeSettings: WriteSettings;
  readonly mirrorSettings: MirrorSettings;
  readonly overlapsDir: string | undefined;
  settings: ProgramSettings = DEFAULT_PROGRAM_SETTINGS;
  /** What this run's mirror refresh read (jobs with warm indexes apply just these). */
  lastRefresh: RefreshOutcome | undefined;
  state: SyncStateStore = new SyncStateStore();
  /** Failures not yet written to Sync_Error__c. */
  private unrecorded: RecordFailure[] = [];
  /** Sync_Error__c keys → attempts so far, for errors pending from earlier runs. */
  readonly pendingAttempts = new Map<string, number>();
  /** Keys of records written successfully this run (their pending errors are resolved). */
  private readonly writtenKeys = new Set<string>();

  constructor(options: RunOptions, runLog: RunLog, mirror: OrgMirror) {
    this.client = options.client;
    this.config = options.config;
    this.logger = options.logger;
    this.runLog = runLog;
    this.mirror = mirror;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? (() => new Date());
    this.overlapsDir = options.overlapsDir ?? options.config.overlapsDir;
    this.writeSettings = {
      bulkIngestThreshold: options.config.bulkIngestThreshold,
      retry: { ...options.config.retry, sleep: this.sleep },
      sleep: this.sleep,
    };
    this.mirrorSettings = {
      bulkQueryThreshold: options.config.bulkQueryThreshold,
      bulkQueryPageSize: options.config.bulkQueryPageSize,
      sleep: this.sleep,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    };
  }

  /** Writes, counts, and keeps every per-record failure for the run log. */
  async write(operations: WriteOperation[]): Promise<WriteResult> {
    const result = await writeRecords(this.client, operations, this.writeSettings);
    this.counts.recordsWritten += result.written;
    this.counts.recordsFailed += result.failures.length;
    this.unrecorded.push(...result.failures);
    for (const operation of operations) {
      for (const record of operation.records) {
        const key = operation.kind === 'upsert' ? record[operation.externalIdField!] : record.Id;
        if (typeof key === 'string' && (result.ids.has(key) || operation.kind === 'update'))
          this.writtenKeys.add(errorKeyOf(operation.objectName, key));
      }
    }
    for (const failure of result.failures) this.writtenKeys.delete(errorKeyOf(failure.objectName, failure.recordKey));
    return result;
  }

  /** Records pending failures in the org; call before moving a watermark past them. */
  async recordFailures(): Promise<void> {
    if (this.unrecorded.length === 0) return;
    const failures = this.unrecorded;
    await this.runLog.recordFailures(this.client, failures, this.pendingAttempts, this.writeSettings);
    this.unrecorded = [];
    for (const failure of failures) {
      const key = errorKeyOf(failure.objectName, failure.recordKey);
      this.pendingAttempts.set(key, (this.pendingAttempts.get(key) ?? 0) + 1);
    }
  }

  /** Moves watermarks only once everything before them is written or recorded as failed. */
  async commitStreams(states: StreamState[]): Promise<void> {
    await this.recordFailures();
    await this.state.save(this.client, states, this.writeSettings);
  }

  resolvedErrorKeys(): string[] {
    return [...this.pendingAttempts.keys()].filter((key) => this.writtenKeys.has(key));
  }
}

function summaryLine(report: Omit<RunReport, 'durationMs'>): string {
  const c = report.counts;
  return `${report.status}: read ${c.recordsRead}, wrote ${c.recordsWritten}, failed ${c.recordsFailed}, duplicates ${c.duplicatesFound}, conflicts ${c.conflictsFound}, recommendations ${c.recommendationsMade}, attributions ${c.attributionsWritten}, API calls ${report.apiCalls}`;
}

async function loadRunState(context: RunContext): Promise<PendingError[]> {
  const [states, pendingRows, programRows, tierRows] = await queryMany(context.client, [
    {
      objectName: 'Sync_State__c',
      soql: 'SELECT Id, Stream_Key__c, Object_Name__c, Watermark_Modstamp__c, Watermark_Id__c, Replay_Id__c FROM Sync_State__c',
    },
    {
      objectName: 'Sync_Error__c',
      soql: "SELECT Id, Error_Key__c, Attempts__c, Payload__c FROM Sync_Error__c WHERE Status__c = 'Pending Retry' ORDER BY Error_Key__c",
    },
    {
      objectName: 'Partner_Program_Setting__mdt',
      soql: 'SELECT DeveloperName, Protection_Days__c, First_Meeting_Days__c, Decision_SLA_Business_Days__c, Accept_SLA_Hours__c, Follow_Up_SLA_Hours__c, Reminder_Before_Hours__c, Conflict_Window_Days__c, Direct_Engagement_Lookback_Days__c, Stale_Data_Days__c, Attribution_Half_Life_Days__c, Position_First_Weight__c, Position_Last_Weight__c, Match_Threshold__c, Review_Threshold__c, Name_Similarity_Threshold__c, Default_Commission_Rate__c FROM Partner_Program_Setting__mdt',
      optional: true,
    },
    {
      objectName: 'Partner_Tier_Setting__mdt',
      soql: 'SELECT DeveloperName, Tier__c, Protection_Days__c, Commission_Rate__c FROM Partner_Tier_Setting__mdt',
      optional: true,
    },
  ]);
  context.state = SyncStateStore.fromRows(states ?? []);
  if ((programRows?.length ?? 0) > 0 || (tierRows?.length ?? 0) > 0) {
    context.settings = programSettingsFromMetadata(programRows ?? [], tierRows ?? []);
  } else {
    context.logger.warn('no programme settings in the org (Partner_Program_Setting__mdt): using the defaults');
  }
  const pending: PendingError[] = [];
  for (const row of pendingRows ?? []) {
    if (typeof row.Error_Key__c !== 'string' || typeof row.Payload__c !== 'string') continue;
    try {
      pending.push({ errorKey: row.Error_Key__c, attempts: Number(row.Attempts__c ?? 0), payload: JSON.parse(row.Payload__c) });
    } catch {
      context.logger.warn({ errorKey: row.Error_Key__c }, 'a pending sync error has an unreadable payload; left for a person to look at');
    }
  }
  return pending;
}

/** Re-sends the payloads of records that failed in earlier runs, grouped into collections. */
async function resendPending(context: RunContext, pending: PendingError[]): Promise<void> {
  if (pending.length === 0) return;
  for (const error of pending) context.pendingAttempts.set(error.errorKey, error.attempts);
  const groups = new Map<string, WriteOperation>();
  for (const { payload } of pending) {
    const groupKey = `${payload.objectName}|${payload.kind}|${payload.externalIdField ?? ''}`;
    const group = groups.get(groupKey) ?? {
      objectName: payload.objectName,
      kind: payload.kind,
      ...(payload.externalIdField ? { externalIdField: payload.externalIdField } : {}),
      records: [],
    };
    group.records.push(payload.record);
    groups.set(groupKey, group);
  }
  await context.write([...groups.values()]);
}

export async function runSync(options: RunOptions): Promise<RunReport> {
  const startedAt = Date.now();
  const meter = new ApiCallMeter({
    budget: options.config.apiCallBudget,
    ...(options.killAfterCall !== undefined ? { killAfterCall: options.killAfterCall } : {}),
  });
  options.client.startRun(meter);
  const runLog = new RunLog(options.runJob, (options.now ?? (() => new Date()))());
  const context = new RunContext(options, runLog, options.mirror ?? new OrgMirror());
  const jobs: JobSummary[] = [];
  let status: RunStatus = 'Succeeded';
  let errorMessage: string | undefined;
  try {
    await runLog.start(options.client, context.writeSettings);
    const pending = await loadRunState(context);
    await resendPending(context, pending);
    const objects = [...new Set(options.jobs.flatMap((job) => job.objects))];
    const refreshed = await context.mirror.refresh(options.client, objects, context.mirrorSettings);
    context.counts.recordsRead += refreshed.recordsRead;
    context.lastRefresh = refreshed;
    for (const job of options.jobs) {
      const summary = await job.run(context);
      jobs.push(summary);
      options.logger.info({ run: runLog.runKey, ...summary }, `job ${job.name} done`);
    }
    await context.recordFailures();
    await runLog.resolveErrors(options.client, context.resolvedErrorKeys(), context.writeSettings);
    if (context.counts.recordsFailed > 0) status = 'Partial';
  } catch (error) {
    if (error instanceof ProcessKilled) throw error;
    if (error instanceof BudgetExhausted) status = 'Stopped at Budget';
    else if (error instanceof ApiLimitReached) status = 'Stopped at API Limit';
    else status = 'Failed';
    errorMessage = (error as Error).message;
    options.logger.warn({ run: runLog.runKey, err: error }, `run stopped: ${status}`);
    meter.allowOverrun(4);
    try {
      await context.recordFailures();
    } catch (recordError) {
      if (recordError instanceof ProcessKilled) throw recordError;
      options.logger.error(
        { err: recordError },
        'could not record sync errors; the records stay behind the old watermark and are read again next run',
      );
    }
  }
  const partial = {
    runKey: runLog.runKey,
    status,
    counts: context.counts,
    apiCalls: meter.used,
    orgCountedCalls: meter.orgCountedCalls,
    orgApiUsage: meter.orgLimit,
    jobs,
    ...(errorMessage ? { errorMessage } : {}),
  };
  try {
    meter.allowOverrun(1);
    await runLog.finish(
      options.client,
      {
        status,
        counts: context.counts,
        apiCalls: meter.used,
        ...(errorMessage ? { errorMessage } : {}),
        summary: JSON.stringify({ summary: summaryLine(partial), jobs }, null, 1),
      },
      context.writeSettings,
    );
  } catch (error) {
    if (error instanceof ProcessKilled) throw error;
    // At the daily limit the org refuses this write too; the outcome is still logged here.
    options.logger.error({ err: error, run: runLog.runKey, status }, 'could not write the run log');
  }
  return {
    ...partial,
    apiCalls: meter.used,
    orgCountedCalls: meter.orgCountedCalls,
    orgApiUsage: meter.orgLimit,
    durationMs: Date.now() - startedAt,
  };
}

export { summaryLine };
