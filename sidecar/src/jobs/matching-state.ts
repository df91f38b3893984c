/**
 * The matching engine's warm state for a mirror: built once from every mirrored record, then
 * updated with just what each refresh changed, so a check in watch mode needs no rebuild.
 * Shared by the referral check and the overlap refresh (both match against our Accounts).
 */
import type { Account, Channel_Partner__c, Contact, Event, Lead, Opportunity, Partner_Referral__c, Task } from '@partner-lead-sync/model';
import {
  SubmissionChecker,
  accountFacts,
  contactFacts,
  eventFacts,
  leadFacts,
  opportunityFacts,
  partnerFacts,
  referralFacts,
  taskFacts,
} from '../matching/index.ts';
import type { OrgMirror } from '../sync/org-mirror.ts';
import type { OrgRecord } from '../sync/record-values.ts';
import type { RunContext } from '../sync/sync-run.ts';

/** Objects the checker is fed from. */
export const MATCHING_OBJECTS = ['Account', 'Lead', 'Contact', 'Opportunity', 'Task', 'Event', 'Channel_Partner__c', 'Partner_Referral__c'];

interface CheckerState {
  checker: SubmissionChecker;
}

const checkers = new WeakMap<OrgMirror, CheckerState>();
const building = new WeakMap<OrgMirror, Promise<SubmissionChecker>>();

const FEEDERS: Record<string, (checker: SubmissionChecker, record: OrgRecord) => void> = {
  Account: (c, r) => c.upsertAccount(accountFacts(r as Account)),
  Lead: (c, r) => c.upsertLead(leadFacts(r as Lead)),
  Contact: (c, r) => c.upsertContact(contactFacts(r as Contact)),
  Opportunity: (c, r) => c.upsertOpportunity(opportunityFacts(r as Opportunity)),
  Task: (c, r) => c.upsertActivity(taskFacts(r as Task)),
  Event: (c, r) => c.upsertActivity(eventFacts(r as Event)),
  Channel_Partner__c: (c, r) => c.upsertPartner(partnerFacts(r as Channel_Partner__c)),
  Partner_Referral__c: (c, r) => c.upsertReferral(referralFacts(r as Partner_Referral__c)),
};
// Partners first: referrals and accounts refer to them.
const FEED_ORDER = ['Channel_Partner__c', 'Account', 'Contact', 'Opportunity', 'Lead', 'Task', 'Event', 'Partner_Referral__c'];

function feed(context: RunContext, checker: SubmissionChecker, objectName: string, records: OrgRecord[]): void {
  const feeder = FEEDERS[objectName];
  if (!feeder) return;
  for (const record of records) {
    try {
      if (record.IsDeleted === true && record.Id) checker.remove(record.Id);
      else feeder(checker, record);
    } catch (error) {
      context.logger.warn({ object: objectName, id: record.Id }, `left out of matching: ${(error as Error).message}`);
    }
  }
}

/**
 * Accounts and leads are most of what a first build indexes: they are loaded in bulk (the
 * index normalises them on worker threads). Records whose facts cannot be read are left out
 * with a warning, as feed does; if the bulk load itself fails, the object is fed record by
 * record so that only the bad record is left out.
 */
const BULK_FACTS: Record<string, (checker: SubmissionChecker, records: OrgRecord[]) => Promise<void>> = {
  Account: (c, records) => c.upsertAccounts(records.map((r) => accountFacts(r as Account))),
  Lead: (c, records) => c.upsertLeads(records.map((r) => leadFacts(r as Lead))),
};

async function feedInBulk(context: RunContext, checker: SubmissionChecker, objectName: string, records: OrgRecord[]): Promise<void> {
  const bulk = BULK_FACTS[objectName];
  if (bulk && records.every((record) => record.IsDeleted !== true)) {
    try {
      await bulk(checker, records);
      return;
    } catch (error) {
      context.logger.warn({ object: objectName }, `bulk load failed, indexing one record at a time: ${(error as Error).message}`);
    }
  }
  feed(context, checker, objectName, records);
}

/** The warm checker for this mirror: built once, then updated with what each refresh changed. */
export async function checkerFor(context: RunContext): Promise<SubmissionChecker> {
  const existing = checkers.get(context.mirror);
  if (existing && context.lastRefresh) {
    for (const objectName of FEED_ORDER) feed(context, existing.checker, objectName, context.lastRefresh.changed.get(objectName) ?? []);
    return existing.checker;
  }
  // Two jobs asking while the first build is under way share it.
  const inProgress = building.get(context.mirror);
  if (inProgress) return inProgress;
  const build = (async () => {
    const expectedRecords = FEED_ORDER.reduce((sum, name) => sum + context.mirror.records(name).length, 0);
    const checker = new SubmissionChecker({ settings: context.settings, expectedRecords });
    for (const objectName of FEED_ORDER) await feedInBulk(context, checker, objectName, context.mirror.records(objectName));
    checkers.set(context.mirror, { checker });
    return checker;
  })();
  building.set(context.mirror, build);
  try {
    return await build;
  } finally {
    building.delete(context.mirror);
  }
}
