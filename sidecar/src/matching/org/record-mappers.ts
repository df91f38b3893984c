import type { Account, Channel_Partner__c, Contact, Event, Lead, Opportunity, Partner_Referral__c, Task } from '@partner-lead-sync/model';
import { registrableDomain } from '../normalize/domain.ts';
import type {
  AccountFacts,
  ActivityFacts,
  ContactFacts,
  DataSharingLevel,
  LeadFacts,
  OpportunityFacts,
  PartnerFacts,
  ReferralFacts,
} from '../classify/facts.ts';

/**
 * Org records (as queried through the API) → the checker's facts. Pure; the sync layer
 * queries and calls these. Each mapper names the fields it reads in FIELDS_READ so the
 * queries can select exactly them. A record without an Id is bad input: the error names it.
 */
export const FIELDS_READ = {
  Account: [
    'Id',
    'Name',
    'Website',
    'Phone',
    'BillingStreet',
    'BillingCity',
    'BillingPostalCode',
    'BillingCountry',
    'OwnerId',
    'Type',
    'Strategic_Account__c',
    'Partner_Registration_Blocked__c',
  ],
  Lead: [
    'Id',
    'Company',
    'Website',
    'Email',
    'Phone',
    'Street',
    'City',
    'PostalCode',
    'Country',
    'FirstName',
    'LastName',
    'OwnerId',
    'Status',
    'IsConverted',
    'ConvertedAccountId',
    'Partner_Referral__c',
    'CreatedDate',
    'LastActivityDate',
  ],
  Contact: ['Id', 'AccountId', 'FirstName', 'LastName', 'Email', 'Phone'],
  Opportunity: [
    'Id',
    'Name',
    'AccountId',
    'OwnerId',
    'StageName',
    'IsClosed',
    'IsWon',
    'Amount',
    'CreatedDate',
    'CloseDate',
    'LastActivityDate',
    'Reseller_Partner__c',
    'Partner_Referral__c',
  ],
  Task: ['Id', 'OwnerId', 'WhatId', 'WhoId', 'ActivityDate', 'CreatedDate', 'Subject'],
  Event: ['Id', 'OwnerId', 'WhatId', 'WhoId', 'ActivityDateTime', 'StartDateTime', 'CreatedDate', 'Subject'],
  Channel_Partner__c: [
    'Id',
    'Name',
    'Partner_Key__c',
    'Tier__c',
    'Status__c',
    'Strategic__c',
    'Data_Sharing_Level__c',
    'Allowed_Email_Domains__c',
    'Protection_Days_Override__c',
  ],
  Partner_Referral__c: [
    'Id',
    'Referral_Key__c',
    'Channel_Partner__c',
    'Company_Name__c',
    'Company_Website__c',
    'Contact_First_Name__c',
    'Contact_Last_Name__c',
    'Contact_Email__c',
    'Contact_Phone__c',
    'Street__c',
    'City__c',
    'Postal_Code__c',
    'Country__c',
    'Use_Case__c',
    'How_Met__c',
    'Partner_Source__c',
    'Consent_Confirmed__c',
    'Submitted_At__c',
    'Submitter_Email__c',
    'Status__c',
    'Protection_End__c',
    'First_Meeting_At__c',
    'CreatedDate',
  ],
} as const;

export class RecordMappingError extends Error {
  constructor(objectName: string, field: string, message: string) {
    super(`${objectName}.${field}: ${message}`);
    this.name = 'RecordMappingError';
  }
}

function idOf(objectName: string, record: { Id?: string | null }): string {
  if (!record.Id) throw new RecordMappingError(objectName, 'Id', 'record has no Id');
  return record.Id;
}

/** Copies defined, non-null values only, so facts never carry `null`. */
function compact<T extends object>(value: { [K in keyof T]: T[K] | null | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== null && field !== undefined && field !== '') out[key] = field;
  return out as T;
}

export function accountFacts(record: Account): AccountFacts {
  return compact<AccountFacts>({
    id: idOf('Account', record),
    name: record.Name,
    website: record.Website,
    phone: record.Phone,
    street: record.BillingStreet,
    city: record.BillingCity,
    postalCode: record.BillingPostalCode,
    country: record.BillingCountry,
    ownerId: record.OwnerId,
    type: record.Type,
    strategic: record.Strategic_Account__c === true,
    registrationBlocked: record.Partner_Registration_Blocked__c === true,
  });
}

export function leadFacts(record: Lead): LeadFacts {
  const name = [record.FirstName, record.LastName].filter(Boolean).join(' ');
  return compact<LeadFacts>({
    id: idOf('Lead', record),
    company: record.Company,
    website: record.Website,
    email: record.Email,
    phone: record.Phone,
    street: record.Street,
    city: record.City,
    postalCode: record.PostalCode,
    country: record.Country,
    contactName: name || record.Name,
    ownerId: record.OwnerId,
    status: record.Status,
    isConverted: record.IsConverted === true,
    convertedAccountId: record.ConvertedAccountId,
    partnerReferralId: record.Partner_Referral__c,
    createdDate: record.CreatedDate,
    lastActivityDate: record.LastActivityDate,
  });
}

export function contactFacts(record: Contact): ContactFacts {
  const name = [record.FirstName, record.LastName].filter(Boolean).join(' ');
  return compact<ContactFacts>({
    id: idOf('Contact', record),
    accountId: record.AccountId,
    name: name || record.Name,
    email: record.Email,
    phone: record.Phone,
  });
}

export function opportunityFacts(record: Opportunity): OpportunityFacts {
  return compact<OpportunityFacts>({
    id: idOf('Opportunity', record),
    name: record.Name,
    accountId: record.AccountId,
    ownerId: record.OwnerId,
    stageName: record.StageName,
    isClosed: record.IsClosed === true,
    isWon: record.IsWon === true,
    amount: record.Amount,
    createdDate: record.CreatedDate,
    closeDate: record.CloseDate,
    lastActivityDate: record.LastActivityDate,
    resellerPartnerId: record.Reseller_Partner__c,
    partnerReferralId: record.Partner_Referral__c,
  });
}

export function taskFacts(record: Task): ActivityFacts {
  return compact<ActivityFacts>({
    id: idOf('Task', record),
    kind: 'Task',
    ownerId: record.OwnerId,
    whatId: record.WhatId,
    whoId: record.WhoId,
    date: record.ActivityDate ?? record.CreatedDate,
    subject: record.Subject,
  });
}

export function eventFacts(record: Event): ActivityFacts {
  return compact<ActivityFacts>({
    id: idOf('Event', record),
    kind: 'Event',
    ownerId: record.OwnerId,
    whatId: record.WhatId,
    whoId: record.WhoId,
    date: record.ActivityDateTime ?? record.StartDateTime ?? record.CreatedDate,
    subject: record.Subject,
  });
}

const SHARING_LEVELS: readonly DataSharingLevel[] = ['Full', 'Overlap Only', 'Counts Only', 'None'];

export function partnerFacts(record: Channel_Partner__c): PartnerFacts {
  const id = idOf('Channel_Partner__c', record);
  const level = record.Data_Sharing_Level__c ?? 'Overlap Only';
  if (!SHARING_LEVELS.includes(level))
    throw new RecordMappingError('Channel_Partner__c', 'Data_Sharing_Level__c', `unknown value ${JSON.stringify(level)} on ${id}`);
  const allowed = (record.Allowed_Email_Domains__c ?? '')
    .split(/[\s,;]+/)
    .map((d) => registrableDomain(d) ?? d.trim().toLowerCase())
    .filter((d) => d !== '');
  return compact<PartnerFacts>({
    id,
    name: record.Name ?? id,
    key: record.Partner_Key__c,
    tier: record.Tier__c,
    status: record.Status__c,
    strategic: record.Strategic__c === true,
    dataSharingLevel: level,
    allowedEmailDomains: allowed,
    protectionDaysOverride: record.Protection_Days_Override__c,
  });
}

export function referralFacts(record: Partner_Referral__c): ReferralFacts {
  return compact<ReferralFacts>({
    id: idOf('Partner_Referral__c', record),
    key: record.Referral_Key__c,
    partnerId: record.Channel_Partner__c,
    companyName: record.Company_Name__c,
    website: record.Company_Website__c,
    contactFirstName: record.Contact_First_Name__c,
    contactLastName: record.Contact_Last_Name__c,
    contactEmail: record.Contact_Email__c,
    contactPhone: record.Contact_Phone__c,
    street: record.Street__c,
    city: record.City__c,
    postalCode: record.Postal_Code__c,
    country: record.Country__c,
    useCase: record.Use_Case__c,
    howMet: record.How_Met__c,
    partnerSource: record.Partner_Source__c,
    consent: record.Consent_Confirmed__c === true,
    submittedAt: record.Submitted_At__c ?? record.CreatedDate,
    submitterEmail: record.Submitter_Email__c,
    status: record.Status__c,
    protectionEnd: record.Protection_End__c,
    firstMeetingAt: record.First_Meeting_At__c,
  });
}
