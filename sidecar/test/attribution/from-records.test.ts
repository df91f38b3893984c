import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributionInputFromRecords, computeAttributions } from '../../src/attribution/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { demoRecords } from './org-records.ts';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');

test('maps every touch source and carries the referral forward through the lead conversion', () => {
  const { input, problems } = attributionInputFromRecords(demoRecords(), DEFAULT_PROGRAM_SETTINGS, NOW);
  const o1 = input.opportunities.find((o) => o.id === 'O1');
  assert.ok(o1);
  assert.equal(o1.inPlayAt, Date.parse('2026-01-20T10:00:00.000Z'), 'in play since the converted lead was created');
  assert.equal(o1.closeAt, Date.parse('2026-06-01T00:00:00.000Z'), 'a touch any time on the close date counts');
  assert.deepEqual(
    o1.registrations.map((r) => [r.referralId, r.partnerId, r.protectionDerived]),
    [
      ['R1', 'P1', false],
      ['R2', 'P2', true],
    ],
  );
  const r2 = o1.registrations[1];
  assert.equal(r2?.protectionEnd, Date.parse('2026-01-19T00:00:00.000Z') + 180 * 86_400_000, 'derived from the Platinum tier: 180 days');
  assert.deepEqual(o1.touches.map((t) => t.key).sort(), [
    'Lead_Assignment__c:LA1',
    'Partner_Referral__c:R1',
    'Partner_Referral__c:R2',
    'Partner_Touch__c:T1',
    'Partner_Touch__c:T2',
  ]);
  assert.equal(o1.touches.find((t) => t.key === 'Partner_Touch__c:T1')?.evidence, 'Joint demo with the Globex CTO');
  assert.equal(o1.touches.find((t) => t.key === 'Lead_Assignment__c:LA1')?.type, 'Lead Worked');
  assert.deepEqual(problems, [
    { object: 'Partner_Touch__c', recordId: 'T4', field: 'Touched_At__c', message: 'every touch needs a timestamp, got null' },
  ]);
  const o2 = input.opportunities.find((o) => o.id === 'O2');
  assert.deepEqual(
    o2?.registrations.map((r) => r.referralId),
    ['R4'],
    'linked through the converted lead L2',
  );
});

test('end to end: sourced by the conflict rule, resold by the reseller, influenced by time decay', () => {
  const { input } = attributionInputFromRecords(demoRecords(), DEFAULT_PROGRAM_SETTINGS, NOW);
  const { lines, opportunityIds } = computeAttributions(input);
  assert.deepEqual(opportunityIds, ['O1', 'O2', 'O3']);
  // Checked by hand: Δt to the end of 2026-05-31 is 129.625 (LA1), 91.4167 (T1), 60.4167 (T2) days; h = 30.
  const o1 = lines.filter((l) => l.opportunityId === 'O1' && (l.role !== 'Influenced' || l.model === 'Time Decay'));
  assert.deepEqual(
    o1.map((l) => [l.partnerId, l.role, l.model, l.share, l.creditedAmount, l.commissionRatePercent, l.proposedCommission, l.needsReview]),
    [
      ['P1', 'Sourced', 'Registration Rule', 1, 50000, 15, 7500, false],
      ['P2', 'Influenced', 'Time Decay', 0.2889863587, 14449.32, 18, 2600.88, false],
      ['P3', 'Influenced', 'Time Decay', 0.7110136413, 35550.68, 10, 3555.07, false],
      ['P3', 'Resold', 'Reseller of Record', 1, 50000, 10, 5000, false],
    ],
  );
  const o2 = lines.filter((l) => l.opportunityId === 'O2' && l.role === 'Sourced');
  assert.deepEqual(
    o2.map((l) => [l.partnerId, l.creditedAmount, l.proposedCommission]),
    [['P2', 20000, null]],
  );
});

test('bad records are reported with object, record and field; the rest still maps', () => {
  const records = demoRecords();
  records.opportunities.push({ Id: 'O9', CreatedDate: 'yesterday', StageName: 'Prospecting' });
  records.opportunities.push({ Id: 'O8', CreatedDate: '2026-01-01T00:00:00Z', StageName: 'Closed Won', CloseDate: null });
  records.referrals.push({
    Id: 'R9',
    Channel_Partner__c: 'P1',
    Status__c: 'Approved',
    Converted_Opportunity__c: 'O1',
    Submitted_At__c: '2026-01-01T00:00:00Z',
  });
  const { input, problems } = attributionInputFromRecords(records, DEFAULT_PROGRAM_SETTINGS, NOW);
  assert.deepEqual(
    problems.map((p) => `${p.object}.${p.field} ${p.recordId}`),
    ['Opportunity.CreatedDate O9', 'Opportunity.CloseDate O8', 'Partner_Referral__c.Decided_At__c R9', 'Partner_Touch__c.Touched_At__c T4'],
  );
  assert.deepEqual(
    input.opportunities.map((o) => o.id),
    ['O1', 'O2', 'O3'],
  );
});
