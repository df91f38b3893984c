import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assignmentFromRecord,
  assignmentToRecord,
  DistributionInputError,
  leadFromRecord,
  planDistribution,
  regionOfCountry,
} from '../../src/distribution/index.ts';
import type { Assignment, DistributableLead, DistributionPartner } from '../../src/distribution/index.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-24T09:00:00.000Z');
const SLA = { acceptSlaHours: 24, followUpSlaHours: 48, reminderBeforeHours: 12 };

function partner(id: string, overrides: Partial<DistributionPartner> = {}): DistributionPartner {
  return {
    id,
    name: `Partner ${id}`,
    active: true,
    tier: 'Gold',
    regions: ['EMEA'],
    verticals: [],
    products: [],
    capacity: null,
    openAssignments: 0,
    ...overrides,
  };
}
function lead(id: string, overrides: Partial<DistributableLead> = {}): DistributableLead {
  return { id, company: `Company ${id}`, country: 'Germany', industry: 'Manufacturing', products: [], model: 'Round Robin', ...overrides };
}
function offered(leadId: string, partnerId: string, offeredAt: number, overrides: Partial<Assignment> = {}): Assignment {
  return {
    key: `${leadId}:1:${partnerId}`,
    leadId,
    partnerId,
    model: 'Round Robin',
    status: 'Offered',
    round: 1,
    offeredAt,
    acceptDeadline: offeredAt + 24 * HOUR,
    acceptedAt: null,
    followUpDeadline: offeredAt + 48 * HOUR,
    contactedAt: null,
    reminderSentAt: null,
    reclaimedAt: null,
    reclaimReason: null,
    previousKey: null,
    ...overrides,
  };
}

describe('eligibility', () => {
  test('maps countries by code or name to the regions partners cover', () => {
    assert.equal(regionOfCountry('DE'), 'EMEA');
    assert.equal(regionOfCountry('United States'), 'North America');
    assert.equal(regionOfCountry('Brasil'), 'Latin America');
    assert.equal(regionOfCountry('Atlantis'), null);
  });

  test('round robin skips partners outside the lead region, vertical or capacity and says why', () => {
    const partners = [
      partner('P1', { regions: ['APAC'] }),
      partner('P2', { verticals: ['Healthcare'] }),
      partner('P3', { capacity: 2, openAssignments: 2 }),
      partner('P4', { active: false }),
    ];
    const plan = planDistribution({ leads: [lead('L1')], partners, assignments: [], now: NOW, sla: SLA });
    assert.equal(plan.assignments.length, 0);
    assert.equal(plan.undistributed.length, 1);
    assert.match(plan.undistributed[0]!.reason, /no eligible partner: .*outside the partner's regions/);
  });
});

describe('round robin', () => {
  test('rotates to the eligible partner offered a lead longest ago, within one run too', () => {
    const history = [
      offered('L0', 'P1', NOW - 5 * HOUR, { status: 'Contacted', contactedAt: NOW - 4 * HOUR }),
      offered('L9', 'P2', NOW - 9 * HOUR, { status: 'Contacted', contactedAt: NOW - 8 * HOUR }),
    ];
    const plan = planDistribution({
      leads: [lead('L1'), lead('L2'), lead('L3')],
      partners: [partner('P1'), partner('P2'), partner('P3')],
      assignments: history,
      now: NOW,
      sla: SLA,
    });
    const byLead = Object.fromEntries(plan.assignments.map((a) => [a.leadId, a.partnerId]));
    assert.deepEqual(byLead, { L1: 'P3', L2: 'P2', L3: 'P1' });
    const first = plan.assignments.find((a) => a.leadId === 'L1')!;
    assert.equal(first.acceptDeadline, NOW + 24 * HOUR);
    assert.equal(first.followUpDeadline, NOW + 48 * HOUR);
    assert.equal(plan.notices.filter((n) => n.kind === 'Lead Offered').length, 3);
  });

  test('is deterministic and leaves leads with an active assignment alone', () => {
    const input = {
      leads: [lead('L1'), lead('L2')],
      partners: [partner('P1'), partner('P2')],
      assignments: [offered('L2', 'P1', NOW - HOUR)],
      now: NOW,
      sla: SLA,
    };
    const once = planDistribution(input);
    assert.deepEqual(planDistribution(input), once);
    assert.deepEqual(
      once.assignments.map((a) => a.key),
      ['L1:1:P2'],
    );
  });
});

describe('follow-up SLA', () => {
  test('reminds once, reminderBeforeHours before the follow-up deadline', () => {
    const assignment = offered('L1', 'P1', NOW - 37 * HOUR, { status: 'Accepted', acceptedAt: NOW - 36 * HOUR });
    const plan = planDistribution({
      leads: [lead('L1')],
      partners: [partner('P1'), partner('P2')],
      assignments: [assignment],
      now: NOW,
      sla: SLA,
    });
    assert.equal(plan.assignments.length, 1);
    assert.equal(plan.assignments[0]!.reminderSentAt, NOW);
    assert.deepEqual(
      plan.notices.map((n) => n.kind),
      ['Follow-Up Reminder'],
    );
    const again = planDistribution({
      leads: [lead('L1')],
      partners: [partner('P1'), partner('P2')],
      assignments: plan.assignments,
      now: NOW + HOUR,
      sla: SLA,
    });
    assert.equal(again.notices.length, 0);
  });

  test('reclaims after the deadline without a logged contact, tells the partner, and reassigns to someone else', () => {
    const assignment = offered('L1', 'P1', NOW - 50 * HOUR, {
      status: 'Accepted',
      acceptedAt: NOW - 49 * HOUR,
      reminderSentAt: NOW - 10 * HOUR,
    });
    const plan = planDistribution({
      leads: [lead('L1')],
      partners: [partner('P1'), partner('P2')],
      assignments: [assignment],
      now: NOW,
      sla: SLA,
    });
    const reclaimed = plan.assignments.find((a) => a.key === 'L1:1:P1')!;
    assert.equal(reclaimed.status, 'Reclaimed');
    assert.match(reclaimed.reclaimReason!, /no contact logged within 48 h/);
    const next = plan.assignments.find((a) => a.key === 'L1:2:P2')!;
    assert.equal(next.status, 'Offered');
    assert.equal(next.previousKey, 'L1:1:P1');
    const notice = plan.notices.find((n) => n.kind === 'Lead Reclaimed')!;
    assert.equal(notice.partnerId, 'P1');
    assert.ok(!notice.message.includes('Partner P2'), 'a reclaim notice never names the next partner');
  });

  test('a contacted assignment is never reclaimed', () => {
    const assignment = offered('L1', 'P1', NOW - 100 * HOUR, {
      status: 'Contacted',
      acceptedAt: NOW - 99 * HOUR,
      contactedAt: NOW - 98 * HOUR,
    });
    const plan = planDistribution({
      leads: [lead('L1')],
      partners: [partner('P1'), partner('P2')],
      assignments: [assignment],
      now: NOW,
      sla: SLA,
    });
    assert.equal(plan.assignments.length, 0);
  });

  test('an offer not accepted within the accept SLA expires and moves on', () => {
    const plan = planDistribution({
      leads: [lead('L1')],
      partners: [partner('P1'), partner('P2')],
      assignments: [offered('L1', 'P1', NOW - 25 * HOUR)],
      now: NOW,
      sla: SLA,
    });
    assert.equal(plan.assignments.find((a) => a.key === 'L1:1:P1')!.status, 'Expired');
    assert.ok(plan.assignments.some((a) => a.key === 'L1:2:P2'));
  });
});

describe('shark tank and direct assignment', () => {
  test('offers to the pool; the first to accept wins and the other offers close', () => {
    const leads = [lead('L1', { model: 'Shark Tank' })];
    const partners = [partner('P1'), partner('P2'), partner('P3')];
    const first = planDistribution({ leads, partners, assignments: [], now: NOW, sla: SLA });
    assert.deepEqual(
      first.assignments.map((a) => a.partnerId),
      ['P1', 'P2', 'P3'],
    );
    assert.ok(first.assignments.every((a) => a.followUpDeadline === null));
    const claimed = first.assignments.map((a) =>
      a.partnerId === 'P2' ? { ...a, status: 'Accepted' as const, acceptedAt: NOW + HOUR } : a,
    );
    const second = planDistribution({ leads, partners, assignments: claimed, now: NOW + 2 * HOUR, sla: SLA });
    const status = Object.fromEntries(second.assignments.map((a) => [a.partnerId, a.status]));
    assert.deepEqual(status, { P1: 'Expired', P2: 'Accepted', P3: 'Expired' });
    assert.equal(second.assignments.find((a) => a.partnerId === 'P2')!.followUpDeadline, NOW + HOUR + 48 * HOUR);
  });

  test('direct assignment goes to the named partner even outside its territory, but not over capacity', () => {
    const partners = [partner('P1', { regions: ['APAC'] }), partner('P2', { capacity: 1, openAssignments: 1 })];
    const plan = planDistribution({
      leads: [
        lead('L1', { model: 'Direct Assignment', namedPartnerId: 'P1' }),
        lead('L2', { model: 'Direct Assignment', namedPartnerId: 'P2' }),
      ],
      partners,
      assignments: [],
      now: NOW,
      sla: SLA,
    });
    assert.deepEqual(
      plan.assignments.map((a) => a.key),
      ['L1:1:P1'],
    );
    assert.match(plan.undistributed[0]!.reason, /at capacity \(1\/1\)/);
  });
});

describe('record mapping', () => {
  test('round-trips an assignment through Lead_Assignment__c fields', () => {
    const assignment = offered('00Q000000000001AAA', 'a00000000000001AAA', NOW);
    const record = assignmentToRecord(assignment);
    assert.equal(record.Assignment_Key__c, assignment.key);
    assert.equal(record.Offered_At__c, '2026-11-24T09:00:00.000Z');
    const back = assignmentFromRecord({ ...record, Id: 'a05000000000001AAA' });
    assert.deepEqual({ ...back, previousKey: null }, assignment);
  });

  test('bad input names the record and the field', () => {
    assert.throws(
      () => leadFromRecord({ Id: '00Q000000000001AAA', Company: 'Acme', Partner_Distribution_Model__c: 'Lottery' as never }),
      (error: unknown) =>
        error instanceof DistributionInputError &&
        /Lead 00Q000000000001AAA Partner_Distribution_Model__c: expected one of/.test(error.message),
    );
  });
});
