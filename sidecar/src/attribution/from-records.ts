/**
 * Org records → engine input. Pure: the sync layer queries, this maps. A record that cannot be used
 * is left out and reported as a problem naming the record and the field, never silently dropped.
 *
 * Touches come from every source the package knows:
 *  - approved or converted registrations (Partner_Referral__c), linked to an opportunity through
 *    Converted_Opportunity__c, Opportunity.Partner_Referral__c, a lead converted into it that
 *    carries the referral (Lead.Partner_Referral__c / Converted_Lead__c), or Matched_Opportunity__c;
 *  - Partner_Touch__c rows on the opportunity, its account, a lead assignment or a referral that
 *    leads to it;
 *  - Lead_Assignment__c rows a partner worked (Contacted_At__c) on a lead converted into it.
 * The reseller of record is Opportunity.Reseller_Partner__c.
 */
import type {
  Channel_Partner__c,
  Lead,
  Lead_Assignment__c,
  Opportunity,
  Partner_Referral__c,
  Partner_Touch__c,
} from '@partner-lead-sync/model';
import { protectionDaysFor, type ProgramSettings } from '../settings/program-settings.ts';
import { DAY_MS } from './kernel.ts';
import { dayEnd, isoDay, isoInstant, parseDayStart, parseInstant } from './time.ts';
import type {
  AttributionInput,
  AttributionOpportunity,
  AttributionPartner,
  AttributionRegistration,
  AttributionTouch,
  TouchType,
} from './types.ts';

export interface AttributionRecords {
  opportunities: Opportunity[];
  partners: Channel_Partner__c[];
  referrals: Partner_Referral__c[];
  touches: Partner_Touch__c[];
  leadAssignments: Lead_Assignment__c[];
  /** Leads converted into the opportunities (Id, CreatedDate, ConvertedOpportunityId, Partner_Referral__c). */
  leads: Lead[];
}

export interface RecordProblem {
  object: string;
  recordId: string;
  field: string;
  message: string;
}

export interface MappedAttributionInput {
  input: AttributionInput;
  problems: RecordProblem[];
}

/** Registration statuses that give a partner a claim. */
export const CLAIMING_REFERRAL_STATUSES: ReadonlySet<string> = new Set(['Approved', 'Converted']);

const TOUCH_TYPES: ReadonlySet<string> = new Set<TouchType>([
  'Referral',
  'Introduction',
  'Co-Sell Meeting',
  'Technical Assist',
  'Resale',
  'Lead Worked',
  'Conversion',
  'Other',
]);

class Problems {
  readonly list: RecordProblem[] = [];
  add(object: string, recordId: string | null | undefined, field: string, message: string): null {
    this.list.push({ object, recordId: recordId ?? '(no Id)', field, message });
    return null;
  }
}

export function partnerFromRecord(record: Channel_Partner__c): AttributionPartner | null {
  if (!record.Id) return null;
  return {
    id: record.Id,
    name: record.Name ?? record.Id,
    tier: record.Tier__c ?? null,
    commissionRatePercent: record.Commission_Rate__c ?? null,
    protectionDaysOverride: record.Protection_Days_Override__c ?? null,
  };
}

function mapPartners(records: readonly Channel_Partner__c[], problems: Problems): Map<string, AttributionPartner> {
  const partners = new Map<string, AttributionPartner>();
  for (const record of records) {
    const partner = partnerFromRecord(record);
    if (!partner) problems.add('Channel_Partner__c', record.Id, 'Id', 'missing: the partner cannot be referenced');
    else partners.set(partner.id, partner);
  }
  return partners;
}

function registrationFromReferral(
  referral: Partner_Referral__c,
  partners: ReadonlyMap<string, AttributionPartner>,
  settings: ProgramSettings,
  problems: Problems,
): AttributionRegistration | null {
  const object = 'Partner_Referral__c';
  if (!referral.Id) return problems.add(object, referral.Id, 'Id', 'missing');
  if (!referral.Channel_Partner__c)
    return problems.add(object, referral.Id, 'Channel_Partner__c', 'an approved registration without a partner cannot be attributed');
  const registeredAt = parseInstant(referral.Submitted_At__c) ?? parseInstant(referral.CreatedDate);
  if (registeredAt === null)
    return problems.add(
      object,
      referral.Id,
      'Submitted_At__c',
      `no readable submission time (${JSON.stringify(referral.Submitted_At__c ?? null)}) and no CreatedDate`,
    );
  const storedStart = parseDayStart(referral.Protection_Start__c);
  if (referral.Protection_Start__c && storedStart === null)
    return problems.add(object, referral.Id, 'Protection_Start__c', `not a date: ${JSON.stringify(referral.Protection_Start__c)}`);
  const storedEnd = parseDayStart(referral.Protection_End__c);
  if (referral.Protection_End__c && storedEnd === null)
    return problems.add(object, referral.Id, 'Protection_End__c', `not a date: ${JSON.stringify(referral.Protection_End__c)}`);
  const approvedAt = parseInstant(referral.Decided_At__c) ?? storedStart;
  if (approvedAt === null)
    return problems.add(
      object,
      referral.Id,
      'Decided_At__c',
      `status ${referral.Status__c} but neither Decided_At__c nor Protection_Start__c is set`,
    );
  const protectionStart = storedStart ?? (parseDayStart(isoDay(approvedAt)) as number);
  const partner = partners.get(referral.Channel_Partner__c);
  const protectionEnd =
    storedEnd !== null
      ? dayEnd(storedEnd)
      : protectionStart +
        protectionDaysFor(settings, { tier: partner?.tier ?? null, protectionDaysOverride: partner?.protectionDaysOverride ?? null }) *
          DAY_MS;
  if (protectionEnd <= protectionStart)
    return problems.add(
      object,
      referral.Id,
      'Protection_End__c',
      `ends (${referral.Protection_End__c}) before it starts (${isoDay(protectionStart)})`,
    );
  const firstMeetingAt = parseInstant(referral.First_Meeting_At__c);
  return {
    referralId: referral.Id,
    partnerId: referral.Channel_Partner__c,
    registeredAt,
    approvedAt,
    protectionStart,
    protectionEnd,
    protectionDerived: storedStart === null || storedEnd === null,
    firstMeetingAt,
    evidence: `Registration ${referral.Name ?? referral.Id} (${referral.Status__c}) for ${referral.Company_Name__c ?? 'unknown company'}, registered ${isoInstant(registeredAt)}, approved ${isoInstant(approvedAt)}`,
  };
}

function registrationTouch(registration: AttributionRegistration): AttributionTouch {
  return {
    key: `Partner_Referral__c:${registration.referralId}`,
    partnerId: registration.partnerId,
    at: registration.registeredAt,
    type: 'Referral',
    origin: 'Partner_Referral__c',
    recordId: registration.referralId,
    evidence: registration.evidence,
  };
}

function touchFromPartnerTouch(record: Partner_Touch__c, problems: Problems): AttributionTouch | null {
  const object = 'Partner_Touch__c';
  if (!record.Id) return problems.add(object, record.Id, 'Id', 'missing');
  if (!record.Channel_Partner__c)
    return problems.add(object, record.Id, 'Channel_Partner__c', 'a touch without a partner cannot be credited');
  const at = parseInstant(record.Touched_At__c);
  if (at === null)
    return problems.add(
      object,
      record.Id,
      'Touched_At__c',
      `every touch needs a timestamp, got ${JSON.stringify(record.Touched_At__c ?? null)}`,
    );
  const type = record.Touch_Type__c && TOUCH_TYPES.has(record.Touch_Type__c) ? record.Touch_Type__c : 'Other';
  return {
    key: `${object}:${record.Id}`,
    partnerId: record.Channel_Partner__c,
    at,
    type,
    origin: object,
    recordId: record.Id,
    evidence: record.Evidence__c?.trim() || `${type} logged as ${record.Name ?? record.Id} (${record.Source__c ?? 'no source'})`,
  };
}

function touchFromAssignment(record: Lead_Assignment__c, problems: Problems): AttributionTouch | null {
  const object = 'Lead_Assignment__c';
  if (!record.Id) return problems.add(object, record.Id, 'Id', 'missing');
  if (!record.Channel_Partner__c)
    return problems.add(object, record.Id, 'Channel_Partner__c', 'a worked assignment without a partner cannot be credited');
  const at = parseInstant(record.Contacted_At__c);
  if (at === null) return problems.add(object, record.Id, 'Contacted_At__c', `not a date-time: ${JSON.stringify(record.Contacted_At__c)}`);
  return {
    key: `${object}:${record.Id}`,
    partnerId: record.Channel_Partner__c,
    at,
    type: 'Lead Worked',
    origin: object,
    recordId: record.Id,
    evidence: `Partner contacted lead ${record.Lead__c} at ${isoInstant(at)} (assignment ${record.Name ?? record.Id}, ${record.Distribution_Model__c ?? 'distribution model unknown'}, status ${record.Status__c ?? 'unknown'})`,
  };
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function opportunityState(record: Opportunity): { isClosed: boolean; isWon: boolean } {
  const isWon = record.IsWon ?? record.StageName === 'Closed Won';
  const isClosed = record.IsClosed ?? (record.StageName === 'Closed Won' || record.StageName === 'Closed Lost');
  return { isClosed: isClosed || isWon, isWon };
}

/**
 * Builds the engine input from the records the sync layer loaded. `now` is the computation time
 * (epoch ms or Date); nothing here reads a clock.
 */
export function attributionInputFromRecords(
  records: AttributionRecords,
  settings: ProgramSettings,
  now: number | Date,
): MappedAttributionInput {
  const problems = new Problems();
  const partners = mapPartners(records.partners, problems);

  const opportunities = new Map<string, AttributionOpportunity>();
  const opportunitiesByAccount = new Map<string, string[]>();
  for (const record of records.opportunities) {
    const object = 'Opportunity';
    if (!record.Id) {
      problems.add(object, record.Id, 'Id', 'missing');
      continue;
    }
    const createdAt = parseInstant(record.CreatedDate);
    if (createdAt === null) {
      problems.add(object, record.Id, 'CreatedDate', `not a date-time: ${JSON.stringify(record.CreatedDate ?? null)}`);
      continue;
    }
    const { isClosed, isWon } = opportunityState(record);
    const closeDay = parseDayStart(record.CloseDate);
    if (isClosed && closeDay === null) {
      problems.add(
        object,
        record.Id,
        'CloseDate',
        `a closed opportunity needs a close date, got ${JSON.stringify(record.CloseDate ?? null)}`,
      );
      continue;
    }
    if (record.Amount != null && !Number.isFinite(record.Amount)) {
      problems.add(object, record.Id, 'Amount', `not a number: ${JSON.stringify(record.Amount)}`);
      continue;
    }
    opportunities.set(record.Id, {
      id: record.Id,
      name: record.Name ?? record.Id,
      amount: record.Amount ?? null,
      createdAt,
      inPlayAt: createdAt,
      closeAt: closeDay === null ? Number.POSITIVE_INFINITY : dayEnd(closeDay),
      closeDate: record.CloseDate ?? null,
      isClosed,
      isWon,
      resellerPartnerId: record.Reseller_Partner__c ?? null,
      registrations: [],
      touches: [],
    });
    if (record.AccountId) addTo(opportunitiesByAccount, record.AccountId, record.Id);
  }

  // Conversions lead → opportunity carry the lead's history forward; the deal was in play from the lead's creation.
  const opportunityOfLead = new Map<string, string>();
  const opportunitiesByReferral = new Map<string, Set<string>>();
  const linkReferral = (referralId: string | null | undefined, opportunityId: string | null | undefined): void => {
    if (!referralId || !opportunityId || !opportunities.has(opportunityId)) return;
    const set = opportunitiesByReferral.get(referralId) ?? new Set<string>();
    set.add(opportunityId);
    opportunitiesByReferral.set(referralId, set);
  };
  for (const lead of records.leads) {
    if (!lead.Id || !lead.ConvertedOpportunityId) continue;
    const opportunity = opportunities.get(lead.ConvertedOpportunityId);
    if (!opportunity) continue;
    opportunityOfLead.set(lead.Id, opportunity.id);
    const leadCreated = parseInstant(lead.CreatedDate);
    if (leadCreated !== null && leadCreated < opportunity.inPlayAt) opportunity.inPlayAt = leadCreated;
    linkReferral(lead.Partner_Referral__c, opportunity.id);
  }
  for (const record of records.opportunities) linkReferral(record.Partner_Referral__c, record.Id);

  const registrationTouchKeys = new Set<string>();
  for (const referral of records.referrals) {
    if (!referral.Status__c || !CLAIMING_REFERRAL_STATUSES.has(referral.Status__c)) continue;
    linkReferral(referral.Id, referral.Converted_Opportunity__c);
    linkReferral(referral.Id, referral.Matched_Opportunity__c);
    if (referral.Converted_Lead__c) linkReferral(referral.Id, opportunityOfLead.get(referral.Converted_Lead__c));
    const linked = referral.Id ? opportunitiesByReferral.get(referral.Id) : undefined;
    if (!linked) continue;
    const registration = registrationFromReferral(referral, partners, settings, problems);
    if (!registration) continue;
    registrationTouchKeys.add(registration.referralId);
    for (const opportunityId of linked) {
      const opportunity = opportunities.get(opportunityId) as AttributionOpportunity;
      opportunity.registrations.push(registration);
      opportunity.touches.push(registrationTouch(registration));
    }
  }

  const assignmentsById = new Map<string, Lead_Assignment__c>();
  for (const assignment of records.leadAssignments) {
    if (assignment.Id) assignmentsById.set(assignment.Id, assignment);
    if (!assignment.Contacted_At__c || !assignment.Lead__c) continue;
    const opportunityId = opportunityOfLead.get(assignment.Lead__c);
    if (!opportunityId) continue;
    const touch = touchFromAssignment(assignment, problems);
    if (touch) opportunities.get(opportunityId)?.touches.push(touch);
  }

  for (const record of records.touches) {
    // A touch row mirroring a registration or a worked assignment we already read is the same touch.
    if (record.Source__c === 'Referral' && record.Referral__c && registrationTouchKeys.has(record.Referral__c)) continue;
    if (
      record.Source__c === 'Lead Assignment' &&
      record.Lead_Assignment__c &&
      assignmentsById.get(record.Lead_Assignment__c)?.Contacted_At__c
    )
      continue;
    const targets = new Set<string>();
    if (record.Opportunity__c && opportunities.has(record.Opportunity__c)) targets.add(record.Opportunity__c);
    for (const id of record.Account__c ? (opportunitiesByAccount.get(record.Account__c) ?? []) : []) targets.add(id);
    const assignmentLead = record.Lead_Assignment__c ? assignmentsById.get(record.Lead_Assignment__c)?.Lead__c : undefined;
    const assignmentOpportunity = assignmentLead ? opportunityOfLead.get(assignmentLead) : undefined;
    if (assignmentOpportunity) targets.add(assignmentOpportunity);
    for (const id of record.Referral__c ? (opportunitiesByReferral.get(record.Referral__c) ?? []) : []) targets.add(id);
    if (targets.size === 0) continue;
    const touch = touchFromPartnerTouch(record, problems);
    if (!touch) continue;
    for (const id of targets) opportunities.get(id)?.touches.push(touch);
  }

  return {
    input: {
      opportunities: [...opportunities.values()],
      partners: [...partners.values()],
      settings,
      now: typeof now === 'number' ? now : now.getTime(),
    },
    problems: problems.list,
  };
}
