/**
 * Inputs and outputs of the attribution engine. Plain data: times are epoch milliseconds (UTC),
 * money is in the opportunity's currency, shares are fractions of a role pool (0..1).
 */
import type { Partner_Attribution__c, Partner_Touch__c } from '@partner-lead-sync/model';
import type { ProgramSettings } from '../settings/program-settings.ts';

export type AttributionRole = NonNullable<Partner_Attribution__c['Role__c']>;
export type AttributionModel = NonNullable<Partner_Attribution__c['Model__c']>;

/** The models that split the influenced pool over touches; Time Decay is the programme's own. */
export type InfluenceModel = 'Time Decay' | 'Linear' | 'First Touch' | 'Last Touch' | 'Position Based';
export const INFLUENCE_MODELS: readonly InfluenceModel[] = Object.freeze([
  'Time Decay',
  'Linear',
  'First Touch',
  'Last Touch',
  'Position Based',
]);

/** The model whose rows carry a proposed commission, per role. The other influence models are for comparison. */
export const PAYABLE_MODEL: Readonly<Record<AttributionRole, AttributionModel>> = Object.freeze({
  Sourced: 'Registration Rule',
  Influenced: 'Time Decay',
  Resold: 'Reseller of Record',
});

export type TouchType = NonNullable<Partner_Touch__c['Touch_Type__c']>;

/** Where a touch came from in the org. */
export type TouchOrigin = 'Partner_Referral__c' | 'Partner_Touch__c' | 'Lead_Assignment__c';

export interface AttributionPartner {
  id: string;
  name: string;
  tier: string | null;
  /** Channel_Partner__c.Commission_Rate__c: a percent (15 = 15 %), null when the tier decides. */
  commissionRatePercent: number | null;
  protectionDaysOverride: number | null;
}

/** One timestamped partner touchpoint with its evidence. */
export interface AttributionTouch {
  /** Unique and stable, e.g. `Partner_Touch__c:a0B…`: orders ties and names the touch in explanations. */
  key: string;
  partnerId: string;
  at: number;
  type: TouchType;
  origin: TouchOrigin;
  recordId: string;
  /** Human-readable evidence: what happened, which record proves it. */
  evidence: string;
}

/** An approved (or converted) registration linked to the opportunity: the sourced candidates. */
export interface AttributionRegistration {
  referralId: string;
  partnerId: string;
  /** When the partner registered (Submitted_At__c, else CreatedDate). */
  registeredAt: number;
  /** When it was approved (Decided_At__c, else the protection start). */
  approvedAt: number;
  /** Protection window [start, end): start of the first protected day to the end of the last. */
  protectionStart: number;
  protectionEnd: number;
  /** True when the window came from programme settings because the record had none. */
  protectionDerived: boolean;
  firstMeetingAt: number | null;
  evidence: string;
}

export interface AttributionOpportunity {
  id: string;
  name: string;
  amount: number | null;
  createdAt: number;
  /** When the deal came into play: the opportunity's creation, or earlier the creation of a lead converted into it. */
  inPlayAt: number;
  /** End of the close date (exclusive), as the engine compares instants. */
  closeAt: number;
  /** Close date as stored (YYYY-MM-DD), for explanations. */
  closeDate: string | null;
  isClosed: boolean;
  isWon: boolean;
  resellerPartnerId: string | null;
  registrations: AttributionRegistration[];
  touches: AttributionTouch[];
}

export interface AttributionInput {
  opportunities: AttributionOpportunity[];
  partners: AttributionPartner[];
  settings: ProgramSettings;
  /** The computation's "now" (epoch ms): the reference for open opportunities. Never read from a clock here. */
  now: number;
}

export type TouchStatus = 'counted' | 'before in play' | 'after close' | 'after now';

export interface ExplainedTouch {
  key: string;
  partnerId: string;
  type: TouchType;
  at: string;
  evidence: string;
  status: TouchStatus;
  /** Share of the pool under this line's model (0 when not counted). */
  share: number;
  /** Time decay only: days from the touch to the reference and the raw weight 2^(−days/half-life). */
  daysBeforeReference?: number;
  weight?: number;
}

export interface AttributionExplanation {
  version: 1;
  role: AttributionRole;
  model: AttributionModel;
  rule: string;
  opportunity: {
    id: string;
    amount: number | null;
    createdAt: string;
    inPlayAt: string;
    closeDate: string | null;
    state: 'Open' | 'Won' | 'Lost';
  };
  /** The instant weights are measured against: the close date's end, or for an open deal the latest counted touch. */
  reference?: { at: string; basis: 'close date' | 'latest counted touch (open opportunity)' };
  settings: Record<string, number | string | null>;
  touches?: ExplainedTouch[];
  registrations?: Array<{
    referralId: string;
    partnerId: string;
    registeredAt: string;
    approvedAt: string;
    protection: string;
    firstMeetingAt: string | null;
    qualifies: string;
  }>;
  partnerShare: number;
  commission?: { rate: number; source: string; basis: string } | { none: string };
}

/** One computed credit: opportunity × partner × role × model. */
export interface AttributionLine {
  key: string;
  opportunityId: string;
  partnerId: string;
  role: AttributionRole;
  model: AttributionModel;
  /** Share of the role pool, rounded to the field's 10 decimals. */
  share: number;
  creditedAmount: number;
  /** Percent (15 = 15 %) on payable rows, else null. */
  commissionRatePercent: number | null;
  /** Won opportunities and payable rows only, else null. */
  proposedCommission: number | null;
  halfLifeDays: number | null;
  needsReview: boolean;
  reviewReason: string | null;
  /** Sourced lines: the registration that decided it. */
  referralId: string | null;
  explanation: AttributionExplanation;
  /** Explanation__c as written: JSON.stringify(explanation), exactly. */
  explanationJson: string;
}

export interface AttributionResult {
  /** Every opportunity the computation covered, sorted: the scope in which stale proposals are superseded. */
  opportunityIds: string[];
  /** Sorted by key. */
  lines: AttributionLine[];
}
