/**
 * Attribution recompute: org records → the attribution engine → its write plan (which already
 * skips unchanged rows and never touches Approved or Disputed ones) → upserts on
 * Attribution_Key__c, then the 'Attribution Proposed' decision logs that point at them.
 */
import type {
  Channel_Partner__c,
  Lead,
  Lead_Assignment__c,
  Opportunity,
  Partner_Attribution__c,
  Partner_Referral__c,
  Partner_Touch__c,
} from '@partner-lead-sync/model';
import { attributionInputFromRecords, computeAttributions, planAttributionWrites } from '../attribution/index.ts';
import type { OrgRecord } from '../sync/record-values.ts';
import type { RunContext, SyncJob } from '../sync/sync-run.ts';

export const ATTRIBUTION_OBJECTS = [
  'Opportunity',
  'Channel_Partner__c',
  'Partner_Referral__c',
  'Partner_Touch__c',
  'Lead_Assignment__c',
  'Lead',
  'Partner_Attribution__c',
  'Partner_Decision_Log__c',
];

/** Resolves `Attribution__r: { Attribution_Key__c }` to the Id we just wrote, so the log needs no external-id lookup. */
function linkLogs(logs: OrgRecord[], attributionIds: Map<string, string>, existing: Map<string, string>): OrgRecord[] {
  return logs.map((log) => {
    const reference = log.Attribution__r as { Attribution_Key__c?: string } | undefined;
    if (!reference?.Attribution_Key__c) return log;
    const { Attribution__r: _reference, ...rest } = log;
    const id = attributionIds.get(reference.Attribution_Key__c) ?? existing.get(reference.Attribution_Key__c);
    return id ? { ...rest, Attribution__c: id } : rest;
  });
}

export const attributionRecomputeJob: SyncJob = {
  name: 'attribution',
  objects: ATTRIBUTION_OBJECTS,
  async run(context: RunContext) {
    const mirror = context.mirror;
    const now = context.now();
    const mapped = attributionInputFromRecords(
      {
        opportunities: mirror.records<Opportunity>('Opportunity'),
        partners: mirror.records<Channel_Partner__c>('Channel_Partner__c'),
        referrals: mirror.records<Partner_Referral__c>('Partner_Referral__c'),
        touches: mirror.records<Partner_Touch__c>('Partner_Touch__c'),
        leadAssignments: mirror.records<Lead_Assignment__c>('Lead_Assignment__c'),
        leads: mirror.records<Lead>('Lead'),
      },
      context.settings,
      now,
    );
    for (const problem of mapped.problems)
      context.logger.warn(
        { problem },
        `attribution input skipped ${problem.object} ${problem.recordId}.${problem.field}: ${problem.message}`,
      );
    const result = computeAttributions(mapped.input);
    const existing = mirror.records<Partner_Attribution__c>('Partner_Attribution__c');
    const plan = planAttributionWrites(result, existing, now);
    const written = await context.write([
      { objectName: 'Partner_Attribution__c', kind: 'upsert', externalIdField: 'Attribution_Key__c', records: plan.upserts as OrgRecord[] },
    ]);
    const existingIds = new Map(
      existing.filter((row) => row.Attribution_Key__c && row.Id).map((row) => [row.Attribution_Key__c as string, row.Id as string]),
    );
    // Every current proposal has its 'Attribution Proposed' log: the ones just written, and any
    // an interrupted run wrote the attribution for but not the log (same key, so never twice).
    const loggedKeys = new Set(mirror.records('Partner_Decision_Log__c').map((log) => log.Log_Key__c as string));
    const failedKeys = new Set(written.failures.map((failure) => failure.recordKey));
    const loggable = (plan.proposalLogs as OrgRecord[]).filter((log) => {
      const key = (log.Attribution__r as { Attribution_Key__c?: string } | undefined)?.Attribution_Key__c;
      if (loggedKeys.has(String(log.Log_Key__c)) || key === undefined || failedKeys.has(key)) return false;
      return written.ids.has(key) || existingIds.has(key);
    });
    const logs = linkLogs(loggable, written.ids, existingIds);
    const logResult = await context.write([
      { objectName: 'Partner_Decision_Log__c', kind: 'upsert', externalIdField: 'Log_Key__c', records: logs },
    ]);
    mirror.upsertLocal(
      'Partner_Decision_Log__c',
      [...logResult.ids].map(([key, id]) => ({ Id: id, Log_Key__c: key })),
    );
    // Keep the mirror current so a later job (or the next watch cycle) sees what we wrote.
    mirror.upsertLocal(
      'Partner_Attribution__c',
      (plan.upserts as OrgRecord[]).flatMap((row) => {
        const id = written.ids.get(String(row.Attribution_Key__c));
        return id ? [{ ...row, Id: id }] : [];
      }),
    );
    context.counts.attributionsWritten += written.written;
    return {
      job: 'attribution',
      opportunities: result.opportunityIds.length,
      lines: result.lines.length,
      created: plan.created.length,
      updated: plan.updated.length,
      superseded: plan.superseded.length,
      unchanged: plan.unchanged.length,
      held: plan.held.length,
      written: written.written,
      failed: written.failures.length,
      inputProblems: mapped.problems.length,
    };
  },
};
