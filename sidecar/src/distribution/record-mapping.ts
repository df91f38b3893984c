/**
 * Between org records and the distribution engine: the sync layer queries these objects,
 * maps them in, and upserts what the plan returns on Lead_Assignment__c.Assignment_Key__c.
 */
import type { Channel_Partner__c, Lead, Lead_Assignment__c } from '@partner-lead-sync/model';
import type { Assignment, AssignmentStatus, DistributableLead, DistributionModel, DistributionPartner } from './types.ts';

/** A record the engine cannot use: names the record and the field. */
export class DistributionInputError extends Error {
  constructor(object: string, id: string | null | undefined, field: string, message: string) {
    super(`${object} ${id ?? '(no Id)'} ${field}: ${message}`);
    this.name = 'DistributionInputError';
  }
}

const multiSelect = (value: string | null | undefined): string[] =>
  value
    ? value
        .split(';')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
const time = (value: string | null | undefined): number | null => (value ? Date.parse(value) : null);

function requiredId(object: string, record: { Id?: string | null }): string {
  if (!record.Id) throw new DistributionInputError(object, null, 'Id', 'is required');
  return record.Id;
}

export function partnerFromRecord(record: Channel_Partner__c): DistributionPartner {
  const id = requiredId('Channel_Partner__c', record);
  return {
    id,
    name: record.Name ?? id,
    active: record.Status__c === 'Active',
    tier: record.Tier__c ?? null,
    regions: multiSelect(record.Regions__c),
    verticals: multiSelect(record.Verticals__c),
    products: multiSelect(record.Products__c),
    capacity: record.Capacity__c ?? null,
    openAssignments: record.Open_Assignments__c ?? 0,
  };
}

const MODELS: ReadonlySet<string> = new Set<DistributionModel>(['Round Robin', 'Shark Tank', 'Direct Assignment']);

export function leadFromRecord(record: Lead): DistributableLead {
  const id = requiredId('Lead', record);
  const model = record.Partner_Distribution_Model__c;
  if (!model || !MODELS.has(model)) {
    throw new DistributionInputError(
      'Lead',
      id,
      'Partner_Distribution_Model__c',
      `expected one of ${[...MODELS].join(', ')}, got ${JSON.stringify(model)}`,
    );
  }
  return {
    id,
    company: record.Company ?? '',
    country: record.Country ?? null,
    industry: record.Industry ?? null,
    products: [],
    model: model as DistributionModel,
    namedPartnerId: record.Named_Partner__c ?? null,
  };
}

export function assignmentFromRecord(record: Lead_Assignment__c): Assignment {
  const id = requiredId('Lead_Assignment__c', record);
  const key = record.Assignment_Key__c;
  if (!key) throw new DistributionInputError('Lead_Assignment__c', id, 'Assignment_Key__c', 'is required to track the offer round');
  const round = Number(key.split(':')[1]);
  const offeredAt = time(record.Offered_At__c);
  if (offeredAt === null) throw new DistributionInputError('Lead_Assignment__c', id, 'Offered_At__c', 'is required');
  return {
    key,
    leadId: record.Lead__c ?? '',
    partnerId: record.Channel_Partner__c ?? '',
    model: (record.Distribution_Model__c ?? 'Round Robin') as DistributionModel,
    status: (record.Status__c ?? 'Offered') as AssignmentStatus,
    round: Number.isInteger(round) && round > 0 ? round : 1,
    offeredAt,
    acceptDeadline: time(record.Accept_Deadline__c),
    acceptedAt: time(record.Accepted_At__c),
    followUpDeadline: time(record.Follow_Up_Deadline__c),
    contactedAt: time(record.Contacted_At__c),
    reminderSentAt: time(record.Reminder_Sent_At__c),
    reclaimedAt: time(record.Reclaimed_At__c),
    reclaimReason: record.Reclaim_Reason__c ?? null,
    previousKey: null,
  };
}

const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());

/** The Lead_Assignment__c fields to upsert for a planned assignment. */
export function assignmentToRecord(assignment: Assignment): Partial<Lead_Assignment__c> & { Assignment_Key__c: string } {
  const record: Partial<Lead_Assignment__c> & { Assignment_Key__c: string } = {
    Assignment_Key__c: assignment.key,
    Lead__c: assignment.leadId,
    Channel_Partner__c: assignment.partnerId,
    Distribution_Model__c: assignment.model,
    Status__c: assignment.status,
    Offered_At__c: iso(assignment.offeredAt),
    Accept_Deadline__c: iso(assignment.acceptDeadline),
    Accepted_At__c: iso(assignment.acceptedAt),
    Follow_Up_Deadline__c: iso(assignment.followUpDeadline),
    Contacted_At__c: iso(assignment.contactedAt),
    Reminder_Sent_At__c: iso(assignment.reminderSentAt),
    Reclaimed_At__c: iso(assignment.reclaimedAt),
    Reclaim_Reason__c: assignment.reclaimReason,
  };
  return record;
}
