/**
 * The run log in the org: one Sync_Run__c per run (keyed by Run_Key__c) with its counts and
 * API calls, and one Sync_Error__c per record that could not be written (keyed by object and
 * record key), holding the payload so the next run re-sends it. Errors are never deleted:
 * a successful re-send marks them Resolved.
 */
import os from 'node:os';
import crypto from 'node:crypto';
import type { OrgClient } from '../org/org-client.ts';
import { restQueryAll } from './rest-query.ts';
import type { RecordFailure, WritePayload, WriteSettings } from './write-back.ts';
import { writeRecords } from './write-back.ts';

export const SIDECAR_VERSION = '0.1.0';

export type RunJob = 'Full Cycle' | 'Referral Check' | 'Overlap Refresh' | 'Distribution' | 'Attribution Recompute' | 'Watch';
export type RunStatus = 'Running' | 'Succeeded' | 'Partial' | 'Failed' | 'Stopped at API Limit' | 'Stopped at Budget';

export interface RunCounts {
  recordsRead: number;
  recordsWritten: number;
  recordsFailed: number;
  duplicatesFound: number;
  conflictsFound: number;
  recommendationsMade: number;
  attributionsWritten: number;
}

export const emptyCounts = (): RunCounts => ({
  recordsRead: 0,
  recordsWritten: 0,
  recordsFailed: 0,
  duplicatesFound: 0,
  conflictsFound: 0,
  recommendationsMade: 0,
  attributionsWritten: 0,
});

export interface PendingError {
  errorKey: string;
  attempts: number;
  payload: WritePayload;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function errorKeyOf(objectName: string, recordKey: string): string {
  return truncate(`${objectName}:${recordKey}`, 255);
}

export class RunLog {
  readonly runKey: string;
  readonly job: RunJob;
  readonly startedAt: Date;
  runId: string | undefined;

  constructor(job: RunJob, now: Date = new Date()) {
    this.job = job;
    this.startedAt = now;
    this.runKey = `${job}:${now.toISOString()}:${crypto.randomBytes(4).toString('hex')}`;
  }

  async start(client: OrgClient, settings: WriteSettings): Promise<void> {
    const result = await writeRecords(
      client,
      [
        {
          objectName: 'Sync_Run__c',
          kind: 'upsert',
          externalIdField: 'Run_Key__c',
          records: [
            {
              Run_Key__c: this.runKey,
              Job__c: this.job,
              Status__c: 'Running',
              Started_At__c: this.startedAt.toISOString(),
              Host__c: truncate(os.hostname(), 255),
              Sidecar_Version__c: SIDECAR_VERSION,
            },
          ],
        },
      ],
      settings,
    );
    const failure = result.failures[0];
    if (failure)
      throw new Error(
        `cannot open the run log (Sync_Run__c ${this.runKey}): ${failure.code}${failure.field ? ` on ${failure.field}` : ''}: ${failure.message}`,
      );
    this.runId = result.ids.get(this.runKey);
  }

  async finish(
    client: OrgClient,
    outcome: { status: RunStatus; counts: RunCounts; apiCalls: number; errorMessage?: string; summary: string; finishedAt?: Date },
    settings: WriteSettings,
  ): Promise<void> {
    const counts = outcome.counts;
    const result = await writeRecords(
      client,
      [
        {
          objectName: 'Sync_Run__c',
          kind: 'upsert',
          externalIdField: 'Run_Key__c',
          records: [
            {
              Run_Key__c: this.runKey,
              Job__c: this.job,
              Status__c: outcome.status,
              Started_At__c: this.startedAt.toISOString(),
              Finished_At__c: (outcome.finishedAt ?? new Date()).toISOString(),
              Records_Read__c: counts.recordsRead,
              Records_Written__c: counts.recordsWritten,
              Records_Failed__c: counts.recordsFailed,
              Duplicates_Found__c: counts.duplicatesFound,
              Conflicts_Found__c: counts.conflictsFound,
              Recommendations_Made__c: counts.recommendationsMade,
              Attributions_Written__c: counts.attributionsWritten,
              // The call that writes this row is counted too.
              Api_Calls_Used__c: outcome.apiCalls + 1,
              Error_Message__c: outcome.errorMessage ? truncate(outcome.errorMessage, 32768) : null,
              Summary__c: truncate(outcome.summary, 131072),
            },
          ],
        },
      ],
      settings,
    );
    const failure = result.failures[0];
    if (failure)
      throw new Error(
        `cannot close the run log (Sync_Run__c ${this.runKey}): ${failure.code}${failure.field ? ` on ${failure.field}` : ''}: ${failure.message}`,
      );
  }

  /** Records failures (one Sync_Error__c per record, attempts counted across runs). */
  async recordFailures(
    client: OrgClient,
    failures: RecordFailure[],
    previousAttempts: Map<string, number>,
    settings: WriteSettings,
  ): Promise<void> {
    if (failures.length === 0) return;
    const now = new Date().toISOString();
    const byKey = new Map<string, RecordFailure>();
    for (const failure of failures) byKey.set(errorKeyOf(failure.objectName, failure.recordKey), failure);
    const result = await writeRecords(
      client,
      [
        {
          objectName: 'Sync_Error__c',
          kind: 'upsert',
          externalIdField: 'Error_Key__c',
          records: [...byKey].map(([errorKey, failure]) => ({
            Error_Key__c: errorKey,
            Sync_Run__c: this.runId ?? null,
            Target_Object__c: failure.objectName,
            Record_Key__c: truncate(failure.recordKey, 255),
            Record_Id__c: failure.recordId ?? null,
            Field__c: failure.field ? truncate(failure.field, 255) : null,
            Error_Code__c: truncate(failure.code, 80),
            Message__c: truncate(failure.message, 32768),
            Payload__c: truncate(JSON.stringify(failure.payload), 131072),
            Status__c: 'Pending Retry',
            Attempts__c: (previousAttempts.get(errorKey) ?? 0) + 1,
            Last_Attempt_At__c: now,
          })),
        },
      ],
      settings,
    );
    if (result.failures.length) {
      const first = result.failures[0]!;
      // Losing the error row would lose the record: stop before any watermark moves past it.
      throw new Error(`cannot record ${result.failures.length} sync error(s), first ${first.recordKey}: ${first.code} ${first.message}`);
    }
  }

  async resolveErrors(client: OrgClient, errorKeys: string[], settings: WriteSettings): Promise<void> {
    if (errorKeys.length === 0) return;
    const now = new Date().toISOString();
    await writeRecords(
      client,
      [
        {
          objectName: 'Sync_Error__c',
          kind: 'upsert',
          externalIdField: 'Error_Key__c',
          records: errorKeys.map((key) => ({ Error_Key__c: key, Status__c: 'Resolved', Last_Attempt_At__c: now })),
        },
      ],
      settings,
    );
  }
}

export async function loadPendingErrors(client: OrgClient): Promise<PendingError[]> {
  const rows = await restQueryAll(
    client,
    'Sync_Error__c',
    "SELECT Id, Error_Key__c, Attempts__c, Payload__c FROM Sync_Error__c WHERE Status__c = 'Pending Retry' ORDER BY Error_Key__c",
  );
  const pending: PendingError[] = [];
  for (const row of rows) {
    const payloadText = row.Payload__c as string | null;
    if (!payloadText || !row.Error_Key__c) continue;
    try {
      pending.push({
        errorKey: row.Error_Key__c as string,
        attempts: Number(row.Attempts__c ?? 0),
        payload: JSON.parse(payloadText) as WritePayload,
      });
    } catch {
      // A payload cut at 128 KB cannot be re-sent; it stays pending for a person to look at.
    }
  }
  return pending;
}
