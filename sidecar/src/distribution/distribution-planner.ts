/**
 * Plans one distribution cycle: enforces follow-up SLAs on existing assignments (reminder
 * before the deadline, reclaim after it) and hands out leads that have no active assignment
 * by round robin, shark tank or direct assignment. Pure: the clock is an input and the
 * result is the set of assignment rows to upsert and the notices to send.
 */
import { eligiblePartners, exclusionReason } from './eligibility.ts';
import type { Assignment, DistributableLead, DistributionPartner, DistributionPlan, PartnerNotice, SlaSettings } from './types.ts';

const HOUR = 3_600_000;
const ACTIVE = new Set(['Offered', 'Accepted', 'Contacted']);
/** A shark-tank offer goes to at most this many partners, so a lead is not broadcast to everyone. */
export const SHARK_TANK_POOL_SIZE = 10;

export interface DistributionInput {
  leads: DistributableLead[];
  partners: DistributionPartner[];
  assignments: Assignment[];
  now: number;
  sla: SlaSettings;
}

export function assignmentKey(leadId: string, round: number, partnerId: string): string {
  return `${leadId}:${round}:${partnerId}`;
}

const hours = (n: number) => `${n} h`;

export function planDistribution(input: DistributionInput): DistributionPlan {
  const { now, sla } = input;
  const changed = new Map<string, Assignment>();
  const notices: PartnerNotice[] = [];
  const leadsById = new Map(input.leads.map((lead) => [lead.id, lead]));
  const companyOf = (leadId: string) => leadsById.get(leadId)?.company ?? 'a lead';
  const update = (assignment: Assignment, patch: Partial<Assignment>) => {
    const next = { ...assignment, ...patch };
    changed.set(next.key, next);
    return next;
  };

  const byLead = new Map<string, Assignment[]>();
  for (const assignment of [...input.assignments].sort((a, b) => a.key.localeCompare(b.key))) {
    const list = byLead.get(assignment.leadId) ?? [];
    list.push(assignment);
    byLead.set(assignment.leadId, list);
  }

  // 1. SLA enforcement on what is already out with partners.
  for (const [leadId, list] of byLead) {
    const acceptedInRound = new Set(list.filter((a) => a.acceptedAt !== null).map((a) => a.round));
    for (let i = 0; i < list.length; i++) {
      let assignment = list[i]!;
      if (!ACTIVE.has(assignment.status)) continue;
      // Shark tank: the first partner to accept wins; the other offers of that round close.
      if (assignment.status === 'Offered' && assignment.model === 'Shark Tank' && acceptedInRound.has(assignment.round)) {
        list[i] = update(assignment, { status: 'Expired', reclaimedAt: now, reclaimReason: 'another partner accepted the lead first' });
        notices.push({
          partnerId: assignment.partnerId,
          leadId,
          assignmentKey: assignment.key,
          kind: 'Offer Closed',
          message: `The offer for ${companyOf(leadId)} has closed: it was claimed first by another partner.`,
        });
        continue;
      }
      if (assignment.status === 'Accepted' && assignment.followUpDeadline === null && assignment.acceptedAt !== null) {
        assignment = list[i] = update(assignment, { followUpDeadline: assignment.acceptedAt + sla.followUpSlaHours * HOUR });
      }
      if (assignment.status === 'Contacted') continue;
      if (assignment.status === 'Offered' && assignment.acceptDeadline !== null && now > assignment.acceptDeadline) {
        list[i] = update(assignment, {
          status: 'Expired',
          reclaimedAt: now,
          reclaimReason: `not accepted within ${hours(sla.acceptSlaHours)}`,
        });
        notices.push({
          partnerId: assignment.partnerId,
          leadId,
          assignmentKey: assignment.key,
          kind: 'Lead Reclaimed',
          message: `The lead for ${companyOf(leadId)} was withdrawn: it was not accepted within ${hours(sla.acceptSlaHours)}.`,
        });
        continue;
      }
      if (assignment.followUpDeadline !== null && now > assignment.followUpDeadline) {
        list[i] = update(assignment, {
          status: 'Reclaimed',
          reclaimedAt: now,
          reclaimReason: `no contact logged within ${hours(sla.followUpSlaHours)}`,
        });
        notices.push({
          partnerId: assignment.partnerId,
          leadId,
          assignmentKey: assignment.key,
          kind: 'Lead Reclaimed',
          message: `The lead for ${companyOf(leadId)} was reclaimed and reassigned: no first contact was logged within ${hours(sla.followUpSlaHours)}.`,
        });
        continue;
      }
      const remindAt = assignment.followUpDeadline === null ? null : assignment.followUpDeadline - sla.reminderBeforeHours * HOUR;
      if (assignment.reminderSentAt === null && remindAt !== null && now >= remindAt) {
        list[i] = update(assignment, { reminderSentAt: now });
        notices.push({
          partnerId: assignment.partnerId,
          leadId,
          assignmentKey: assignment.key,
          kind: 'Follow-Up Reminder',
          message: `Reminder: log your first contact with ${companyOf(leadId)} before ${new Date(assignment.followUpDeadline!).toISOString()} or the lead will be reassigned.`,
        });
      }
    }
  }

  // 2. Hand out leads with nothing active.
  const openByPartner = new Map<string, number>(input.partners.map((p) => [p.id, p.openAssignments]));
  const lastOfferedAt = new Map<string, number>();
  for (const assignment of input.assignments) {
    lastOfferedAt.set(assignment.partnerId, Math.max(lastOfferedAt.get(assignment.partnerId) ?? -Infinity, assignment.offeredAt));
    if (changed.get(assignment.key) && !ACTIVE.has(changed.get(assignment.key)!.status) && ACTIVE.has(assignment.status)) {
      openByPartner.set(assignment.partnerId, Math.max(0, (openByPartner.get(assignment.partnerId) ?? 1) - 1));
    }
  }
  const partnersById = new Map(input.partners.map((p) => [p.id, p]));
  const undistributed: DistributionPlan['undistributed'] = [];

  const offer = (lead: DistributableLead, partner: DistributionPartner, round: number, previousKey: string | null): void => {
    const key = assignmentKey(lead.id, round, partner.id);
    changed.set(key, {
      key,
      leadId: lead.id,
      partnerId: partner.id,
      model: lead.model,
      status: 'Offered',
      round,
      offeredAt: now,
      acceptDeadline: now + sla.acceptSlaHours * HOUR,
      acceptedAt: null,
      // Shark tank starts the follow-up clock when a partner claims the lead; the others at offer.
      followUpDeadline: lead.model === 'Shark Tank' ? null : now + sla.followUpSlaHours * HOUR,
      contactedAt: null,
      reminderSentAt: null,
      reclaimedAt: null,
      reclaimReason: null,
      previousKey,
    });
    openByPartner.set(partner.id, (openByPartner.get(partner.id) ?? 0) + 1);
    lastOfferedAt.set(partner.id, now);
    notices.push({
      partnerId: partner.id,
      leadId: lead.id,
      assignmentKey: key,
      kind: 'Lead Offered',
      message: `New lead offered: ${lead.company}. Accept within ${hours(sla.acceptSlaHours)} and log first contact within ${hours(sla.followUpSlaHours)}.`,
    });
  };

  for (const lead of [...input.leads].sort((a, b) => a.id.localeCompare(b.id))) {
    const history = (byLead.get(lead.id) ?? []).map((a) => changed.get(a.key) ?? a);
    if (history.some((a) => ACTIVE.has(a.status))) continue;
    const round = history.reduce((max, a) => Math.max(max, a.round), 0) + 1;
    const previous = history.length ? history[history.length - 1]!.key : null;
    const alreadyHadIt = new Set(history.map((a) => a.partnerId));

    if (lead.model === 'Direct Assignment') {
      const named = lead.namedPartnerId ? partnersById.get(lead.namedPartnerId) : undefined;
      if (!named) {
        undistributed.push({
          leadId: lead.id,
          reason: lead.namedPartnerId ? `named partner ${lead.namedPartnerId} does not exist` : 'direct assignment without a named partner',
        });
        continue;
      }
      // A channel manager's named-account choice overrides territory rules, not capacity or status.
      const reason = exclusionReason(
        { ...lead, country: null, industry: null, products: [], minimumTier: null },
        { ...named, regions: [], verticals: [], products: [] },
        openByPartner.get(named.id) ?? 0,
      );
      if (reason || alreadyHadIt.has(named.id)) {
        undistributed.push({ leadId: lead.id, reason: reason ?? 'the named partner already had this lead and lost it to the SLA' });
        continue;
      }
      offer(lead, named, round, previous);
      continue;
    }

    const { eligible, excluded } = eligiblePartners(lead, input.partners, openByPartner, alreadyHadIt);
    if (eligible.length === 0) {
      const reasons = [...new Set(excluded.map((e) => e.reason))].slice(0, 3).join('; ');
      undistributed.push({ leadId: lead.id, reason: `no eligible partner${reasons ? `: ${reasons}` : ''}` });
      continue;
    }
    // Rotation without stored state: the eligible partner offered a lead longest ago goes next.
    const ordered = [...eligible].sort(
      (a, b) =>
        (lastOfferedAt.get(a.id) ?? -Infinity) - (lastOfferedAt.get(b.id) ?? -Infinity) ||
        (openByPartner.get(a.id) ?? 0) - (openByPartner.get(b.id) ?? 0) ||
        a.id.localeCompare(b.id),
    );
    if (lead.model === 'Shark Tank') for (const partner of ordered.slice(0, SHARK_TANK_POOL_SIZE)) offer(lead, partner, round, previous);
    else offer(lead, ordered[0]!, round, previous);
  }

  return {
    assignments: [...changed.values()].sort((a, b) => a.key.localeCompare(b.key)),
    notices,
    undistributed,
  };
}
