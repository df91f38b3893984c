import type { MatchCandidate } from '../types.ts';

export type Classification =
  'New' | 'Duplicate Submission' | 'Partner vs Partner' | 'Partner vs Direct' | 'Existing Customer' | 'Open Opportunity';
export type ConflictType = 'Partner vs Partner' | 'Partner vs Direct' | 'Existing Customer' | 'Open Opportunity';
export type Recommendation = 'Accept' | 'Needs More Context' | 'Decline' | 'Owner Review';
export type DuplicateStatus = 'Unique' | 'Possible Duplicate' | 'Duplicate';
export type StopGate =
  | 'Missing Customer Context'
  | 'Missing Partner Source'
  | 'Missing Introduction Path'
  | 'Missing Consent'
  | 'Contradictory Data'
  | 'Stale Data'
  | 'Out of Policy'
  | 'Strategic Review';

/** One dated fact in a conflict's timeline (Channel_Conflict__c.Evidence__c). */
export interface EvidenceEvent {
  at: string;
  kind: 'submission' | 'approval' | 'first_meeting' | 'direct_activity' | 'open_opportunity' | 'customer' | 'match';
  recordId: string;
  /** Internal detail for the partner manager (may name partners: never shown to a partner). */
  detail: string;
  partnerId?: string;
  ownerId?: string;
}

/** A channel conflict found by the check. Never resolved here: the partner manager decides. */
export interface ConflictFinding {
  type: ConflictType;
  /** Stable across re-checks of the same company and claims: the Conflict_Key__c. */
  key: string;
  companyName?: string;
  companyDomain?: string;
  accountId?: string;
  opportunityId?: string;
  leadId?: string;
  directOwnerId?: string;
  /** Partners with a claim, the submitting one included. */
  partnerIds: string[];
  referralIds: string[];
  evidence: EvidenceEvent[];
}

export interface SubmissionCheck {
  referralId: string;
  partnerId?: string;
  checkedAt: string;
  classification: Classification;
  duplicateStatus: DuplicateStatus;
  recommendation: Recommendation;
  /** Why, in order of weight; for the partner manager (internal). */
  recommendationReasons: string[];
  stopGates: StopGate[];
  /** Confidence of the best match (0 when nothing matched). */
  confidence: number;
  /** Best matches (accounts, leads, referrals) with their reasons. */
  matches: MatchCandidate[];
  companyDomain?: string;
  matchedAccountId?: string;
  matchedLeadId?: string;
  matchedOpportunityId?: string;
  /** The same partner's earlier submission this one duplicates. */
  duplicateOfId?: string;
  conflicts: ConflictFinding[];
  /** What the submitting partner may be told (never another partner's name or data). */
  partnerVisibleReason: string;
  decisionSlaDue?: string;
}
