import type { CountryCode } from 'libphonenumber-js';
import type { ProgramSettings } from '../../settings/program-settings.ts';
import { MatchIndex } from '../index/match-index.ts';
import { hashKey } from '../string-hash.ts';
import { normalizeCompanyName } from '../normalize/company-name.ts';
import { companyDomainOfEmail, companyDomainOfWebsite } from '../normalize/domain.ts';
import { companyMatchRecord } from '../types.ts';
import type { MatchCandidate, MatchRecord, MatchRecordKind } from '../types.ts';
import { addBusinessDays, daysBetween, parseDate } from './business-days.ts';
import type {
  AccountFacts,
  ActivityFacts,
  ContactFacts,
  LeadFacts,
  OpportunityFacts,
  PartnerFacts,
  Population,
  ReferralFacts,
} from './facts.ts';
import { partnerVisibleReason } from './partner-visible-reason.ts';
import type {
  Classification,
  ConflictFinding,
  ConflictType,
  DuplicateStatus,
  EvidenceEvent,
  Recommendation,
  SubmissionCheck,
} from './result.ts';
import { findStopGates } from './stop-gates.ts';

export interface SubmissionCheckerOptions {
  settings: ProgramSettings;
  defaultCountry?: CountryCode;
  /** Users whose activities are partner activity, not direct sales (e.g. partner community users). */
  partnerUserIds?: Iterable<string>;
  /** Sizing hint for the match index. */
  expectedRecords?: number;
}

/** Referral statuses that still hold a claim on the company. */
const LIVE_REFERRAL = new Set(['Submitted', 'In Review', 'Needs More Info', 'Approved', 'Converted']);
const CONFLICT_ORDER: ConflictType[] = ['Partner vs Partner', 'Partner vs Direct', 'Open Opportunity', 'Existing Customer'];

/**
 * Checks partner submissions against everything the org knows: Accounts (and their
 * Contacts, Opportunities and activities), Leads and every partner's registrations. Holds
 * the facts in memory and a MatchIndex over them; the sync layer feeds it with upsert/remove
 * as records change, then calls check() per submission. No I/O.
 */
export class SubmissionChecker {
  readonly index: MatchIndex;
  private readonly settings: ProgramSettings;
  private readonly partnerUsers: Set<string>;
  private readonly partners = new Map<string, PartnerFacts>();
  private readonly accounts = new Map<string, AccountFacts>();
  private readonly leads = new Map<string, LeadFacts>();
  private readonly contacts = new Map<string, ContactFacts>();
  private readonly contactsByAccount = new Map<string, Set<string>>();
  private readonly opportunities = new Map<string, OpportunityFacts>();
  private readonly opportunitiesByAccount = new Map<string, Set<string>>();
  private readonly activities = new Map<string, ActivityFacts>();
  private readonly activitiesByRecord = new Map<string, Set<string>>();
  private readonly referrals = new Map<string, ReferralFacts>();

  constructor(options: SubmissionCheckerOptions) {
    this.settings = options.settings;
    this.partnerUsers = new Set(options.partnerUserIds ?? []);
    const indexOptions: ConstructorParameters<typeof MatchIndex>[0] = { thresholds: options.settings };
    if (options.defaultCountry) indexOptions.defaultCountry = options.defaultCountry;
    if (options.expectedRecords) indexOptions.expectedRecords = options.expectedRecords;
    this.index = new MatchIndex(indexOptions);
  }

  upsertPartner(partner: PartnerFacts): void {
    this.partners.set(partner.id, partner);
  }

  upsertAccount(account: AccountFacts): void {
    this.accounts.set(account.id, account);
    this.index.upsert(accountMatchRecord(account));
  }

  /**
   * Many accounts at once, as the first build from a mirror has them: the index normalises
   * them on worker threads (MatchIndex.upsertMany). The same as upsertAccount for each.
   */
  async upsertAccounts(accounts: readonly AccountFacts[]): Promise<void> {
    for (const account of accounts) this.accounts.set(account.id, account);
    await this.index.upsertMany(accounts.map(accountMatchRecord));
  }

  upsertLead(lead: LeadFacts): void {
    const record = this.keepLead(lead);
    if (record) this.index.upsert(record);
  }

  /** Many leads at once, like upsertAccounts. The same as upsertLead for each. */
  async upsertLeads(leads: readonly LeadFacts[]): Promise<void> {
    const indexed: MatchRecord[] = [];
    for (const lead of leads) {
      const record = this.keepLead(lead);
      if (record) indexed.push(record);
    }
    await this.index.upsertMany(indexed);
  }

  /**
   * Keeps the lead's facts and returns what the index should hold for it; a converted lead
   * leaves the index instead (it lives on as its account, contact and opportunity).
   */
  private keepLead(lead: LeadFacts): MatchRecord | undefined {
    this.leads.set(lead.id, lead);
    if (!lead.isConverted) return leadMatchRecord(lead);
    this.index.remove(lead.id);
    return undefined;
  }

  upsertContact(contact: ContactFacts): void {
    const previous = this.contacts.get(contact.id);
    if (previous?.accountId) this.contactsByAccount.get(previous.accountId)?.delete(contact.id);
    this.contacts.set(contact.id, contact);
    if (contact.accountId) addTo(this.contactsByAccount, contact.accountId, contact.id);
    const account = contact.accountId ? this.accounts.get(contact.accountId) : undefined;
    // Indexed by email and name so a submission naming a known contact finds the account.
    this.index.upsert({
      id: contact.id,
      kind: 'Contact',
      name: account?.name,
      website: account?.website,
      email: contact.email,
      phone: contact.phone,
      contactName: contact.name,
    });
  }

  upsertOpportunity(opportunity: OpportunityFacts): void {
    const previous = this.opportunities.get(opportunity.id);
    if (previous?.accountId) this.opportunitiesByAccount.get(previous.accountId)?.delete(opportunity.id);
    this.opportunities.set(opportunity.id, opportunity);
    if (opportunity.accountId) addTo(this.opportunitiesByAccount, opportunity.accountId, opportunity.id);
  }

  upsertActivity(activity: ActivityFacts): void {
    this.removeActivity(activity.id);
    this.activities.set(activity.id, activity);
    if (activity.whatId) addTo(this.activitiesByRecord, activity.whatId, activity.id);
    if (activity.whoId) addTo(this.activitiesByRecord, activity.whoId, activity.id);
  }

  upsertReferral(referral: ReferralFacts): void {
    this.referrals.set(referral.id, referral);
    this.index.upsert({ id: referral.id, kind: 'Partner_Referral__c', ...referralMatchRecord(referral) });
  }

  /** Forgets a record of any kind (deleted in the org). */
  remove(id: string): void {
    this.partners.delete(id);
    this.accounts.delete(id);
    this.leads.delete(id);
    const contact = this.contacts.get(id);
    if (contact?.accountId) this.contactsByAccount.get(contact.accountId)?.delete(id);
    this.contacts.delete(id);
    this.referrals.delete(id);
    const opportunity = this.opportunities.get(id);
    if (opportunity?.accountId) this.opportunitiesByAccount.get(opportunity.accountId)?.delete(id);
    this.opportunities.delete(id);
    this.removeActivity(id);
    this.index.remove(id);
  }

  /** Customer, Open Opportunity or Prospect: the account's population for overlaps. */
  populationOf(accountId: string): Population {
    const opportunities = [...(this.opportunitiesByAccount.get(accountId) ?? [])]
      .map((id) => this.opportunities.get(id))
      .filter((o) => o !== undefined);
    const account = this.accounts.get(accountId);
    if (isCustomer(account, opportunities)) return 'Customer';
    if (opportunities.some((o) => !o.isClosed)) return 'Open Opportunity';
    return 'Prospect';
  }

  account(id: string): AccountFacts | undefined {
    return this.accounts.get(id);
  }

  partner(id: string): PartnerFacts | undefined {
    return this.partners.get(id);
  }

  /** Classifies one submission and recommends what to do, with reasons and stop gates. */
  check(referral: ReferralFacts, now: Date = new Date()): SubmissionCheck {
    const settings = this.settings;
    const partner = referral.partnerId ? this.partners.get(referral.partnerId) : undefined;
    const query: MatchRecord = { id: referral.id, kind: 'Partner_Referral__c', ...referralMatchRecord(referral) };
    // Each kind gets its own quota, so an account with many contacts cannot crowd out the
    // other partners' registrations of the same company.
    const found = (kinds: MatchRecordKind[], limit: number): MatchCandidate[] =>
      this.index.find(query, { kinds, limit, excludeId: referral.id, minConfidence: settings.reviewThreshold });
    const referralMatches = found(['Partner_Referral__c'], 25);
    const matches = [...found(['Account', 'Contact'], 5), ...found(['Lead'], 5), ...referralMatches].sort(
      (a, b) => b.confidence - a.confidence,
    );
    const confirmed = matches.filter((m) => m.decision === 'match');

    const accountMatch = this.bestAccount(confirmed);
    const leadMatch = confirmed.find((m) => m.kind === 'Lead');
    const account = accountMatch ? this.accounts.get(accountMatch.accountId) : undefined;
    const submitted = parseDate(referral.submittedAt) ?? now;
    const companyDomain = companyDomainOfWebsite(referral.website) ?? companyDomainOfEmail(referral.contactEmail);
    const anchor = account
      ? account.id
      : companyDomain
        ? `d:${companyDomain}`
        : `n:${(hashKey(normalizeCompanyName(referral.companyName).key) >>> 0).toString(36)}`;
    const company = { companyName: referral.companyName, companyDomain, accountId: account?.id };
    const reasons: string[] = [];
    const conflicts: ConflictFinding[] = [];

    // Same partner, earlier live submission of the same company: a duplicate, not a conflict.
    const ownEarlier = confirmed
      .map((m) => ({ match: m, other: this.referrals.get(m.id) }))
      .filter(
        ({ match, other }) =>
          match.kind === 'Partner_Referral__c' &&
          other &&
          other.partnerId === referral.partnerId &&
          LIVE_REFERRAL.has(other.status ?? 'Submitted') &&
          isEarlier(other, referral),
      )
      .sort((a, b) => (a.other?.submittedAt ?? '').localeCompare(b.other?.submittedAt ?? ''))[0];

    // Other partners' live claims: inside the conflict window, or still protected.
    const otherClaims = confirmed
      .map((m) => this.referrals.get(m.id))
      .filter(
        (other): other is ReferralFacts =>
          !!other &&
          other.partnerId !== referral.partnerId &&
          LIVE_REFERRAL.has(other.status ?? 'Submitted') &&
          this.claimStands(other, submitted, now),
      );
    const opportunities = account
      ? [...(this.opportunitiesByAccount.get(account.id) ?? [])]
          .map((id) => this.opportunities.get(id))
          .filter((o): o is OpportunityFacts => !!o)
      : [];
    const openOpportunities = opportunities.filter((o) => !o.isClosed);
    const otherPartnerDeals = openOpportunities.filter((o) => o.resellerPartnerId && o.resellerPartnerId !== referral.partnerId);
    if (otherClaims.length > 0 || otherPartnerDeals.length > 0) {
      const evidence: EvidenceEvent[] = [submissionEvent(referral)];
      for (const other of otherClaims) {
        evidence.push(submissionEvent(other));
        if (other.firstMeetingAt)
          evidence.push({
            at: other.firstMeetingAt,
            kind: 'first_meeting',
            recordId: other.id,
            partnerId: other.partnerId,
            detail: `First meeting logged by partner ${this.partnerName(other.partnerId)}`,
          });
      }
      for (const deal of otherPartnerDeals)
        evidence.push({
          at: deal.createdDate ?? now.toISOString(),
          kind: 'open_opportunity',
          recordId: deal.id,
          partnerId: deal.resellerPartnerId,
          detail: `Open opportunity ${deal.name ?? deal.id} resold by partner ${this.partnerName(deal.resellerPartnerId)}`,
        });
      const partnerIds = unique([
        referral.partnerId,
        ...otherClaims.map((o) => o.partnerId),
        ...otherPartnerDeals.map((o) => o.resellerPartnerId),
      ]);
      conflicts.push({
        type: 'Partner vs Partner',
        key: `PVP:${anchor}`,
        ...company,
        partnerIds,
        referralIds: unique([referral.id, ...otherClaims.map((o) => o.id)]),
        evidence: sortEvents(evidence),
        ...(otherPartnerDeals[0] ? { opportunityId: otherPartnerDeals[0].id } : {}),
      });
      reasons.push(
        `Partner vs partner: ${otherClaims.length + otherPartnerDeals.length} other partner claim(s) on this company (${partnerIds.length} partners).`,
      );
    }

    // Direct sales engaged: a direct seller's activity or a direct open opportunity inside the lookback.
    const direct = this.directEngagement(account, leadMatch ? this.leads.get(leadMatch.id) : undefined, openOpportunities, now);
    if (direct.events.length > 0) {
      conflicts.push({
        type: 'Partner vs Direct',
        key: `PVD:${anchor}`,
        ...company,
        ...(direct.opportunityId ? { opportunityId: direct.opportunityId } : {}),
        ...(leadMatch ? { leadId: leadMatch.id } : {}),
        ...(direct.ownerId ? { directOwnerId: direct.ownerId } : {}),
        partnerIds: unique([referral.partnerId]),
        referralIds: [referral.id],
        evidence: sortEvents([submissionEvent(referral), ...direct.events]),
      });
      reasons.push(
        `Partner vs direct: direct sales engaged in the last ${settings.directEngagementLookbackDays} days (${direct.events.length} event(s)).`,
      );
    }
    const directOpen = openOpportunities.filter((o) => !o.resellerPartnerId || o.resellerPartnerId === referral.partnerId);
    if (account && directOpen.length > 0 && !direct.opportunityId) {
      const first = directOpen[0] as OpportunityFacts;
      conflicts.push({
        type: 'Open Opportunity',
        key: `OPP:${anchor}`,
        ...company,
        opportunityId: first.id,
        ...(first.ownerId ? { directOwnerId: first.ownerId } : {}),
        partnerIds: unique([referral.partnerId]),
        referralIds: [referral.id],
        evidence: sortEvents([submissionEvent(referral), ...directOpen.map((o) => openOpportunityEvent(o, now))]),
      });
      reasons.push(`Open opportunity on the matched account (${directOpen.length}).`);
    }
    if (account && isCustomer(account, opportunities)) {
      conflicts.push({
        type: 'Existing Customer',
        key: `CUST:${anchor}`,
        ...company,
        ...(account.ownerId ? { directOwnerId: account.ownerId } : {}),
        partnerIds: unique([referral.partnerId]),
        referralIds: [referral.id],
        evidence: sortEvents([
          submissionEvent(referral),
          {
            at: wonDate(opportunities) ?? now.toISOString(),
            kind: 'customer',
            recordId: account.id,
            ...(account.ownerId ? { ownerId: account.ownerId } : {}),
            detail: `Existing customer${account.type ? ` (${account.type})` : ''}`,
          },
        ]),
      });
      reasons.push('The matched account is an existing customer.');
    }
    conflicts.sort((a, b) => CONFLICT_ORDER.indexOf(a.type) - CONFLICT_ORDER.indexOf(b.type));

    const classification: Classification = ownEarlier ? 'Duplicate Submission' : (conflicts[0]?.type ?? 'New');
    if (ownEarlier)
      reasons.unshift(
        `Duplicate of the same partner's earlier submission ${ownEarlier.match.id} (confidence ${ownEarlier.match.confidence}).`,
      );

    const gates = findStopGates(referral, partner, account, now, settings.staleDataDays);
    const gateNames = unique(gates.map((g) => g.gate));
    const possible = matches.filter((m) => m.decision === 'review');
    const duplicateStatus: DuplicateStatus = confirmed.length > 0 ? 'Duplicate' : possible.length > 0 ? 'Possible Duplicate' : 'Unique';
    if (duplicateStatus === 'Possible Duplicate')
      reasons.push(`Possible match below the match threshold (best ${possible[0]?.confidence}): confirm before acting.`);

    const recommendation = recommend(
      classification,
      conflicts,
      gates.map((g) => g.gate),
      duplicateStatus,
      account,
    );
    for (const gate of gates) reasons.push(`${gate.gate}: ${gate.reason}`);
    if (recommendation === 'Accept') reasons.push('Complete, in policy and no conflict found.');

    const best = matches[0];
    const result: SubmissionCheck = {
      referralId: referral.id,
      checkedAt: now.toISOString(),
      classification,
      duplicateStatus,
      recommendation,
      recommendationReasons: reasons,
      stopGates: gateNames,
      confidence: best ? best.confidence : 0,
      matches: matches.slice(0, 10),
      conflicts,
      partnerVisibleReason: partnerVisibleReason({
        classification,
        recommendation,
        conflicts,
        gates,
        sharing: partner?.dataSharingLevel ?? 'Overlap Only',
        duplicateOfKey: ownEarlier ? (ownEarlier.other?.key ?? ownEarlier.match.id) : undefined,
      }),
      decisionSlaDue: addBusinessDays(submitted, settings.decisionSlaBusinessDays).toISOString(),
    };
    if (referral.partnerId) result.partnerId = referral.partnerId;
    if (companyDomain) result.companyDomain = companyDomain;
    if (account) result.matchedAccountId = account.id;
    if (leadMatch) result.matchedLeadId = leadMatch.id;
    const matchedOpportunity = direct.opportunityId ?? openOpportunities[0]?.id;
    if (matchedOpportunity) result.matchedOpportunityId = matchedOpportunity;
    if (ownEarlier) result.duplicateOfId = ownEarlier.match.id;
    return result;
  }

  /** The best confirmed match that stands for an account: the account itself or a contact of it. */
  private bestAccount(confirmed: MatchCandidate[]): { accountId: string } | undefined {
    for (const match of confirmed) {
      if (match.kind === 'Account' && this.accounts.has(match.id)) return { accountId: match.id };
      if (match.kind === 'Contact') {
        const accountId = this.contacts.get(match.id)?.accountId;
        if (accountId && this.accounts.has(accountId)) return { accountId };
      }
    }
    return undefined;
  }

  private claimStands(other: ReferralFacts, submitted: Date, now: Date): boolean {
    const protectionEnd = parseDate(other.protectionEnd);
    if (other.status === 'Approved' && protectionEnd && protectionEnd > now) return true;
    const otherSubmitted = parseDate(other.submittedAt);
    return !otherSubmitted || Math.abs(daysBetween(otherSubmitted, submitted)) <= this.settings.conflictWindowDays;
  }

  private directEngagement(
    account: AccountFacts | undefined,
    lead: LeadFacts | undefined,
    openOpportunities: OpportunityFacts[],
    now: Date,
  ): { events: EvidenceEvent[]; ownerId?: string; opportunityId?: string } {
    const lookback = this.settings.directEngagementLookbackDays;
    const recent = (value: string | undefined): boolean => {
      const date = parseDate(value);
      return !!date && daysBetween(date, now) <= lookback && daysBetween(date, now) >= -1;
    };
    const events: EvidenceEvent[] = [];
    const recordIds = new Set<string>();
    if (account) {
      recordIds.add(account.id);
      for (const contactId of this.contactsByAccount.get(account.id) ?? []) recordIds.add(contactId);
    }
    for (const opportunity of openOpportunities) recordIds.add(opportunity.id);
    if (lead && !lead.partnerReferralId) recordIds.add(lead.id);
    for (const recordId of recordIds) {
      for (const activityId of this.activitiesByRecord.get(recordId) ?? []) {
        const activity = this.activities.get(activityId);
        if (!activity || (activity.ownerId && this.partnerUsers.has(activity.ownerId)) || !recent(activity.date)) continue;
        events.push({
          at: activity.date as string,
          kind: 'direct_activity',
          recordId: activity.id,
          ...(activity.ownerId ? { ownerId: activity.ownerId } : {}),
          detail: `${activity.kind}${activity.subject ? `: ${activity.subject}` : ''}`,
        });
      }
    }
    if (
      lead &&
      !lead.partnerReferralId &&
      events.every((e) => e.recordId !== lead.id) &&
      recent(lead.lastActivityDate) &&
      lead.ownerId &&
      !this.partnerUsers.has(lead.ownerId)
    ) {
      events.push({
        at: lead.lastActivityDate as string,
        kind: 'direct_activity',
        recordId: lead.id,
        ownerId: lead.ownerId,
        detail: 'Activity on the matching lead',
      });
    }
    let opportunityId: string | undefined;
    for (const opportunity of openOpportunities) {
      if (opportunity.resellerPartnerId || opportunity.partnerReferralId) continue;
      if (recent(opportunity.lastActivityDate) || recent(opportunity.createdDate)) {
        opportunityId ??= opportunity.id;
        events.push(openOpportunityEvent(opportunity, now));
      }
    }
    const sorted = sortEvents(events);
    const latestOwner = [...sorted].reverse().find((e) => e.ownerId)?.ownerId;
    const result: { events: EvidenceEvent[]; ownerId?: string; opportunityId?: string } = { events: sorted };
    if (latestOwner) result.ownerId = latestOwner;
    if (opportunityId) result.opportunityId = opportunityId;
    return result;
  }

  private partnerName(partnerId: string | undefined): string {
    return (partnerId && this.partners.get(partnerId)?.name) || partnerId || 'unknown';
  }

  private removeActivity(id: string): void {
    const previous = this.activities.get(id);
    if (!previous) return;
    if (previous.whatId) this.activitiesByRecord.get(previous.whatId)?.delete(id);
    if (previous.whoId) this.activitiesByRecord.get(previous.whoId)?.delete(id);
    this.activities.delete(id);
  }
}

/**
 * Conflicts are never resolved here: any conflict goes to the owner, never accepted or
 * declined automatically. Then strategic review, duplicates and policy, then completeness.
 */
function recommend(
  classification: Classification,
  conflicts: ConflictFinding[],
  gates: string[],
  duplicateStatus: DuplicateStatus,
  account: AccountFacts | undefined,
): Recommendation {
  if (conflicts.length > 0) return 'Owner Review';
  if (gates.includes('Strategic Review')) return 'Owner Review';
  if (classification === 'Duplicate Submission') return 'Decline';
  if (account?.registrationBlocked) return 'Decline';
  if (gates.includes('Out of Policy')) return 'Owner Review';
  if (duplicateStatus === 'Possible Duplicate') return 'Owner Review';
  if (gates.length > 0) return 'Needs More Context';
  return 'Accept';
}

function accountMatchRecord(account: AccountFacts): MatchRecord {
  return companyMatchRecord(account.id, 'Account', account);
}

function leadMatchRecord(lead: LeadFacts): MatchRecord {
  return {
    id: lead.id,
    kind: 'Lead',
    name: lead.company,
    website: lead.website,
    email: lead.email,
    phone: lead.phone,
    street: lead.street,
    city: lead.city,
    postalCode: lead.postalCode,
    country: lead.country,
    contactName: lead.contactName,
  };
}

export function referralMatchRecord(referral: ReferralFacts): Omit<MatchRecord, 'id' | 'kind'> {
  const contactName = [referral.contactFirstName, referral.contactLastName].filter(Boolean).join(' ');
  return {
    name: referral.companyName,
    website: referral.website,
    email: referral.contactEmail,
    phone: referral.contactPhone,
    street: referral.street,
    city: referral.city,
    postalCode: referral.postalCode,
    country: referral.country,
    contactName: contactName === '' ? undefined : contactName,
  };
}

function isCustomer(account: AccountFacts | undefined, opportunities: OpportunityFacts[]): boolean {
  return (account?.type ?? '').toLowerCase().startsWith('customer') || opportunities.some((o) => o.isWon);
}

function isEarlier(other: ReferralFacts, referral: ReferralFacts): boolean {
  if (!other.submittedAt || !referral.submittedAt) return true;
  return other.submittedAt < referral.submittedAt || (other.submittedAt === referral.submittedAt && other.id < referral.id);
}

function submissionEvent(referral: ReferralFacts): EvidenceEvent {
  return {
    at: referral.submittedAt ?? '',
    kind: 'submission',
    recordId: referral.id,
    ...(referral.partnerId ? { partnerId: referral.partnerId } : {}),
    detail: `Registration ${referral.key ?? referral.id} (${referral.status ?? 'Submitted'})`,
  };
}

function openOpportunityEvent(opportunity: OpportunityFacts, now: Date): EvidenceEvent {
  return {
    at: opportunity.lastActivityDate ?? opportunity.createdDate ?? now.toISOString(),
    kind: 'open_opportunity',
    recordId: opportunity.id,
    ...(opportunity.ownerId ? { ownerId: opportunity.ownerId } : {}),
    detail: `Open opportunity ${opportunity.name ?? opportunity.id}${opportunity.stageName ? ` (${opportunity.stageName})` : ''}`,
  };
}

function wonDate(opportunities: OpportunityFacts[]): string | undefined {
  return opportunities
    .filter((o) => o.isWon && o.closeDate)
    .map((o) => o.closeDate as string)
    .sort()[0];
}

function sortEvents(events: EvidenceEvent[]): EvidenceEvent[] {
  return [...events].sort((a, b) => a.at.localeCompare(b.at));
}

function unique<T>(values: (T | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== undefined))];
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
