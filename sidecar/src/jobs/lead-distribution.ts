/**
 * Lead distribution: leads a channel manager marked for partners (Lead.Partner_Distribution_Model__c)
 * are offered by the distribution engine, follow-up SLAs are enforced (reminder, reclaim,
 * reassignment), and every notice is logged on Partner_Decision_Log__c and emailed to the
 * partner's primary contact. Assignments are upserts on Assignment_Key__c and logs on
 * Log_Key__c, so a re-run after a crash writes each once; an email goes out only for a log
 * this run created, so a partner is never told the same thing twice.
 */
import type { Channel_Partner__c, Lead, Lead_Assignment__c } from '@partner-lead-sync/model';
import {
  assignmentFromRecord,
  assignmentToRecord,
  DistributionInputError,
  leadFromRecord,
  partnerFromRecord,
  planDistribution,
} from '../distribution/index.ts';
import type { DistributableLead, PartnerNotice, PartnerNoticeKind } from '../distribution/index.ts';
import type { OrgRecord } from '../sync/record-values.ts';
import type { RunContext, SyncJob } from '../sync/sync-run.ts';
import { changedFields } from './field-diff.ts';

export const DISTRIBUTION_OBJECTS = ['Lead', 'Channel_Partner__c', 'Lead_Assignment__c', 'Partner_Decision_Log__c'];

const EVENT_TYPE: Record<PartnerNoticeKind, string> = {
  'Lead Offered': 'Assignment Offered',
  'Follow-Up Reminder': 'Assignment Reminder',
  'Lead Reclaimed': 'Assignment Reclaimed',
  'Offer Closed': 'Notification Sent',
};

export function noticeLogKey(notice: PartnerNotice): string {
  return `distribution|${notice.assignmentKey}|${notice.kind}`;
}

export const leadDistributionJob: SyncJob = {
  name: 'distribution',
  objects: DISTRIBUTION_OBJECTS,
  async run(context: RunContext) {
    const { mirror } = context;
    const now = context.now();
    const summary = {
      job: 'distribution',
      offered: 0,
      reminded: 0,
      reclaimed: 0,
      undistributed: 0,
      written: 0,
      emailed: 0,
      problems: [] as string[],
    };

    const leads: DistributableLead[] = [];
    for (const record of mirror.records<Lead>('Lead')) {
      // Only open leads are handed out: a converted or closed lead has nothing left to work.
      if (!record.Partner_Distribution_Model__c || record.IsConverted || String(record.Status ?? '').startsWith('Closed')) continue;
      try {
        leads.push(leadFromRecord(record));
      } catch (error) {
        if (!(error instanceof DistributionInputError)) throw error;
        summary.problems.push(error.message);
      }
    }
    const partnerRecords = mirror.records<Channel_Partner__c>('Channel_Partner__c');
    const storedAssignments = mirror.records<Lead_Assignment__c>('Lead_Assignment__c').filter((row) => row.Assignment_Key__c);
    const assignments = [];
    for (const record of storedAssignments) {
      try {
        assignments.push(assignmentFromRecord(record));
      } catch (error) {
        if (!(error instanceof DistributionInputError)) throw error;
        summary.problems.push(error.message);
      }
    }
    const plan = planDistribution({
      leads,
      partners: partnerRecords.filter((p) => p.Id).map(partnerFromRecord),
      assignments,
      now: now.getTime(),
      sla: context.settings,
    });

    const storedByKey = new Map(storedAssignments.map((row) => [row.Assignment_Key__c as string, row as OrgRecord]));
    const assignmentWrites: OrgRecord[] = [];
    for (const assignment of plan.assignments) {
      const record = assignmentToRecord(assignment) as OrgRecord;
      const before = storedByKey.get(assignment.key);
      // A reassignment points at the assignment it replaces (already in the org, so its Id is known).
      const previousId = assignment.previousKey ? storedByKey.get(assignment.previousKey)?.Id : undefined;
      if (!before) assignmentWrites.push(previousId ? { ...record, Previous_Assignment__c: previousId } : record);
      else {
        const differing = changedFields(before, record);
        if (differing.length)
          assignmentWrites.push({ Assignment_Key__c: assignment.key, ...Object.fromEntries(differing.map((f) => [f, record[f]])) });
      }
    }
    const written = await context.write([
      { objectName: 'Lead_Assignment__c', kind: 'upsert', externalIdField: 'Assignment_Key__c', records: assignmentWrites },
    ]);
    const failedKeys = new Set(written.failures.map((failure) => failure.recordKey));
    const assignmentIds = new Map([
      ...storedAssignments.map((row) => [row.Assignment_Key__c as string, row.Id as string] as const),
      ...written.ids,
    ]);
    mirror.upsertLocal(
      'Lead_Assignment__c',
      assignmentWrites.flatMap((row) => {
        const id = assignmentIds.get(String(row.Assignment_Key__c));
        return id ? [{ ...row, Id: id }] : [];
      }),
    );

    // Notices: logged once each (Log_Key__c), emailed only when this run creates the log.
    const loggedKeys = new Set(mirror.records('Partner_Decision_Log__c').map((log) => log.Log_Key__c as string));
    const fresh = plan.notices.filter((notice) => !failedKeys.has(notice.assignmentKey) && !loggedKeys.has(noticeLogKey(notice)));
    const logs: OrgRecord[] = fresh.map((notice) => ({
      Log_Key__c: noticeLogKey(notice),
      Event_Type__c: EVENT_TYPE[notice.kind],
      Channel_Partner__c: notice.partnerId,
      Lead_Assignment__c: assignmentIds.get(notice.assignmentKey) ?? null,
      Status__c: notice.kind,
      Reason__c: notice.message,
      Actor__c: 'Sidecar',
      Decided_At__c: now.toISOString(),
    }));
    const logResult = await context.write([
      { objectName: 'Partner_Decision_Log__c', kind: 'upsert', externalIdField: 'Log_Key__c', records: logs },
    ]);
    mirror.upsertLocal(
      'Partner_Decision_Log__c',
      [...logResult.ids].map(([key, id]) => ({ Id: id, Log_Key__c: key })),
    );

    const partnersById = new Map(partnerRecords.map((p) => [p.Id, p]));
    const emails = fresh
      .filter((notice) => logResult.ids.has(noticeLogKey(notice)))
      .flatMap((notice) => {
        const address = partnersById.get(notice.partnerId)?.Primary_Contact_Email__c;
        return address
          ? [
              {
                emailAddresses: address,
                emailSubject: `Partner lead: ${notice.kind}`,
                emailBody: notice.message,
                senderType: 'CurrentUser',
              },
            ]
          : [];
      });
    // The emailSimple action takes up to 200 inputs per call.
    for (let start = 0; start < emails.length; start += 200) {
      const inputs = emails.slice(start, start + 200);
      await context.client.request(
        {
          method: 'POST',
          url: '/actions/standard/emailSimple',
          body: JSON.stringify({ inputs }),
          headers: { 'Content-Type': 'application/json' },
        },
        { idempotent: false },
      );
      summary.emailed += inputs.length;
    }

    // Keep each partner's open-assignment count current for capacity checks in the org.
    const open = new Map<string, number>();
    for (const row of mirror.records<Lead_Assignment__c>('Lead_Assignment__c')) {
      if (row.Channel_Partner__c && ['Offered', 'Accepted', 'Contacted'].includes(String(row.Status__c)))
        open.set(row.Channel_Partner__c, (open.get(row.Channel_Partner__c) ?? 0) + 1);
    }
    const partnerUpdates = partnerRecords.flatMap((p) => {
      const count = open.get(p.Id ?? '') ?? 0;
      return p.Id && (p.Open_Assignments__c ?? 0) !== count ? [{ Id: p.Id, Open_Assignments__c: count }] : [];
    });
    await context.write([{ objectName: 'Channel_Partner__c', kind: 'update', records: partnerUpdates }]);
    mirror.upsertLocal('Channel_Partner__c', partnerUpdates);

    summary.offered = plan.notices.filter((n) => n.kind === 'Lead Offered').length;
    summary.reminded = plan.notices.filter((n) => n.kind === 'Follow-Up Reminder').length;
    summary.reclaimed = plan.notices.filter((n) => n.kind === 'Lead Reclaimed').length;
    summary.undistributed = plan.undistributed.length;
    summary.written = written.written;
    for (const lead of plan.undistributed) summary.problems.push(`Lead ${lead.leadId}: ${lead.reason}`);
    return summary;
  },
};
