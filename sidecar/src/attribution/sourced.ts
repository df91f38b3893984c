/**
 * The sourced role: one partner, by the registration rule. A registration is a candidate when it
 * was registered before the opportunity was created and its protection window covered that moment.
 * Several partners → the brief's conflict rule: the first approved registration that got a first
 * meeting within firstMeetingDays of its approval wins. When the rule cannot decide (no candidate
 * met it, or two met it at the same instant) the earliest approved one is proposed and flagged for
 * review — a person decides, never the engine.
 */
import { DAY_MS } from './kernel.ts';
import type { AttributionOpportunity, AttributionRegistration } from './types.ts';

export interface SourcedDecision {
  partnerId: string;
  registration: AttributionRegistration;
  candidates: AttributionRegistration[];
  needsReview: boolean;
  reviewReason: string | null;
  rule: string;
}

/** Why a registration does or does not qualify, for the explanation. */
export function registrationStatus(opportunity: AttributionOpportunity, registration: AttributionRegistration): string {
  if (!(registration.registeredAt < opportunity.createdAt)) return 'registered after the opportunity was created';
  if (registration.protectionStart > opportunity.createdAt) return 'protection had not started when the opportunity was created';
  if (registration.protectionEnd <= opportunity.createdAt) return 'protection had expired when the opportunity was created';
  return 'candidate';
}

function compareByApproval(a: AttributionRegistration, b: AttributionRegistration): number {
  return (
    a.approvedAt - b.approvedAt ||
    a.registeredAt - b.registeredAt ||
    (a.referralId < b.referralId ? -1 : a.referralId > b.referralId ? 1 : 0)
  );
}

function metWithin(registration: AttributionRegistration, firstMeetingDays: number): boolean {
  const meeting = registration.firstMeetingAt;
  return meeting !== null && meeting >= registration.approvedAt && meeting - registration.approvedAt <= firstMeetingDays * DAY_MS;
}

export function decideSourced(opportunity: AttributionOpportunity, firstMeetingDays: number): SourcedDecision | null {
  const qualifying = opportunity.registrations.filter((r) => registrationStatus(opportunity, r) === 'candidate').sort(compareByApproval);
  // One candidate per partner: its earliest approved registration.
  const seen = new Set<string>();
  const candidates = qualifying.filter((r) => (seen.has(r.partnerId) ? false : (seen.add(r.partnerId), true)));
  const earliest = candidates[0];
  if (!earliest) return null;
  if (candidates.length === 1) {
    return {
      partnerId: earliest.partnerId,
      registration: earliest,
      candidates,
      needsReview: false,
      reviewReason: null,
      rule: 'the only approved registration protected when the opportunity was created',
    };
  }
  const met = candidates.filter((r) => metWithin(r, firstMeetingDays));
  const winner = met[0];
  if (!winner) {
    return {
      partnerId: earliest.partnerId,
      registration: earliest,
      candidates,
      needsReview: true,
      reviewReason: `${candidates.length} partners hold protected registrations and none got a first meeting within ${firstMeetingDays} days of approval; proposed the earliest approved (${earliest.referralId}) — a partner manager decides.`,
      rule: 'conflict rule undecided: earliest approved registration proposed',
    };
  }
  const tied = met.filter((r) => r.approvedAt === winner.approvedAt);
  if (tied.length > 1) {
    return {
      partnerId: winner.partnerId,
      registration: winner,
      candidates,
      needsReview: true,
      reviewReason: `Registrations ${tied.map((r) => r.referralId).join(', ')} were approved at the same instant and all got a first meeting within ${firstMeetingDays} days; proposed ${winner.referralId} — a partner manager decides.`,
      rule: 'conflict rule tied: registration proposed by record order',
    };
  }
  return {
    partnerId: winner.partnerId,
    registration: winner,
    candidates,
    needsReview: false,
    reviewReason: null,
    rule: `conflict rule: first approved registration with a first meeting within ${firstMeetingDays} days of approval`,
  };
}
