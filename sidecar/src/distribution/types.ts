/** Inputs and outputs of the distribution engine: plain data, no I/O. */
export type DistributionModel = 'Round Robin' | 'Shark Tank' | 'Direct Assignment';
export type AssignmentStatus = 'Offered' | 'Accepted' | 'Contacted' | 'Declined' | 'Reclaimed' | 'Expired';

export interface DistributionPartner {
  id: string;
  name: string;
  active: boolean;
  tier: string | null;
  regions: string[];
  verticals: string[];
  products: string[];
  /** Most open assignments at once; null = no limit. */
  capacity: number | null;
  /** Open assignments in the org before this run (Offered / Accepted / Contacted). */
  openAssignments: number;
}

export interface DistributableLead {
  id: string;
  company: string;
  country: string | null;
  industry: string | null;
  products: string[];
  model: DistributionModel;
  /** Direct assignment: the partner the channel manager named. */
  namedPartnerId?: string | null;
  /** Lowest tier eligible (e.g. 'Gold' keeps Silver and Registered out). */
  minimumTier?: string | null;
}

export interface Assignment {
  key: string;
  leadId: string;
  partnerId: string;
  model: DistributionModel;
  status: AssignmentStatus;
  /** Offer round: 1 for the first offer, +1 after each reclaim. */
  round: number;
  offeredAt: number;
  acceptDeadline: number | null;
  acceptedAt: number | null;
  followUpDeadline: number | null;
  contactedAt: number | null;
  reminderSentAt: number | null;
  reclaimedAt: number | null;
  reclaimReason: string | null;
  previousKey: string | null;
}

export interface SlaSettings {
  acceptSlaHours: number;
  followUpSlaHours: number;
  reminderBeforeHours: number;
}

export type PartnerNoticeKind = 'Lead Offered' | 'Follow-Up Reminder' | 'Lead Reclaimed' | 'Offer Closed';

export interface PartnerNotice {
  partnerId: string;
  leadId: string;
  assignmentKey: string;
  kind: PartnerNoticeKind;
  /** Plain words the partner is told: never another partner's name. */
  message: string;
}

export interface UndistributedLead {
  leadId: string;
  reason: string;
}

export interface DistributionPlan {
  /** Assignments to upsert (new ones and changed ones), by Assignment_Key__c. */
  assignments: Assignment[];
  notices: PartnerNotice[];
  undistributed: UndistributedLead[];
}
