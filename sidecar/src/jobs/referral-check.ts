/**
 * Referral check: every referral submitted or changed since the last check is classified by
 * the matching engine (duplicates, channel conflict, recommendation with reasons and stop
 * gates) and the result is written back: Channel_Conflict__c rows (upsert on Conflict_Key__c),
 * 'Referral Checked' / 'Conflict Detected' decision logs, then the referral's own fields.
 * Only values that differ from the org's are written, so an unchanged org sees no writes.
 * The only status the sidecar sets is Submitted → In Review: people approve and decline.
 *
 * Crash safety: the stream watermark (Sync_State__c 'referral-check') moves only after a
 * batch's writes are done (or recorded as failed), and every write is an idempotent upsert
 * or update, so a re-run after a crash redoes the batch and ends in the same state.
 */
import crypto from 'node:crypto';
import type { Partner_Referral__c } from '@partner-lead-sync/model';
import { mergedConflictRecords, referralFacts, referralFieldsFromCheck, type SubmissionCheck } from '../matching/index.ts';
import { compareWatermarks, watermarkOf, type Watermark } from '../sync/extract.ts';
import type { OrgRecord } from '../sync/record-values.ts';
import type { RunContext, SyncJob } from '../sync/sync-run.ts';
import { changedFields } from './field-diff.ts';
import { checkerFor } from './matching-state.ts';

export const REFERRAL_CHECK_STREAM = 'referral-check';
export const REFERRAL_CHECK_OBJECTS = [
  'Account',
  'Lead',
  'Contact',
  'Opportunity',
  'Task',
  'Event',
  'Channel_Partner__c',
  'Partner_Referral__c',
  'Channel_Conflict__c',
];
/** Referrals still waiting for a person's decision: the ones a check may update. */
export const CHECKABLE_STATUSES: ReadonlySet<string> = new Set(['Submitted', 'In Review', 'Needs More Info']);
/** Fields on Partner_Referral__c that only the sidecar writes (change events touching only these are its own echo). */
export const OWN_REFERRAL_FIELDS: ReadonlySet<string> = new Set([
  'Duplicate_Status__c',
  'Classification__c',
  'Recommendation__c',
  'Recommendation_Reasons__c',
  'Stop_Gates__c',
  'Match_Confidence__c',
  'Match_Reasons__c',
  'Partner_Visible_Reason__c',
  'Matched_Account__c',
  'Matched_Lead__c',
  'Matched_Opportunity__c',
  'Duplicate_Of__c',
  'Company_Domain__c',
  'Checked_At__c',
  'Decision_SLA_Due__c',
  'Conflict__c',
  'Status__c',
]);
/** Written with every change but never a reason to write: it says when, not what. */
const VOLATILE_REFERRAL_FIELDS = new Set(['Checked_At__c']);
const VOLATILE_CONFLICT_FIELDS = new Set(['Detected_At__c', 'Decision_Due__c']);
const BATCH_SIZE = 2000;

function logKey(prefix: string, ...parts: string[]): string {
  const hash = crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
  return `${prefix}:${parts[0]}:${hash}`.slice(0, 255);
}

interface PlannedReferral {
  record: OrgRecord;
  check: SubmissionCheck;
  /** Fields to update (with Id). */
  update: OrgRecord;
  conflictKeys: string[];
}

function submissionOrder(record: OrgRecord): string {
  return `${String(record.Submitted_At__c ?? record.CreatedDate ?? '')}|${String(record.Id)}`;
}

export const referralCheckJob: SyncJob = {
  name: 'referral-check',
  objects: REFERRAL_CHECK_OBJECTS,
  async run(context: RunContext) {
    const mirror = context.mirror;
    const checker = await checkerFor(context);
    const since = context.state.watermark(REFERRAL_CHECK_STREAM);
    const pending = mirror
      .records('Partner_Referral__c')
      .filter((record) => typeof record.SystemModstamp === 'string' && (!since || compareWatermarks(watermarkOf(record), since) > 0))
      .sort((a, b) => compareWatermarks(watermarkOf(a), watermarkOf(b)));
    const conflictsByKey = new Map(
      mirror
        .records('Channel_Conflict__c')
        .filter((row) => row.Conflict_Key__c)
        .map((row) => [row.Conflict_Key__c as string, row]),
    );
    const summary = {
      job: 'referral-check',
      examined: pending.length,
      checked: 0,
      written: 0,
      unchanged: 0,
      skipped: 0,
      conflictsWritten: 0,
      failed: 0,
    };
    const now = context.now();
    const checkable = (record: OrgRecord | undefined): record is OrgRecord =>
      !!record && CHECKABLE_STATUSES.has(String(record.Status__c ?? 'Submitted'));
    /** What the referral will look like once written: the index must see our own status change. */
    const asChecked = (record: OrgRecord): OrgRecord =>
      record.Status__c === 'Submitted' || record.Status__c == null ? { ...record, Status__c: 'In Review' } : record;

    for (let start = 0; start < pending.length; start += BATCH_SIZE) {
      const batch = pending.slice(start, start + BATCH_SIZE);
      for (const record of batch) {
        if (!checkable(record)) continue;
        try {
          checker.upsertReferral(referralFacts(asChecked(record) as Partner_Referral__c));
        } catch {
          // reported when checked below
        }
      }
      // Check the batch, then every live referral its conflicts involve, until closed.
      const checks = new Map<string, { record: OrgRecord; check: SubmissionCheck }>();
      let toCheck = batch.filter((record) => {
        if (checkable(record)) return true;
        summary.skipped++;
        return false;
      });
      while (toCheck.length > 0) {
        const next: OrgRecord[] = [];
        for (const record of toCheck) {
          const id = String(record.Id);
          if (checks.has(id)) continue;
          let check: SubmissionCheck;
          try {
            check = checker.check(referralFacts(asChecked(record) as Partner_Referral__c), now);
          } catch (error) {
            summary.skipped++;
            context.logger.warn({ id: record.Id }, `referral not checked: ${(error as Error).message}`);
            continue;
          }
          checks.set(id, { record, check });
          for (const finding of check.conflicts) {
            for (const otherId of finding.referralIds) {
              const other = mirror.get('Partner_Referral__c', otherId);
              if (!checks.has(otherId) && checkable(other)) next.push(other);
            }
          }
        }
        toCheck = next;
      }
      summary.checked += checks.size;

      // Findings that share a Conflict_Key__c become one row (the earliest submission's).
      const groups = mergedConflictRecords(
        [...checks.values()].map(({ record, check }) => ({ check, submissionOrder: submissionOrder(record) })),
      );
      const conflictWrites = new Map<string, OrgRecord>();
      for (const [key, group] of groups) {
        const row = group.record as OrgRecord;
        const stored = conflictsByKey.get(key);
        if (!stored) {
          conflictWrites.set(key, { ...row, Status__c: 'Open' });
          continue;
        }
        const differing = changedFields(stored, row, VOLATILE_CONFLICT_FIELDS);
        if (differing.length)
          conflictWrites.set(key, { Conflict_Key__c: key, ...Object.fromEntries(differing.map((field) => [field, row[field]])) });
      }

      // 1. Conflicts first: the referrals link to them.
      const conflictResult = await context.write([
        { objectName: 'Channel_Conflict__c', kind: 'upsert', externalIdField: 'Conflict_Key__c', records: [...conflictWrites.values()] },
      ]);
      summary.conflictsWritten += conflictResult.written;
      const conflictId = (key: string) => conflictResult.ids.get(key) ?? (conflictsByKey.get(key)?.Id as string | undefined);

      // 2. What changes on each referral.
      const planned: PlannedReferral[] = [];
      for (const { record, check } of checks.values()) {
        const conflictKeys = check.conflicts.map((c) => c.key);
        const wanted: OrgRecord = { ...(referralFieldsFromCheck(check) as OrgRecord) };
        const firstConflict = conflictKeys[0];
        wanted.Conflict__c = firstConflict ? (conflictId(firstConflict) ?? null) : null;
        // A conflict row that could not be written: leave the link as it is, the error is recorded.
        if (firstConflict && !wanted.Conflict__c) delete wanted.Conflict__c;
        if (record.Status__c === 'Submitted' || record.Status__c == null) wanted.Status__c = 'In Review';
        const differing = changedFields(record, wanted, VOLATILE_REFERRAL_FIELDS).filter((field) => field !== 'Id');
        if (differing.length === 0) {
          summary.unchanged++;
          continue;
        }
        planned.push({
          record,
          check,
          conflictKeys,
          update: {
            Id: record.Id,
            ...Object.fromEntries(differing.map((field) => [field, wanted[field]])),
            Checked_At__c: wanted.Checked_At__c,
          },
        });
      }

      // 3. The decision log, keyed by what was decided, so a re-run writes the same rows.
      const logs: OrgRecord[] = [];
      for (const plan of planned) {
        const check = plan.check;
        const referralId = String(plan.record.Id);
        logs.push({
          Log_Key__c: logKey(
            'Referral Checked',
            referralId,
            check.classification,
            check.duplicateStatus,
            check.recommendation,
            check.stopGates.join(';'),
            plan.conflictKeys.join(';'),
          ),
          Event_Type__c: 'Referral Checked',
          Actor__c: 'Sidecar',
          Referral__c: referralId,
          Channel_Partner__c: (plan.record.Channel_Partner__c as string | null) ?? null,
          Status__c: check.recommendation,
          Decided_At__c: check.checkedAt,
          Reason__c:
            `${check.classification}; duplicate status ${check.duplicateStatus}; recommendation ${check.recommendation}.\n${check.recommendationReasons.join('\n')}`.slice(
              0,
              32768,
            ),
          Details__c: JSON.stringify({
            confidence: check.confidence,
            stopGates: check.stopGates,
            conflicts: plan.conflictKeys,
            matchedAccount: check.matchedAccountId ?? null,
          }).slice(0, 131072),
        });
      }
      // 'Conflict Detected' goes with the first write of the conflict or of its base referral,
      // so a crash between the two still leaves it logged by the re-run.
      const plannedIds = new Set(planned.map((plan) => String(plan.record.Id)));
      for (const [key, group] of groups) {
        const id = conflictId(key);
        if (!id || (!(conflictResult.ids.has(key) && !conflictsByKey.has(key)) && !plannedIds.has(group.baseReferralId))) continue;
        const base = checks.get(group.baseReferralId)!;
        logs.push({
          Log_Key__c: logKey('Conflict Detected', key),
          Event_Type__c: 'Conflict Detected',
          Actor__c: 'Sidecar',
          Referral__c: group.baseReferralId,
          Conflict__c: id,
          Channel_Partner__c: (base.record.Channel_Partner__c as string | null) ?? null,
          Status__c: 'Open',
          Decided_At__c: base.check.checkedAt,
          Reason__c: `${String(group.record.Conflict_Type__c)} on ${String(group.record.Company_Name__c ?? group.record.Company_Domain__c ?? key)}: ${String(group.record.Partner_Count__c)} partner(s) involved.`,
        });
      }
      await context.write([{ objectName: 'Partner_Decision_Log__c', kind: 'upsert', externalIdField: 'Log_Key__c', records: logs }]);

      // 4. The referrals themselves, last.
      const referralResult = await context.write([
        { objectName: 'Partner_Referral__c', kind: 'update', records: planned.map((plan) => plan.update!) },
      ]);
      const failedIds = new Set(referralResult.failures.map((failure) => failure.recordKey));
      for (const plan of planned) {
        if (failedIds.has(String(plan.record.Id))) continue;
        summary.written++;
        if (plan.check.duplicateStatus !== 'Unique') context.counts.duplicatesFound++;
        if (plan.check.conflicts.length > 0) context.counts.conflictsFound++;
        context.counts.recommendationsMade++;
        mirror.upsertLocal('Partner_Referral__c', [plan.update!]);
      }
      summary.failed += referralResult.failures.length;
      for (const [key, id] of conflictResult.ids) {
        const row = { ...conflictsByKey.get(key), ...conflictWrites.get(key), Id: id };
        conflictsByKey.set(key, row);
        mirror.upsertLocal('Channel_Conflict__c', [row]);
      }

      const mark: Watermark = watermarkOf(batch[batch.length - 1]!);
      await context.commitStreams([
        { streamKey: REFERRAL_CHECK_STREAM, objectName: 'Partner_Referral__c', watermark: mark, replayId: null },
      ]);
    }
    return summary;
  },
};
