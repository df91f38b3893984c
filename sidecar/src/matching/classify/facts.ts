/**
 * What the submission checker knows about the org, one plain shape per record type. The
 * sync layer fills them with the mappers in org/record-mappers.ts; tests build them directly.
 * Dates are ISO-8601 strings as the API returns them.
 */
export type DataSharingLevel = 'Full' | 'Overlap Only' | 'Counts Only' | 'None';
export type Population = 'Customer' | 'Open Opportunity' | 'Prospect';

export interface PartnerFacts {
  id: string;
  name: string;
  key?: string;
  tier?: string;
  status?: string;
  strategic: boolean;
  dataSharingLevel: DataSharingLevel;
  /** Registrable domains the partner's submitters may use; empty = no restriction. */
  allowedEmailDomains: string[];
  protectionDaysOverride?: number;
}

export interface AccountFacts {
  id: string;
  name?: string;
  website?: string;
  phone?: string;
  street?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  ownerId?: string;
  /** Account.Type, e.g. "Customer - Direct". */
  type?: string;
  strategic: boolean;
  registrationBlocked: boolean;
}

export interface LeadFacts {
  id: string;
  company?: string;
  website?: string;
  email?: string;
  phone?: string;
  street?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  contactName?: string;
  ownerId?: string;
  status?: string;
  isConverted: boolean;
  convertedAccountId?: string;
  /** The partner referral this lead came from, if any (then it is not direct engagement). */
  partnerReferralId?: string;
  createdDate?: string;
  lastActivityDate?: string;
}

export interface ContactFacts {
  id: string;
  accountId?: string;
  name?: string;
  email?: string;
  phone?: string;
}

export interface OpportunityFacts {
  id: string;
  name?: string;
  accountId?: string;
  ownerId?: string;
  stageName?: string;
  isClosed: boolean;
  isWon: boolean;
  amount?: number;
  createdDate?: string;
  closeDate?: string;
  lastActivityDate?: string;
  resellerPartnerId?: string;
  partnerReferralId?: string;
}

/** A Task or Event: direct engagement when its owner is a direct seller. */
export interface ActivityFacts {
  id: string;
  kind: 'Task' | 'Event';
  ownerId?: string;
  /** Account, Opportunity or other record the activity is about. */
  whatId?: string;
  /** Lead or Contact the activity is with. */
  whoId?: string;
  /** When it happened (ActivityDate / ActivityDateTime, else CreatedDate). */
  date?: string;
  subject?: string;
}

export type ReferralStatus = 'Submitted' | 'In Review' | 'Needs More Info' | 'Approved' | 'Declined' | 'Converted' | 'Expired';

export interface ReferralFacts {
  id: string;
  key?: string;
  partnerId?: string;
  companyName?: string;
  website?: string;
  contactFirstName?: string;
  contactLastName?: string;
  contactEmail?: string;
  contactPhone?: string;
  street?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  /** The need, one sentence at least (Use_Case__c). */
  useCase?: string;
  /** The introduction path (How_Met__c). */
  howMet?: string;
  partnerSource?: string;
  consent: boolean;
  submittedAt?: string;
  submitterEmail?: string;
  status?: ReferralStatus | string;
  protectionEnd?: string;
  firstMeetingAt?: string;
}
